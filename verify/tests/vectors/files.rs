//! Reading the committed vectors: for the `verify_*` tests (through
//! `support.rs`) and the crate's own seal tests (`tests/seal/`), included
//! with `#[path]`; not a test target of its own.
#![allow(dead_code)]

use std::path::PathBuf;

use infoplus_signature_core::{parse_signature, Seal, SealVerdict, Signature};
use serde_json::Value;

/// The files whose seals are all valid against `doc.pdf`.
pub const POSITIVE: [&str; 5] = ["sm2", "ecdsa", "rsa", "rsa-pss", "ed25519"];

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

pub fn bytes(name: &str) -> Vec<u8> {
    let path = dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A vector file as the control reads it (envelope or bare).
pub fn signature(group: &str) -> Signature {
    parse_signature(&bytes(&format!("{group}.json")))
        .unwrap_or_else(|e| panic!("{group}.json: {e}"))
}

pub fn document() -> Vec<u8> {
    bytes("doc.pdf")
}

pub fn changed_document() -> Vec<u8> {
    bytes("doc-changed.pdf")
}

/// The name make.sh gave the case.
pub fn case(seal: &Seal) -> String {
    seal.extra
        .get("case")
        .and_then(Value::as_str)
        .unwrap_or("(no case name)")
        .to_owned()
}

/// What the verdict JSON must contain for this seal against doc.pdf.
pub fn expectation(seal: &Seal) -> &Value {
    seal.extra
        .get("expect")
        .unwrap_or_else(|| panic!("{}: no `expect`", case(seal)))
}

/// Every field of `expect` must be in the verdict JSON, equal.
pub fn assert_fits(verdict: &SealVerdict, expect: &Value, context: &str) {
    let actual = serde_json::to_value(verdict).expect("verdicts serialize");
    let expect = expect.as_object().expect("`expect` is an object");
    for (field, want) in expect {
        assert_eq!(
            actual.get(field).unwrap_or(&Value::Null),
            want,
            "{context}: field `{field}` of {actual}"
        );
    }
}
