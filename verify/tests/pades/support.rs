//! Reading the PDF signature fixtures and comparing a report with
//! expected.json (included by `tests/pades.rs` with `#[path]`; not a test
//! target of its own). The fixtures and their expectations are made by
//! `make_fixtures.py` and cross-checked against pyHanko and OpenSSL by
//! `crosscheck.py`; see README.md beside this file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use base64::Engine;
use infoplus_signature_core::{Seal, SealVerdict, Signature};
use infoplus_signature_verify::{verify_all, Options, ValidationTime};
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

/// The options of a run validated at the signing time against
/// `roots_pem` (PEM bundles), with no size limit.
pub fn options(roots_pem: &[&str]) -> Options {
    Options {
        limit: u64::MAX,
        roots_pem: roots_pem.iter().map(|pem| pem.to_string()).collect(),
        intermediates_pem: vec![],
        trust_document_certificates: false,
        at: ValidationTime::Signing,
        online: Default::default(),
    }
}

/// The PDF report as the control and `seal-verify --json` would emit it
/// (the run over the PDF alone, no seals), validated at the signing time
/// against `roots_pem` (PEM bundles).
pub fn verify(bytes: &[u8], roots_pem: &[&str]) -> Value {
    let report = verify_all(&Signature::default(), bytes, &options(roots_pem));
    serde_json::to_value(&report.pdf).unwrap_or_else(|e| panic!("report to JSON: {e}"))
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

/// One signature: the EXACT fields equal; `key` equal when expected.json
/// names it; `changesAfter` equal as a set; each of `changesInclude` (an
/// object number and its class) among `changes`; `certificate` and
/// `timestamp` equal in the keys expected.json names (null must be null);
/// `warningsInclude` all among `warnings`.
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
    if let Some(key) = want.get("key") {
        if &found["key"] != key {
            problems.push(format!("{at}.key: found {}, expected {key}", found["key"]));
        }
    }
    let changes = found["changes"].as_array().cloned().unwrap_or_default();
    for change in want["changesInclude"].as_array().into_iter().flatten() {
        let listed = changes
            .iter()
            .any(|c| compare_subset("", c, change).is_empty());
        if !listed {
            problems.push(format!(
                "{at}.changes: {change} missing from {}",
                found["changes"]
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

/// A raw value's `rawCheck` (expected.json): a seal carrying the value
/// (as it sits in `/Contents`), the key beside the fixtures and the
/// algorithm named there is matched to the signature by the run and checked
/// over its ByteRange: `valid` is `intact`, `invalid` is `altered`. (Its
/// `key` is not compared: a seal's verdict names the key by fingerprint.)
pub fn compare_raw_checks(
    file: &str,
    bytes: &[u8],
    report: &Value,
    expected: &Value,
) -> Vec<String> {
    let mut problems = Vec::new();
    let found = report["signatures"].as_array().cloned().unwrap_or_default();
    for want in expected["signatures"].as_array().into_iter().flatten() {
        let Some(raw) = want.get("rawCheck") else {
            continue;
        };
        let field = want["field"].as_str().unwrap_or("?");
        let at = format!("{file}: {field}.rawCheck");
        let Some(sig) = found.iter().find(|s| s["field"] == want["field"]) else {
            continue; // compare_file names the missing signature
        };
        let Some(value) = raw_value(bytes, &sig["byteRange"]) else {
            problems.push(format!("{at}: no /Contents at {}", sig["byteRange"]));
            continue;
        };
        let key = String::from_utf8(read(&dir().join(raw["publicKey"].as_str().unwrap_or("?"))))
            .unwrap_or_default();
        let seal = Seal {
            algorithm: raw["algorithm"].as_str().map(str::to_owned),
            public_key: Some(key),
            signature: Some(base64::engine::general_purpose::STANDARD.encode(value)),
            ..Seal::default()
        };
        let signature = Signature {
            seals: vec![seal],
            ..Signature::default()
        };
        let report = verify_all(&signature, bytes, &options(&[]));
        let verdict = report.seals.first().map(|s| &s.verdict);
        let (integrity, algorithm, named) = match verdict {
            Some(SealVerdict::Valid(valid)) => (
                "intact",
                valid.algorithm.as_str(),
                valid.pdf_signature.as_deref(),
            ),
            Some(SealVerdict::Invalid {
                algorithm,
                pdf_signature,
                ..
            }) => ("altered", algorithm.as_str(), pdf_signature.as_deref()),
            other => {
                problems.push(format!("{at}: the seal's verdict is {other:?}"));
                continue;
            }
        };
        if named != Some(field) {
            problems.push(format!("{at}: the seal is matched to {named:?}"));
        }
        if raw["integrity"] != integrity {
            problems.push(format!(
                "{at}.integrity: found {integrity:?}, expected {}",
                raw["integrity"]
            ));
        }
        if raw["algorithm"] != algorithm {
            problems.push(format!(
                "{at}.algorithm: found {algorithm:?}, expected {}",
                raw["algorithm"]
            ));
        }
    }
    problems
}

/// The value in the `/ByteRange [a b c d]` gap (`<hex>` from `b` to `c`),
/// without its zero padding: a DER value's own length, else the bytes
/// before the trailing zeros.
fn raw_value(bytes: &[u8], byte_range: &Value) -> Option<Vec<u8>> {
    let number = |i: usize| usize::try_from(byte_range.get(i)?.as_i64()?).ok();
    let (start, end) = (number(1)?, number(2)?);
    let text = bytes
        .get(start..end)?
        .strip_prefix(b"<")?
        .strip_suffix(b">")?;
    let decoded = hex::decode(text).ok()?;
    let der_len = match decoded.as_slice() {
        [0x30, len, ..] if *len < 0x80 => Some(2 + usize::from(*len)),
        [0x30, 0x81, len, ..] => Some(3 + usize::from(*len)),
        [0x30, 0x82, high, low, ..] => Some(4 + (usize::from(*high) << 8 | usize::from(*low))),
        _ => None,
    };
    let len = der_len
        .unwrap_or_else(|| decoded.len() - decoded.iter().rev().take_while(|&&b| b == 0).count());
    decoded.get(..len).map(<[u8]>::to_vec)
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
