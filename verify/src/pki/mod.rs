//! Public-key infrastructure for §6a: certificates, the configured trust
//! and chain validation at a given time. Pure: no clock (the time is
//! passed in), no randomness, and hostile certificates are errors, never
//! panics. Signatures themselves are checked by [`crate::algorithm`].
//!
//! - [`parse_certificate`] (the one certificate type), [`trust::pem_certificates`],
//!   [`TrustStore`].
//! - [`validate_chain`]: a path to a configured root, judged at a time.

mod certificate;
mod chain;
mod name;
pub(crate) mod name_text;
mod trust;

pub use certificate::{parse_certificate, Certificate};
pub(crate) use chain::issued_by;
pub use chain::{validate_chain, Purpose};
pub(crate) use name::same_name;
pub use trust::TrustStore;

/// Chains against OpenSSL's answers (fixtures in `verify/tests/pki/`).
#[cfg(test)]
#[path = "../../tests/pki/chain_tests.rs"]
mod chain_tests;
