//! The PDF report of the run (`verify_all`) on real signed PDFs (made by
//! pyHanko, see `tests/pdf/make_fixtures.py`) and on broken ones: what the
//! file says about itself and its signatures.

#[path = "pdf/support.rs"]
mod support;

use infoplus_signature_core::verdict::PdfReport;
use infoplus_signature_core::verdict_pdf::{Integrity, Warning};
use infoplus_signature_core::{Seal, SealVerdict, Signature};
use infoplus_signature_verify::{verify_all, Options};
use support::{files_in, fixture, inspect_quickly, parsed, run_quickly, unreadable};

#[test]
fn unsigned_two_pages() {
    let (pages, signatures) = parsed(inspect_quickly(&fixture("unsigned-2pages.pdf")));
    assert_eq!(pages, 2);
    assert!(signatures.is_empty());
}

#[test]
fn one_signature_over_the_whole_file() {
    let bytes = fixture("signed.pdf");
    let (pages, signatures) = parsed(inspect_quickly(&bytes));
    assert_eq!(pages, 2);
    let [sig] = signatures.as_slice() else {
        panic!("expected one signature, got {signatures:?}");
    };
    assert_eq!(sig.field.as_deref(), Some("Signature1"));
    // UTF-16BE text strings in the file.
    assert_eq!(sig.signer.as_deref(), Some("张三"));
    assert_eq!(sig.reason.as_deref(), Some("同意 approved"));
    assert_eq!(sig.time.as_deref(), Some("D:20250314092653+08'00'"));
    assert_eq!(sig.sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    assert_eq!(sig.byte_range, Some(vec![0, 3129, 5691, 1220]));
    assert_eq!(5691 + 1220, bytes.len());
    assert!(sig.byte_range_well_formed);
    assert!(sig.covers_whole_file);
}

#[test]
fn an_update_after_signing_is_seen() {
    let bytes = fixture("signed-then-updated.pdf");
    let (pages, signatures) = parsed(inspect_quickly(&bytes));
    assert_eq!(pages, 2);
    let [sig] = signatures.as_slice() else {
        panic!("expected one signature, got {signatures:?}");
    };
    // The signature of signed.pdf, unchanged, now followed by an update.
    assert_eq!(sig.field.as_deref(), Some("Signature1"));
    assert_eq!(sig.signer.as_deref(), Some("张三"));
    assert_eq!(sig.byte_range, Some(vec![0, 3129, 5691, 1220]));
    assert!(bytes.len() > 5691 + 1220);
    assert!(sig.byte_range_well_formed);
    assert!(!sig.covers_whole_file);
}

#[test]
fn two_signatures_the_first_one_followed_by_the_second() {
    let (pages, signatures) = parsed(inspect_quickly(&fixture("two-signatures.pdf")));
    assert_eq!(pages, 2);
    let [first, second] = signatures.as_slice() else {
        panic!("expected two signatures, got {signatures:?}");
    };
    assert_eq!(first.field.as_deref(), Some("Signature1"));
    assert_eq!(first.signer.as_deref(), Some("张三"));
    assert_eq!(first.sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    assert!(first.byte_range_well_formed);
    assert!(!first.covers_whole_file, "the second signature came after");

    assert_eq!(second.field.as_deref(), Some("Signature2"));
    // PDFDocEncoding (ü is 0xFC) in the file.
    assert_eq!(second.signer.as_deref(), Some("Alice Müller"));
    assert_eq!(second.reason.as_deref(), Some("Reviewed"));
    assert_eq!(second.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert!(second.byte_range_well_formed);
    assert!(second.covers_whole_file);
}

#[test]
fn xref_stream_and_object_stream() {
    // The page tree sits in a compressed object stream, found through an
    // xref stream: the PDF 1.5 layout most current writers use.
    let (pages, signatures) = parsed(inspect_quickly(&fixture("signed-xref-stream.pdf")));
    assert_eq!(pages, 2);
    let [sig] = signatures.as_slice() else {
        panic!("expected one signature, got {signatures:?}");
    };
    assert_eq!(sig.field.as_deref(), Some("Sig"));
    assert_eq!(sig.signer.as_deref(), Some("Alice"));
    assert_eq!(sig.reason, None);
    assert_eq!(sig.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert!(sig.covers_whole_file);
}

#[test]
fn nested_fields_are_named_by_their_path_and_cycles_end() {
    // approvals → manager → {final (signature), approvals again (a cycle)},
    // and a text field beside them.
    let (pages, signatures) = parsed(inspect_quickly(&fixture("field-tree-cycle.pdf")));
    assert_eq!(pages, 1);
    let [sig] = signatures.as_slice() else {
        panic!("expected one signature, got {signatures:?}");
    };
    assert_eq!(sig.field.as_deref(), Some("approvals.manager.final"));
    assert_eq!(sig.signer.as_deref(), Some("Nested Signer"));
    assert_eq!(sig.time.as_deref(), Some("D:20240101120000Z"));
    assert_eq!(sig.byte_range, Some(vec![0, 10, 20, 30]));
    // [0 10 20 30] ends at byte 50 of a longer file.
    assert!(sig.byte_range_well_formed);
    assert!(!sig.covers_whole_file);
}

#[test]
fn encrypted_aes128_signature_is_read_and_decrypted() {
    // The crate alone fails on this signature dictionary (it decrypts the
    // never-encrypted /Contents); inspect reads it without decryption and
    // decrypts /Name, /M and /Reason itself.
    let (pages, signatures) = parsed(inspect_quickly(&fixture("encrypted-aes128-signed.pdf")));
    assert_eq!(pages, 2);
    let [sig] = signatures.as_slice() else {
        panic!("expected one signature, got {signatures:?}");
    };
    assert_eq!(sig.field.as_deref(), Some("Signature1"));
    assert_eq!(sig.signer.as_deref(), Some("张三"));
    assert_eq!(sig.reason.as_deref(), Some("encrypted"));
    assert_eq!(sig.time.as_deref(), Some("D:20250314092653+08'00'"));
    assert_eq!(sig.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert!(sig.covers_whole_file);
}

#[test]
fn encrypted_aes256_is_read_with_the_empty_user_password() {
    // AES-256 (R6), the signer's name decrypted, /Contents left as written.
    let report = inspect_quickly(&fixture("encrypted-aes256-signed.pdf"));
    let PdfReport::Parsed {
        encrypted: true,
        ref signatures,
        ..
    } = report
    else {
        panic!("{report:?}");
    };
    let [sig] = signatures.as_slice() else {
        panic!("{signatures:?}");
    };
    assert_eq!(sig.signer.as_deref(), Some("张三"));
    assert_eq!(support::check(sig).integrity, Integrity::Intact);
}

#[test]
fn a_user_password_is_needed() {
    let reason = unreadable(inspect_quickly(&fixture(
        "malformed/encrypted-user-password.pdf",
    )));
    assert_eq!(reason, "it is encrypted and opens only with a password");
}

#[test]
fn not_a_pdf_and_empty() {
    // The run refuses a document without a PDF header (`%PDF-` in its first
    // 1024 bytes) before reading it: no PDF report, and every signed seal
    // is `not-pdf`. (The reader's own reason for such a file, "it has no PDF
    // header (%PDF-) in its first 1024 bytes", is no longer observable: the
    // run never hands it such a file.)
    let seal = Seal {
        algorithm: Some("SM2withSM3".into()),
        signature: Some("AAAA".into()),
        public_key: Some("AAAA".into()),
        ..Seal::default()
    };
    let signature = Signature {
        seals: vec![seal],
        ..Signature::default()
    };
    let png = fixture("malformed/not-a-pdf.png");
    let empty = fixture("malformed/empty.pdf");
    for (name, bytes) in [
        ("png", &png[..]),
        ("empty.pdf", &empty[..]),
        ("no bytes", &[]),
    ] {
        let report = verify_all(&signature, bytes, &Options::default());
        assert_eq!(report.pdf, None, "{name}");
        let [seal] = report.seals.as_slice() else {
            panic!("{name}: {report:?}");
        };
        assert!(
            matches!(&seal.verdict, SealVerdict::NotPdf { detail } if detail.contains("%PDF-")),
            "{name}: {seal:?}"
        );
    }
    assert!(run_quickly(&fixture("signed.pdf")).pdf.is_some());
}

#[test]
fn a_file_cut_inside_its_signing_update_says_so() {
    // Cut at 3455 and 6871 (inside the signing update, before its %%EOF):
    // what is left reads as the earlier, unsigned revision, and the banner
    // says the file goes on after it. Cut at 200 the table is rebuilt by
    // scanning; at 8 there is nothing to read.
    for name in ["truncated-3455.pdf", "truncated-6871.pdf"] {
        let report = inspect_quickly(&fixture(&format!("malformed/{name}")));
        assert!(
            matches!(&report, PdfReport::Parsed { warnings, signatures, .. }
                if warnings.contains(&Warning::TrailingUpdate) && signatures.is_empty()),
            "{name}: {report:?}"
        );
    }
    let report = inspect_quickly(&fixture("malformed/truncated-200.pdf"));
    assert!(
        matches!(&report, PdfReport::Parsed { warnings, .. } if warnings.contains(&Warning::XrefReconstructed)),
        "{report:?}"
    );
    let reason = unreadable(inspect_quickly(&fixture("malformed/truncated-8.pdf")));
    assert!(reason.contains("no readable objects"), "{reason}");
}

#[test]
fn a_table_that_cannot_be_used_is_rebuilt_by_scanning() {
    // No startxref (cut at 200, %%EOF appended), a startxref past the end,
    // a table of garbage, an xref stream whose /W gives its entries no
    // width: every object is found by scanning the file, and said.
    for name in [
        "truncated-200-eof-marker.pdf",
        "startxref-past-end.pdf",
        "garbage-xref.pdf",
        "xref-stream-zero-width.pdf",
    ] {
        let report = inspect_quickly(&fixture(&format!("malformed/{name}")));
        assert!(
            matches!(&report, PdfReport::Parsed { warnings, .. } if warnings.contains(&Warning::XrefReconstructed)),
            "{name}: {report:?}"
        );
    }
}

#[test]
fn fields_in_one_huge_object_stream_are_read_once() {
    // 1,500 text fields in an object stream that inflates to 30 MiB: the
    // stream is inflated once, not once per field (minutes, uncached).
    let (pages, signatures) = parsed(inspect_quickly(&fixture(
        "malformed/fields-in-a-huge-object-stream.pdf",
    )));
    assert_eq!(pages, 0);
    assert!(signatures.is_empty());
}

#[test]
fn malformed_byte_ranges() {
    // signed.pdf with its /ByteRange rewritten in place (same length).
    let cases: [(&str, &[i64]); 4] = [
        ("byterange-negative.pdf", &[0, 3129, -5691, 1220]),
        ("byterange-out-of-range.pdf", &[0, 3129, 5691, 2220]),
        ("byterange-three-numbers.pdf", &[0, 3129, 5691]),
        ("byterange-overlap.pdf", &[0, 5701, 5691, 1220]),
    ];
    for (name, range) in cases {
        let (pages, signatures) = parsed(inspect_quickly(&fixture(&format!("malformed/{name}"))));
        assert_eq!(pages, 2, "{name}");
        let [sig] = signatures.as_slice() else {
            panic!("{name}: expected one signature, got {signatures:?}");
        };
        assert_eq!(sig.byte_range.as_deref(), Some(range), "{name}");
        assert!(!sig.byte_range_well_formed, "{name}");
        assert!(!sig.covers_whole_file, "{name}");
        assert_eq!(sig.signer.as_deref(), Some("张三"), "{name}");
    }
}

#[test]
fn every_fixture_without_catch_unwind() {
    // What wasm32 does: no unwinding, so a panic the run caught natively
    // would abort the worker there. (This compared the unguarded reader
    // with the guarded one; the run has only the guarded one, and a panic
    // it caught shows as its reason.)
    for path in files_in(".").into_iter().chain(files_in("malformed")) {
        let bytes = std::fs::read(&path).expect("fixture");
        run_quickly(&bytes);
    }
}

#[test]
fn fixtures_stay_small() {
    for path in files_in(".").into_iter().chain(files_in("malformed")) {
        let size = std::fs::metadata(&path).expect("fixture").len();
        assert!(size < 200 * 1024, "{} is {size} bytes", path.display());
    }
}
