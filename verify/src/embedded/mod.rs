//! Verifying the PDF's own signatures (spec §6a): for every signature
//! field, is the signature intact, who made it, was that certificate valid
//! and trusted when it was made, and what changed afterwards.
//!
//! The pieces: `pdf::inspect_signatures` finds the signatures, their raw
//! `/Contents`, coverage, later changes and DocMDP; `cms` reads the
//! SignedData; `pki` verifies signatures and chains. This module applies
//! §6a's rules on top (`status.rs`) and matches seals that are PDF
//! signatures to theirs (`seals.rs`).
//!
//! Trust is configured, never built in: with no roots every signer is
//! `unknown-issuer` and nothing is `valid`.

mod check;
mod plan;
mod seals;
mod status;
mod timestamp;

use crate::model::{Seal, Signature};
use crate::pdf;
use crate::verdict::{PdfReport, PdfSignature, SealReport};
use crate::verdict_pdf::DocumentVerdict;

use super::pki::TrustStore;
use super::Digests;

pub use plan::{digest_plan, DigestPlan};
pub use seals::is_pdf_signature_seal;

/// The time certificates are checked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationTime {
    /// Each signature's own signing time (§6a): a verified signature
    /// timestamp, else the signed `signingTime`, else `/M`.
    Signing,
    /// A fixed time, seconds since the epoch (`--at now` passes the clock's).
    At(i64),
}

/// What the caller configures: the trusted roots and extra intermediates
/// as PEM bundles, and the validation time.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub roots_pem: Vec<String>,
    pub intermediates_pem: Vec<String>,
    pub at: ValidationTime,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            roots_pem: Vec::new(),
            intermediates_pem: Vec::new(),
            at: ValidationTime::Signing,
        }
    }
}

/// Step 2 of a verification: the PDF's report with every signature
/// checked, and the verdicts of the seals that are PDF signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedAnswer {
    pub pdf: Option<PdfReport>,
    pub seals: Vec<SealReport>,
}

/// The trust store the options describe, and the problems reading it
/// (a PEM block that is not a certificate, …) as short texts.
pub fn trust_store(options: &PdfOptions) -> (TrustStore, Vec<String>) {
    let mut store = TrustStore::new();
    let mut problems = Vec::new();
    for pem in &options.roots_pem {
        problems.extend(store.add_roots_pem(pem));
    }
    for pem in &options.intermediates_pem {
        problems.extend(store.add_intermediates_pem(pem));
    }
    (store, problems)
}

/// Verify every embedded signature of `document` (already known to be a
/// PDF within the size limit).
pub fn verify_pdf(document: &[u8], options: &PdfOptions, digests: &Digests) -> PdfReport {
    let (trust, problems) = trust_store(options);
    let inspection = pdf::inspect_signatures(document);
    verify_pdf_with(document, inspection, &trust, &problems, options.at, digests).0
}

/// [`verify_pdf`] over the file's `inspection`, with a trust store already
/// built, also answering the raw material the seal matching needs (each
/// signature's `/Contents`).
fn verify_pdf_with(
    document: &[u8],
    inspection: Result<pdf::Inspection, String>,
    trust: &TrustStore,
    trust_problems: &[String],
    at: ValidationTime,
    digests: &Digests,
) -> (PdfReport, Vec<Option<Vec<u8>>>) {
    let inspection = match inspection {
        Ok(inspection) => inspection,
        Err(reason) => return (PdfReport::Unreadable { reason }, Vec::new()),
    };
    let context = check::Context {
        document,
        trust,
        at,
        digests,
    };
    let mut contents = Vec::with_capacity(inspection.signatures.len());
    let signatures: Vec<PdfSignature> = inspection
        .signatures
        .into_iter()
        .map(|found| {
            let mut result = check::check(&context, &found);
            result
                .warnings
                .extend(trust_problems.iter().map(|p| format!("trust-store: {p}")));
            contents.push(found.contents);
            PdfSignature {
                check: Some(result),
                ..found.listing
            }
        })
        .collect();
    let verdict = DocumentVerdict::of(
        signatures
            .iter()
            .filter_map(|s| s.check.as_ref().map(|c| c.status)),
    );
    let report = PdfReport::Parsed {
        verdict: Some(verdict),
        pages: inspection.pages,
        signatures,
    };
    (report, contents)
}

/// The worker's step 2 and the CLI's whole run over the PDF: the report,
/// and a verdict for each seal (among `seals`) that is a PDF signature.
/// Nothing is read when the document is over `limit` or not a PDF (the
/// seals' step-1 verdicts already say so).
pub fn verify_embedded(
    signature: &Signature,
    document: &[u8],
    limit: u64,
    seals: &[usize],
    options: &PdfOptions,
    digests: &Digests,
) -> EmbeddedAnswer {
    let plan = digest_plan(document, limit);
    verify_embedded_planned(signature, document, seals, options, digests, plan)
}

/// [`verify_embedded`] over the reading `plan` made of the same `document`
/// (with the same limit): the worker plans its digests before step 1 and
/// so need not read 20 MiB of PDF twice.
pub fn verify_embedded_planned(
    signature: &Signature,
    document: &[u8],
    seals: &[usize],
    options: &PdfOptions,
    digests: &Digests,
    plan: DigestPlan,
) -> EmbeddedAnswer {
    // `None`: over the limit or not a PDF, nothing was read.
    let Some(inspection) = plan.inspection else {
        return EmbeddedAnswer {
            pdf: None,
            seals: Vec::new(),
        };
    };
    let (trust, problems) = trust_store(options);
    let (report, contents) =
        verify_pdf_with(document, inspection, &trust, &problems, options.at, digests);
    let pdf_seals: Vec<(usize, &Seal)> = seals
        .iter()
        .filter_map(|&i| signature.seals.get(i).map(|seal| (i, seal)))
        .filter(|(_, seal)| seal.is_signed() && is_pdf_signature_seal(seal))
        .collect();
    let seal_reports = pdf_seals
        .into_iter()
        .map(|(index, seal)| SealReport {
            index,
            verdict: seals::verdict(seal, &report, &contents),
        })
        .collect();
    EmbeddedAnswer {
        pdf: Some(report),
        seals: seal_reports,
    }
}

/// The whole run `seal-verify` does: every seal of `signature` (raw §6
/// seals over the bytes, PDF-signature seals through their embedded
/// signature) and the PDF's own signatures. A Signature without seals
/// verifies the PDF alone.
pub fn verify_all(
    signature: &Signature,
    document: &[u8],
    limit: u64,
    options: &PdfOptions,
) -> crate::verdict::VerifyReport {
    let every: Vec<usize> = (0..signature.seals.len()).collect();
    let digests = Digests::new();
    let mut report =
        super::document::verify_seal_verdicts_with(signature, document, limit, &every, &digests);
    let answer = verify_embedded(signature, document, limit, &every, options, &digests);
    for embedded in answer.seals {
        match report.seals.iter_mut().find(|s| s.index == embedded.index) {
            Some(slot) => *slot = embedded,
            None => report.seals.push(embedded),
        }
    }
    report.seals.sort_by_key(|s| s.index);
    report.pdf = answer.pdf;
    report
}
