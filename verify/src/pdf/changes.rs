//! What the revisions after a signature changed (spec §6a "Revisions").
//!
//! The file as it was when signed is `bytes[..signed_end]`; it is opened as
//! a document of its own. Every object number whose cross-reference entry
//! differs between that revision and the final file (new, redefined, freed,
//! or inside a changed object stream) is read in both and, when it really
//! differs, classified by what it is in the final file (`changes_roles`,
//! `changes_classify`). A redefinition of an object the signed revision
//! already had is caught the same way: it changes that object's entry.

use std::collections::{BTreeMap, BTreeSet};

use super::cos::{Entry, Object as Primitive};

use super::changes_classify::Revisions;
use super::changes_roles::{Role, Roles};
use super::document::{Document, MAX_ANALYSIS_OBJECTS};
use super::places::Places;
use super::revisions::Chain;
use crate::verdict_pdf::{Change, ChangeClass, ChangeRole, Warning, MAX_CHANGES_LISTED};

/// Changed objects looked at after one signature.
const MAX_CHANGED: usize = 10_000;

/// Objects read from the final file for all its signatures' analyses.
const MAX_FINAL_OBJECTS: u32 = 5 * MAX_ANALYSIS_OBJECTS;

pub struct Changes {
    /// Sorted, without duplicates.
    pub classes: Vec<ChangeClass>,
    /// The objects behind the classes (at most `MAX_CHANGES_LISTED`).
    pub objects: Vec<Change>,
    /// `changes-not-fully-analysed` when the analysis stopped short: the
    /// classes then include `other`.
    pub warnings: Vec<Warning>,
}

/// The final file, opened once for the analyses of all its signatures (one
/// cache: an object stream is inflated once, not once per signature).
pub struct Final<'a> {
    doc: Document<'a>,
    roles: Roles,
    places: Places,
}

impl<'a> Final<'a> {
    /// `places`: where things are in this same file, as the inspection
    /// read them (object numbers are the file's, whichever `Document`).
    pub fn open(bytes: &'a [u8], places: Places) -> Option<Final<'a>> {
        let doc = Document::open_with_budget(bytes, MAX_FINAL_OBJECTS).ok()?;
        let roles = Roles::build(&doc);
        Some(Final { doc, roles, places })
    }

    /// Where object `id` in `role` is: its page, its field's name.
    fn place(&self, id: u64, role: Role) -> (Option<u32>, Option<String>) {
        let field = match role {
            Role::FormNode { field, .. } | Role::Appearance { field, .. } => {
                self.roles.field_name(field).map(str::to_owned)
            }
            _ => None,
        };
        (self.places.page_of(id), field)
    }
}

/// The changes after a signature whose signed bytes end at the revision
/// boundary `signed_end` of the final file (whose chain is given).
pub fn after(last: &Final, chain: &Chain, signed_end: usize) -> Changes {
    let mut found = Found::default();
    let complete = classify(last, chain, signed_end, &mut found).is_some();
    let mut warnings = Vec::new();
    if !complete || last.roles.incomplete {
        found.classes.insert(ChangeClass::Other);
        warnings.push(Warning::ChangesNotFullyAnalysed);
    }
    Changes {
        classes: found.classes.into_iter().collect(),
        objects: found.objects,
        warnings,
    }
}

/// What is said when no analysis could be made at all.
pub fn not_analysed() -> Changes {
    Changes {
        classes: vec![ChangeClass::Other],
        objects: Vec::new(),
        warnings: vec![Warning::ChangesNotFullyAnalysed],
    }
}

/// What the analysis found so far.
#[derive(Default)]
struct Found {
    classes: BTreeSet<ChangeClass>,
    objects: Vec<Change>,
}

impl Found {
    /// Object `id` changed in a way no class vouches for (`other`).
    fn other(&mut self, last: &Final, id: u64) {
        let place = (last.places.page_of(id), None);
        self.add(
            id,
            ChangeRole::Other,
            place,
            &BTreeSet::from([ChangeClass::Other]),
        );
    }

