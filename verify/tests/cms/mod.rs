//! The CMS reader against CMS that OpenSSL 3 made (`tests/cms/make.sh`):
//! every field compared with what OpenSSL itself prints about the same
//! file, and `to_be_signed` checked by having OpenSSL verify the signature
//! over it with the signer's public key. Hostile input is in
//! `cms/hostile.rs`, BER and rewritten structures in `cms/rewritten.rs`,
//! fuzzer findings in `cms/crashers/` (run by `cms/fixtures.rs`).
//!
//! Unit tests of the crate (they read its internals): included from
//! `verify/src/cms/mod.rs`, so `cargo test -p infoplus-signature-verify
//! --lib cms` runs them all.

#[path = "fixtures.rs"]
mod cms_fixtures;
#[path = "hostile.rs"]
mod cms_hostile;
#[path = "pyhanko.rs"]
mod cms_pyhanko;
#[path = "rewritten.rs"]
mod cms_rewritten;
#[path = "openssl_print.rs"]
mod openssl_print;
#[path = "openssl_verify.rs"]
mod openssl_verify;
#[path = "../support/rng.rs"]
mod rng;
#[path = "tree.rs"]
mod tree;

use crate::cms::{self, Contents, SignedData};

/// Fixtures (`NAME.der`, `NAME.print.txt`) and their signer's certificate.
pub const FIXTURES: &[(&str, &str)] = &[
    ("rsa-pkcs1", "rsa"),
    ("rsa-pss", "rsa"),
    ("p256", "p256"),
    ("p384", "p384"),
    ("ed25519", "ed25519"),
    ("rsa-noattr", "rsa"),
    ("rsa-keyid", "rsa"),
    ("rsa-indef", "rsa"),
    ("p256-attached-indef", "p256"),
    ("rsa-unsorted", "rsa"),
];

pub fn signed_data(bytes: &[u8]) -> SignedData<'_> {
    match cms::parse(bytes) {
        Ok(Contents::SignedData(sd)) => sd,
        other => panic!("not SignedData: {other:?}"),
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
