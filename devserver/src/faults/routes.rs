//! `GET|POST /dev/faults` (the switches) and `POST /dev/tamper/{id}`.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use infoplus_signature_core::Response as Envelope;
use serde_json::{Map, Value};

use super::Faults;
use crate::domain::{documents, signatures};
use crate::error::ApiError;
use crate::http::SignatureIdPath;
use crate::state::AppState;

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
    SignatureIdPath(id): SignatureIdPath,
) -> Result<Response, ApiError> {
    let record = signatures::find(state.store(), &id)?;
    documents::tamper(state.store(), &record.signature)?;
    Ok(Json(Envelope::ok(record.signature)).into_response())
}
