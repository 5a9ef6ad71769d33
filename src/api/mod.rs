//! The engine's SignatureAPI as the control calls it: S1 (read), S2
//! (write, with `If-Match`) and EX (export). Every call has a 15-second
//! timeout and is aborted when the control leaves the page.

mod http;

pub use http::{Aborts, HttpError, TIMEOUT_MS};

use infoplus_signature_core::machine::{Document, Problem};
use infoplus_signature_core::url::safe_url;
use infoplus_signature_core::wire::{parse_signature, unwrap_envelope, WireError};
use infoplus_signature_core::Signature;

use crate::browser::resolve_url;
use http::{send, Method, Reply};

/// Why an engine call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("someone else changed the signature (HTTP 412)")]
    Conflict,
    #[error(transparent)]
    Wire(#[from] WireError),
    #[error("the engine address is not usable: {0}")]
    Address(String),
}

impl From<ApiError> for Problem {
    fn from(error: ApiError) -> Self {
        match error {
            ApiError::Http(HttpError::Timeout) => Problem::Timeout,
            ApiError::Http(e) => Problem::Network {
                detail: e.to_string(),
            },
            ApiError::Status(status) => Problem::Http { status },
            ApiError::Conflict => Problem::Conflict,
            ApiError::Wire(e) => e.into(),
            ApiError::Address(detail) => Problem::Config { detail },
        }
    }
}

/// One Signature at one engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Engine {
    /// Absolute base URL without a trailing slash.
    base: String,
    id: String,
}

impl Engine {
    /// `base` may be relative to the page (`/api`); only http(s) is used.
    pub fn new(base: &str, signature_id: &str) -> Result<Engine, ApiError> {
        let safe = safe_url(base).map_err(|e| ApiError::Address(e.to_string()))?;
        let absolute = resolve_url(&safe, None)
            .ok_or_else(|| ApiError::Address(format!("cannot resolve `{base}`")))?;
        Ok(Engine {
            base: absolute.trim_end_matches('/').to_owned(),
            id: signature_id.trim().to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn signature_url(&self) -> String {
        let id: String = js_sys::encode_uri_component(&self.id).into();
        format!("{}/signature/{id}", self.base)
    }

    /// S1: read the Signature and its ETag.
    pub async fn read(&self, aborts: &Aborts) -> Result<Document, ApiError> {
        let reply = send(Method::Get, &self.signature_url(), None, None, aborts).await?;
        into_document(reply)
    }

    /// S2: write the Signature back; `412` means someone else changed it.
    pub async fn write(
        &self,
        signature: &Signature,
        if_match: Option<&str>,
        aborts: &Aborts,
    ) -> Result<Document, ApiError> {
        let body = signature.to_json();
        let url = self.signature_url();
        let reply = send(Method::Post, &url, Some(body), if_match, aborts).await?;
        into_document(reply)
    }

    /// EX: have the engine generate and store the document.
    pub async fn export(&self, aborts: &Aborts) -> Result<Document, ApiError> {
        let url = format!("{}/export", self.signature_url());
        let reply = send(Method::Post, &url, None, None, aborts).await?;
        into_document(reply)
    }
}

fn into_document(reply: Reply) -> Result<Document, ApiError> {
    match reply.status {
        200..=299 => Ok(Document::new(parse_signature(&reply.body)?, reply.etag)),
        412 => Err(ApiError::Conflict),
        status => match unwrap_envelope(&reply.body) {
            // An engine error with a message says more than the status.
            Err(e @ WireError::Engine { .. }) => Err(ApiError::Wire(e)),
            _ => Err(ApiError::Status(status)),
        },
    }
}
