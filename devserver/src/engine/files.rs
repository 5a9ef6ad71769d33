//! `GET /api/files/{key}`: the stored document bytes.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::domain::documents;
use crate::error::ApiError;
use crate::ids::check_token;
use crate::state::AppState;

pub async fn download(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path(key) = path.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    if !check_token(&key) {
        return Err(ApiError::BadRequest(
            "a file key is 16 to 64 letters, digits, `_` or `-`".to_owned(),
        ));
    }
    let bytes = documents::file(state.store(), &key)?;
    // The bytes can change under the same key (tampering on purpose), so
    // caches must revalidate; the ETag makes revalidation cheap.
    let etag = format!("\"{}\"", hex::encode(Sha256::digest(&bytes)));
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == etag)
        });
    let common = [
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (
            header::ETAG,
            HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
    ];
    if not_modified {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    let length = HeaderValue::from(bytes.len());
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{key}.pdf\""))
        .unwrap_or(HeaderValue::from_static("inline"));
    Ok((
        common,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(infoplus_signature_core::PDF_MIME),
            ),
            (header::CONTENT_LENGTH, length),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
