//! pyHanko validates real CMS signatures (made with OpenSSL) in our
//! revisions.

use std::path::{Path, PathBuf};
use std::process::Command;

use devserver::pdf::{find_placement, prepare_signature, Prepared};

use crate::{exported, fields, font, placement_of, run, scratch, seal, xref_stream_document};

/// The workspace's `.venv` with pyHanko 0.38.0
/// (`python3 -m venv .venv && .venv/bin/pip install pyhanko==0.38.0`).
fn pyhanko_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python")
}

/// A CMS over `prepared`'s signed bytes made by OpenSSL with a throwaway
/// RSA key (`key.pem`, `cert.pem` in `dir`).
fn openssl_cms(prepared: &Prepared, dir: &Path, round: usize) -> Vec<u8> {
    let tbs = dir.join(format!("tbs{round}.bin"));
    let [a, b] = prepared.signed_parts();
    std::fs::write(&tbs, [a, b].concat()).unwrap();
    let der = dir.join(format!("cms{round}.der"));
    run(Command::new("openssl")
        .args([
            "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-outform", "DER",
        ])
        .arg("-in")
        .arg(&tbs)
        .arg("-signer")
        .arg(dir.join("cert.pem"))
        .arg("-inkey")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(&der));
    std::fs::read(der).unwrap()
}

const VALIDATE_PY: &str = r#"
import json, sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.keys import load_cert_from_pemder
from pyhanko_certvalidator import ValidationContext

path, cert = sys.argv[1], sys.argv[2]
with open(path, 'rb') as f:
    reader = PdfFileReader(f, strict=False)
    vc = ValidationContext(trust_roots=[load_cert_from_pemder(cert)])
    for sig in reader.embedded_signatures:
        st = validate_pdf_signature(sig, vc)
        level = getattr(st, 'modification_level', None)
        print(json.dumps({
            'field': sig.field_name,
            'byte_range': [int(x) for x in sig.sig_object['/ByteRange']],
            'intact': st.intact,
            'valid': st.valid,
            'trusted': st.trusted,
            'coverage': st.coverage.name,
            'modification': level.name if level is not None else None,
            'docmdp_ok': st.docmdp_ok,
        }))
"#;

/// pyHanko reads both signature revisions made with real CMS signatures:
/// both intact and valid, the last covering the entire file, the first its
/// revision with only form filling after it.
#[test]
#[ignore = "needs pyHanko in .venv; run with --ignored"]
fn pyhanko_validates_both_signatures() {
    let python = pyhanko_python();
    assert!(
        python.exists(),
        "no {python:?}: python3 -m venv .venv && .venv/bin/pip install pyhanko==0.38.0"
    );
    let font = font();
    let dir = scratch("pyhanko");
    run(Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-sha256",
        ])
        .args([
            "-subj",
            "/CN=InfoPlus Test Signer/O=infoplus-signature tests",
        ])
        .args([
            "-addext",
            "keyUsage=critical,digitalSignature,nonRepudiation",
        ])
        .arg("-keyout")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem")));
    let pdf = exported(&font);
    let mut doc = pdf.clone();
    // First, one signature over a document with a cross-reference stream.
    let small = xref_stream_document();
    let placement = find_placement(&small, 0, None, Some(72.0), Some(72.0)).unwrap();
    let prepared = prepare_signature(
        &small,
        &placement,
        &seal("张三"),
        &fields("Seal0", "张三"),
        &font,
    )
    .unwrap();
    let cms = openssl_cms(&prepared, &dir, 9);
    let file = dir.join("xref-stream-signed.pdf");
    std::fs::write(&file, prepared.finish(&cms).unwrap()).unwrap();
    let out = validate(&python, &file, &dir);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0]["intact"], true, "{out:?}");
    assert_eq!(out[0]["valid"], true, "{out:?}");
    assert_eq!(out[0]["coverage"], "ENTIRE_FILE", "{out:?}");

    let mut ranges = Vec::new();
    for (round, (placeholder, name)) in [("申请人签章", "张三"), ("审批人签章", "李四")]
        .into_iter()
        .enumerate()
    {
        let placement = placement_of(&doc, round, placeholder);
        let prepared = prepare_signature(
            &doc,
            &placement,
            &seal(name),
            &fields(&format!("Seal{round}"), name),
            &font,
        )
        .unwrap();
        let cms = openssl_cms(&prepared, &dir, round);
        ranges.push(prepared.byte_range);
        doc = prepared.finish(&cms).unwrap();
    }
    let file = dir.join("signed.pdf");
    std::fs::write(&file, &doc).unwrap();
    let reports = validate(&python, &file, &dir);
    let out = format!("{reports:#?}");
    assert_eq!(reports.len(), 2, "{out}");
    for (report, (name, range)) in reports
        .iter()
        .zip([("Seal0", ranges[0]), ("Seal1", ranges[1])])
    {
        assert_eq!(report["field"], name, "{out}");
        assert_eq!(report["byte_range"], serde_json::json!(range), "{out}");
        assert_eq!(report["intact"], true, "{out}");
        assert_eq!(report["valid"], true, "{out}");
        assert_eq!(report["trusted"], true, "{out}");
    }
    assert_eq!(reports[0]["coverage"], "ENTIRE_REVISION", "{out}");
    assert_eq!(reports[1]["coverage"], "ENTIRE_FILE", "{out}");
    let level = reports[0]["modification"].as_str().unwrap_or("");
    assert!(["FORM_FILLING", "LTA_UPDATES"].contains(&level), "{out}");
    println!("{out}");
}

/// pyHanko's report, one JSON object per signature.
fn validate(python: &Path, file: &Path, dir: &Path) -> Vec<serde_json::Value> {
    let out = run(Command::new(python)
        .arg("-c")
        .arg(VALIDATE_PY)
        .arg(file)
        .arg(dir.join("cert.pem")));
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
