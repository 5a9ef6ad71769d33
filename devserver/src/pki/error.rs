//! Errors of the dev PKI. Everything here works on keys and certificates the
//! devserver made itself, so an error means a bug or a damaged database, and
//! the message says which step failed.

use crate::keys::KeyError;

#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("{what}: DER encoding or decoding failed: {detail}")]
    Der { what: &'static str, detail: String },
    #[error("{what}: cannot build it: {detail}")]
    Build { what: &'static str, detail: String },
    #[error("the {kind} private key is unreadable: {detail}")]
    PrivateKey { kind: &'static str, detail: String },
    #[error("the {kind} private key does not belong to the certificate's public key")]
    NotTheCertifiedKey { kind: &'static str },
    #[error("the public key is not a {expected} key (found algorithm {found})")]
    KeyMismatch {
        expected: &'static str,
        found: String,
    },
    #[error("time {0} cannot be written in a certificate or CMS")]
    Time(String),
    #[error("the stored PKI lacks {0:?}")]
    Missing(String),
}

impl PkiError {
    pub(crate) fn der(what: &'static str) -> impl Fn(der::Error) -> PkiError {
        move |e| PkiError::Der {
            what,
            detail: e.to_string(),
        }
    }

    pub(crate) fn build<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> PkiError {
        move |e| PkiError::Build {
            what,
            detail: e.to_string(),
        }
    }
}
