//! Dev-only fault switches (`--dev-faults`): make the engine fail, hang or
//! answer garbage, make the provider fail, or tamper with a stored document,
//! so the control's error paths can be exercised on purpose.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use infoplus_signature_core::Response as Envelope;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::state::AppState;

/// Longer than the control's 15 s timeout, so "hang" is seen as a timeout.
pub const HANG: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EngineFault {
    #[serde(rename = "500")]
    ServerError,
    #[serde(rename = "hang")]
    Hang,
    /// 200 with a body of the wrong shape (`seals` is an object).
    #[serde(rename = "malformed")]
    Malformed,
    /// 200 with JSON cut off in the middle.
    #[serde(rename = "truncated")]
    Truncated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderFault {
    #[serde(rename = "fail")]
    Fail,
}

/// The current switches; `null` is off. Sticky until set back to `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    pub s1: Option<EngineFault>,
    pub s2: Option<EngineFault>,
    pub ex: Option<EngineFault>,
    pub provider: Option<ProviderFault>,
}

#[derive(Debug, Clone, Copy)]
pub enum Endpoint {
    S1,
    S2,
    Ex,
}

#[derive(Default)]
pub struct FaultSwitches {
    current: Mutex<Faults>,
}

impl FaultSwitches {
    pub fn get(&self) -> Faults {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set(&self, faults: Faults) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    pub fn provider_fails(&self) -> bool {
        self.get().provider.is_some()
    }

    /// The faulty answer for `endpoint`, if its switch is on.
    pub async fn engine_fault(&self, endpoint: Endpoint) -> Option<Response> {
        let faults = self.get();
        let fault = match endpoint {
            Endpoint::S1 => faults.s1,
            Endpoint::S2 => faults.s2,
            Endpoint::Ex => faults.ex,
        }?;
        Some(match fault {
            EngineFault::ServerError => {
                ApiError::Fault(format!("{endpoint:?} failed on purpose (fault switch 500)"))
                    .into_response()
            }
            EngineFault::Hang => {
                tokio::time::sleep(HANG).await;
                ApiError::Fault(format!(
                    "{endpoint:?} answered late on purpose (fault switch hang)"
                ))
                .into_response()
            }
            EngineFault::Malformed => json_text(
                r#"{"errno":0,"ecode":"SUCCEED","error":"","entities":[{"id":7,"seals":{}}]}"#,
            ),
            EngineFault::Truncated => json_text(
                r#"{"errno":0,"ecode":"SUCCEED","error":"","entities":[{"id":"x","seals":[{"x":1"#,
            ),
        })
    }
}

fn json_text(body: &'static str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// `GET /dev/faults`: the current switches.
pub async fn get_faults(State(state): State<AppState>) -> Json<Envelope<Faults>> {
    Json(Envelope::ok(state.faults().get()))
}

/// `POST /dev/faults`: keys present are set (`null` turns off), absent keys
/// stay as they are.
pub async fn set_faults(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<Envelope<Faults>>, ApiError> {
    let update: Map<String, Value> = serde_json::from_slice(&body).map_err(|e| {
        ApiError::BadRequest(format!(
            "expected a JSON object like {{\"s1\":\"500\"}}: {e}"
        ))
    })?;
    let current = serde_json::to_value(state.faults().get())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut merged = match current {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    merged.extend(update);
    let faults: Faults = serde_json::from_value(Value::Object(merged)).map_err(|e| {
        ApiError::BadRequest(format!(
            "unknown fault setting: {e} (s1/s2/ex: \"500\", \"hang\", \"malformed\", \"truncated\" or null; provider: \"fail\" or null)"
        ))
    })?;
    state.faults().set(faults.clone());
    Ok(Json(Envelope::ok(faults)))
}

/// `POST /dev/tamper/{id}`: flips bytes in the middle of the stored document
/// (length unchanged) so verification reports the document as changed.
pub async fn tamper(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = crate::engine::path_id(path)?;
    let record = state
        .store()
        .record(&id)?
        .ok_or_else(|| ApiError::NotFound(format!("no signature {id}")))?;
    tamper_document(&state, &record.signature)?;
    Ok(Json(Envelope::ok(record.signature)).into_response())
}

/// Shared with the demo seeding of `demo-tampered`.
pub fn tamper_document(
    state: &AppState,
    signature: &infoplus_signature_core::Signature,
) -> Result<(), ApiError> {
    let key = crate::engine::file_key(signature)
        .ok_or_else(|| ApiError::NotFound("this signature has no stored document".to_owned()))?;
    let mut bytes = state
        .store()
        .file(key)?
        .ok_or_else(|| ApiError::NotFound("the document's bytes are missing".to_owned()))?;
    let middle = bytes.len() / 2;
    let end = (middle + 8).min(bytes.len());
    // Add rather than XOR: tampering twice must not restore the original.
    for byte in &mut bytes[middle..end] {
        *byte = byte.wrapping_add(1);
    }
    state.store().replace_file_bytes(key, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_parse() {
        let f: Faults =
            serde_json::from_str(r#"{"s1":"500","s2":"hang","ex":"malformed","provider":"fail"}"#)
                .unwrap();
        assert_eq!(f.s1, Some(EngineFault::ServerError));
        assert_eq!(f.provider, Some(ProviderFault::Fail));
        assert!(serde_json::from_str::<Faults>(r#"{"s1":"boom"}"#).is_err());
        assert!(serde_json::from_str::<Faults>(r#"{"s9":null}"#).is_err());
    }
}
