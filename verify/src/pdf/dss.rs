//! The document security store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1
//! §5.4): the catalog's `/DSS` with the certificates, OCSP responses and
//! CRLs that validating the signatures later needs, and per signature a
//! `/VRI` entry keyed by the upper-case hex SHA-1 of its `/Contents`.

use super::cos::{Dict, Entry, Object};
use super::document::Document;

/// The most streams read from the DSS (all arrays together), and their
/// most bytes: a DSS is validation data, never the bulk of a file.
const MAX_STREAMS: usize = 500;
const MAX_BYTES: usize = 16 << 20;

/// One set of validation data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationData {
    pub certificates: Vec<Vec<u8>>,
    pub ocsps: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dss {
    pub data: ValidationData,
    /// `/VRI`: (key, its data), the key as written.
    pub vri: Vec<(String, ValidationData)>,
    /// Where the DSS dictionary's object starts in the file (the catalog's,
    /// when the DSS is direct): a document timestamp signing past it
    /// covers the DSS.
    pub offset: Option<usize>,
}

/// The catalog's `/DSS`, if there is one that reads.
pub fn read(doc: &Document, catalog: &Dict, catalog_ref: Option<&Object>) -> Option<Dss> {
    let value = catalog.get("DSS")?;
    let dict = doc.dictionary(value, "/DSS").ok()?;
    let holder = match value {
        Object::Ref(_) => Some(value),
        _ => catalog_ref,
    };
    let offset = match holder {
        Some(Object::Ref(r)) => offset_of(doc, r.num),
        _ => None,
    };
    let mut budget = Budget::default();
    let data = ValidationData {
        certificates: streams(doc, &dict, "Certs", &mut budget),
        ocsps: streams(doc, &dict, "OCSPs", &mut budget),
        crls: streams(doc, &dict, "CRLs", &mut budget),
    };
    let mut vri = Vec::new();
    if let Some(Ok(entries)) = dict.get("VRI").map(|v| doc.dictionary(v, "/VRI")) {
        for (key, value) in entries.iter() {
            let Ok(entry) = doc.dictionary(value, "/VRI entry") else {
                continue;
            };
            vri.push((
                key.as_str().into_owned(),
                ValidationData {
                    certificates: streams(doc, &entry, "Cert", &mut budget),
                    ocsps: streams(doc, &entry, "OCSP", &mut budget),
                    crls: streams(doc, &entry, "CRL", &mut budget),
                },
            ));
        }
    }
    Some(Dss { data, vri, offset })
}

/// Where object `num` is written: its own offset, or its object stream's.
fn offset_of(doc: &Document, num: u32) -> Option<usize> {
    match doc.file().entry(num)? {
        Entry::InFile { offset, .. } => Some(offset),
        Entry::InStream { stream, .. } => match doc.file().entry(stream)? {
            Entry::InFile { offset, .. } => Some(offset),
            _ => None,
        },
        Entry::Free => None,
    }
}

#[derive(Default)]
struct Budget {
    streams: usize,
    bytes: usize,
}

/// The decoded streams of the array `key` (entries that do not read are
/// skipped: they cannot vouch for anything).
fn streams(doc: &Document, dict: &Dict, key: &str, budget: &mut Budget) -> Vec<Vec<u8>> {
    let Some(Ok(Object::Array(items))) = dict.get(key).map(|v| doc.resolve(v)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in &items {
        if budget.streams >= MAX_STREAMS || budget.bytes >= MAX_BYTES {
            break;
        }
        budget.streams += 1;
        if let Ok(Object::Stream(stream)) = doc.resolve(item) {
            if let Ok(bytes) = doc.decoded_stream(&stream) {
                budget.bytes += bytes.len();
                out.push(bytes);
            }
        }
    }
    out
}
