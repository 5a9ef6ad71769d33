//! Certification signatures (ISO 32000-1 §12.8.2.2): a signature whose
//! dictionary has a DocMDP signature reference, or that the catalog's
//! `/Perms /DocMDP` names, states which later changes its signer permits
//! (`/P`: 1 none, 2 form fill and signing, 3 also annotations).

use super::cos::Ref as PlainRef;
use super::cos::{Dict as Dictionary, Object as Primitive};

use super::document::{Document, SignatureDictionary};

/// Signature references looked at in one dictionary.
const MAX_REFERENCES: usize = 16;

/// `/P` when absent (ISO 32000-1 Table 254).
const DEFAULT_P: u8 = 2;

/// `/P` of this signature when it certifies the document, with a warning
/// when `/P` is not 1, 2 or 3 (then read as 1, the strictest: an unknown
/// permission must not allow more than the signer may have meant).
pub fn permissions(
    doc: &Document,
    catalog: &Dictionary,
    sig: &SignatureDictionary,
    value: Option<PlainRef>,
) -> (Option<u8>, Option<crate::verdict_pdf::Warning>) {
    let from_reference = docmdp_reference(doc, &sig.dict);
    let named_by_catalog = value.is_some_and(|r| perms_docmdp(doc, catalog) == Some(r));
    let p = match from_reference {
        Some(p) => p,
        None if named_by_catalog => None,
        None => return (None, None),
    };
    match p {
        None => (Some(DEFAULT_P), None),
        Some(p @ 1..=3) => (Some(p as u8), None),
        Some(_) => (Some(1), Some(crate::verdict_pdf::Warning::DocmdpPInvalid)),
    }
}

/// `Some(/P)` (itself optional) of a `/Reference` entry whose
/// `/TransformMethod` is `/DocMDP`; `None` when there is none.
fn docmdp_reference(doc: &Document, dict: &Dictionary) -> Option<Option<i64>> {
    let Ok(Primitive::Array(references)) = doc.resolve(dict.get("Reference")?) else {
        return None;
    };
    references
        .iter()
        .take(MAX_REFERENCES)
        .find_map(|reference| {
            let reference = doc.dictionary(reference, "/Reference").ok()?;
            match reference.get("TransformMethod") {
                Some(Primitive::Name(method)) if method.as_str() == "DocMDP" => {}
                _ => return None,
            }
            let p = reference
                .get("TransformParams")
                .and_then(|params| doc.dictionary(params, "/TransformParams").ok())
                .and_then(|params| match params.get("P").map(|p| doc.resolve(p)) {
                    Some(Ok(Primitive::Int(p))) => Some(p),
                    _ => None,
                });
            Some(p)
        })
}

/// The signature dictionary `/Perms /DocMDP` refers to.
fn perms_docmdp(doc: &Document, catalog: &Dictionary) -> Option<PlainRef> {
    let perms = doc.dictionary(catalog.get("Perms")?, "/Perms").ok()?;
    match perms.get("DocMDP")? {
        Primitive::Ref(r) => Some(*r),
        _ => None,
    }
}
