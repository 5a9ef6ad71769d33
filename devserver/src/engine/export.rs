//! EX `POST /api/signature/{id}/export`: render the form into a PDF, store
//! it, and fill the document fields of the Signature.

use axum::extract::State;
use axum::response::Response;
use infoplus_signature_core::Signature;

use crate::domain::{documents, DomainError};
use crate::error::ApiError;
use crate::http::{envelope_with_etag, SignatureIdPath};
use crate::leave::LeaveForm;
use crate::pdf::CjkFont;
use crate::state::AppState;

pub async fn export(
    State(state): State<AppState>,
    SignatureIdPath(id): SignatureIdPath,
) -> Result<Response, ApiError> {
    let font = state.font();
    let record = documents::export(state.store(), &id, |form, signature, created| {
        render_pdf(&id, form, signature, created, font)
    })?;
    Ok(envelope_with_etag(record))
}

/// The one call into the PDF renderer: the export, the demo seeding and the
/// dev documents all make their document here.
pub fn render_pdf(
    id: &str,
    form: &LeaveForm,
    signature: &Signature,
    created: i64,
    font: &CjkFont,
) -> Result<Vec<u8>, DomainError> {
    crate::pdf::export::render(id, form, signature, created, font).map_err(DomainError::Render)
}
