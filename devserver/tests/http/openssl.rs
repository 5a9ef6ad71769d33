//! Signatures made by the devserver, checked by an independent
//! implementation: the OpenSSL 3 command line, over the stored document.

use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::common::{param, start, Server};

const OPENSSL: &str = "/usr/bin/openssl";

/// The OpenSSL command that verifies `algorithm` (files in `dir`).
fn verify_command(algorithm: &str, dir: &Path, document: &str) -> Command {
    let mut cmd = Command::new(OPENSSL);
    let pem = dir.join("pub.pem");
    let sig = dir.join("sig.bin");
    let doc = dir.join(document);
    match algorithm {
        "SM2withSM3" => {
            cmd.args(["dgst", "-sm3", "-verify"]).arg(&pem);
            cmd.args(["-sigopt", "distid:1234567812345678", "-signature"])
                .arg(&sig)
                .arg(&doc);
        }
        "SHA256withECDSA" | "SHA256withRSA" => {
            cmd.args(["dgst", "-sha256", "-verify"])
                .arg(&pem)
                .arg("-signature")
                .arg(&sig)
                .arg(&doc);
        }
        "Ed25519" => {
            cmd.args(["pkeyutl", "-verify", "-pubin", "-inkey"])
                .arg(&pem);
            cmd.args(["-rawin", "-in"])
                .arg(&doc)
                .arg("-sigfile")
                .arg(&sig);
        }
        other => panic!("no OpenSSL recipe for {other}"),
    }
    cmd
}

fn run(mut cmd: Command) -> (bool, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{OPENSSL} must be installed: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Does OpenSSL accept `seal` (S1 JSON: `algorithm`, `privateKey`,
/// `signature`) over `document`? With OpenSSL's output.
pub fn verifies(seal: &serde_json::Value, document: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.pdf"), document).unwrap();
    std::fs::write(
        dir.path().join("pub.pem"),
        seal["privateKey"].as_str().unwrap(),
    )
    .unwrap();
    let signature = STANDARD
        .decode(seal["signature"].as_str().unwrap())
        .unwrap();
    std::fs::write(dir.path().join("sig.bin"), &signature).unwrap();
    let algorithm = seal["algorithm"].as_str().unwrap();
    run(verify_command(algorithm, dir.path(), "doc.pdf"))
}

/// Stamps a fresh Signature with `seal_id` and checks it with OpenSSL, then
/// checks that one changed byte makes OpenSSL refuse it.
async fn check(server: &Server, user: &str, seal_id: &str, algorithm: &str) {
    let id = format!("ossl-{seal_id}");
    server.export(&id).await;
    let back = server.stamp(user, &id, 0, seal_id).await;
    assert_eq!(
        param(&back, "sig_status").as_deref(),
        Some("done"),
        "{back}"
    );
    let (sig, _) = server.s1(&id).await;
    let seal = &sig["seals"][0];
    assert_eq!(seal["algorithm"], algorithm);

    let document = server.bytes(sig["uri"].as_str().unwrap()).await;
    let (ok, text) = verifies(seal, &document);
    assert!(
        ok,
        "{algorithm}: OpenSSL rejects a devserver signature: {text}"
    );
    assert!(
        text.contains("Verified OK") || text.contains("Signature Verified Successfully"),
        "{text}"
    );

    let mut changed = document.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    let (ok, text) = verifies(seal, &changed);
    assert!(
        !ok,
        "{algorithm}: OpenSSL accepted a changed document: {text}"
    );
}

#[tokio::test]
async fn sm2_signatures_verify_with_openssl() {
    let server = start(false).await;
    check(&server, "zhangsan", "seal-zhangsan-sm2", "SM2withSM3").await;
    check(&server, "lisi", "seal-renshichu-sm2", "SM2withSM3").await;
}

#[tokio::test]
async fn ecdsa_signatures_verify_with_openssl() {
    let server = start(false).await;
    check(
        &server,
        "zhangsan",
        "seal-zhangsan-ecdsa",
        "SHA256withECDSA",
    )
    .await;
}

#[tokio::test]
async fn rsa_signatures_verify_with_openssl() {
    let server = start(false).await;
    check(&server, "lisi", "seal-lisi-rsa", "SHA256withRSA").await;
}

#[tokio::test]
async fn ed25519_signatures_verify_with_openssl() {
    let server = start(false).await;
    check(&server, "wangwu", "seal-wangwu-ed25519", "Ed25519").await;
}

/// The seeded demo documents: `demo-sealed` verifies, `demo-tampered` (its
/// bytes changed after sealing) does not.
#[tokio::test]
async fn seeded_demo_documents_verify_and_fail_as_intended() {
    let server = start(false).await;
    for (id, expect_ok) in [("demo-sealed", true), ("demo-tampered", false)] {
        let (sig, _) = server.s1(id).await;
        let seal = &sig["seals"][0];
        assert_eq!(seal["algorithm"], "SM2withSM3");
        let document = server.bytes(sig["uri"].as_str().unwrap()).await;
        assert_eq!(document.len() as u64, sig["size"].as_u64().unwrap());
        let (ok, text) = verifies(seal, &document);
        assert_eq!(ok, expect_ok, "{id}: {text}");
    }
}
