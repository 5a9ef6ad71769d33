//! Reading the PDF signature fixtures and comparing a report with
//! expected.json (included by `tests/pades.rs` with `#[path]`; not a test
//! target of its own). The fixtures and their expectations are made by
//! `make_fixtures.py` and cross-checked against pyHanko and OpenSSL by
//! `crosscheck.py`; see README.md beside this file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use infoplus_signature_core::verdict::PdfReport;
use infoplus_signature_verify::embedded::{verify_pdf, PdfOptions, ValidationTime};
use infoplus_signature_verify::Digests;
use serde_json::Value;

/// Fields of an expected signature compared as they are; the others have
/// rules of their own (see `compare_signature`).
const EXACT: [&str; 9] = [
    "status",
    "integrity",
    "identity",
    "coverage",
    "certification",
    "format",
    "algorithm",
    "signingTime",
    "field",
];

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pades")
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn json(path: &Path) -> Value {
    serde_json::from_slice(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture_roots() -> String {
    String::from_utf8(read(&dir().join("roots.pem"))).unwrap_or_else(|e| panic!("roots.pem: {e}"))
}

/// The report as the control and `seal-verify --json` would emit it,
/// validated at the signing time against `roots_pem` (PEM bundles).
pub fn verify(bytes: &[u8], roots_pem: &[&str]) -> Value {
    let options = PdfOptions {
        roots_pem: roots_pem.iter().map(|pem| pem.to_string()).collect(),
        intermediates_pem: vec![],
        at: ValidationTime::Signing,
    };
    let report: PdfReport = verify_pdf(bytes, &options, &Digests::new());
    serde_json::to_value(&report).unwrap_or_else(|e| panic!("report to JSON: {e}"))
}

/// Every difference between `report` and `expected` (one file), as lines
/// naming the file and the field.
pub fn compare_file(file: &str, report: &Value, expected: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut differ = |what: &str, found: &Value, want: &Value| {
        if found != want {
            problems.push(format!("{file}: {what}: found {found}, expected {want}"));
        }
    };
    differ("status", &report["status"], &Value::from("parsed"));
    differ("verdict", &report["verdict"], &expected["verdict"]);
    differ("pages", &report["pages"], &expected["pages"]);
    let found = report["signatures"].as_array().cloned().unwrap_or_default();
    let wanted = expected["signatures"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names =
        |list: &[Value]| -> Vec<Value> { list.iter().map(|s| s["field"].clone()).collect() };
    differ(
        "signatures (fields)",
        &Value::from(names(&found)),
        &Value::from(names(&wanted)),
    );
    for want in &wanted {
        let field = want["field"].as_str().unwrap_or("?");
        match found.iter().find(|s| s["field"] == want["field"]) {
            Some(sig) => problems.extend(compare_signature(&format!("{file}: {field}"), sig, want)),
            None => problems.push(format!("{file}: no signature in field {field}")),
        }
    }
    problems
}

/// One signature: the EXACT fields equal; `changesAfter` equal as a set;
/// `certificate` and `timestamp` equal in the keys expected.json names
/// (null must be null); `warningsInclude` all among `warnings`.
pub fn compare_signature(at: &str, found: &Value, want: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for key in EXACT {
        if found[key] != want[key] {
            problems.push(format!(
                "{at}.{key}: found {}, expected {}",
                found[key], want[key]
            ));
        }
    }
    if sorted(&found["changesAfter"]) != sorted(&want["changesAfter"]) {
        problems.push(format!(
            "{at}.changesAfter: found {}, expected {}",
            found["changesAfter"], want["changesAfter"]
        ));
    }
    for key in ["certificate", "timestamp"] {
        problems.extend(compare_subset(
            &format!("{at}.{key}"),
            &found[key],
            &want[key],
        ));
    }
    let warnings = found["warnings"].as_array().cloned().unwrap_or_default();
    for code in want["warningsInclude"].as_array().into_iter().flatten() {
        if !warnings.contains(code) {
            problems.push(format!(
                "{at}.warnings: {code} missing from {}",
                found["warnings"]
            ));
        }
    }
    problems
}

fn compare_subset(at: &str, found: &Value, want: &Value) -> Vec<String> {
    match want.as_object() {
        None if found != want => vec![format!("{at}: found {found}, expected {want}")],
        None => vec![],
        Some(keys) => keys
            .iter()
            .filter(|(key, value)| &found[key.as_str()] != *value)
            .map(|(key, value)| {
                format!(
                    "{at}.{key}: found {}, expected {value}",
                    found[key.as_str()]
                )
            })
            .collect(),
    }
}

fn sorted(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v.as_str().unwrap_or("?").to_string())
        .collect();
    names.sort();
    names
}

/// Every `.pdf` under `root`, with its path relative to `root` (`/`
/// separated, as corpus.json names them). The corpus is three levels deep.
pub fn pdfs_under(root: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut pending = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && depth < 4 {
                pending.push((path, depth + 1));
            } else if path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"))
            {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                found.push((name, path));
            }
        }
    }
    found.sort();
    found
}
