//! Every input the fuzzer ever reported (crash, timeout, out of memory),
//! kept in `tests/pdf/crashers/` (see the README there): the run must
//! return a report for each, quickly.

#[path = "pdf/support.rs"]
mod support;

use infoplus_signature_core::verdict::PdfReport;
use support::{
    assert_no_caught_panic, files_in, inspect_quickly, quiet_crate_panics, run_quickly,
    CRATE_FAILED,
};

#[test]
fn every_crasher_gets_a_report() {
    quiet_crate_panics();
    for path in files_in("crashers") {
        let bytes = std::fs::read(&path).expect("crasher");
        // Quick, no panic, and a reason the UI can show.
        if let PdfReport::Unreadable { reason } = inspect_quickly(&bytes) {
            assert!(!reason.is_empty(), "{}", path.display());
        }
    }
}

#[test]
fn crashers_avoided_by_pre_checks_need_no_catch_unwind() {
    // As on wasm32, where a panic is an abort. (This compared the unguarded
    // reader with the guarded one; the run has only the guarded one, and a
    // panic it caught shows as CRATE_FAILED.)
    for path in files_in("crashers") {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("caught-") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("crasher");
        assert_no_caught_panic(&run_quickly(&bytes), name);
    }
}

#[test]
fn zero_length_keys_are_refused_before_the_crate_panics() {
    // Rc4::new asserts a non-empty key; the crate gets there from /Length 0
    // (R2, R3) and from a crypt filter /Length of 0 or of 2^29 (× 8 wraps).
    for name in [
        "rc4-r2-key-length-0.pdf",
        "rc4-r3-key-length-0.pdf",
        "crypt-filter-length-0.pdf",
        "crypt-filter-length-wraps-u32.pdf",
    ] {
        let bytes = support::fixture(&format!("crashers/{name}"));
        assert_eq!(
            inspect_quickly(&bytes),
            PdfReport::Unreadable {
                reason: "its encryption dictionary gives a key length of zero or out of range"
                    .to_owned()
            },
            "{name}"
        );
    }
}

#[test]
fn object_stream_offset_overflow_panics_only_with_overflow_checks() {
    quiet_crate_panics();
    let bytes = support::fixture("crashers/caught-objstm-offset-overflow.pdf");
    if cfg!(debug_assertions) {
        // `first + offset` overflows inside the crate: caught natively.
        assert_eq!(
            inspect_quickly(&bytes),
            PdfReport::Unreadable {
                reason: CRATE_FAILED.to_owned()
            }
        );
    } else {
        // Release builds (the wasm worker's) wrap instead: no panic at all,
        // and the field that could not be read is left out.
        let (pages, signatures) = support::parsed(inspect_quickly(&bytes));
        assert_eq!((pages, signatures.len()), (0, 0));
    }
}

#[test]
fn xref_stream_widths_near_u64_max_do_not_overflow_the_pre_check() {
    // Found by the fuzzer in our own code: the zero-width check summed /W.
    let bytes = support::fixture("crashers/xref-stream-width-sum-overflow.pdf");
    let reason = support::unreadable(inspect_quickly(&bytes));
    assert_eq!(
        reason,
        "its cross-reference table or trailer cannot be read: \
         a malformed number (number too large to fit in target type)"
    );
}
