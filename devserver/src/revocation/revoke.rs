//! `POST /dev/revoke/{sealId}` (with `--dev-faults` only): revokes the
//! seal's certificate, now or at a time in the past (a backdated
//! revocation, to test "revoked before signing"). Body, all optional:
//! `{"reason": "keyCompromise", "at": "2026-12-01T00:00:00Z"}`; the reason
//! defaults to unspecified, the time to now.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use der::DecodePem;
use infoplus_signature_core::Response as Envelope;
use serde::Deserialize;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::CrlReason;
use x509_cert::Certificate;

use super::reason;
use super::state::serial_key;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::Revocation;

/// How far ahead of the server's clock `at` may be (a client's clock a
/// little ahead); a revocation further in the future is refused.
const CLOCK_SKEW: Duration = Duration::minutes(1);

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevokeBody {
    reason: Option<String>,
    at: Option<String>,
}

/// Revokes the certificate of seal `seal_id`: 404 for an unknown seal, 409
/// for a seal never stamped with (it has no certificate yet), 400 for a
/// bad body. Revoking again replaces the time and reason.
pub async fn revoke(
    State(state): State<AppState>,
    Path(seal_id): Path<String>,
    body: Bytes,
) -> Result<Json<Envelope<Value>>, ApiError> {
    let now = OffsetDateTime::now_utc();
    let (reason, at) = read_body(&body, now)?;
    let store = state.store();
    if store.seal(&seal_id)?.is_none() {
        return Err(ApiError::NotFound(format!("no seal {seal_id:?}")));
    }
    let Some(stored) = store.seal_certificate(&seal_id)? else {
        return Err(ApiError::Conflict(format!(
            "seal {seal_id:?} has no certificate yet: it is issued at the seal's first stamp"
        )));
    };
    let certificate = Certificate::from_pem(&stored.cert_pem)
        .map_err(|e| ApiError::Internal(format!("seal {seal_id:?}'s stored certificate: {e}")))?;
    let ca = state.pki().issuer_of(&certificate).ok_or_else(|| {
        ApiError::Internal(format!(
            "seal {seal_id:?}'s certificate was not issued by a dev root"
        ))
    })?;
    let serial = serial_key(certificate.tbs_certificate().serial_number().as_bytes());
    store.put_revocation(&Revocation {
        ca: ca.slug().to_owned(),
        serial: serial.clone(),
        revoked_at: at.unix_timestamp(),
        reason: reason::code(reason),
    })?;
    let revoked_at = at
        .format(&Rfc3339)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(Envelope::ok(json!({
        "sealId": seal_id,
        "ca": ca.slug(),
        "serial": serial,
        "revokedAt": revoked_at,
        "reason": reason::name(reason),
    }))))
}

/// The reason and the time (whole seconds, as OCSP and CRLs carry it).
fn read_body(body: &[u8], now: OffsetDateTime) -> Result<(CrlReason, OffsetDateTime), ApiError> {
    let body: RevokeBody = if body.iter().all(u8::is_ascii_whitespace) {
        RevokeBody::default()
    } else {
        serde_json::from_slice(body).map_err(|e| {
            ApiError::BadRequest(format!(
                "expected {{\"reason\": \"keyCompromise\", \"at\": \"2026-12-01T00:00:00Z\"}} (both optional): {e}"
            ))
        })?
    };
    let reason = match body.reason.as_deref() {
        None => CrlReason::Unspecified,
        Some(name) => reason::from_name(name).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "unknown reason {name:?}; RFC 5280 names: {}",
                reason::names()
            ))
        })?,
    };
    let at = match body.at.as_deref() {
        None => now,
        Some(text) => OffsetDateTime::parse(text, &Rfc3339).map_err(|e| {
            ApiError::BadRequest(format!("\"at\" is not an RFC 3339 time ({e}): {text:?}"))
        })?,
    };
    if at > now + CLOCK_SKEW {
        return Err(ApiError::BadRequest(
            "\"at\" lies in the future: a revocation is now or backdated".to_owned(),
        ));
    }
    let at = at
        .replace_nanosecond(0)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    Ok((reason, at.to_offset(time::UtcOffset::UTC)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-06 09:00:00 UTC);

    #[test]
    fn an_empty_body_is_unspecified_now() {
        assert_eq!(read_body(b"", NOW).unwrap(), (CrlReason::Unspecified, NOW));
        assert_eq!(
            read_body(b" {} ", NOW).unwrap(),
            (CrlReason::Unspecified, NOW)
        );
    }

    #[test]
    fn a_reason_and_a_backdated_time_are_read() {
        let body = br#"{"reason": "keyCompromise", "at": "2026-12-01T08:00:00.5+08:00"}"#;
        assert_eq!(
            read_body(body, NOW).unwrap(),
            (CrlReason::KeyCompromise, datetime!(2026-12-01 00:00:00 UTC))
        );
    }

    #[test]
    fn bad_bodies_are_refused() {
        for body in [
            &br#"{"reason": "stolen"}"#[..],
            br#"{"at": "yesterday"}"#,
            br#"{"at": "2026-12-07T09:00:00Z"}"#,
            br#"{"why": "keyCompromise"}"#,
            br#"{"reason": 1}"#,
            b"not json",
        ] {
            assert!(
                matches!(read_body(body, NOW), Err(ApiError::BadRequest(_))),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
