//! HTTP plumbing shared by the engine API and the dev JSON routes: the
//! signature-id extractor, the envelope-with-ETag answer, CORS, and the names
//! of the engine operations (so the fault layer can target them without
//! knowing the engine's code).

mod extract;
pub mod operation;

use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::Json;
use infoplus_signature_core::Response as Envelope;
use tower_http::cors::{Any, CorsLayer};

use crate::store::Record;

pub use extract::SignatureIdPath;

/// The dev server is called by pages on other ports (browser tests), so any
/// origin may read; no credentials are involved.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE, header::IF_MATCH])
        .expose_headers([header::ETAG, header::CONTENT_LENGTH])
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
