//! S2: how a posted Signature becomes the stored one. Shared by the HTTP
//! route and by the provider simulator, which writes back after sealing.

use infoplus_signature_core::{signature_from_value, Signature, WireError};
use serde_json::Value;

use crate::error::ApiError;
use crate::store::{Record, Store, WriteOutcome};

/// Reads an S2 body: a bare Signature (not an envelope). Wrong types name
/// the field; a non-PDF `mime` is refused.
pub fn parse_body(body: &[u8]) -> Result<Signature, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
    match &value {
        Value::Object(object)
            if object.contains_key("errno") || object.contains_key("entities") =>
        {
            return Err(ApiError::BadRequest(
                "S2 takes a bare Signature as its body, not a Response envelope".to_owned(),
            ))
        }
        Value::Object(_) | Value::Null => {}
        _ => {
            return Err(ApiError::BadRequest(
                "the body must be a JSON object (a Signature)".to_owned(),
            ))
        }
    }
    signature_from_value(value).map_err(|e| match e {
        WireError::WrongType { field, reason } => {
            ApiError::BadRequest(format!("invalid Signature: field `{field}`: {reason}"))
        }
        WireError::UnsupportedMime(mime) => ApiError::BadRequest(format!(
            "field `mime`: {mime:?} is not supported, only application/pdf can be sealed"
        )),
        other => ApiError::BadRequest(other.to_string()),
    })
}

/// The document fields belong to the engine (they describe the file it
/// exported). Absent in the body: taken from the store. Present but
/// different: refused, since the body was made for another document.
pub fn merge_engine_fields(
    id: &str,
    stored: &Signature,
    mut body: Signature,
) -> Result<Signature, ApiError> {
    fn keep<T: PartialEq + std::fmt::Debug + Clone>(
        field: &str,
        stored: &Option<T>,
        given: &mut Option<T>,
    ) -> Result<(), ApiError> {
        match given {
            None => {
                given.clone_from(stored);
                Ok(())
            }
            Some(value) if Some(&*value) == stored.as_ref() => Ok(()),
            Some(value) => Err(ApiError::Conflict(format!(
                "field `{field}` is set by the engine: stored {stored:?}, body has {value:?}; \
                 re-read the signature (S1) and post it again"
            ))),
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

/// Applies an S2 write: idempotent for an unchanged body, 412 on a stale
/// If-Match, 409 on changed document fields, 428 on a delete without
/// If-Match, and a compare-and-swap so that no concurrent write is lost.
pub fn apply_write(
    store: &Store,
    id: &str,
    body: Signature,
    if_match: Option<&str>,
) -> Result<Record, ApiError> {
    let stored = store.record_or_allocate(id)?;
    let merged = merge_engine_fields(id, &stored.signature, body);
    if merged.as_ref().is_ok_and(|m| *m == stored.signature) {
        return Ok(stored);
    }
    if let Some(header) = if_match {
        if !if_match_matches(header, &stored.etag) {
            return Err(ApiError::PreconditionFailed(format!(
                "the signature was changed by someone else (If-Match {header} does not match \
                 the current version {}); re-read it and try again",
                stored.etag
            )));
        }
    }
    let merged = merged?;
    if if_match.is_none() && removes_signature(&stored.signature, &merged) {
        return Err(ApiError::PreconditionRequired(
            "this write removes a seal's signature; send If-Match with the ETag you read"
                .to_owned(),
        ));
    }
    match store.write_record(id, &merged, Some(&stored.etag))? {
        WriteOutcome::Written(record) => Ok(record),
        WriteOutcome::Conflict => Err(ApiError::PreconditionFailed(
            "the signature changed while it was being written; re-read it and try again".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use infoplus_signature_core::signature_from_str;

    fn sig(json: &str) -> Signature {
        signature_from_str(json).unwrap()
    }

    #[test]
    fn engine_fields_are_filled_or_refused() {
        let stored = sig(r#"{"id":"a","uri":"/api/files/k","size":3,"seals":[{}]}"#);
        let merged = merge_engine_fields("a", &stored, sig(r#"{"seals":[{"x":1}]}"#)).unwrap();
        assert_eq!(merged.uri.as_deref(), Some("/api/files/k"));
        assert_eq!(merged.size, Some(3));
        assert_eq!(merged.id.as_deref(), Some("a"));
        let err = merge_engine_fields("a", &stored, sig(r#"{"size":4}"#)).unwrap_err();
        assert!(matches!(err, ApiError::Conflict(m) if m.contains("`size`")));
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
    fn bodies_name_the_wrong_field() {
        let err = parse_body(br#"{"seals":[{"x":"left"}]}"#).unwrap_err();
        assert!(err.to_string().contains("seals[0].x"), "{err}");
        assert!(parse_body(br#"{"mime":"text/html"}"#).is_err());
        assert!(parse_body(br#"[1]"#).is_err());
        assert!(parse_body(br#"{"errno":0,"entities":[]}"#).is_err());
        assert!(parse_body(b"{").is_err());
    }
}
