//! Why a key, a signature value, an algorithm or a certificate cannot be
//! used: one error type for raw seals (§6) and PDF signatures (§6a) alike.
//! A signature that reads fine but does not match is not an error: it is
//! [`crate::algorithm::Verification::Invalid`]. The message is the text
//! users see (a seal's `detail`, a report's warning).

use crate::verdict::{MalformedPart, SealVerdict};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
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
    /// A SubjectPublicKeyInfo or certificate that cannot be read.
    #[error("the public key is neither a SubjectPublicKeyInfo nor an X.509 certificate: {0}")]
    KeyStructure(String),
    /// A kind of key no algorithm of ours uses (DSA, X25519, an unknown curve).
    #[error("the public key is {0}, which no supported algorithm uses")]
    KeyAlgorithm(String),
    #[error("the {0} public key is not a valid point or value: {1}")]
    KeyValue(&'static str, String),
    #[error("the public key is {key}, but {algorithm} needs {needs}")]
    KeyMismatch {
        key: String,
        algorithm: &'static str,
        needs: &'static str,
    },
    #[error("the seal's signature is {0} characters long; no supported signature is that long")]
    SignatureTooLong(usize),
    #[error("the signature is not base64 (standard or URL-safe)")]
    SignatureEncoding,
    #[error("the {algorithm} signature is {len} bytes, neither DER nor raw r‖s")]
    SignatureShape { algorithm: &'static str, len: usize },
    #[error("the RSA signature is {len} bytes, but this key's signatures are {expected} bytes")]
    SignatureLength { len: usize, expected: usize },
    #[error("the {algorithm} signature is {len} bytes, not {expected}")]
    SignatureSize {
        algorithm: &'static str,
        len: usize,
        expected: usize,
    },
    /// An algorithm, curve or parameter set we do not verify.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// RSASSA-PSS with its mask over another hash than the message (RFC
    /// 8017 allows it; RFC 4055 and PAdES do not): checked apart from the
    /// table, by `algorithm::pss_mgf`.
    #[error("RSASSA-PSS with MGF1 over {} and the message over {}", .mgf.label(), .hash.label())]
    MixedPss {
        hash: crate::hash::Hash,
        mgf: crate::hash::Hash,
    },
    /// Algorithm parameters (RSASSA-PSS-params) that cannot be read.
    #[error("unreadable algorithm parameters: {0}")]
    Parameters(String),
    #[error("unreadable certificate: {0}")]
    Certificate(String),
    #[error("unreadable PEM: {0}")]
    Pem(String),
}

impl CryptoError {
    /// Which part of a seal is at fault; `None` for an algorithm we do not
    /// implement (that is `unsupported`, not `malformed`).
    pub fn part(&self) -> Option<MalformedPart> {
        use CryptoError::*;
        match self {
            KeyMissing
            | KeyTooLong(_)
            | KeyEncoding
            | PemLabel(_)
            | PemUnterminated
            | KeyStructure(_)
            | KeyAlgorithm(_)
            | KeyValue(..)
            | KeyMismatch { .. }
            | Certificate(_)
            | Pem(_) => Some(MalformedPart::Key),
            SignatureTooLong(_)
            | SignatureEncoding
            | SignatureShape { .. }
            | SignatureLength { .. }
            | SignatureSize { .. }
            | Parameters(_) => Some(MalformedPart::Signature),
            Unsupported(_) | MixedPss { .. } => None,
        }
    }

    /// Is this about the shape of the signature value alone (the key and
    /// the algorithm are fine)? For a PDF signature those bytes are then
    /// simply not a signature by this key: `bad-signature`, not `malformed`.
    pub fn is_signature_shape(&self) -> bool {
        matches!(
            self,
            CryptoError::SignatureShape { .. }
                | CryptoError::SignatureLength { .. }
                | CryptoError::SignatureSize { .. }
        )
    }
}

impl From<CryptoError> for SealVerdict {
    fn from(error: CryptoError) -> Self {
        match error.part() {
            Some(part) => SealVerdict::Malformed {
                part,
                detail: error.to_string(),
            },
            None => SealVerdict::Unsupported {
                algorithm: error.to_string(),
            },
        }
    }
}
