//! The reference provider's revocation services (spec §6c): a delegated
//! OCSP responder per dev root (`POST /ocsp/{ca}`, `GET /ocsp/{ca}/{req}`),
//! each root's CRL (`GET /crl/{ca}.crl`), the dev route that revokes a
//! seal's certificate (`POST /dev/revoke/{sealId}`, with `--dev-faults`),
//! and [`validation_data`]: what the provider embeds for PAdES B-LT.
//!
//! The state lives in SQLite (`store::revocations`); the ASN.1 and the
//! signatures are the PKI's (`pki::ocsp`, `pki::crl`).

mod origin;
mod reason;
mod responder;
mod revoke;
mod state;
mod validation;

pub use origin::request_origin;
pub use responder::routes;
pub use revoke::revoke;
pub use validation::{validation_data, ValidationData};

use crate::pki::PkiError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum RevocationError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the provider's PKI: {0}")]
    Pki(#[from] PkiError),
    #[error("the certificate is unreadable: {0}")]
    Certificate(String),
    #[error("the certificate was not issued by a dev root (issuer {0})")]
    NotADevRoot(String),
    #[error("stored revocation data is damaged: {0}")]
    Stored(String),
}

#[cfg(test)]
mod tests;
