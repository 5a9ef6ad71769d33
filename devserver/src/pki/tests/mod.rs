//! Checks of the dev PKI against OpenSSL 3 (an independent implementation):
//! every certificate, signature and token is written to a temporary
//! directory and verified by the `openssl` command line.

mod certificates;
mod responders;
mod signatures;
mod timestamps;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use time::OffsetDateTime;

use super::{DevPki, KeyKind};
use crate::keys;

/// One PKI for the whole test binary (the revocation tests use it too):
/// RSA key generation in a debug build takes seconds.
pub(crate) fn pki() -> &'static DevPki {
    static PKI: OnceLock<DevPki> = OnceLock::new();
    PKI.get_or_init(|| DevPki::generate(now()).expect("generate the dev PKI"))
}

/// Now, in whole seconds (what certificates and tokens can carry).
pub(crate) fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// A seal key pair as the provider makes it (PKCS#8, SPKI PEM).
fn seal_key(kind: KeyKind) -> keys::KeyPair {
    keys::generate(kind.algorithm()).expect("generate a seal key")
}

fn run_openssl<S: AsRef<str>>(dir: &Path, args: &[S]) -> Output {
    Command::new("openssl")
        .args(args.iter().map(AsRef::as_ref))
        .current_dir(dir)
        .output()
        .expect("run openssl")
}

/// Runs `openssl args…` in `dir`, asserting success; returns stdout.
fn openssl<S: AsRef<str>>(dir: &Path, args: &[S]) -> String {
    let output = run_openssl(dir, args);
    assert!(
        output.status.success(),
        "openssl {} failed:\n{}{}",
        join(args),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `openssl args…` in `dir`, asserting failure; returns the output.
fn openssl_fails<S: AsRef<str>>(dir: &Path, args: &[S]) -> String {
    let output = run_openssl(dir, args);
    assert!(
        !output.status.success(),
        "openssl {} should have failed",
        join(args)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn join<S: AsRef<str>>(args: &[S]) -> String {
    args.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(" ")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("write a test file");
}
