//! The provider's PDF signatures checked by an independent implementation:
//! the OpenSSL 3 command line. ECDSA, RSA and Ed25519 with `openssl cms
//! -verify`; SM2 and Ed25519, which OpenSSL 3.0 cannot check as CMS,
//! piece by piece: the
//! signature over the signed attributes (`pkeyutl -digest sm3 -pkeyopt
//! distid:…`), the messageDigest (`dgst -sm3`) and the chain (`verify
//! -vfyopt distid:…`). The timestamp token with `openssl ts -verify`.

use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::common::{param, start, Server};
use crate::pdfsig::{cms_parts, signatures, Embedded};

const OPENSSL: &str = "/usr/bin/openssl";
const DISTID: &str = "distid:1234567812345678";

fn run(cmd: &mut Command) -> (bool, String) {
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

fn openssl() -> Command {
    Command::new(OPENSSL)
}

/// Writes `name` in `dir` and answers its path.
fn put(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Does OpenSSL accept the last embedded signature of `pdf` (made with
/// `algorithm`) against `roots`? With OpenSSL's output on failure.
pub fn verifies(algorithm: &str, pdf: &[u8], roots: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let last: Embedded = signatures(pdf).pop().expect("a signature");
    let content = put(dir, "content.bin", &last.signed_bytes(pdf));
    let cms = put(dir, "cms.der", &last.cms);
    let roots = put(dir, "roots.pem", roots.as_bytes());
    let parts = cms_parts(&last.cms);
    if !matches!(algorithm, "SM2withSM3" | "Ed25519") {
        return run(openssl()
            .args([
                "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any",
            ])
            .arg("-in")
            .arg(&cms)
            .arg("-content")
            .arg(&content)
            .arg("-CAfile")
            .arg(&roots)
            .args(["-out", "/dev/null"]));
    }
    let cert_der = put(dir, "signer.der", &parts.signer_certificate);
    let cert = dir.join("signer.pem");
    let (ok, text) = run(openssl()
        .args(["x509", "-inform", "DER", "-in"])
        .arg(&cert_der)
        .arg("-out")
        .arg(&cert));
    assert!(ok, "{text}");
    let attrs = put(dir, "attrs.der", &parts.signed_attrs);
    let sig = put(dir, "sig.bin", &parts.signature);
    // OpenSSL 3.0's CMS reads neither SM2 (no distinguishing id) nor
    // Ed25519 with signed attributes ("invalid digest"): check the pieces.
    let mut verify = openssl();
    verify
        .args(["pkeyutl", "-verify", "-certin", "-inkey"])
        .arg(&cert)
        .arg("-rawin");
    if algorithm == "SM2withSM3" {
        verify.args(["-digest", "sm3", "-pkeyopt", DISTID]);
    }
    let (ok, text) = run(verify.arg("-in").arg(&attrs).arg("-sigfile").arg(&sig));
    if !ok {
        return (false, format!("signed attributes: {text}"));
    }
    // RFC 8419: Ed25519 with signed attributes digests the content with SHA-512.
    let digest_name = if algorithm == "SM2withSM3" {
        "-sm3"
    } else {
        "-sha512"
    };
    let (ok, digest) = run(openssl().args(["dgst", digest_name, "-r"]).arg(&content));
    assert!(ok, "{digest}");
    let digest = digest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    if digest != hex::encode(&parts.message_digest) {
        return (false, format!("messageDigest {digest} differs"));
    }
    let mut chain = openssl();
    chain.arg("verify");
    if algorithm == "SM2withSM3" {
        chain.args(["-vfyopt", DISTID]);
    }
    let (ok, text) = run(chain.arg("-CAfile").arg(&roots).arg(&cert));
    (
        ok,
        format!("Verified OK (signed attributes, digest) / chain: {text}"),
    )
}

/// `openssl ts -verify` on the signature's timestamp token: over SHA-256 of
/// the signature value, signed by the dev TSA under the ECDSA root.
fn timestamp_verifies(pdf: &[u8], roots: &str) {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let parts = cms_parts(&signatures(pdf).pop().unwrap().cms);
    let token = put(dir, "token.der", &parts.timestamp_token);
    let data = put(dir, "signature.bin", &parts.signature);
    let roots = put(dir, "roots.pem", roots.as_bytes());
    let (ok, text) = run(openssl()
        .args(["ts", "-verify", "-token_in", "-in"])
        .arg(&token)
        .arg("-data")
        .arg(&data)
        .arg("-CAfile")
        .arg(&roots));
    assert!(
        ok && text.contains("Verification: OK"),
        "ts -verify: {text}"
    );
}

pub async fn trust_roots(server: &Server) -> String {
    let r = crate::common::client()
        .get(server.url("/dev/trust-roots.pem"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

/// Stamps a fresh Signature with `seal_id`, checks the embedded signature
/// with OpenSSL, then checks that one changed byte makes OpenSSL refuse it.
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
    let roots = trust_roots(server).await;
    let last = signatures(&document).pop().unwrap();
    assert_eq!(
        STANDARD
            .decode(seal["signature"].as_str().unwrap())
            .unwrap(),
        last.cms,
        "seal.signature is the embedded CMS"
    );
    let (ok, text) = verifies(algorithm, &document, &roots);
    assert!(
        ok,
        "{algorithm}: OpenSSL rejects the provider's signature: {text}"
    );
    assert!(
        text.contains("Verified OK") || text.contains("Verification successful"),
        "{text}"
    );
    timestamp_verifies(&document, &roots);

    let mut changed = document.clone();
    let at = last.byte_range[1] / 2;
    changed[at] ^= 0x01;
    let (ok, text) = verifies(algorithm, &changed, &roots);
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
    let roots = trust_roots(&server).await;
    for (id, expect_ok) in [("demo-sealed", true), ("demo-tampered", false)] {
        let (sig, _) = server.s1(id).await;
        let seal = &sig["seals"][0];
        assert_eq!(seal["algorithm"], "SM2withSM3");
        let document = server.bytes(sig["uri"].as_str().unwrap()).await;
        assert_eq!(document.len() as u64, sig["size"].as_u64().unwrap());
        let (ok, text) = verifies("SM2withSM3", &document, &roots);
        assert_eq!(ok, expect_ok, "{id}: {text}");
    }
}
