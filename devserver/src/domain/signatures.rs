//! Signature records: read (allocating on first read), write with the ETag
//! precondition, and the rules an S2 write obeys. Used by the engine's S1/S2
//! handlers and by the provider, which writes its stamp back the same way.

use infoplus_signature_core::Signature;

use super::DomainError;
use crate::store::{Record, Store, WriteOutcome};

/// The record of `id`, allocating an empty one (one default seal) on first
/// read: the engine owns the field from the moment anyone asks for it.
pub fn read(store: &Store, id: &str) -> Result<Record, DomainError> {
    Ok(store.record_or_allocate(id)?)
}

/// The record of `id` if it exists (no allocation).
pub fn find(store: &Store, id: &str) -> Result<Record, DomainError> {
    store
        .record(id)?
        .ok_or_else(|| DomainError::NotFound(id.to_owned()))
}

/// Stores `signature` as the record of `id` whatever was there (seeding and
/// the dev documents, which define the structure themselves).
pub fn replace(store: &Store, id: &str, signature: &Signature) -> Result<Record, DomainError> {
    match store.write_record(id, signature, None)? {
        WriteOutcome::Written(record) => Ok(record),
        WriteOutcome::Conflict => Err(DomainError::ChangedDuringWrite),
    }
}

/// The document fields belong to the engine (they describe the file it
/// exported). Absent in the body: taken from the store. Present but
/// different: refused, since the body was made for another document.
pub fn merge_engine_fields(
    id: &str,
    stored: &Signature,
    mut body: Signature,
) -> Result<Signature, DomainError> {
    fn keep<T: PartialEq + std::fmt::Debug + Clone>(
        field: &'static str,
        stored: &Option<T>,
        given: &mut Option<T>,
    ) -> Result<(), DomainError> {
        match given {
            None => {
                given.clone_from(stored);
                Ok(())
            }
            Some(value) if Some(&*value) == stored.as_ref() => Ok(()),
            Some(value) => Err(DomainError::Conflict {
                field,
                stored: format!("{stored:?}"),
                given: format!("{value:?}"),
            }),
        }
    }
    let stored_id = Some(id.to_owned());
    keep("id", &stored_id, &mut body.id)?;
    keep("name", &stored.name, &mut body.name)?;
    keep("size", &stored.size, &mut body.size)?;
    keep("uri", &stored.uri, &mut body.uri)?;
    keep("mime", &stored.mime, &mut body.mime)?;
    keep("createTime", &stored.create_time, &mut body.create_time)?;
    Ok(body)
}

/// Does `new` drop or replace a signature that `stored` holds? That is a
/// delete, which must say which version it deletes from (If-Match).
pub fn removes_signature(stored: &Signature, new: &Signature) -> bool {
    stored.seals.iter().enumerate().any(|(i, seal)| {
        seal.is_signed()
            && new
                .seals
                .get(i)
                .is_none_or(|n| n.signature != seal.signature)
    })
}

/// Strong comparison (RFC 9110 §13.1.1): `*` or one of the listed tags.
pub fn if_match_matches(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag == etag)
}

/// An S2 write: idempotent for an unchanged body, `PreconditionFailed` on a
/// stale If-Match, `Conflict` on changed document fields,
/// `PreconditionRequired` on a delete without If-Match, the PDF-signature
/// delete rule (`revisions::apply_deletes`), and a
/// compare-and-swap so that no concurrent write is lost.
pub fn write(
    store: &Store,
    id: &str,
    body: Signature,
    if_match: Option<&str>,
) -> Result<Record, DomainError> {
    let stored = store.record_or_allocate(id)?;
    let merged = merge_engine_fields(id, &stored.signature, body);
    if merged.as_ref().is_ok_and(|m| *m == stored.signature) {
        return Ok(stored);
    }
    if let Some(header) = if_match {
        if !if_match_matches(header, &stored.etag) {
            return Err(DomainError::PreconditionFailed {
                sent: header.to_owned(),
                current: stored.etag,
            });
        }
    }
    let merged = merged?;
    if if_match.is_none() && removes_signature(&stored.signature, &merged) {
        return Err(DomainError::PreconditionRequired);
    }
    let merged = super::revisions::apply_deletes(store, &stored.signature, merged)?;
    match store.write_record(id, &merged, Some(&stored.etag))? {
        WriteOutcome::Written(record) => Ok(record),
        WriteOutcome::Conflict => Err(DomainError::ChangedDuringWrite),
    }
}

