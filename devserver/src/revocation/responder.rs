//! `POST /ocsp/{ca}`, `GET /ocsp/{ca}/{request}` (RFC 6960 Appendix A: the
//! DER request in base64, URL-encoded) and `GET /crl/{ca}.crl`. No CORS:
//! browsers never fetch revocation data (spec §6c); `seal-verify --online`
//! and OpenSSL do.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use time::OffsetDateTime;

use super::state::{crl, ocsp_response};
use crate::pki::{internal_error_response, malformed_response, read_request, RootCa};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ocsp/{ca}", post(ocsp_post))
        // A wildcard: standard base64 has `/` in it.
        .route("/ocsp/{ca}/{*request}", get(ocsp_get))
        .route("/crl/{file}", get(crl_get))
}

async fn ocsp_post(State(state): State<AppState>, Path(ca): Path<String>, body: Bytes) -> Response {
    match RootCa::from_slug(&ca) {
        Some(ca) => answer(&state, ca, &body),
        None => unknown_ca(),
    }
}

async fn ocsp_get(
    State(state): State<AppState>,
    Path((ca, request)): Path<(String, String)>,
) -> Response {
    let Some(ca) = RootCa::from_slug(&ca) else {
        return unknown_ca();
    };
    // axum has percent-decoded the path; what is left is base64, standard
    // (RFC 6960) or base64url (what some clients write), padded or not.
    let der = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(request.as_bytes()).ok());
    match der {
        Some(der) => answer(&state, ca, &der),
        None => ocsp_bytes(StatusCode::OK, malformed_response()),
    }
}

/// A signed answer, or `malformedRequest` (RFC 6960 §2.3: still HTTP 200,
/// the status is in the body), or `internalError` when the stored state
/// cannot be read.
fn answer(state: &AppState, ca: RootCa, der: &[u8]) -> Response {
    let query = match read_request(der) {
        Ok(query) => query,
        Err(_) => return ocsp_bytes(StatusCode::OK, malformed_response()),
    };
    match ocsp_response(
        state.store(),
        state.pki(),
        ca,
        &query,
        OffsetDateTime::now_utc(),
    ) {
        Ok(response) => ocsp_bytes(StatusCode::OK, response),
        Err(e) => {
            // The request log shows the 500; this says why.
            eprintln!("OCSP {}: {e}", ca.slug());
            ocsp_bytes(StatusCode::INTERNAL_SERVER_ERROR, internal_error_response())
        }
    }
}

fn ocsp_bytes(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/ocsp-response"),
            // Every answer is made now from the current state.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn crl_get(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let slug = file.strip_suffix(".crl").unwrap_or("");
    let Some(ca) = RootCa::from_slug(slug) else {
        return unknown_ca();
    };
    match crl(state.store(), state.pki(), ca, OffsetDateTime::now_utc()) {
        Ok(der) => (
            [
                (header::CONTENT_TYPE, "application/pkix-crl"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            der,
        )
            .into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// 404; the name asked for is not echoed (it is whatever the client sent).
fn unknown_ca() -> Response {
    (
        StatusCode::NOT_FOUND,
        "no such CA: the dev roots are sm2, ecdsa and rsa",
    )
        .into_response()
}
