//! The signature algorithms, each one a value: its name, the OIDs that
//! name it, the digest it signs over, the key it needs and the function
//! that checks it (as rustls-webpki hands `SignatureVerificationAlgorithm`s
//! around). Raw seals (§6) find theirs by name, CMS signers and
//! certificates by OID (§6a, §6b), the digest plan reads `hash`, and the
//! devserver writes the same OIDs. [`ALGORITHMS`] is the one table.

mod check;
mod ec_value;
mod lookup;
pub(crate) mod pss_mgf;
pub mod table;

#[cfg(test)]
mod openssl_tests;

pub use check::Signed;
pub use table::ALGORITHMS;

use crate::error::CryptoError;
use crate::hash::Hash;
use crate::key::{KeyFamily, PublicKey};
use crate::oid::ObjectIdentifier;

/// How the signature value is computed from the digest and the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1,
    /// RSASSA-PSS, MGF1 over the same hash, salt length read from the value.
    RsaPss,
    /// ECDSA, the value DER `SEQUENCE { r, s }` (or raw `r‖s`).
    Ecdsa,
    /// ECDSA with the value `r‖s` (BSI TR-03111 "plain" ECDSA).
    PlainEcdsa,
    /// SM2 over SM3(Z ‖ M) (GB/T 32918, GM/T 0009).
    Sm2,
    /// Pure Ed25519 (RFC 8032).
    Ed25519,
    /// Pure Ed448 (RFC 8032).
    Ed448,
}

/// What a signature check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    Valid,
    /// SM2, valid only with Z from the empty distinguishing id (OpenSSL
    /// 3.0's default) instead of GM/T 0009's `1234567812345678`.
    ValidWithEmptySm2Id,
    Invalid,
}

/// The check itself: the key already fits [`SignatureAlgorithm::key`].
pub type CheckFn =
    fn(&SignatureAlgorithm, &PublicKey, &Signed<'_>, &[u8]) -> Result<Verification, CryptoError>;

/// One signature algorithm.
#[derive(Debug)]
pub struct SignatureAlgorithm {
    /// What reports say: `SHA256withRSA`, `SHA384withRSA/PSS`,
    /// `SHA3-256withECDSA`, `SHA256withPLAIN-ECDSA`, `SM2withSM3`, `Ed448`.
    pub name: &'static str,
    /// Other names a seal (§6) may give it, compared ignoring ASCII case.
    pub aliases: &'static [&'static str],
    /// The signature algorithm OIDs that name exactly this algorithm
    /// (RSASSA-PSS names its hash in parameters instead).
    pub oids: &'static [ObjectIdentifier],
    pub scheme: Scheme,
    /// The digest the signature is computed over (Ed25519: SHA-512, Ed448:
    /// SHAKE256, inside the scheme; for signed attributes RFC 8419 asks
    /// for that same digest).
    pub hash: Hash,
    pub key: KeyFamily,
    pub check: CheckFn,
}

impl SignatureAlgorithm {
    /// Verify `signature` over `signed` with `key`. A key of another kind
    /// than the algorithm needs is `Err`; a value that is not a signature
    /// by this key is `Ok(Invalid)` unless its shape is unreadable
    /// ([`CryptoError::is_signature_shape`]).
    pub fn verify(
        &'static self,
        key: &PublicKey,
        signed: &Signed<'_>,
        signature: &[u8],
    ) -> Result<Verification, CryptoError> {
        key.fits(self)?;
        (self.check)(self, key, signed, signature)
    }

    /// Does the check hash the message itself (SM2's digest starts with
    /// the key's Z value; EdDSA signs the message, not a digest)? Then a
    /// digest computed elsewhere (WebCrypto) is of no use to it.
    pub fn hashes_the_message_itself(&self) -> bool {
        matches!(self.scheme, Scheme::Sm2 | Scheme::Ed25519 | Scheme::Ed448)
    }
}

impl PartialEq for SignatureAlgorithm {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for SignatureAlgorithm {}

impl std::fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}
