//! Shared by the `pdf_*` tests: reading fixtures, and keeping the `pdf`
//! crate's caught panics out of the test output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use infoplus_signature_core::verdict::{PdfReport, PdfSignature};
use infoplus_signature_verify::pdf;

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

/// Inspect, and check it was quick.
pub fn inspect_quickly(bytes: &[u8]) -> PdfReport {
    let started = Instant::now();
    let report = pdf::inspect(bytes);
    assert!(
        started.elapsed() < QUICK,
        "inspect took {:?}",
        started.elapsed()
    );
    report
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

/// Panics raised inside the `pdf` crate and caught by `inspect` print
/// nothing; every other panic (a failing assertion) prints as usual.
pub fn quiet_crate_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_crate = info
                .location()
                .is_some_and(|l| l.file().contains("/pdf-0.10"));
            if !in_crate {
                default(info);
            }
        }));
    });
}
