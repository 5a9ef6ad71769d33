//! The configured trust: roots (anchors) and extra intermediates, read from
//! PEM bundles. Nothing is built in (spec §6a: trust is configured).

use super::certificate::{parse_certificate, Certificate};
use crate::error::CryptoError;
use crate::text::pem_blocks;

/// More certificates than any bundle a deployment configures (Mozilla's
/// whole root program is ~150); bounds memory and chain-building work.
pub const MAX_STORE_CERTIFICATES: usize = 1000;

/// The labels RFC 7468 and older OpenSSL use for a certificate.
const LABELS: [&str; 2] = ["CERTIFICATE", "X509 CERTIFICATE"];

/// Every certificate block of a PEM bundle, in order, as DER (other block
/// types skipped); a block that cannot be decoded is an `Err` in its place.
pub fn pem_certificates(text: &str) -> Vec<Result<Vec<u8>, CryptoError>> {
    pem_blocks(text)
        .filter(|block| match block {
            Ok(pem) => LABELS.contains(&pem.label.as_str()),
            Err(_) => true,
        })
        .map(|block| block.map(|pem| pem.der))
        .collect()
}

/// Roots and intermediates, parsed.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    roots: Vec<Certificate>,
    intermediates: Vec<Certificate>,
}

impl TrustStore {
    pub fn new() -> Self {
        TrustStore::default()
    }

    /// Add every certificate of a PEM bundle as a root. Returns the
    /// problems, in words (an empty list when all were added).
    pub fn add_roots_pem(&mut self, pem: &str) -> Vec<String> {
        let mut roots = std::mem::take(&mut self.roots);
        let problems = self.add_pem(pem, &mut roots, "root");
        self.roots = roots;
        problems
    }

    /// Add every certificate of a PEM bundle as an intermediate: a
    /// candidate issuer, never an anchor.
    pub fn add_intermediates_pem(&mut self, pem: &str) -> Vec<String> {
        let mut intermediates = std::mem::take(&mut self.intermediates);
        let problems = self.add_pem(pem, &mut intermediates, "intermediate");
        self.intermediates = intermediates;
        problems
    }

    /// Add one DER certificate as a root (`--trust-own-certificates`).
    pub fn add_root_der(&mut self, der: &[u8]) -> Result<(), CryptoError> {
        if self.len() >= MAX_STORE_CERTIFICATES {
            return Err(CryptoError::Certificate(format!(
                "more than {MAX_STORE_CERTIFICATES} trusted certificates"
            )));
        }
        let certificate = parse_certificate(der)?;
        if !self.roots.contains(&certificate) {
            self.roots.push(certificate);
        }
        Ok(())
    }

    fn add_pem(&self, pem: &str, into: &mut Vec<Certificate>, kind: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let blocks = pem_certificates(pem);
        if blocks.is_empty() {
            problems.push(format!("no CERTIFICATE block in the {kind} bundle"));
        }
        for (index, block) in blocks.into_iter().enumerate() {
            let number = index + 1;
            if self.len() + into.len() >= MAX_STORE_CERTIFICATES {
                problems.push(format!(
                    "{kind} certificates from #{number} on ignored: more than \
                     {MAX_STORE_CERTIFICATES} trusted certificates"
                ));
                break;
            }
            match block.and_then(|der| parse_certificate(&der)) {
                Ok(certificate) if into.contains(&certificate) => {}
                Ok(certificate) => into.push(certificate),
                Err(e) => problems.push(format!("{kind} certificate #{number}: {e}")),
            }
        }
        problems
    }

    fn len(&self) -> usize {
        self.roots.len() + self.intermediates.len()
    }

    pub fn roots(&self) -> &[Certificate] {
        &self.roots
    }

    pub fn intermediates(&self) -> &[Certificate] {
        &self.intermediates
    }

    /// The root `certificate` is: the same DER, or the same subject
    /// and key (a root re-issued with a new validity is the same anchor;
    /// RFC 5280 §6.1.1 (d) makes the anchor a name and a key).
    pub fn anchor_for(&self, certificate: &Certificate) -> Option<&Certificate> {
        self.roots.iter().find(|root| {
            root.der == certificate.der
                || (root.subject_der == certificate.subject_der
                    && root.spki_der == certificate.spki_der)
        })
    }
}
