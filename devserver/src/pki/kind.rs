//! The key algorithms of seals and authorities, and which key a
//! SubjectPublicKeyInfo holds.

use der::oid::ObjectIdentifier;
use spki::SubjectPublicKeyInfoOwned;

use super::oids;
use crate::keys::Algorithm;

/// The key algorithm of a seal or an authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Sm2,
    EcdsaP256,
    Rsa,
    Ed25519,
}

impl KeyKind {
    pub fn algorithm(self) -> Algorithm {
        match self {
            KeyKind::Sm2 => Algorithm::Sm2,
            KeyKind::EcdsaP256 => Algorithm::EcdsaP256,
            KeyKind::Rsa => Algorithm::RsaPkcs1Sha256,
            KeyKind::Ed25519 => Algorithm::Ed25519,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        self.algorithm().canonical()
    }

    /// Whether `spki` holds a key of this kind (SM2 keys are id-ecPublicKey
    /// on the SM2 curve, as OpenSSL and the sm2 crate write them).
    pub(crate) fn holds(self, spki: &SubjectPublicKeyInfoOwned) -> bool {
        let curve = || {
            spki.algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        };
        match self {
            KeyKind::Sm2 => spki.algorithm.oid == oids::EC_PUBLIC_KEY && curve() == Some(oids::SM2),
            KeyKind::EcdsaP256 => {
                spki.algorithm.oid == oids::EC_PUBLIC_KEY && curve() == Some(oids::P256)
            }
            KeyKind::Rsa => spki.algorithm.oid == oids::RSA_ENCRYPTION,
            KeyKind::Ed25519 => spki.algorithm.oid == oids::ED25519,
        }
    }
}

impl From<Algorithm> for KeyKind {
    fn from(algorithm: Algorithm) -> KeyKind {
        match algorithm {
            Algorithm::Sm2 => KeyKind::Sm2,
            Algorithm::EcdsaP256 => KeyKind::EcdsaP256,
            Algorithm::RsaPkcs1Sha256 => KeyKind::Rsa,
            Algorithm::Ed25519 => KeyKind::Ed25519,
        }
    }
}
