//! The signature fields of the interactive form: walk `/AcroForm /Fields`
//! and every `/Kids` below it, and read each signed signature field's `/V`
//! as a raw dictionary (the crate's typed `SignatureDictionary` marks
//! optional keys required and fails on real files).

use std::collections::{HashMap, HashSet};

use super::cos::Ref as PlainRef;
use super::cos::{Dict as Dictionary, Object as Primitive};

use super::byte_range;
use super::document::{Document, SignatureDictionary};
use super::places::Places;
use super::text;
use crate::verdict::PdfSignature;

/// Deepest `/Kids` nesting followed. Real forms nest two or three levels.
const MAX_DEPTH: usize = 32;

/// Most field nodes visited, and most signatures reported.
const MAX_NODES: usize = 1_000;
const MAX_SIGNATURES: usize = 100;

/// One node still to visit, with what it inherits from its ancestors.
struct Pending {
    node: Primitive,
    depth: usize,
    /// `/FT` is inheritable (ISO 32000-1 §12.7.3.1).
    is_signature: bool,
    /// The fully qualified name so far (`parent.child`).
    name: Option<String>,
}

/// A signed signature field as found in the form: what it lists, and what
/// the revision analysis needs from its dictionary.
pub struct Found {
    pub listing: PdfSignature,
    pub sig: SignatureDictionary,
    /// The `/V` reference (`/Perms /DocMDP` names a certification by it).
    pub value: Option<PlainRef>,
}

/// Every signed signature field, in the order of the form (depth first).
/// A part of the tree that cannot be read is skipped: the rest is reported.
pub fn signatures(
    doc: &Document,
    catalog: &Dictionary,
    places: &Places,
    file_len: usize,
) -> Vec<Found> {
    let Some(form) = catalog
        .get("AcroForm")
        .and_then(|f| doc.dictionary(f, "/AcroForm").ok())
    else {
        return Vec::new();
    };
    let Some(Ok(Primitive::Array(roots))) = form.get("Fields").map(|f| doc.resolve(f)) else {
        return Vec::new();
    };
    // Never more entries than nodes we would visit: a `/Fields` or `/Kids`
    // array of a million references stays a small stack.
    let mut stack: Vec<Pending> = roots.into_iter().take(MAX_NODES).rev().map(root).collect();
    let mut visited: HashSet<PlainRef> = HashSet::new();
    // Each signature dictionary once, by reference: the index of its entry.
    let mut signed_values: HashMap<PlainRef, usize> = HashMap::new();
    let mut found: Vec<Found> = Vec::new();
    let mut nodes = 0;

    while let Some(pending) = stack.pop() {
        nodes += 1;
        if nodes > MAX_NODES || found.len() >= MAX_SIGNATURES {
            break;
        }
        // A node reached twice is a cycle or a shared kid: once is enough.
        if let Primitive::Ref(r) = pending.node {
            if !visited.insert(r) {
                continue;
            }
        }
        let Ok(field) = doc.dictionary(&pending.node, "a form field") else {
            continue;
        };
        let is_signature = match field.get("FT") {
            Some(Primitive::Name(kind)) => kind.as_str() == "Sig",
            _ => pending.is_signature,
        };
        let name = qualified_name(pending.name.as_deref(), field.get("T"));

        if is_signature {
            if let Some(value) = field.get("V") {
                // Two fields sharing one signature dictionary are one
                // signature, naming every field (§6b).
                let seen = match value {
                    Primitive::Ref(r) => signed_values.get(r).copied(),
                    _ => None,
                };
                if let Some(index) = seen {
                    if let (Some(entry), Some(name)) = (found.get_mut(index), name.clone()) {
                        entry.listing.other_fields.push(name);
                    }
                } else if let Ok(sig) = doc.signature_dictionary(value) {
                    if let Primitive::Ref(r) = value {
                        signed_values.insert(*r, found.len());
                    }
                    let mut listing = signature(doc, &sig, name.clone(), file_len);
                    listing.widget = places.widget(doc, &pending.node);
                    found.push(Found {
                        listing,
                        sig,
                        value: match value {
                            Primitive::Ref(r) => Some(*r),
                            _ => None,
                        },
                    });
                }
            }
        }

        if pending.depth < MAX_DEPTH {
            if let Some(Ok(Primitive::Array(kids))) = field.get("Kids").map(|k| doc.resolve(k)) {
                for kid in kids.into_iter().take(MAX_NODES).rev() {
                    stack.push(Pending {
                        node: kid,
                        depth: pending.depth + 1,
                        is_signature,
                        name: name.clone(),
                    });
                }
            }
        }
    }
    found
}

