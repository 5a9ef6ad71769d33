//! Error types. API errors become InfoPlus envelopes with a matching HTTP
//! status, so the control can show `error` whatever layer failed.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use infoplus_signature_core::Response as Envelope;
use serde_json::Value;

use crate::domain::DomainError;
use crate::seals::SealSetupError;
use crate::store::StoreError;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Store(#[from] StoreError),
    #[error("seal keys: {0}")]
    Seals(#[from] SealSetupError),
    #[error("certificates: {0}")]
    Certificates(#[from] crate::certificates::CertificateError),
    #[error("--allow-return {0:?} is not an http(s) origin")]
    BadOrigin(String),
    #[error("seeding the demo records failed: {0}")]
    Seed(String),
    #[error("{0}")]
    Font(#[from] crate::pdf::FontError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// An error answered by the engine API (`/api/...`) and the dev JSON routes.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("{0}")]
    Fault(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Fault(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn ecode(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "INVALID_INPUT",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Conflict(_) => "CONFLICT",
            ApiError::PreconditionFailed(_) => "PRECONDITION_FAILED",
            ApiError::PreconditionRequired(_) => "PRECONDITION_REQUIRED",
            ApiError::Fault(_) => "FAULT_INJECTED",
            ApiError::Internal(_) => "INTERNAL_ERROR",
        }
    }
}

/// The one place a domain refusal becomes an HTTP status; the text is kept.
impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        let text = e.to_string();
        match e {
            DomainError::NotJson(_)
            | DomainError::Envelope
            | DomainError::NotAnObject
            | DomainError::Unreadable { .. }
            | DomainError::NotPdf(_)
            | DomainError::Invalid(_)
            | DomainError::BadId(_) => ApiError::BadRequest(text),
            DomainError::NotFound(_)
            | DomainError::NoFile(_)
            | DomainError::NoDocument
            | DomainError::DocumentMissing => ApiError::NotFound(text),
            DomainError::Conflict { .. }
            | DomainError::AlreadySigned(_)
            | DomainError::LaterSeal { .. } => ApiError::Conflict(text),
            DomainError::PreconditionFailed { .. }
            | DomainError::ChangedDuringWrite
            | DomainError::ChangedDuringExport => ApiError::PreconditionFailed(text),
            DomainError::PreconditionRequired => ApiError::PreconditionRequired(text),
            DomainError::NoRandomness(_)
            | DomainError::Store(_)
            | DomainError::Render(_)
            | DomainError::RevisionMissing => ApiError::Internal(text),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        // errno mirrors the HTTP status: non-zero, and meaningful on its own
        // when a client only looks at the body.
        let body: Envelope<Value> =
            Envelope::err(i64::from(status.as_u16()), self.ecode(), self.to_string());
        (status, Json(body)).into_response()
    }
}
