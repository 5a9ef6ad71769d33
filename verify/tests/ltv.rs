//! §6c: revocation data and PAdES levels, on fixtures made by an
//! independent generator (pyHanko signs, asn1crypto and cryptography make
//! the OCSP responses and CRLs: `tests/ltv/make_fixtures.py`), each
//! re-checked with pyHanko's validation and OpenSSL's `ocsp`/`crl`
//! (`tests/ltv/crosscheck.py`).

#[path = "pades/support.rs"]
mod support;

use std::path::PathBuf;

use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ltv")
}

/// Every way the first signature of `report` differs from `want`.
fn differences(file: &str, report: &Value, want: &Value) -> Vec<String> {
    let found = &report["signatures"][0];
    let mut problems = Vec::new();
    let mut differ = |what: &str, found: &Value, want: &Value| {
        if found != want {
            problems.push(format!("{file}: {what}: found {found}, expected {want}"));
        }
    };
    for key in ["status", "identity", "level", "ltv"] {
        differ(key, &found[key], &want[key]);
    }
    differ(
        "signingTime",
        &found["signingTime"]["time"],
        &want["signingTime"],
    );
    match want["revocation"].as_object() {
        None => differ("revocation", &found["revocation"], &Value::Null),
        Some(revocation) => {
            for (key, value) in revocation {
                differ(
                    &format!("revocation.{key}"),
                    &found["revocation"][key],
                    value,
                );
            }
        }
    }
    let warnings = found["warnings"].as_array().cloned().unwrap_or_default();
    for code in want["warningsInclude"].as_array().into_iter().flatten() {
        if !warnings.contains(code) {
            problems.push(format!("{file}: warning {code} missing"));
        }
    }
    for code in want["warningsExclude"].as_array().into_iter().flatten() {
        if warnings.contains(code) {
            problems.push(format!("{file}: warning {code} present"));
        }
    }
    problems
}

#[test]
fn every_fixture_gets_its_level_and_revocation_status() {
    let expected = support::json(&dir().join("expected.json"));
    let files = expected.as_object().expect("expected.json is an object");
    assert!(files.len() >= 12, "only {} fixtures", files.len());
    let roots = String::from_utf8(support::read(&dir().join("roots.pem"))).expect("roots");
    let mut problems = Vec::new();
    for (file, want) in files {
        let report = support::verify(&support::read(&dir().join(file)), &[&roots]);
        problems.extend(differences(file, &report, want));
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Without roots nothing is trusted, but a revocation before the signing
/// time is still seen: the data is signed by the chain it answers for.
#[test]
fn revocation_needs_no_roots_to_be_seen_but_trust_to_vouch() {
    let report = support::verify(&support::read(&dir().join("b-lt.pdf")), &[]);
    assert_eq!(report["signatures"][0]["identity"], "unknown-issuer");
    assert_ne!(report["signatures"][0]["status"], "valid");
}
