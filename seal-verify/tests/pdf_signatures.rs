//! `seal-verify --document` on the PDF signature fixtures of
//! verify/tests/pades (made by pyHanko and OpenSSL, cross-checked by
//! pyHanko): exit codes, `--trust`, `--at`, the JSON names of §6a and the
//! panel-like human output.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../verify/tests/pades")
        .join(name)
        .display()
        .to_string()
}

fn run(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seal-verify"))
        .args(arguments)
        .output()
        .expect("seal-verify runs")
}

/// `--document FILE --trust roots.pem` plus `extra`.
fn verify(file: &str, extra: &[&str]) -> Output {
    let (document, roots) = (fixture(file), fixture("roots.pem"));
    let mut arguments = vec!["--document", &document, "--trust", &roots];
    arguments.extend(extra);
    run(&arguments)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn exit_codes_follow_the_document_verdict() {
    for (file, code) in [
        ("rsa.pdf", 0),
        ("two-signatures.pdf", 0),
        ("sm2-gm.pdf", 0),
        ("timestamped.pdf", 0),
        ("tampered.pdf", 1),
        ("untrusted.pdf", 1),
        ("content-after.pdf", 1),
        ("certified-p1-then-changed.pdf", 1),
        ("unsigned.pdf", 1),
    ] {
        let output = verify(file, &[]);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{file}: {}",
            text(&output)
        );
    }
}

#[test]
fn without_trust_nobody_is_trusted() {
    let document = fixture("rsa.pdf");
    let output = run(&["--document", &document, "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["pdf"]["verdict"], "indeterminate");
    assert_eq!(report["pdf"]["signatures"][0]["identity"], "unknown-issuer");
    assert_eq!(report["pdf"]["signatures"][0]["integrity"], "intact");
}

#[test]
fn the_json_has_the_names_of_section_6a() {
    let output = verify("timestamped.pdf", &["--json"]);
    let report = json(&output);
    assert_eq!(report["seals"], Value::Array(vec![]));
    let pdf = &report["pdf"];
    assert_eq!(pdf["status"], "parsed");
    assert_eq!(pdf["verdict"], "valid");
    let signature = &pdf["signatures"][0];
    for key in [
        "field",
        "subFilter",
        "byteRange",
        "status",
        "integrity",
        "identity",
        "coverage",
        "changesAfter",
        "certification",
        "format",
        "algorithm",
        "certificate",
        "signingTime",
        "timestamp",
        "warnings",
    ] {
        assert!(signature.get(key).is_some(), "missing {key}: {signature}");
    }
    assert_eq!(signature["signingTime"]["source"], "timestamp");
    assert_eq!(signature["timestamp"]["intact"], true);
    assert_eq!(signature["timestamp"]["trusted"], true);
    for key in [
        "subject",
        "issuer",
        "serial",
        "notBefore",
        "notAfter",
        "fingerprint",
    ] {
        assert!(
            signature["certificate"][key].is_string(),
            "certificate.{key}"
        );
    }
    assert_eq!(
        signature["certificate"]["fingerprint"]
            .as_str()
            .map(str::len),
        Some(64)
    );
}

#[test]
fn at_moves_the_validation_time() {
    // The expired signer's certificate ran 2025-01-01 .. 2026-03-01 and it
    // signed on 2026-06-01: expired at signing, valid at a time inside (the
    // rest of the chain starts on 2026-01-01).
    let at_signing = json(&verify("expired.pdf", &["--json"]));
    assert_eq!(at_signing["pdf"]["signatures"][0]["identity"], "expired");
    let inside = verify(
        "expired.pdf",
        &["--json", "--at", "2026-02-01T00:00:00+08:00"],
    );
    assert_eq!(json(&inside)["pdf"]["signatures"][0]["identity"], "trusted");
    assert_eq!(inside.status.code(), Some(0));
    // Now (the fixtures' roots run to 2036): the RSA signature is trusted.
    let now = verify("rsa.pdf", &["--json", "--at", "now"]);
    assert_eq!(json(&now)["pdf"]["signatures"][0]["identity"], "trusted");
    let before = verify("rsa.pdf", &["--json", "--at", "2020-01-01"]);
    assert_eq!(
        json(&before)["pdf"]["signatures"][0]["identity"],
        "not-yet-valid"
    );
}

#[test]
fn human_output_reads_like_a_signature_panel() {
    let output = text(&verify("two-signatures.pdf", &[]));
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(
        lines[0], "PDF: 2 pages, 2 signatures — all signatures are valid",
        "{output}"
    );
    assert!(
        output.contains("Signature 1 — Signature1 — VALID"),
        "{output}"
    );
    assert!(
        output.contains("Changes:       signatures added"),
        "{output}"
    );
    assert!(
        output.contains("Signed by:     CN=Fixture P-256 Signer"),
        "{output}"
    );
    assert!(output.contains("Identity:      trusted"), "{output}");
    let tampered = text(&verify("tampered.pdf", &[]));
    assert!(tampered.contains("— INVALID"), "{tampered}");
    assert!(
        tampered.contains("the signed bytes were CHANGED after signing"),
        "{tampered}"
    );
    let untrusted = text(&verify("untrusted.pdf", &[]));
    assert!(untrusted.contains("VALIDITY UNKNOWN"), "{untrusted}");
    assert!(
        untrusted.contains("no chain to a configured root"),
        "{untrusted}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let document = fixture("rsa.pdf");
    for arguments in [
        vec!["--document", &document, "--at", "yesterday"],
        vec!["--document", &document, "--trust", "/nonexistent/roots.pem"],
        vec!["--document", "/nonexistent/doc.pdf"],
        vec!["--trust", "x.pem"],
    ] {
        let output = run(&arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        assert!(!output.stderr.is_empty(), "{arguments:?}");
    }
}
