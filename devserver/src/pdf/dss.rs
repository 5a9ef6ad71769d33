//! Appending validation data to a sealed document (PAdES B-LT, ETSI EN
//! 319 142-1 §5.4.2): one incremental update with a document security
//! store — the catalog's `/DSS` with `/Certs`, `/OCSPs` and `/CRLs` (each
//! item a stream of DER) and a `/VRI` entry for the signature just made,
//! keyed by the upper-case hex SHA-1 of its `/Contents`. What an earlier
//! DSS held is kept; the new data is added to it.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use sha1::{Digest, Sha1};

use super::previous::Previous;
use super::revision::{Revision, TrailerCarry};
use super::PdfWriteError;

/// The validation data of one signature's chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationData {
    pub certificates: Vec<Vec<u8>>,
    pub ocsps: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
}

/// The VRI key of a signature whose `/Contents` string holds `contents`
/// (the whole string, its zero padding included, as ETSI and pyHanko key it).
pub fn vri_key(contents: &[u8]) -> String {
    hex::encode_upper(Sha1::digest(contents))
}

/// `previous` with one more revision holding `data` in its DSS, and a VRI
/// entry under `vri` for the signature it validates.
pub fn append_dss(
    previous: &[u8],
    data: &ValidationData,
    vri: &str,
) -> Result<Vec<u8>, PdfWriteError> {
    let prev = Previous::load(previous)?;
    let catalog_id = prev.catalog_id()?;
    let mut catalog = prev.catalog()?.clone();
    let existing = match catalog.get(b"DSS") {
        Ok(value) => prev.resolve(value).and_then(|d| d.as_dict().ok()).cloned(),
        Err(_) => None,
    };
    let mut dss = existing.unwrap_or_default();
    dss.set("Type", Object::Name(b"DSS".to_vec()));
    let mut rev = Revision::new(previous, prev.next_id(), 64 * 1024);
    let mut vri_entry = Dictionary::new();
    for (key, vri_key, items) in [
        ("Certs", "Cert", &data.certificates),
        ("OCSPs", "OCSP", &data.ocsps),
        ("CRLs", "CRL", &data.crls),
    ] {
        let refs = streams(&mut rev, items)?;
        let mut all = array(&prev, &dss, key);
        all.extend(refs.iter().cloned());
        dss.set(key, Object::Array(all));
        vri_entry.set(vri_key, Object::Array(refs));
    }
    vri_entry.set("Type", Object::Name(b"VRI".to_vec()));
    let mut vri_dict = match dss.get(b"VRI") {
        Ok(value) => prev
            .resolve(value)
            .and_then(|d| d.as_dict().ok())
            .cloned()
            .unwrap_or_default(),
        Err(_) => Dictionary::new(),
    };
    vri_dict.set(vri.as_bytes().to_vec(), Object::Dictionary(vri_entry));
    dss.set("VRI", Object::Dictionary(vri_dict));
    let dss_id = own_id(&mut rev);
    rev.push_lopdf(dss_id, &Object::Dictionary(dss))?;
    catalog.set("DSS", Object::Reference(dss_id));
    rev.push_lopdf(catalog_id, &Object::Dictionary(catalog))?;
    let carry = TrailerCarry::of(&prev, catalog_id);
    rev.finish(&carry, prev.xref_stream)
}

fn own_id(rev: &mut Revision) -> ObjectId {
    (rev.alloc().get().unsigned_abs(), 0)
}

/// One stream per item, written into `rev`; their references.
fn streams(rev: &mut Revision, items: &[Vec<u8>]) -> Result<Vec<Object>, PdfWriteError> {
    let mut refs = Vec::with_capacity(items.len());
    for item in items {
        let id = own_id(rev);
        rev.push_lopdf(
            id,
            &Object::Stream(Stream::new(Dictionary::new(), item.clone())),
        )?;
        refs.push(Object::Reference(id));
    }
    Ok(refs)
}

/// The references already in the DSS's array `key`.
fn array(prev: &Previous, dss: &Dictionary, key: &str) -> Vec<Object> {
    dss.get(key.as_bytes())
        .ok()
        .and_then(|value| prev.resolve(value))
        .and_then(|value| value.as_array().ok())
        .cloned()
        .unwrap_or_default()
}
