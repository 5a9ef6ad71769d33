//! Why a domain operation was refused. The texts are what API clients and
//! the provider's users read, so they say what to do next.

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    // --- the posted Signature cannot be read (S2 body) ---
    #[error("the body is not valid JSON: {0}")]
    NotJson(String),
    #[error("S2 takes a bare Signature as its body, not a Response envelope")]
    Envelope,
    #[error("the body must be a JSON object (a Signature)")]
    NotAnObject,
    #[error("invalid Signature: field `{field}`: {reason}")]
    Unreadable { field: String, reason: String },
    #[error("field `mime`: {0:?} is not supported, only application/pdf can be sealed")]
    NotPdf(String),
    /// Any other reason the wire format gives.
    #[error("{0}")]
    Invalid(String),
    /// A Signature id of the wrong shape (the text says which rule).
    #[error("{0}")]
    BadId(String),

    // --- something is not there ---
    #[error("no signature {0}")]
    NotFound(String),
    #[error("no stored file {0}")]
    NoFile(String),
    #[error("this signature has no stored document")]
    NoDocument,
    #[error("the document's bytes are missing")]
    DocumentMissing,
    #[error("the document before this seal's revision is missing from the store")]
    RevisionMissing,

    // --- the request contradicts the stored state ---
    /// An engine-owned document field differs from the stored one.
    #[error(
        "field `{field}` is set by the engine: stored {stored}, body has {given}; \
         re-read the signature (S1) and post it again"
    )]
    Conflict {
        field: &'static str,
        stored: String,
        given: String,
    },
    /// Export refused: a new document would invalidate seal `.0`'s signature.
    #[error(
        "seal {0} is already signed; exporting again would change the document and \
         invalidate its signatures (delete the signatures first)"
    )]
    AlreadySigned(usize),

    /// A delete of a PDF-signature seal whose revision a later seal builds on.
    /// Numbered from 1 in the text, as the control's cards are ("Seal 1").
    #[error(
        "seal {} was stamped after seal {}: delete seal {} first \
         (请先删除在此之后加盖的印章 {})",
        .later + 1, .seal + 1, .later + 1, .later + 1
    )]
    LaterSeal { seal: usize, later: usize },

    // --- versions (ETag / If-Match) ---
    #[error(
        "the signature was changed by someone else (If-Match {sent} does not match \
         the current version {current}); re-read it and try again"
    )]
    PreconditionFailed { sent: String, current: String },
    /// The compare-and-swap lost against a concurrent write.
    #[error("the signature changed while it was being written; re-read it and try again")]
    ChangedDuringWrite,
    #[error("the signature changed during the export; export again")]
    ChangedDuringExport,
    /// A delete (a signed seal dropped or replaced) without `If-Match`.
    #[error("this write removes a seal's signature; send If-Match with the ETag you read")]
    PreconditionRequired,

    // --- the server itself ---
    #[error("rendering the document failed: {0}")]
    Render(crate::pdf::PdfWriteError),
    #[error("no randomness: {0}")]
    NoRandomness(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}
