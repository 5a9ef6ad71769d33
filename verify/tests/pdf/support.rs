//! Shared by the `pdf_*` tests: reading fixtures, the PDF report of the
//! public run (`verify_all` with no seals: what `seal-verify` and the
//! worker's step 2 do), and keeping the `pdf` crate's caught panics out of
//! the test output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use infoplus_signature_core::verdict::{PdfReport, PdfSignature, VerifyReport};
use infoplus_signature_core::verdict_pdf::{SignatureCheck, Warning};
use infoplus_signature_core::Signature;
use infoplus_signature_verify::{verify_all, Options};

/// Far more than any fixture needs (a few milliseconds, debug build): a
/// regression to "hangs on this input" fails here instead of timing out CI.
pub const QUICK: Duration = Duration::from_secs(5);

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf")
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file directly in `tests/pdf/<sub>` (sorted, so failures repeat).
pub fn files_in(sub: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir().join(sub))
        .unwrap_or_else(|e| panic!("tests/pdf/{sub}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file() && !is_note(path))
        .collect();
    files.sort();
    files
}

/// READMEs and scripts live beside the fixtures; they are not inputs.
fn is_note(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "py" | "rs" | "sh")
    )
}

/// What the run answers when the `pdf` crate panicked and the panic was
/// caught (natively; on wasm32 the worker would abort instead).
/// The whole run over `bytes` with no seals and no trusted roots, and
/// check it was quick.
pub fn run_quickly(bytes: &[u8]) -> VerifyReport {
    let started = Instant::now();
    let report = verify_all(&Signature::default(), bytes, &Options::default());
    assert!(
        started.elapsed() < QUICK,
        "the run took {:?}",
        started.elapsed()
    );
    report
}

/// The PDF report of the run (the document must have a PDF header and be
/// within the size limit), and check it was quick.
pub fn inspect_quickly(bytes: &[u8]) -> PdfReport {
    run_quickly(bytes)
        .pdf
        .expect("a PDF report: the document has a PDF header and is within the limit")
}

/// A listed signature's check (the run checks every one it lists).
pub fn check(signature: &PdfSignature) -> &SignatureCheck {
    signature
        .check
        .as_ref()
        .unwrap_or_else(|| panic!("{:?}: listed but not checked", signature.field))
}

/// The warnings that come from reading the file (its revisions, where
/// `/Contents` sits, DocMDP), not from checking the signature: what
/// `pdf::inspect_signatures` said about a signature before the check
/// added its own (revocation-not-checked, no-signing-time, …).
pub const FILE_WARNINGS: [Warning; 4] = [
    Warning::ContentsOutsideGap,
    Warning::ChangesNotFullyAnalysed,
    Warning::DocmdpPInvalid,
    Warning::RevisionsUnreadable,
];

/// The file-reading warnings among a signature's.
pub fn file_warnings(signature: &PdfSignature) -> Vec<Warning> {
    check(signature)
        .warnings
        .iter()
        .copied()
        .filter(|w| FILE_WARNINGS.contains(w))
        .collect()
}

/// The pages and signatures of a report that must have parsed.
pub fn parsed(report: PdfReport) -> (u32, Vec<PdfSignature>) {
    match report {
        PdfReport::Parsed {
            pages, signatures, ..
        } => (pages, signatures),
        PdfReport::Unreadable { reason } => panic!("expected a parsed PDF, got: {reason}"),
    }
}

pub fn unreadable(report: PdfReport) -> String {
    match report {
        PdfReport::Unreadable { reason } => reason,
        parsed => panic!("expected an unreadable PDF, got {parsed:?}"),
    }
}
