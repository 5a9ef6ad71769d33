//! Asking the openssl binary whether a signature verifies: the
//! independent check that `to_be_signed` is what the signer signed.

use std::process::Command;

use crate::cms::{self, SignerInfo};
use crate::oid;

/// `None` if there is no openssl binary to ask.
pub fn openssl(args: &[&str]) -> Option<(bool, String)> {
    match Command::new("openssl").args(args).output() {
        Ok(out) => Some((
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )),
        Err(e) => {
            eprintln!("SKIPPED: no openssl binary ({e}); signatures not checked");
            None
        }
    }
}

/// OpenSSL verifies `signature` over `message` with the certificate's key,
/// the way the SignerInfo's algorithms say. `None` without openssl.
pub fn openssl_verifies(
    tag: &str,
    cert: &str,
    signer: &SignerInfo<'_>,
    message: &[u8],
) -> Option<bool> {
    // A unit test has no CARGO_TARGET_TMPDIR: the system's, one directory
    // per process and tag.
    let dir =
        std::env::temp_dir().join(format!("infoplus-cms-reader-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let path = |f: &str| dir.join(f).to_string_lossy().into_owned();
    std::fs::write(path("msg"), message).expect("write");
    std::fs::write(path("sig"), signer.signature).expect("write");
    let cert_path = super::openssl_print::dir().join(format!("{cert}.pem"));
    let (ok, out) = openssl(&[
        "x509",
        "-in",
        &cert_path.to_string_lossy(),
        "-pubkey",
        "-noout",
        "-out",
        &path("pub.pem"),
    ])?;
    assert!(ok, "{out}");
    let algorithm = signer.signature_algorithm.oid;
    let args: Vec<String> = if algorithm == oid::ED25519.as_bytes() {
        [
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            &path("pub.pem"),
            "-rawin",
            "-in",
            &path("msg"),
            "-sigfile",
            &path("sig"),
        ]
        .map(String::from)
        .to_vec()
    } else if algorithm == oid::SM2_WITH_SM3.as_bytes() {
        // GM/T 0009's distinguishing id, as make_assembled.py signed.
        [
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            &path("pub.pem"),
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            "distid:1234567812345678",
            "-in",
            &path("msg"),
            "-sigfile",
            &path("sig"),
        ]
        .map(String::from)
        .to_vec()
    } else {
        let hash = cms::hash_of(&signer.digest_algorithm).expect("digest");
        let mut args: Vec<String> = [
            "dgst",
            &format!("-{}", format!("{hash:?}").to_lowercase()),
            "-verify",
            &path("pub.pem"),
            "-signature",
            &path("sig"),
        ]
        .map(String::from)
        .to_vec();
        if algorithm == oid::RSASSA_PSS.as_bytes() {
            args.extend(
                [
                    "-sigopt",
                    "rsa_padding_mode:pss",
                    "-sigopt",
                    "rsa_pss_saltlen:auto",
                ]
                .map(String::from),
            );
        }
        args.push(path("msg"));
        args
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (ok, out) = openssl(&args)?;
    if !ok {
        eprintln!("openssl {args:?}: {out}");
    }
    Some(ok)
}
