//! One changed object, classified by its role in the final file and, where
//! the role allows some changes and not others, by what changed since the
//! signed revision (which keys of a dictionary, which entries of a list).

use std::collections::BTreeSet;

use super::cos::{Dict as Dictionary, Object as Primitive};

use super::changes_roles::{FieldKind, Role, Roles};
use super::document::Document;
use super::inspection::SignatureKind;
use crate::verdict_pdf::ChangeClass;

/// Entries of an `/Annots` or `/Fields` list compared (as sets, pairwise).
const MAX_ITEMS: usize = 2_000;

/// The two revisions: as signed (`old`) and as it is now (`new`).
pub struct Revisions<'a, 'b> {
    pub old: &'a Document<'b>,
    pub new: &'a Document<'b>,
    pub roles: &'a Roles,
}

impl Revisions<'_, '_> {
    /// The classes of a change to object `id` in its role `role`: `old` is
    /// its version in the signed revision (`None`: a new object).
    pub fn classify(
        &self,
        role: Role,
        old: Option<&Primitive>,
        new: &Primitive,
        out: &mut BTreeSet<ChangeClass>,
    ) {
        use ChangeClass::*;
        match role {
            Role::Catalog => self.catalog(new, out),
            Role::Info | Role::Metadata => {
                out.insert(Metadata);
            }
            Role::Dss => {
                out.insert(Timestamp);
            }
            Role::AcroForm => {
                let old = self
                    .old_catalog()
                    .and_then(|c| self.old_dict(c.get("AcroForm")));
                self.form(old.as_ref(), &as_dict(new), out);
            }
            Role::FieldList => self.list(old, new, out, Self::added_field, |_| Other),
            Role::FormNode { kind, field } => {
                out.insert(self.form_node(kind, field, old, new));
            }
            Role::Appearance { kind, field } => {
                out.insert(match kind {
                    FieldKind::Value if self.appearance_now_covers(old, new, field) => Other,
                    FieldKind::Value => FormFill,
                    FieldKind::Signature(sig) => self.signature_field(sig, field),
                });
            }
            Role::SignatureValue(sig) => {
                out.insert(match old {
                    None => of(sig),
                    // Rewriting a signature dictionary that was already there.
                    Some(_) => Other,
                });
            }
            Role::PageNode => match old {
                Some(old) => {
                    let (old, new) = (as_dict(old), as_dict(new));
                    for key in changed_keys(&old, &new) {
                        if key == "Annots" {
                            let old_list = old.get("Annots").and_then(|a| self.old.resolve(a).ok());
                            let new_list = new.get("Annots").and_then(|a| self.new.resolve(a).ok());
                            self.annots(old_list.as_ref(), new_list.as_ref(), out);
                        } else {
                            out.insert(Other);
                        }
                    }
                }
                None => {
                    out.insert(Other);
                }
            },
            Role::AnnotList => self.annots(old, Some(new), out),
            Role::Annotation { covering: true } => {
                out.insert(Other);
            }
            Role::Annotation { covering: false } => {
                out.insert(Annotation);
            }
            Role::PageContent | Role::Elsewhere => {
                out.insert(Other);
            }
        }
    }

    /// The catalog, compared with the signed revision's (wherever each
    /// lives: a later revision may move the catalog to a new object).
    fn catalog(&self, new: &Primitive, out: &mut BTreeSet<ChangeClass>) {
        let new = as_dict(new);
        let old = self.old_catalog().unwrap_or_default();
        for key in changed_keys(&old, &new) {
            match key.as_str() {
                "AcroForm" => {
                    let old_form = self.old_dict(old.get("AcroForm"));
                    match new.get("AcroForm") {
                        // The same indirect form: its own change is classified
                        // where that object is.
                        Some(Primitive::Ref(r))
                            if old.get("AcroForm") == Some(&Primitive::Ref(*r)) => {}
                        Some(form) => match self.new.dictionary(form, "/AcroForm") {
                            Ok(form) => self.form(old_form.as_ref(), &form, out),
                            Err(_) => {
                                out.insert(ChangeClass::Other);
                            }
                        },
                        None => {
                            out.insert(ChangeClass::Other);
                        }
                    }
                }
                "DSS" => {
                    out.insert(ChangeClass::Timestamp);
                }
                // A certification's `/Perms /DocMDP`, added by a later
                // signature (itself then not the document's first, which
                // its own check says): part of signing. Changed or removed
                // where the signed revision had one: the certification was
                // tampered with.
                "Perms" if old.get("Perms").is_none() => {
                    out.insert(ChangeClass::Signing);
                }
                // Declarations, not content: the PDF version and developer
                // extensions (ESIC, ADBE) that signing and LTV tools add
                // with the signature or timestamp they write. Counted as
                // nothing, as PDF readers show nothing for them.
                "Version" | "Extensions" => {}
                "Metadata" => {
                    out.insert(ChangeClass::Metadata);
                }
                _ => {
                    out.insert(ChangeClass::Other);
                }
            }
        }
    }

