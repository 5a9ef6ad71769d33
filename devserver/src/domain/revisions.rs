//! Seals that are PDF signatures: each one is an incremental update of the
//! document, recorded on the seal as `pdfRevision` (1 for the first, …) and
//! in the store as "file B is file A plus one revision". Writing a stamped
//! revision moves the Signature to the new file; deleting a seal goes back
//! to the exact bytes before its revision, which is only possible while no
//! later PDF-signature seal is signed (its revision is built on this one).

use infoplus_signature_core::{Seal, Signature};

use super::documents::{file_key, FILES_PREFIX};
use super::DomainError;
use crate::ids::random_token;
use crate::pdf::CjkFont;
use crate::pki::DevPki;
use crate::store::{Record, Store, WriteOutcome};

/// The extension field on a seal that says which PDF revision it signed
/// (the control reads it through the same constant).
pub use infoplus_signature_core::model::PDF_REVISION;

/// What stamping and exporting need beside the store.
#[derive(Clone, Copy)]
pub struct Sealing<'a> {
    pub store: &'a Store,
    pub font: &'a CjkFont,
    pub pki: &'a DevPki,
    /// The devserver's origin as the client reached it (`http://host:port`),
    /// when stamping for a request: a seal certificate issued now names its
    /// OCSP responder and CRL there.
    pub origin: Option<&'a str>,
}

/// The PDF revision `seal` signed, if it is a PDF-signature seal.
pub fn pdf_revision(seal: &Seal) -> Option<u64> {
    seal.pdf_revision()
}

/// The revision number the next PDF-signature seal gets.
pub fn next_revision(signature: &Signature) -> u64 {
    signature
        .seals
        .iter()
        .filter(|s| s.is_signed())
        .filter_map(pdf_revision)
        .max()
        .unwrap_or(0)
        + 1
}

/// Writes the provider's result: `sealed` (the current document plus one
/// signed revision) becomes the document under a new file key, the old key
/// is remembered for a delete, and `signature` (the record read at
/// `read_etag`, with the seal filled in) is written if the record has not
/// changed since.
pub fn write_sealed(
    store: &Store,
    id: &str,
    mut signature: Signature,
    read_etag: &str,
    sealed: &[u8],
) -> Result<Record, DomainError> {
    let previous = file_key(&signature)
        .ok_or(DomainError::NoDocument)?
        .to_owned();
    let key = random_token().map_err(|e| DomainError::NoRandomness(e.to_string()))?;
    store.put_file(&key, id, sealed)?;
    store.put_revision(&key, &previous)?;
    signature.uri = Some(format!("{FILES_PREFIX}{key}"));
    signature.size = Some(sealed.len() as u64);
    match store.write_record(id, &signature, Some(read_etag))? {
        WriteOutcome::Written(record) => Ok(record),
        WriteOutcome::Conflict => Err(DomainError::ChangedDuringWrite),
    }
}

/// The S2 delete rule for PDF-signature seals. `merged` is the body to be
/// written; every PDF-signature seal signed in `stored` whose signature it
/// drops or replaces is deleted: refused while a later one stays signed,
/// else the document goes back to the file before those revisions and the
/// seals' stamp fields are cleared.
pub fn apply_deletes(
    store: &Store,
    stored: &Signature,
    mut merged: Signature,
) -> Result<Signature, DomainError> {
    let removed: Vec<(usize, u64)> = stored
        .seals
        .iter()
        .enumerate()
        .filter(|(i, seal)| {
            seal.is_signed()
                && merged
                    .seals
                    .get(*i)
                    .is_none_or(|n| n.signature != seal.signature)
        })
        .filter_map(|(i, seal)| pdf_revision(seal).map(|r| (i, r)))
        .collect();
    let Some(&(_, lowest)) = removed.iter().min_by_key(|(_, r)| *r) else {
        return Ok(merged);
    };
    let kept_later = stored.seals.iter().enumerate().find(|(j, seal)| {
        seal.is_signed()
            && !removed.iter().any(|(i, _)| i == j)
            && pdf_revision(seal).is_some_and(|r| r > lowest)
    });
    if let Some((later, _)) = kept_later {
        let seal = removed
            .iter()
            .find(|(_, r)| *r == lowest)
            .map_or(0, |(i, _)| *i);
        return Err(DomainError::LaterSeal { seal, later });
    }
    // Each removed seal is one revision on top: step back that many files.
    let mut key = file_key(stored).ok_or(DomainError::NoDocument)?.to_owned();
    for _ in 0..removed.len() {
        key = store
            .previous_file(&key)?
            .ok_or(DomainError::RevisionMissing)?;
    }
    let bytes = store.file(&key)?.ok_or(DomainError::RevisionMissing)?;
    merged.uri = Some(format!("{FILES_PREFIX}{key}"));
    merged.size = Some(bytes.len() as u64);
    for (i, _) in &removed {
        if let Some(seal) = merged.seals.get_mut(*i) {
            seal.clear_stamp();
            seal.extra.remove(PDF_REVISION);
        }
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use infoplus_signature_core::signature_from_str;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        (dir, store)
    }

    const K0: &str = "key0000000000000000";
    const K1: &str = "key1111111111111111";
    const K2: &str = "key2222222222222222";

    fn two_seals(store: &Store) -> Signature {
        store.put_file(K0, "d", b"v0").unwrap();
        store.put_file(K1, "d", b"v0+r1").unwrap();
        store.put_file(K2, "d", b"v0+r1+r2").unwrap();
        store.put_revision(K1, K0).unwrap();
        store.put_revision(K2, K1).unwrap();
        signature_from_str(&format!(
            r#"{{"uri":"/api/files/{K2}","size":8,"seals":[
                {{"signature":"AA==","pdfRevision":1}},{{"signature":"BB==","pdfRevision":2}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn revisions_count_up() {
        let (_dir, store) = store();
        assert_eq!(next_revision(&two_seals(&store)), 3);
        assert_eq!(next_revision(&Signature::default()), 1);
    }

    #[test]
    fn deleting_the_last_goes_back_one_file() {
        let (_dir, store) = store();
        let stored = two_seals(&store);
        let mut body = stored.clone();
        body.seals[1].clear_stamp();
        let merged = apply_deletes(&store, &stored, body).unwrap();
        assert_eq!(merged.uri, Some(format!("{FILES_PREFIX}{K1}")));
        assert_eq!(merged.size, Some(5));
        assert!(!merged.seals[1].extra.contains_key(PDF_REVISION));
        assert!(merged.seals[0].is_signed());
    }

    #[test]
    fn deleting_an_earlier_one_is_refused_unless_the_later_goes_too() {
        let (_dir, store) = store();
        let stored = two_seals(&store);
        let mut body = stored.clone();
        body.seals[0].clear_stamp();
        let err = apply_deletes(&store, &stored, body.clone()).unwrap_err();
        assert!(matches!(err, DomainError::LaterSeal { seal: 0, later: 1 }));
        assert!(err.to_string().contains("请先删除"), "{err}");
        body.seals[1].clear_stamp();
        let merged = apply_deletes(&store, &stored, body).unwrap();
        assert_eq!(merged.uri, Some(format!("{FILES_PREFIX}{K0}")));
    }
}
