//! The reference InfoPlus engine API (spec §2), mounted at `/api`:
//! S1 read, S2 write, EX export, and the stored documents.

mod export;
mod files;
pub mod write;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use infoplus_signature_core::{Response as Envelope, Signature};
use tower_http::cors::{Any, CorsLayer};

use crate::error::ApiError;
use crate::faults::Endpoint;
use crate::ids::check_signature_id;
use crate::state::AppState;
use crate::store::Record;

pub use export::export_document;

/// Where stored documents are served; `uri` in a Signature is this plus the key.
pub const FILES_PREFIX: &str = "/api/files/";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signature/{id}", get(read).post(write))
        .route("/signature/{id}/export", post(export::export))
        .route("/files/{key}", get(files::download))
        .layer(cors())
}

/// The dev server is called by pages on other ports (browser tests), so any
/// origin may read; no credentials are involved.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE, header::IF_MATCH])
        .expose_headers([header::ETAG, header::CONTENT_LENGTH])
}

/// The stored file key of a Signature's document, if the engine stored it.
pub fn file_key(signature: &Signature) -> Option<&str> {
    signature
        .uri
        .as_deref()?
        .strip_prefix(FILES_PREFIX)
        .filter(|k| crate::ids::check_token(k))
}

/// A checked signature id from the path.
pub fn path_id(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(id) = path.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    check_signature_id(&id).map_err(ApiError::BadRequest)?;
    Ok(id)
}

/// `Response<Signature>` with the version in `ETag`.
pub fn envelope_with_etag(record: Record) -> Response {
    let mut response = Json(Envelope::ok(record.signature)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&record.etag) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    // Always ask the engine: the record changes behind the browser's back.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// S1 `GET /api/signature/{id}`. An unknown id is allocated (empty record).
async fn read(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(path)?;
    if let Some(fault) = state.faults().engine_fault(Endpoint::S1).await {
        return Ok(fault);
    }
    Ok(envelope_with_etag(state.store().record_or_allocate(&id)?))
}

/// S2 `POST /api/signature/{id}`, body a bare Signature, `If-Match` honoured.
async fn write(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_id(path)?;
    if let Some(fault) = state.faults().engine_fault(Endpoint::S2).await {
        return Ok(fault);
    }
    let if_match = headers
        .get(header::IF_MATCH)
        .map(|v| {
            v.to_str()
                .map_err(|_| ApiError::BadRequest("If-Match is not a valid header value".into()))
        })
        .transpose()?;
    let signature = write::parse_body(&body)?;
    let record = write::apply_write(state.store(), &id, signature, if_match)?;
    Ok(envelope_with_etag(record))
}
