//! Verifying the PDF's own signatures (§6a, §6b): for every signature
//! field, what its `/Contents` holds, is it intact, who made it, was that
//! certificate valid and trusted when it was made, and what changed
//! afterwards.
//!
//! `pdf::inspect_signatures` finds the signatures, their raw `/Contents`,
//! coverage, later changes and DocMDP; the run (`run.rs`) parses each
//! `/Contents` once; `check.rs` checks one signature (`signer.rs` the CMS
//! signers, `legacy.rs` what is no CMS, `ses.rs` and `ses_seal.rs` the
//! electronic seals of GB/T 38540, `timestamp.rs` the tokens),
//! `status.rs` applies §6a's rules, `seals.rs` matches seals that are PDF
//! signatures to theirs.
//!
//! Trust is configured, never built in: with no roots every signer is
//! `unknown-issuer` and nothing is `valid`.

mod check;
mod legacy;
mod long_term;
pub(crate) mod seals;
mod ses;
mod ses_seal;
mod signer;
mod status;
mod timestamp;

use crate::cms::{CmsError, Contents};
use crate::digest::Digests;
use crate::pdf::Inspection;
use crate::pki::TrustStore;
use crate::verdict::{PdfReport, PdfSignature};
use crate::verdict_pdf::{DocumentVerdict, Warning};

pub(crate) use check::signed_ranges;

/// The time certificates are checked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationTime {
    /// Each signature's own signing time (§6a): a verified signature
    /// timestamp, else the signed `signingTime`, else `/M`.
    Signing,
    /// A fixed time, seconds since the epoch (`--at now` passes the clock's).
    At(i64),
}

/// What every signature of one document is checked against.
pub(crate) struct Context<'a> {
    pub document: &'a [u8],
    pub trust: &'a TrustStore,
    pub at: ValidationTime,
    pub digests: &'a Digests,
    /// The document security store, whose data may answer for any
    /// signature (§6c).
    pub dss: Option<&'a crate::pdf::dss::Dss>,
    /// Revocation data fetched for this verification (`--online`).
    pub online: Option<&'a crate::pdf::dss::ValidationData>,
}

/// Fuzzing (`fuzz/`, target `ses_parse`): any bytes as an electronic
/// seal's `/Contents`, read and checked as a signature of a small document
/// would be, under no trust.
#[cfg(feature = "fuzzing")]
pub(crate) fn fuzz_ses(contents: &[u8]) {
    let Ok(Contents::Ses(ses)) = crate::cms::parse(contents) else {
        return;
    };
    let trust = TrustStore::new();
    let digests = Digests::new();
    let context = Context {
        document: b"%PDF-1.7 fuzz",
        trust: &trust,
        at: ValidationTime::Signing,
        digests: &digests,
        dss: None,
        online: None,
    };
    let mut result = crate::verdict_pdf::SignatureCheck::default();
    let evidence = crate::revocation::Evidence::default();
    ses::check(
        &context,
        &evidence,
        &ses,
        Some(&[(0, 4), (5, 13)]),
        &mut result,
        None,
    );
    status::settle(&mut result, None);
}

/// The report of every embedded signature of `inspection`, each `/Contents`
/// already parsed (`parsed[i]` is signature `i`'s).
pub(crate) fn report(
    context: &Context,
    inspection: &Inspection,
    parsed: &[Option<Result<Contents<'_>, CmsError>>],
    trust_problems: bool,
) -> PdfReport {
    let mut signatures: Vec<PdfSignature> = inspection
        .signatures
        .iter()
        .enumerate()
        .map(|(i, found)| {
            let mut result = check::check(context, found, parsed.get(i).and_then(Option::as_ref));
            if trust_problems {
                result.warn(Warning::TrustStoreProblem);
            }
            PdfSignature {
                check: Some(result),
                ..found.listing.clone()
            }
        })
        .collect();
    let dss_offset = inspection.dss.as_ref().and_then(|dss| dss.offset);
    long_term::archived(&mut signatures, &inspection.signatures, dss_offset);
    let verdict = DocumentVerdict::of(
        signatures
            .iter()
            .filter_map(|s| s.check.as_ref().map(|c| c.status)),
    );
    PdfReport::Parsed {
        verdict: Some(verdict),
        pages: inspection.pages,
        signatures,
        encrypted: inspection.encrypted,
        warnings: inspection.warnings.clone(),
    }
}
