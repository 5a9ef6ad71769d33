//! A certificate the dev PKI made, with the authority's private key.

use der::pem::LineEnding;
use der::{DecodePem, Encode, EncodePem};
use x509_cert::Certificate;

use super::ca::{self, Blueprint};
use super::signer::KeySigner;
use super::{KeyKind, PkiError};

/// A certificate and (for the authorities) its private key.
#[derive(Clone, PartialEq, Eq)]
pub struct Issued {
    /// PKCS#8 PEM; empty for a seal, whose key stays with the seal.
    pub key_pem: String,
    pub cert_pem: String,
    pub cert_der: Vec<u8>,
}

impl std::fmt::Debug for Issued {
    // Never print a private key into a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field(
                "key_pem",
                &if self.key_pem.is_empty() {
                    ""
                } else {
                    "<redacted>"
                },
            )
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}

impl Issued {
    pub(crate) fn new(key_pem: String, certificate: &Certificate) -> Result<Issued, PkiError> {
        Ok(Issued {
            key_pem,
            cert_pem: certificate
                .to_pem(LineEnding::LF)
                .map_err(PkiError::der("certificate PEM"))?,
            cert_der: certificate.to_der().map_err(PkiError::der("certificate"))?,
        })
    }

    pub(crate) fn from_pems(key_pem: &str, cert_pem: &str) -> Result<Issued, PkiError> {
        let certificate =
            Certificate::from_pem(cert_pem).map_err(PkiError::der("stored certificate"))?;
        Issued::new(key_pem.to_owned(), &certificate)
    }

    pub(crate) fn certificate(&self) -> Result<Certificate, PkiError> {
        use der::Decode;
        Certificate::from_der(&self.cert_der).map_err(PkiError::der("certificate"))
    }

    /// A signer with this authority's key, of `kind`.
    pub(crate) fn signer(&self, kind: KeyKind) -> Result<(KeySigner, Certificate), PkiError> {
        let certificate = self.certificate()?;
        let spki = certificate
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(PkiError::der("issuer key"))?;
        Ok((KeySigner::from_pem(kind, &self.key_pem, spki)?, certificate))
    }

    /// Issues a certificate under this authority.
    pub(crate) fn issue(
        &self,
        kind: KeyKind,
        blueprint: Blueprint,
    ) -> Result<Certificate, PkiError> {
        let (signer, certificate) = self.signer(kind)?;
        ca::issue(blueprint, certificate.tbs_certificate().subject(), &signer)
    }
}
