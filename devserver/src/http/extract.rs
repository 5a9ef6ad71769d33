//! The one way a route reads a Signature id from its path.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::domain::DomainError;
use crate::error::ApiError;
use crate::ids::check_signature_id;

/// A checked Signature id from a route's single `{id}` segment. A missing or
/// malformed id is the envelope's 400 (`INVALID_INPUT`), before any other
/// work, so no handler ever sees an id that could end up in a path or a page.
#[derive(Debug, Clone)]
pub struct SignatureIdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for SignatureIdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        check_signature_id(&id).map_err(DomainError::BadId)?;
        Ok(SignatureIdPath(id))
    }
}
