//! Why a key, an algorithm or a certificate cannot be used. A signature
//! that reads fine but does not match is not an error: it is
//! [`super::Verification::Invalid`].

/// What went wrong, in words a report can show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PkiError {
    /// An algorithm, curve or parameter set we do not verify.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// Algorithm parameters (e.g. RSASSA-PSS-params) that cannot be read.
    #[error("unreadable algorithm parameters: {0}")]
    Parameters(String),
    /// A SubjectPublicKeyInfo that cannot be read, or a key value that is
    /// not a valid point or modulus.
    #[error("unreadable public key: {0}")]
    Key(String),
    /// The key is of another kind than the algorithm needs (an RSA key for
    /// an ECDSA signature, a P-384 key for SM2, …).
    #[error("the key is {key}, but {algorithm} needs {needs}")]
    KeyMismatch {
        key: &'static str,
        algorithm: String,
        needs: &'static str,
    },
    /// A certificate that cannot be read.
    #[error("unreadable certificate: {0}")]
    Certificate(String),
    /// A PEM block that cannot be read.
    #[error("unreadable PEM: {0}")]
    Pem(String),
}
