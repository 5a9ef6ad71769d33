//! A Signature's document: where its bytes are kept, export (render the
//! form, store it, describe it in the Signature), and dev tampering.

use infoplus_signature_core::{Signature, PDF_MIME};

use super::DomainError;
use crate::ids::{check_token, now_ms, random_token};
use crate::leave::LeaveForm;
use crate::store::{Record, Store, WriteOutcome};

/// Where stored documents are served; `uri` in a Signature is this plus the key.
pub const FILES_PREFIX: &str = "/api/files/";

/// The stored file key of a Signature's document, if the engine stored it.
pub fn file_key(signature: &Signature) -> Option<&str> {
    signature
        .uri
        .as_deref()?
        .strip_prefix(FILES_PREFIX)
        .filter(|k| check_token(k))
}

/// The stored file `key` (`GET /api/files/{key}`).
pub fn file(store: &Store, key: &str) -> Result<Vec<u8>, DomainError> {
    store
        .file(key)?
        .ok_or_else(|| DomainError::NoFile(key.to_owned()))
}

/// The bytes of the document `signature` describes.
pub fn bytes(store: &Store, signature: &Signature) -> Result<Vec<u8>, DomainError> {
    let key = file_key(signature).ok_or(DomainError::NoDocument)?;
    store.file(key)?.ok_or(DomainError::DocumentMissing)
}

/// Stores `bytes` under a fresh key as the document of `id`, and fills the
/// document fields of `signature` (not yet written) to describe them.
pub fn attach(
    store: &Store,
    id: &str,
    bytes: &[u8],
    name: String,
    created: i64,
    mut signature: Signature,
) -> Result<Signature, DomainError> {
    let key = random_token().map_err(|e| DomainError::NoRandomness(e.to_string()))?;
    store.put_file(&key, id, bytes)?;
    signature.id = Some(id.to_owned());
    signature.name = Some(name);
    signature.size = Some(bytes.len() as u64);
    signature.uri = Some(format!("{FILES_PREFIX}{key}"));
    signature.mime = Some(PDF_MIME.to_owned());
    signature.create_time = Some(created);
    Ok(signature)
}

/// Exports the document of `id`: `render(form, signature, created)` makes
/// the PDF. Refused once any seal is signed: a new document would make
/// every existing signature invalid.
pub fn export(
    store: &Store,
    id: &str,
    render: impl FnOnce(&LeaveForm, &Signature, i64) -> Result<Vec<u8>, DomainError>,
) -> Result<Record, DomainError> {
    let record = store.record_or_allocate(id)?;
    if let Some(i) = record.signature.seals.iter().position(|s| s.is_signed()) {
        return Err(DomainError::AlreadySigned(i));
    }
    let form = crate::leave::load(store, id)?;
    let created = now_ms();
    let bytes = render(&form, &record.signature, created)?;
    let name = format!("leave-application-{id}.pdf");
    let signature = attach(store, id, &bytes, name, created, record.signature.clone())?;
    match store.write_record(id, &signature, Some(&record.etag))? {
        WriteOutcome::Written(record) => Ok(record),
        WriteOutcome::Conflict => Err(DomainError::ChangedDuringExport),
    }
}

const BYTE_RANGE: &[u8] = b"/ByteRange";

/// Flips bytes in the middle of the stored document (length unchanged) so
/// verification reports the document as changed. The record is untouched.
pub fn tamper(store: &Store, signature: &Signature) -> Result<(), DomainError> {
    let key = file_key(signature).ok_or(DomainError::NoDocument)?;
    let mut bytes = store.file(key)?.ok_or(DomainError::DocumentMissing)?;
    // In a sealed PDF the middle of the file is often the `/Contents` gap,
    // which no signature covers: aim at the middle of what comes before
    // the first signature dictionary instead.
    let covered = bytes
        .windows(BYTE_RANGE.len())
        .position(|w| w == BYTE_RANGE)
        .unwrap_or(bytes.len());
    let middle = covered / 2;
    let end = (middle + 8).min(bytes.len());
    // Add rather than XOR: tampering twice must not restore the original.
    for byte in bytes.iter_mut().take(end).skip(middle) {
        *byte = byte.wrapping_add(1);
    }
    store.replace_file_bytes(key, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_then_tamper() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        let record = export(&store, "d", |_, _, _| {
            Ok(b"%PDF-1.7 0123456789abcdef".to_vec())
        })
        .unwrap();
        let signature = &record.signature;
        assert_eq!(signature.size, Some(25));
        assert_eq!(signature.mime.as_deref(), Some(PDF_MIME));
        let before = bytes(&store, signature).unwrap();
        tamper(&store, signature).unwrap();
        let after = bytes(&store, signature).unwrap();
        assert_eq!(after.len(), before.len());
        assert_ne!(after, before);
        assert!(matches!(
            tamper(&store, &Signature::default()),
            Err(DomainError::NoDocument)
        ));
    }
}
