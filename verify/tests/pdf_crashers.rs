//! Every input a fuzzer ever reported (crash, timeout, out of memory) in
//! the readers that came before ours (the `pdf` crate, its pre-checks),
//! kept in `tests/pdf/crashers/` (see the README there): our own reader
//! must answer each quickly, and never panic (there is no `catch_unwind`:
//! a panic fails the test, as on wasm32 it would abort the worker).

#[path = "pdf/support.rs"]
mod support;

use infoplus_signature_core::verdict::PdfReport;
use support::{files_in, inspect_quickly};

#[test]
fn every_crasher_gets_a_report_quickly() {
    let files = files_in("crashers");
    assert!(files.len() >= 6, "{} crashers", files.len());
    for path in files {
        let bytes = std::fs::read(&path).expect("crasher");
        // Quick, no panic, and a reason the UI can show.
        if let PdfReport::Unreadable { reason } = inspect_quickly(&bytes) {
            assert!(!reason.is_empty(), "{}", path.display());
        }
    }
}

#[test]
fn encryption_with_a_key_of_no_length_is_refused_in_words() {
    // RC4 with /Length 0 (R2, R3) and crypt filters of length 0 or 2^29
    // (× 8 wraps a u32): the old crate panicked; ours opens nothing with
    // them, and says the file is encrypted.
    for name in [
        "rc4-r2-key-length-0.pdf",
        "rc4-r3-key-length-0.pdf",
        "crypt-filter-length-0.pdf",
        "crypt-filter-length-wraps-u32.pdf",
    ] {
        let bytes = support::fixture(&format!("crashers/{name}"));
        match inspect_quickly(&bytes) {
            PdfReport::Unreadable { reason } => {
                assert!(reason.contains("encrypt"), "{name}: {reason}")
            }
            parsed => panic!("{name}: read with an empty key: {parsed:?}"),
        }
    }
}

#[test]
fn an_object_stream_offset_that_overflows_is_only_a_missing_object() {
    let bytes = support::fixture("crashers/caught-objstm-offset-overflow.pdf");
    let (pages, signatures) = support::parsed(inspect_quickly(&bytes));
    assert_eq!((pages, signatures.len()), (0, 0));
}

#[test]
fn xref_stream_widths_near_u64_max_leave_the_file_to_the_scan() {
    // The old pre-check summed /W and overflowed; the reader ignores a
    // section it cannot read and rebuilds the table by scanning.
    let bytes = support::fixture("crashers/xref-stream-width-sum-overflow.pdf");
    match inspect_quickly(&bytes) {
        PdfReport::Parsed { warnings, .. } => assert!(
            warnings.contains(&infoplus_signature_core::verdict_pdf::Warning::XrefReconstructed),
            "{warnings:?}"
        ),
        PdfReport::Unreadable { reason } => assert!(!reason.is_empty()),
    }
}
