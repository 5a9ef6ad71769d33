//! The real-world corpus (spec §6b): every signed PDF of
//! `../shared/interop/realworld/pdf/` (other projects' public test suites,
//! read in place, never copied) through `seal-verify --json` twice: without
//! trust, and with the certificates the file itself carries as anchors
//! (`--trust-own-certificates`). Each answer is held to
//! `verify/tests/realworld/expected.json`, written from the file's source
//! (its own test, its name) and from pyHanko's validation, each entry
//! naming its basis (`verify/tests/realworld/sources.md`, `pyhanko.json`):
//!
//! - read wherever the source or pyHanko reads it; every signature listed,
//!   under the field names given;
//! - `intact` where they call it intact, never where they call it broken;
//! - the status expected without and with the file's own trust (`not-valid`:
//!   anything but `valid`), and never `valid` in a file (or a signature,
//!   when `attack` is a list) they call tampered or an attack;
//! - `unsupported` only where no public validator verifies it either;
//! - `levels`: the PAdES level the source names (with the file's own trust).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> PathBuf {
    root().join("../shared/interop/realworld/pdf")
}

fn verify(pdf: &Path, own_trust: bool) -> Value {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seal-verify"));
    command.arg("--document").arg(pdf).arg("--json");
    if own_trust {
        command.arg("--trust-own-certificates");
    }
    let output = command.output().expect("seal-verify runs");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}: exit {:?}: {}",
        pdf.display(),
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON report")
}

fn strings(value: &Value) -> Vec<Option<String>> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Every way `report` falls short of `want`, in words.
fn disagreements(name: &str, want: &Value, report: &Value, own_trust: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut say = |what: String| {
        out.push(format!(
            "{name}{}: {what}",
            if own_trust { " (own trust)" } else { "" }
        ))
    };
    let pdf = &report["pdf"];
    let readable = pdf["status"] == "parsed";
    if want["readable"] != readable {
        say(format!("read: {readable}, expected {}", want["readable"]));
        return out;
    }
    if !readable {
        return out;
    }
    let signatures = pdf["signatures"].as_array().cloned().unwrap_or_default();
    if Some(signatures.len() as u64) != want["signatures"].as_u64() {
        say(format!(
            "{} signatures listed, expected {}",
            signatures.len(),
            want["signatures"]
        ));
        return out;
    }
    // Every field named, a shared signature dictionary's other fields too.
    let fields: Vec<Option<String>> = signatures
        .iter()
        .flat_map(|s| {
            std::iter::once(s["field"].as_str().map(str::to_owned))
                .chain(strings(&s["otherFields"]))
        })
        .collect();
    if want["fields"].is_array() && strings(&want["fields"]) != fields {
        say(format!("fields {fields:?}, expected {}", want["fields"]));
    }
    let statuses = if own_trust {
        &want["selfTrusted"]
    } else {
        &want["untrusted"]
    };
    for (i, signature) in signatures.iter().enumerate() {
        let field = signature["field"].as_str().unwrap_or("?");
        let status = signature["status"].as_str().unwrap_or("");
        let integrity = signature["integrity"].as_str().unwrap_or("");
        match want["intact"][i].as_bool() {
            Some(true) if integrity != "intact" => {
                say(format!("{field}: integrity {integrity}, expected intact"))
            }
            Some(false) if integrity == "intact" => {
                say(format!("{field}: intact, expected broken"))
            }
            _ => {}
        }
        // Somebody verifies it (intact or not): not a format we may skip.
        if want["intact"][i].is_boolean() && integrity == "unsupported" {
            say(format!(
                "{field}: unsupported, but a public validator verifies it"
            ));
        }
        match statuses[i].as_str() {
            Some("not-valid") if status == "valid" => {
                say(format!("{field}: valid, expected not valid"))
            }
            Some("not-valid") | None => {}
            Some(expected) if expected != status => {
                say(format!("{field}: {status}, expected {expected}"))
            }
            Some(_) => {}
        }
        // The PAdES level its source names (§6c), judged with the file's
        // own certificates trusted (a B-T needs a trusted timestamp).
        if let (true, Some(level)) = (own_trust, want["levels"][i].as_str()) {
            if signature["level"] != level {
                say(format!(
                    "{field}: level {}, expected {level}",
                    signature["level"]
                ));
            }
        }
        // `attack`: the whole file, or per signature.
        let attacked = want["attack"] == true || want["attack"][i] == true;
        if attacked && status == "valid" {
            say(format!(
                "{field}: valid in a file its source calls tampered or an attack"
            ));
        }
    }
    out
}

#[test]
fn every_real_world_file_gets_at_least_the_best_public_validators_answer() {
    let expected_path = root().join("verify/tests/realworld/expected.json");
    let expected: Value =
        serde_json::from_slice(&std::fs::read(&expected_path).expect("expected.json"))
            .expect("JSON");
    let expected = expected.as_object().expect("an object");
    let dir = corpus();
    assert!(
        dir.is_dir(),
        "the real-world corpus is not at {} (the workplace's shared directory)",
        dir.display()
    );
    let mut problems = Vec::new();
    let mut files = 0;
    for (name, want) in expected {
        let pdf = dir.join(name);
        assert!(
            pdf.is_file(),
            "{name} is in expected.json but not in the corpus"
        );
        files += 1;
        for own_trust in [false, true] {
            let report = verify(&pdf, own_trust);
            problems.extend(disagreements(name, want, &report, own_trust));
        }
    }
    // The manifest and the expectations name the same files.
    let manifest = std::fs::read_to_string(dir.join("../MANIFEST.tsv")).expect("MANIFEST.tsv");
    for line in manifest.lines().skip(1) {
        let file = line
            .split('\t')
            .next()
            .unwrap_or("")
            .trim_start_matches("pdf/");
        assert!(expected.contains_key(file), "{file} has no expected answer");
    }
    assert!(files >= 77, "only {files} files");
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_comparison_can_fail() {
    let want: Value = serde_json::json!({
        "readable": true, "signatures": 1, "fields": ["S"], "intact": [false],
        "untrusted": ["invalid"], "selfTrusted": ["invalid"], "attack": true
    });
    let report: Value = serde_json::json!({"pdf": {"status": "parsed", "signatures": [
        {"field": "S", "status": "valid", "integrity": "intact"}
    ]}});
    let found = disagreements("f.pdf", &want, &report, false);
    assert_eq!(found.len(), 3, "{found:?}");
    let unreadable: Value = serde_json::json!({"pdf": {"status": "unreadable", "reason": "x"}});
    assert_eq!(disagreements("f.pdf", &want, &unreadable, true).len(), 1);
}
