//! Raw signatures (spec §6, the dev documents' seals) checked by the
//! OpenSSL 3 command line over the stored document.

use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

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
pub fn verifies_raw(seal: &serde_json::Value, document: &[u8]) -> (bool, String) {
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