fn root(node: Primitive) -> Pending {
    Pending {
        node,
        depth: 0,
        is_signature: false,
        name: None,
    }
}

/// `parent.child`, as PDF readers name fields (ISO 32000-1 §12.7.3.2). Kids
/// without `/T` (widget annotations) keep their parent's name.
pub(super) fn qualified_name(parent: Option<&str>, own: Option<&Primitive>) -> Option<String> {
    let own = match own {
        Some(Primitive::String(s)) => Some(text::decode(s.as_slice())),
        _ => None,
    };
    match (parent, own) {
        (Some(parent), Some(own)) => Some(format!("{parent}.{own}")),
        (Some(parent), None) => Some(parent.to_owned()),
        (None, own) => own,
    }
}

/// What one signature dictionary says.
fn signature(
    doc: &Document,
    sig: &SignatureDictionary,
    field: Option<String>,
    file_len: usize,
) -> PdfSignature {
    let byte_range = sig.dict.get("ByteRange").and_then(|r| integers(doc, r));
    let range = byte_range.as_deref().unwrap_or_default();
    PdfSignature {
        field,
        other_fields: Vec::new(),
        signer: text_entry(doc, sig, "Name"),
        time: text_entry(doc, sig, "M"),
        reason: text_entry(doc, sig, "Reason"),
        sub_filter: text_entry(doc, sig, "SubFilter"),
        byte_range_well_formed: byte_range::well_formed(range, file_len),
        covers_whole_file: byte_range::covers_whole_file(range, file_len),
        byte_range,
        widget: None,
        revision: None,
        check: None,
    }
}

/// A text string entry; a name is accepted too (`/SubFilter` is one, and
/// some writers put names where strings belong).
pub fn text_entry(doc: &Document, sig: &SignatureDictionary, key: &str) -> Option<String> {
    let value = sig.dict.get(key)?;
    match doc.resolve(value).ok()? {
        Primitive::String(s) => Some(text::decode(s.as_slice())),
        Primitive::Name(name) => Some(text::decode(name.as_str().as_bytes())),
        _ => None,
    }
}

/// `/Cert` (`adbe.x509.rsa_sha1`): one certificate string, or an array of
/// them, the signer's first. Never encrypted, like `/Contents`.
pub fn cert(doc: &Document, sig: &SignatureDictionary) -> Vec<Vec<u8>> {
    const MAX_CERTS: usize = 16;
    let Some(value) = sig.dict.get("Cert") else {
        return Vec::new();
    };
    let items = match doc.resolve(value) {
        Ok(Primitive::Array(items)) => items,
        Ok(other) => vec![other],
        Err(_) => return Vec::new(),
    };
    items
        .iter()
        .take(MAX_CERTS)
        .filter_map(|item| match doc.resolve(item).ok()? {
            Primitive::String(s) => Some(s.as_slice().to_vec()),
            _ => None,
        })
        .collect()
}

/// `/Contents` as the dictionary has it: a string (never encrypted, ISO
/// 32000-1 §7.6.1: the reader leaves it as written), or `None`.
pub fn contents(sig: &SignatureDictionary) -> Option<Vec<u8>> {
    match sig.dict.get("Contents")? {
        Primitive::String(s) => Some(s.as_slice().to_vec()),
        _ => None,
    }
}

/// An array of integers, or nothing: a `/ByteRange` with a real number or a
/// reference inside is not a byte range.
fn integers(doc: &Document, value: &Primitive) -> Option<Vec<i64>> {
    const MAX_LEN: usize = 64;
    match doc.resolve(value).ok()? {
        Primitive::Array(items) if items.len() <= MAX_LEN => items
            .iter()
            .map(|item| match item {
                Primitive::Int(n) => Some(*n),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
