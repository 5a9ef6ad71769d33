//! EX `POST /api/signature/{id}/export`: render the form into a PDF, store
//! it, and fill the document fields of the Signature.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;

use super::{envelope_with_etag, path_id, FILES_PREFIX};
use crate::error::ApiError;
use crate::faults::Endpoint;
use crate::ids::{now_ms, random_token};
use crate::state::AppState;
use crate::store::{Record, WriteOutcome};
use infoplus_signature_core::PDF_MIME;

pub async fn export(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(path)?;
    if let Some(fault) = state.faults().engine_fault(Endpoint::Ex).await {
        return Ok(fault);
    }
    Ok(envelope_with_etag(export_document(&state, &id)?))
}

/// Exports the document of `id`. Refused once any seal is signed: a new
/// document would make every existing signature invalid.
pub fn export_document(state: &AppState, id: &str) -> Result<Record, ApiError> {
    let store = state.store();
    let record = store.record_or_allocate(id)?;
    if let Some(i) = record.signature.seals.iter().position(|s| s.is_signed()) {
        return Err(ApiError::Conflict(format!(
            "seal {i} is already signed; exporting again would change the document and \
             invalidate its signatures (delete the signatures first)"
        )));
    }
    let form = crate::leave::load(store, id)?;
    let created = now_ms();
    let bytes = crate::pdf::export::render(id, &form, &record.signature, created, state.font())
        .map_err(|e| ApiError::Internal(format!("rendering the document failed: {e}")))?;
    let key = random_token().map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    store.put_file(&key, id, &bytes)?;

    let mut signature = record.signature.clone();
    signature.id = Some(id.to_owned());
    signature.name = Some(format!("leave-application-{id}.pdf"));
    signature.size = Some(bytes.len() as u64);
    signature.uri = Some(format!("{FILES_PREFIX}{key}"));
    signature.mime = Some(PDF_MIME.to_owned());
    signature.create_time = Some(created);
    match store.write_record(id, &signature, Some(&record.etag))? {
        WriteOutcome::Written(record) => Ok(record),
        WriteOutcome::Conflict => Err(ApiError::PreconditionFailed(
            "the signature changed during the export; export again".to_owned(),
        )),
    }
}