/// A raw-signature stamp (the dev documents): `signature` (the record read
/// at `read_etag` with a seal filled in) written under the S2 rules,
/// conditional on that version. PDF-signature stamps use
/// `revisions::write_sealed`, which moves the document.
pub fn write_stamped(
    store: &Store,
    id: &str,
    signature: Signature,
    read_etag: &str,
) -> Result<Record, DomainError> {
    write(store, id, signature, Some(read_etag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use infoplus_signature_core::signature_from_str;

    fn sig(json: &str) -> Signature {
        signature_from_str(json).unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn engine_fields_are_filled_or_refused() {
        let stored = sig(r#"{"id":"a","uri":"/api/files/k","size":3,"seals":[{}]}"#);
        let merged = merge_engine_fields("a", &stored, sig(r#"{"seals":[{"x":1}]}"#)).unwrap();
        assert_eq!(merged.uri.as_deref(), Some("/api/files/k"));
        assert_eq!(merged.size, Some(3));
        assert_eq!(merged.id.as_deref(), Some("a"));
        let err = merge_engine_fields("a", &stored, sig(r#"{"size":4}"#)).unwrap_err();
        assert!(matches!(err, DomainError::Conflict { field: "size", .. }));
        assert!(err.to_string().contains("`size`"), "{err}");
        assert!(merge_engine_fields("a", &stored, sig(r#"{"id":"b"}"#)).is_err());
    }

    #[test]
    fn deletes_are_detected() {
        let signed = sig(r#"{"seals":[{"signature":"AA=="},{}]}"#);
        assert!(removes_signature(&signed, &sig(r#"{"seals":[{},{}]}"#)));
        assert!(removes_signature(
            &signed,
            &sig(r#"{"seals":[{"signature":"BB=="}]}"#)
        ));
        assert!(!removes_signature(
            &signed,
            &sig(r#"{"seals":[{"signature":"AA=="},{"signature":"CC=="}]}"#)
        ));
    }

    #[test]
    fn if_match_forms() {
        assert!(if_match_matches("\"a\"", "\"a\""));
        assert!(if_match_matches("\"x\", \"a\"", "\"a\""));
        assert!(if_match_matches("*", "\"a\""));
        assert!(!if_match_matches("W/\"a\"", "\"a\""));
        assert!(!if_match_matches("\"b\"", "\"a\""));
    }

    #[test]
    fn writes_obey_the_precondition_rules() {
        let (_dir, store) = store();
        let first = read(&store, "w").unwrap();
        let signed = sig(r#"{"seals":[{"signature":"AA=="}]}"#);
        let second = write(&store, "w", signed.clone(), None).unwrap();
        assert_ne!(second.etag, first.etag);
        // Unchanged: fine whatever If-Match says.
        assert_eq!(
            write(&store, "w", signed, Some("\"stale\"")).unwrap(),
            second
        );
        let unsigned = sig(r#"{"seals":[{}]}"#);
        assert!(matches!(
            write(&store, "w", unsigned.clone(), Some(&first.etag)),
            Err(DomainError::PreconditionFailed { current, .. }) if current == second.etag
        ));
        assert!(matches!(
            write(&store, "w", unsigned.clone(), None),
            Err(DomainError::PreconditionRequired)
        ));
        assert!(write_stamped(&store, "w", unsigned, &second.etag).is_ok());
        assert!(matches!(find(&store, "nobody"), Err(DomainError::NotFound(id)) if id == "nobody"));
    }
}
