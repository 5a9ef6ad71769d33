//! The reference InfoPlus engine API (spec §2), mounted at `/api`:
//! S1 read, S2 write, EX export, and the stored documents. The handlers only
//! translate HTTP to the domain layer and back; CORS and (with
//! `--dev-faults`) the fault layer are added by the composition root.

pub mod export;
mod files;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::domain::{body::parse_body, signatures};
use crate::error::ApiError;
use crate::http::{envelope_with_etag, operation, SignatureIdPath};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(operation::SIGNATURE, get(read).post(write))
        .route(operation::EXPORT, post(export::export))
        .route("/files/{key}", get(files::download))
}

/// S1 `GET /api/signature/{id}`. An unknown id is allocated (empty record).
async fn read(
    State(state): State<AppState>,
    SignatureIdPath(id): SignatureIdPath,
) -> Result<Response, ApiError> {
    Ok(envelope_with_etag(signatures::read(state.store(), &id)?))
}

/// S2 `POST /api/signature/{id}`, body a bare Signature, `If-Match` honoured.
async fn write(
    State(state): State<AppState>,
    SignatureIdPath(id): SignatureIdPath,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let if_match = headers
        .get(header::IF_MATCH)
        .map(|v| {
            v.to_str()
                .map_err(|_| ApiError::BadRequest("If-Match is not a valid header value".into()))
        })
        .transpose()?;
    let signature = parse_body(&body)?;
    let record = signatures::write(state.store(), &id, signature, if_match)?;
    Ok(envelope_with_etag(record))
}