    /// Object `id` in `role` changed in the ways `classes` says.
    fn add(
        &mut self,
        id: u64,
        role: ChangeRole,
        (page, field): (Option<u32>, Option<String>),
        classes: &BTreeSet<ChangeClass>,
    ) {
        for &class in classes {
            let object = u32::try_from(id).unwrap_or(u32::MAX);
            let change = Change {
                object,
                role,
                class,
                page,
                field: field.clone(),
            };
            if self.objects.len() < MAX_CHANGES_LISTED && !self.objects.contains(&change) {
                self.objects.push(change);
            }
        }
        self.classes.extend(classes);
    }
}

/// `None` when the analysis could not be completed.
fn classify(last: &Final, chain: &Chain, signed_end: usize, out: &mut Found) -> Option<()> {
    let (new, roles) = (&last.doc, &last.roles);
    let signed = new.bytes().get(..signed_end)?;
    // The signed revision, read as a file of its own.
    let old = Document::open_with_budget(signed, MAX_ANALYSIS_OBJECTS).ok()?;
    let old_chain = Chain::read(old.file());
    let changed = changed_objects(&old_chain.current, &chain.current);
    if changed.len() > MAX_CHANGED {
        return None;
    }
    let revisions = Revisions {
        old: &old,
        new,
        roles,
    };
    for id in changed {
        let before = read(&old, id);
        let Some(now) = read(new, id) else {
            let freed = u32::try_from(id)
                .ok()
                .and_then(|num| chain.current.get(&num))
                .is_none_or(|entry| *entry == Entry::Free);
            if before.is_some() || !freed {
                // Freed, or there but unreadable: what used it has changed,
                // or we cannot tell what it is.
                out.other(last, id);
            }
            continue;
        };
        if before
            .as_ref()
            .is_some_and(|before| same(&old, before, new, &now))
            || structural(&now)
        {
            continue;
        }
        let object_roles = roles.of(id);
        if object_roles.is_empty() && before.is_none() {
            // A new object nothing refers to: nothing shows it.
            continue;
        }
        if object_roles.is_empty() {
            // An object of the signed revision, no longer used as far as
            // the walks reached (a structure tree element, a field's
            // action): not shown to be harmless.
            out.other(last, id);
        }
        for role in object_roles {
            let mut classes = BTreeSet::new();
            revisions.classify(*role, before.as_ref(), &now, &mut classes);
            out.add(id, role.wire(&now), last.place(id, *role), &classes);
        }
    }
    (!old.exhausted() && !new.exhausted()).then_some(())
}

fn read(doc: &Document, id: u64) -> Option<Primitive> {
    doc.object(id)
}

/// Object numbers whose entry differs, and those stored in an object stream
/// that itself differs. Object 0 is the head of the free list, not an object.
fn changed_objects(old: &BTreeMap<u32, Entry>, new: &BTreeMap<u32, Entry>) -> BTreeSet<u64> {
    let mut changed: BTreeSet<u32> = old
        .keys()
        .chain(new.keys())
        .filter(|num| **num != 0 && !same_entry(old.get(num), new.get(num)))
        .copied()
        .collect();
    let in_changed_streams: Vec<u32> = new
        .iter()
        .filter(|(_, entry)| matches!(entry, Entry::InStream { stream, .. } if changed.contains(stream)))
        .map(|(num, _)| *num)
        .collect();
    changed.extend(in_changed_streams);
    changed.into_iter().map(u64::from).collect()
}

fn same_entry(old: Option<&Entry>, new: Option<&Entry>) -> bool {
    match (old, new) {
        (Some(Entry::InFile { offset: a, .. }), Some(Entry::InFile { offset: b, .. })) => a == b,
        (
            Some(Entry::InStream {
                stream: a,
                index: i,
            }),
            Some(Entry::InStream {
                stream: b,
                index: j,
            }),
        ) => a == b && i == j,
        (None | Some(Entry::Free), None | Some(Entry::Free)) => true,
        _ => false,
    }
}

/// Equal objects: streams by dictionary and stored bytes.
fn same(old_doc: &Document, old: &Primitive, new_doc: &Document, new: &Primitive) -> bool {
    match (old, new) {
        (Primitive::Stream(a), Primitive::Stream(b)) => {
            a.dict == b.dict
                && match (old_doc.raw_stream(a), new_doc.raw_stream(b)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => false,
                }
        }
        (a, b) => a == b,
    }
}

/// Cross-reference streams and object streams hold other objects; their
/// own change says nothing (what they hold is looked at one by one).
fn structural(object: &Primitive) -> bool {
    let Primitive::Stream(stream) = object else {
        return false;
    };
    stream.dict.is("Type", "XRef") || stream.dict.is("Type", "ObjStm")
}
