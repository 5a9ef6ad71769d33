//! What a verification adds to its verdicts for an auditor (spec §6a,
//! "Report"): the document's SHA-256, when it was verified, the report as
//! it is downloaded, and a trust bundle that could not be had. Plain data,
//! built by the verify part, read by the views and the element's event.

use infoplus_signature_core::Seal;
use serde_json::Value;

/// The downloaded document as the browser keeps it (a `Blob`); natively,
/// where the views are tested without a browser, nothing.
#[cfg(target_arch = "wasm32")]
pub type KeptDocument = web_sys::Blob;
#[cfg(not(target_arch = "wasm32"))]
pub type KeptDocument = ();

#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// Lowercase hex; `None` when the document could not be had.
    pub document_sha256: Option<String>,
    /// RFC 3339 UTC.
    pub verified_at: String,
    /// `{documentSha256, verifiedAt, signature, seals, pdf}`: the file the
    /// report button downloads and `report` in `signature-verified`.
    pub report: Value,
    /// Why a `trust-roots` / `trust-intermediates` bundle was not used
    /// (the PDF's signatures were then verified without it).
    pub trust_problem: Option<String>,
    /// The document as downloaded (`application/pdf`), kept on the page
    /// for what is shown from its bytes without another download: each
    /// signature's signed version (a slice of it) and the page preview.
    /// `None` when the document could not be had.
    pub document: Option<KeptDocument>,
    /// The Signature's seals as verified: where the page preview outlines
    /// a seal that is not a PDF signature (its placeholder or x/y).
    pub seals: Vec<Seal>,
    /// The detail of `signature-verified`: `{seal, results, pdf,
    /// documentSha256, verifiedAt, report}`, `results` and `pdf` being the
    /// report's `seals` and `pdf`. Made by the verify part with the report
    /// (so that neither its code nor the verdicts' serializers are in the
    /// first download, `crate::parts`).
    pub event: String,
}
