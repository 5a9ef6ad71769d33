//! Why a seal could not be checked at all: its key or its signature cannot
//! be read. A signature that reads fine but does not match is not an error
//! here; it is the `invalid` verdict.

use crate::verdict::{MalformedPart, SealVerdict};

/// A key or signature we cannot use. The message is the `detail` users see.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Problem {
    #[error("the seal has no public key (field `privateKey`)")]
    KeyMissing,
    #[error("the public key is {0} characters long; keys and certificates are far shorter")]
    KeyTooLong(usize),
    #[error("the public key is neither PEM, base64 nor hex")]
    KeyEncoding,
    #[error("the PEM block is a `{0}`, not a PUBLIC KEY or CERTIFICATE")]
    PemLabel(String),
    #[error("the PEM block has no matching END line")]
    PemUnterminated,
    #[error("the public key is neither a SubjectPublicKeyInfo nor an X.509 certificate: {0}")]
    KeyStructure(String),
    #[error("the public key is {0}, which no supported algorithm uses")]
    KeyAlgorithm(String),
    #[error("the public key is {key}, but the seal's algorithm {algorithm} needs {needs}")]
    KeyMismatch {
        key: &'static str,
        algorithm: &'static str,
        needs: &'static str,
    },
    #[error("the {0} public key is not a valid point or value: {1}")]
    KeyValue(&'static str, String),
    #[error("the seal's signature is {0} characters long; no supported signature is that long")]
    SignatureTooLong(usize),
    #[error("the signature is not base64 (standard or URL-safe)")]
    SignatureEncoding,
    #[error("the {algorithm} signature is {len} bytes, neither DER nor raw r‖s (64 bytes)")]
    SignatureShape { algorithm: &'static str, len: usize },
    #[error("the RSA signature is {len} bytes, but this key's signatures are {expected} bytes")]
    SignatureLength { len: usize, expected: usize },
    #[error("the Ed25519 signature is {0} bytes, not 64")]
    Ed25519Length(usize),
}

impl Problem {
    /// Which part of the seal is at fault.
    pub(crate) fn part(&self) -> MalformedPart {
        match self {
            Problem::KeyMissing
            | Problem::KeyTooLong(_)
            | Problem::KeyEncoding
            | Problem::PemLabel(_)
            | Problem::PemUnterminated
            | Problem::KeyStructure(_)
            | Problem::KeyAlgorithm(_)
            | Problem::KeyMismatch { .. }
            | Problem::KeyValue(..) => MalformedPart::Key,
            Problem::SignatureTooLong(_)
            | Problem::SignatureEncoding
            | Problem::SignatureShape { .. }
            | Problem::SignatureLength { .. }
            | Problem::Ed25519Length(_) => MalformedPart::Signature,
        }
    }
}

impl From<Problem> for SealVerdict {
    fn from(problem: Problem) -> Self {
        SealVerdict::Malformed {
            part: problem.part(),
            detail: problem.to_string(),
        }
    }
}
