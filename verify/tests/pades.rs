//! §6a: verifying a PDF's own signatures, on fixtures made by independent
//! implementations (pyHanko; asn1crypto + OpenSSL for SM2) whose expected
//! verdicts were cross-checked against pyHanko's validation and OpenSSL
//! (`tests/pades/crosscheck.py`), and on pyHanko's public test corpus.

#[path = "pades/support.rs"]
mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use serde_json::Value;

/// Every fixture of expected.json, every field: all differences reported
/// at once, each naming the file and the field.
#[test]
fn every_fixture_gets_its_expected_verdict() {
    let expected = support::json(&support::dir().join("expected.json"));
    let files = expected.as_object().expect("expected.json is an object");
    assert!(
        files.len() >= 20,
        "expected.json lists only {} fixtures",
        files.len()
    );
    let roots = support::fixture_roots();
    let mut problems = Vec::new();
    for (file, want) in files {
        let bytes = support::read(&support::dir().join(file));
        let report = support::verify(&bytes, &[&roots]);
        problems.extend(support::compare_file(file, &report, want));
        problems.extend(support::compare_raw_checks(file, &bytes, &report, want));
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Without the fixtures' roots nothing is trusted: the valid fixtures turn
/// indeterminate (unknown issuer), the invalid ones stay invalid, the
/// unsigned one unsigned.
#[test]
fn no_roots_means_no_trust() {
    let expected = support::json(&support::dir().join("expected.json"));
    let mut problems = Vec::new();
    for (file, want) in expected.as_object().into_iter().flatten() {
        let report = support::verify(&support::read(&support::dir().join(file)), &[]);
        let verdict = &report["verdict"];
        let ok = match want["verdict"].as_str() {
            Some("invalid") => verdict == "invalid",
            Some("unsigned") => verdict == "unsigned",
            _ => verdict == "indeterminate",
        };
        if !ok {
            problems.push(format!(
                "{file}: verdict {verdict} without roots (expected with roots: {})",
                want["verdict"]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("PYHANKO_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/pyhanko-corpus"),
    }
}

/// pyHanko's test corpus (fetched by `scripts/test`, see corpus.json): no
/// PDF makes the verifier panic, each gets `parsed` or `unreadable`, and
/// the coverage anomalies come out `invalid`.
#[test]
fn pyhanko_corpus_gets_orderly_answers() {
    let corpus = corpus_dir();
    let pdf_dir = corpus.join("pdf");
    if !pdf_dir.is_dir() {
        eprintln!(
            "NOTICE: skipping the pyHanko corpus test: {} is absent (scripts/test fetches it)",
            pdf_dir.display()
        );
        return;
    }
    let listed = support::json(&support::dir().join("corpus.json"));
    let listed = listed["files"].as_object().expect("corpus.json has files");
    let roots = String::from_utf8(support::read(
        &corpus.join("crypto/testing-ca/root/root.cert.pem"),
    ))
    .expect("the corpus root is PEM text");
    let pdfs = support::pdfs_under(&pdf_dir);
    assert_eq!(
        pdfs.len(),
        listed.len(),
        "the corpus has {} PDFs, corpus.json lists {}",
        pdfs.len(),
        listed.len()
    );
    let mut problems = Vec::new();
    for (name, path) in &pdfs {
        let bytes = support::read(path);
        let Ok(report) = catch_unwind(AssertUnwindSafe(|| support::verify(&bytes, &[&roots])))
        else {
            problems.push(format!("{name}: panicked"));
            continue;
        };
        let status = report["status"].as_str().unwrap_or("");
        if status != "parsed" && status != "unreadable" {
            problems.push(format!("{name}: status {}", report["status"]));
        }
        let Some(entry) = listed.get(name) else {
            problems.push(format!("{name}: not in corpus.json"));
            continue;
        };
        if let Some(want) = entry.get("expectVerdict") {
            if &report["verdict"] != want {
                problems.push(format!(
                    "{name}: verdict {} (a {} anomaly), expected {want}",
                    report["verdict"], entry["anomaly"]
                ));
            }
        }
        if status == "parsed" {
            problems.extend(signatures_are_checked(name, &report));
        }
    }
    let anomalies = listed
        .values()
        .filter(|e| e.get("expectVerdict").is_some())
        .count();
    assert!(
        anomalies >= 4,
        "corpus.json names only {anomalies} anomalies"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A parsed report verifies every signature it lists (status present) and
/// has a verdict when it lists any.
fn signatures_are_checked(name: &str, report: &Value) -> Vec<String> {
    let signatures = report["signatures"].as_array().cloned().unwrap_or_default();
    let mut problems: Vec<String> = signatures
        .iter()
        .filter(|s| {
            !matches!(
                s["status"].as_str(),
                Some("valid" | "indeterminate" | "invalid")
            )
        })
        .map(|s| {
            format!(
                "{name}: signature {} has status {}",
                s["field"], s["status"]
            )
        })
        .collect();
    let verdict = report["verdict"].as_str().unwrap_or("");
    let want_some = !signatures.is_empty();
    if want_some && !matches!(verdict, "valid" | "indeterminate" | "invalid") {
        problems.push(format!(
            "{name}: verdict {} for {} signatures",
            report["verdict"],
            signatures.len()
        ));
    }
    problems
}

/// The comparison itself: a report that says what expected.json says
/// passes, and one changed field is named with its file.
#[test]
fn the_comparison_names_the_file_and_field() {
    let expected = support::json(&support::dir().join("expected.json"));
    let want = &expected["two-signatures.pdf"];
    let mut signatures = want["signatures"].clone();
    for sig in signatures.as_array_mut().into_iter().flatten() {
        sig["warnings"] = Value::from(vec!["revocation-not-checked"]);
    }
    let mut report = serde_json::json!({
        "status": "parsed",
        "verdict": want["verdict"],
        "pages": want["pages"],
        "signatures": signatures,
    });
    assert_eq!(
        support::compare_file("two-signatures.pdf", &report, want),
        Vec::<String>::new()
    );
    report["signatures"][1]["integrity"] = Value::from("altered");
    report["signatures"][0]["changesAfter"] = Value::from(Vec::<String>::new());
    let problems = support::compare_file("two-signatures.pdf", &report, want);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("two-signatures.pdf: Signature1.changesAfter"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("two-signatures.pdf: Signature2.integrity"),
        "{problems:?}"
    );
}

/// The rules of §6b's fields: `key` compared only where expected.json
/// names it, and each `changesInclude` entry (an object number and its
/// class) found among the report's `changes`.
#[test]
fn key_and_changes_include_are_compared_where_given() {
    let want = serde_json::json!({
        "field": "Signature1",
        "changesAfter": ["form-fill"],
        "changesInclude": [{"object": 12, "class": "form-fill"}],
    });
    let mut found = serde_json::json!({
        "field": "Signature1",
        "changesAfter": ["form-fill"],
        "changes": [
            {"object": 9, "role": "field", "class": "form-fill"},
            {"object": 12, "role": "appearance", "class": "form-fill"},
        ],
        "key": "P-256",
    });
    let problems = |found: &Value, want: &Value| {
        support::compare_signature("f.pdf: Signature1", found, want)
            .into_iter()
            .filter(|p| p.contains(".key") || p.contains(".changes:"))
            .collect::<Vec<_>>()
    };
    assert_eq!(problems(&found, &want), Vec::<String>::new());
    let mut with_key = want.clone();
    with_key["key"] = Value::from("P-384");
    assert_eq!(problems(&found, &with_key).len(), 1, "the key differs");
    found["changes"][1]["class"] = Value::from("other");
    let missing = problems(&found, &want);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].starts_with("f.pdf: Signature1.changes: {"),
        "{missing:?}"
    );
}
