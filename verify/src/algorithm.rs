//! The signature algorithms a seal may name (spec §6), with their aliases.

use std::fmt;

/// A signature algorithm we can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// SM2 signature over SM3(Z ‖ M), Z from the distinguishing id
    /// `1234567812345678` (GB/T 32918.2, GM/T 0009 default).
    Sm2WithSm3,
    /// ECDSA on P-256 over SHA-256.
    EcdsaP256Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaPkcs1Sha256,
    /// RSASSA-PSS with SHA-256 and MGF1-SHA-256.
    RsaPssSha256,
    /// Pure Ed25519 (RFC 8032), no prehash.
    Ed25519,
}

impl Algorithm {
    /// Every algorithm, in the order of the spec's table.
    pub const ALL: [Algorithm; 5] = [
        Algorithm::Sm2WithSm3,
        Algorithm::EcdsaP256Sha256,
        Algorithm::RsaPkcs1Sha256,
        Algorithm::RsaPssSha256,
        Algorithm::Ed25519,
    ];

    /// The name reports use (`SM2withSM3`, `SHA256withECDSA`, …): the
    /// first of [`Algorithm::names`].
    pub fn canonical_name(self) -> &'static str {
        match self {
            Algorithm::Sm2WithSm3 => "SM2withSM3",
            Algorithm::EcdsaP256Sha256 => "SHA256withECDSA",
            Algorithm::RsaPkcs1Sha256 => "SHA256withRSA",
            Algorithm::RsaPssSha256 => "SHA256withRSA/PSS",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// The canonical name followed by the accepted aliases; all are compared
    /// ignoring ASCII case.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Algorithm::Sm2WithSm3 => &["SM2withSM3", "SM3withSM2", "SM2"],
            Algorithm::EcdsaP256Sha256 => &["SHA256withECDSA", "ES256", "ECDSA"],
            Algorithm::RsaPkcs1Sha256 => &["SHA256withRSA", "RS256", "RSA"],
            Algorithm::RsaPssSha256 => &["SHA256withRSA/PSS", "PS256"],
            Algorithm::Ed25519 => &["Ed25519", "EdDSA"],
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.canonical_name())
    }
}

/// The algorithm a seal's `algorithm` field names, if we implement it.
/// Case-insensitive; surrounding white space is ignored.
pub fn canonical_algorithm(name: &str) -> Option<Algorithm> {
    let name = name.trim();
    Algorithm::ALL.into_iter().find(|algorithm| {
        algorithm
            .names()
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
    })
}