    /// The interactive form dictionary: new signature fields and
    /// `/SigFlags` are signing; the form's defaults are form filling.
    fn form(&self, old: Option<&Dictionary>, new: &Dictionary, out: &mut BTreeSet<ChangeClass>) {
        let empty = Dictionary::new();
        let old = old.unwrap_or(&empty);
        for key in changed_keys(old, new) {
            match key.as_str() {
                "Fields" => {
                    let old_list = old.get("Fields").and_then(|f| self.old.resolve(f).ok());
                    let new_list = new.get("Fields").and_then(|f| self.new.resolve(f).ok());
                    match new_list {
                        Some(new_list) => {
                            self.list(old_list.as_ref(), &new_list, out, Self::added_field, |_| {
                                ChangeClass::Other
                            })
                        }
                        None => {
                            out.insert(ChangeClass::Other);
                        }
                    }
                }
                "SigFlags" => {
                    out.insert(ChangeClass::Signing);
                }
                "DR" | "DA" | "NeedAppearances" => {
                    out.insert(ChangeClass::FormFill);
                }
                _ => {
                    out.insert(ChangeClass::Other);
                }
            }
        }
    }

    fn form_node(
        &self,
        kind: FieldKind,
        field: u64,
        old: Option<&Primitive>,
        new: &Primitive,
    ) -> ChangeClass {
        match (kind, old) {
            (FieldKind::Signature(sig), _) => self.signature_field(sig, field),
            // A new field or widget is not filling in the form.
            (FieldKind::Value, None) => ChangeClass::Other,
            (FieldKind::Value, Some(old)) => {
                let filled = changed_keys(&as_dict(old), &as_dict(new))
                    .iter()
                    .all(|key| matches!(key.as_str(), "V" | "AS" | "AP"));
                let old_ap = self.normal_appearance(self.old, &as_dict(old));
                let new_ap = self.normal_appearance(self.new, &as_dict(new));
                let covers = new_ap.is_some_and(|new_ap| {
                    self.appearance_now_covers(old_ap.as_ref(), &new_ap, field)
                });
                if filled && !covers {
                    ChangeClass::FormFill
                } else {
                    ChangeClass::Other
                }
            }
        }
    }

    /// A field's normal appearance stream (`/AP /N`, the first state's for
    /// a check box), as `doc` has it.
    fn normal_appearance(&self, doc: &Document, node: &Dictionary) -> Option<Primitive> {
        let ap = doc.dictionary(node.get("AP")?, "/AP").ok()?;
        match doc.resolve(ap.get("N")?).ok()? {
            Primitive::Dict(states) => states
                .iter()
                .next()
                .and_then(|(_, state)| doc.resolve(state).ok()),
            stream => Some(stream),
        }
    }

    /// Does a field's appearance now paint an area (a background, an
    /// image) that its appearance in the signed revision did not, where the
    /// form did not declare a background (`/MK /BG`)? Then filling it in
    /// can cover what the signed page shows: `other`, not form filling.
    fn appearance_now_covers(&self, old: Option<&Primitive>, new: &Primitive, field: u64) -> bool {
        let paints = |doc: &Document, stream: &Primitive| match stream {
            Primitive::Stream(s) => doc
                .decoded_stream(s)
                .map(|data| super::paint::paints_an_area(&data))
                // An appearance we cannot decode cannot be vouched for.
                .unwrap_or(true),
            _ => false,
        };
        if !paints(self.new, new) {
            return false;
        }
        if old.is_some_and(|old| paints(self.old, old)) {
            return false;
        }
        let declared_background = match self.old.object(field) {
            Some(Primitive::Dict(widget)) => widget
                .get("MK")
                .and_then(|mk| self.old.dictionary(mk, "/MK").ok())
                .and_then(|mk| mk.get("BG").cloned())
                .is_some_and(|bg| matches!(bg, Primitive::Array(ref c) if !c.is_empty())),
            _ => false,
        };
        !declared_background
    }

