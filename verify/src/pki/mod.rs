//! Public-key infrastructure for §6a: signature algorithms over a
//! SubjectPublicKeyInfo, certificates, the configured trust and chain
//! validation at a given time. Pure: no clock (the time is passed in), no
//! randomness, and hostile certificates are errors, never panics.
//!
//! - [`SignatureAlgorithm`]: from a CMS SignerInfo or an X.509 certificate.
//! - [`verify_message`] / [`verify_digest`]: one signature, one key.
//! - [`parse_certificate`], [`pem_certificates`], [`TrustStore`].
//! - [`validate_chain`]: a path to a configured root, judged at a time.

mod algorithm;
mod certificate;
mod chain;
mod ec_signature;
mod error;
mod name;
pub(crate) mod name_text;
mod trust;
mod verify;

pub use algorithm::SignatureAlgorithm;
pub use certificate::{
    parse_certificate, Certificate, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_NON_REPUDIATION,
};
pub use chain::{validate_chain, ChainResult, Purpose, MAX_CANDIDATES, MAX_PATH_DEPTH};
pub use error::PkiError;
pub use trust::{pem_certificates, TrustStore, MAX_STORE_CERTIFICATES};
pub use verify::{verify_digest, verify_message, Verification, SM2_DEFAULT_ID};
