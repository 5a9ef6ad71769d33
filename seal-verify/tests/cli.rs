//! The built `seal-verify` binary against the committed OpenSSL vectors
//! (verify/tests/vectors): every exit code, the human lines and the JSON shape.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn vector(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../verify/tests/vectors")
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

fn verify(signature: &str, document: &str, extra: &[&str]) -> Output {
    let (signature, document) = (vector(signature), vector(document));
    let mut arguments = vec!["--signature", &signature, "--document", &document];
    arguments.extend(extra);
    run(&arguments)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("--json prints JSON")
}

fn results(report: &Value) -> Vec<String> {
    report["seals"]
        .as_array()
        .expect("seals array")
        .iter()
        .map(|seal| seal["result"].as_str().expect("result").to_owned())
        .collect()
}

#[test]
fn every_positive_vector_exits_0() {
    for group in ["sm2", "ecdsa", "rsa", "rsa-pss", "ed25519"] {
        let output = verify(&format!("{group}.json"), "doc.pdf", &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{group}: {}",
            stdout(&output)
        );
        assert!(stderr(&output).is_empty(), "{group}: {}", stderr(&output));
    }
}

#[test]
fn one_human_line_per_seal_then_the_pdf() {
    let output = verify("sm2.json", "doc.pdf", &[]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7 + 1, "{text}");
    assert!(
        lines[0].starts_with("seal 0 (张三): valid — SM2withSM3, key ")
            && lines[0].ends_with(", signer allowed"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("signer NOT allowed"), "{}", lines[1]);
    assert!(
        lines[2].contains("certificate CN=张三,O=InfoPlus 测试,C=CN"),
        "{}",
        lines[2]
    );
    assert!(
        lines[7].starts_with("PDF: 1 page, 0 signatures"),
        "{}",
        lines[7]
    );
}

#[test]
fn json_report_shape() {
    let output = verify("sm2.json", "doc.pdf", &["--json"]);
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    let object = report.as_object().expect("an object");
    let mut keys: Vec<&String> = object.keys().collect();
    keys.sort();
    assert_eq!(keys, ["pdf", "seals"]);
    assert_eq!(results(&report), ["valid"; 7]);
    let first = &report["seals"][0];
    assert_eq!(first["index"], 0);
    assert_eq!(first["algorithm"], "SM2withSM3");
    assert_eq!(first["signerAllowed"], true);
    assert_eq!(first["keyFingerprint"].as_str().map(str::len), Some(64));
    assert_eq!(
        report["seals"][2]["certificate"]["subject"],
        "CN=张三,O=InfoPlus 测试,C=CN"
    );
    assert!(report["pdf"]["status"].is_string(), "{}", report["pdf"]);
}

#[test]
fn a_changed_document_exits_1_with_every_seal_invalid() {
    let output = verify("ecdsa.json", "doc-changed.pdf", &["--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(results(&json(&output)), ["invalid"; 5]);
    let human = verify("ecdsa.json", "doc-changed.pdf", &[]);
    assert!(stdout(&human).contains("the document changed since sealing"));
}

#[test]
fn negative_vectors_exit_1_with_every_kind_of_result() {
    let output = verify("negative.json", "doc.pdf", &["--json"]);
    assert_eq!(output.status.code(), Some(1));
    let results = results(&json(&output));
    for kind in ["invalid", "malformed", "unsupported", "unsigned"] {
        assert!(results.iter().any(|r| r == kind), "{kind} in {results:?}");
    }
    let malformed = &json(&output)["seals"]
        .as_array()
        .expect("seals")
        .iter()
        .find(|s| s["result"] == "malformed")
        .cloned()
        .expect("a malformed seal");
    assert!(
        malformed["part"].is_string() && malformed["detail"].is_string(),
        "{malformed}"
    );
}

#[test]
fn nothing_signed_exits_1() {
    let output = verify("unsigned.json", "doc.pdf", &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("seal 0 (张三): unsigned"), "{text}");
    assert!(text.contains("seal 1 (张三): unsigned"), "{text}");
}

#[test]
fn too_large_exits_1() {
    let output = verify(
        "rsa.json",
        "doc.pdf",
        &["--json", "--max-document-bytes", "100"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let size = std::fs::metadata(vector("doc.pdf")).expect("doc.pdf").len();
    assert_eq!(
        report["seals"][0],
        serde_json::json!({"index": 0, "result": "too-large", "limit": 100, "size": size})
    );
    assert_eq!(report["pdf"], Value::Null);
    let human = verify("rsa.json", "doc.pdf", &["--max-document-bytes=100"]);
    assert!(stdout(&human).contains("too large"), "{}", stdout(&human));
}

#[test]
fn not_a_pdf_exits_1() {
    let output = verify("ed25519.json", "ed25519.json", &["--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(results(&json(&output)), ["not-pdf"; 3]);
}

#[test]
fn signature_from_standard_input() {
    let document = vector("doc.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_seal-verify"))
        .args(["--signature", "-", "--document", &document])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    let signature = std::fs::read(vector("ed25519.json")).expect("vector");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&signature)
        .expect("writes");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn usage_errors_exit_2_with_the_usage() {
    for arguments in [
        &[][..],
        &["--signature", "x.json"],
        &["--signature", "x.json", "--document", "d", "--bogus"],
        &[
            "--signature",
            "x",
            "--document",
            "d",
            "--max-document-bytes",
            "many",
        ],
    ] {
        let output = run(arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        assert!(
            stderr(&output).contains("Usage: seal-verify"),
            "{arguments:?}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn unreadable_files_exit_2() {
    let missing = verify("sm2.json", "no-such.pdf", &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read") && stderr(&missing).contains("no-such.pdf"));

    let not_json = verify("doc.pdf", "doc.pdf", &[]);
    assert_eq!(not_json.status.code(), Some(2));
    assert!(
        stderr(&not_json).contains("unreadable signature structure"),
        "{}",
        stderr(&not_json)
    );

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let engine_error = dir.join("engine-error.json");
    std::fs::write(
        &engine_error,
        r#"{"errno":403,"ecode":"FORBIDDEN","error":"no access","entities":[]}"#,
    )
    .expect("writes");
    let output = run(&[
        "--signature",
        engine_error.to_str().expect("path"),
        "--document",
        &vector("doc.pdf"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no access"), "{}", stderr(&output));
}

#[test]
fn help_and_version_exit_0() {
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    for needle in [
        "--signature",
        "--document",
        "--json",
        "--max-document-bytes",
        "Exit status",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    let version = run(&["-V"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("seal-verify "));
}

/// An electronic seal (GB/T 38540): its facts in the human lines, its
/// picture written where `--seal-picture` says, exit 0 with its roots.
#[test]
fn an_electronic_seal_is_printed_and_its_picture_written() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../verify/tests/ses");
    let out = std::env::temp_dir().join(format!("seal-verify-picture-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let picture = out.join("seal.png");
    let (document, roots) = (dir.join("ses-v4.pdf"), dir.join("roots.pem"));
    let output = run(&[
        "--document",
        document.to_str().unwrap(),
        "--trust",
        roots.to_str().unwrap(),
        "--seal-picture",
        picture.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    for line in [
        "Seal:          InfoPlus 测试专用章 (official seal, id 11010826030004), GB/T 38540-2020",
        "Seal maker:    ",
        "Seal valid:    2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z; at signing: yes",
        "Seal checks:   maker's signature holds; the signer is allowed to use it",
        "Seal picture:  image/png",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    let written = std::fs::read(&picture).expect("the picture is written");
    assert!(written.starts_with(b"\x89PNG"));
    assert!(stderr(&output).contains("seal picture written to"));
    let _ = std::fs::remove_dir_all(&out);
}