    /// Signing a field left empty is signing (or timestamping); touching a
    /// field the signed revision already had signed is not.
    fn signature_field(&self, sig: SignatureKind, field: u64) -> ChangeClass {
        let signed_before = match self.old.object(field) {
            Some(Primitive::Dict(old)) => old.get("V").is_some(),
            _ => false,
        };
        if signed_before {
            ChangeClass::Other
        } else {
            of(sig)
        }
    }

    /// A field added to `/Fields` or `/Kids`.
    fn added_field(&self, item: &Primitive) -> ChangeClass {
        let Primitive::Ref(r) = item else {
            return ChangeClass::Other;
        };
        let signature = self
            .roles
            .of(u64::from(r.num))
            .iter()
            .find_map(|role| match role {
                Role::FormNode {
                    kind: FieldKind::Signature(sig),
                    ..
                } => Some(*sig),
                _ => None,
            });
        signature.map_or(ChangeClass::Other, of)
    }

    /// A page's `/Annots`: added widgets of new signature fields are
    /// signing, other added or removed annotations are annotating.
    fn annots(
        &self,
        old: Option<&Primitive>,
        new: Option<&Primitive>,
        out: &mut BTreeSet<ChangeClass>,
    ) {
        let Some(new) = new else {
            // `/Annots` removed altogether.
            out.insert(ChangeClass::Other);
            return;
        };
        self.list(old, new, out, Self::added_annotation, |item| {
            self.removed_annotation(item)
        });
    }

    fn added_annotation(&self, item: &Primitive) -> ChangeClass {
        let Primitive::Ref(r) = item else {
            return ChangeClass::Other;
        };
        for role in self.roles.of(u64::from(r.num)) {
            match role {
                Role::FormNode {
                    kind: FieldKind::Signature(sig),
                    ..
                } => return of(*sig),
                Role::Annotation { covering: false } => return ChangeClass::Annotation,
                Role::Annotation { covering: true } => return ChangeClass::Other,
                _ => {}
            }
        }
        ChangeClass::Other
    }

    fn removed_annotation(&self, item: &Primitive) -> ChangeClass {
        match self.old.dictionary(item, "an annotation") {
            Ok(annot) if !matches!(annot.get("Subtype"), Some(Primitive::Name(n)) if n.as_str() == "Widget") => {
                ChangeClass::Annotation
            }
            _ => ChangeClass::Other,
        }
    }

    /// Compare two arrays as sets: each added item classified by `added`,
    /// each removed one by `removed`.
    fn list(
        &self,
        old: Option<&Primitive>,
        new: &Primitive,
        out: &mut BTreeSet<ChangeClass>,
        added: impl Fn(&Self, &Primitive) -> ChangeClass,
        removed: impl Fn(&Primitive) -> ChangeClass,
    ) {
        let (old, new) = (items(old), items(Some(new)));
        if old.len() > MAX_ITEMS || new.len() > MAX_ITEMS {
            out.insert(ChangeClass::Other);
            return;
        }
        for item in new.iter().filter(|item| !old.contains(item)) {
            out.insert(added(self, item));
        }
        for item in old.iter().filter(|item| !new.contains(item)) {
            out.insert(removed(item));
        }
    }

    fn old_catalog(&self) -> Option<Dictionary> {
        self.old_dict(self.old.trailer().get("Root"))
    }

    fn old_dict(&self, value: Option<&Primitive>) -> Option<Dictionary> {
        self.old.dictionary(value?, "a dictionary").ok()
    }
}

fn of(sig: SignatureKind) -> ChangeClass {
    match sig {
        SignatureKind::Signature => ChangeClass::Signing,
        SignatureKind::DocTimeStamp => ChangeClass::Timestamp,
    }
}

fn as_dict(value: &Primitive) -> Dictionary {
    match value {
        Primitive::Dict(dict) => dict.clone(),
        Primitive::Stream(stream) => stream.dict.clone(),
        _ => Dictionary::new(),
    }
}

fn items(value: Option<&Primitive>) -> Vec<Primitive> {
    match value {
        Some(Primitive::Array(items)) => items.clone(),
        _ => Vec::new(),
    }
}

/// Keys whose values differ (references compared as references: what they
/// point to is classified where it changed).
fn changed_keys(old: &Dictionary, new: &Dictionary) -> Vec<String> {
    let mut keys: Vec<String> = new
        .iter()
        .filter(|(key, value)| old.get(&key.as_str()) != Some(*value))
        .map(|(key, _)| key.as_str().into_owned())
        .collect();
    keys.extend(
        old.iter()
            .filter(|(key, _)| new.get(&key.as_str()).is_none())
            .map(|(key, _)| key.as_str().into_owned()),
    );
    keys
}
