//! What an X.509 certificate given as a seal's key says about its holder.
//! The certificate is read, not trusted: its own signature, chain and
//! validity are shown to the user, not checked against a trust store (the
//! spec asks for subject, issuer and validity only).

use spki::der::{Decode, Encode};
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::time::Time;

use super::error::Problem;
use super::pki::name_text::rfc4514;
use crate::verdict::CertificateInfo;

/// A certificate's SubjectPublicKeyInfo (DER) and its holder details.
pub(crate) struct ReadCertificate {
    pub spki_der: Vec<u8>,
    pub info: CertificateInfo,
}

/// Read a DER certificate. The lenient `Raw` profile (x509-cert feature
/// `hazmat`: it only turns off profile checks): certificates from
/// Chinese CAs and self-made test certificates bend RFC 5280 in small ways
/// that do not matter for showing who holds the key.
pub(crate) fn read_certificate(der: &[u8]) -> Result<ReadCertificate, Problem> {
    let certificate = CertificateInner::<Raw>::from_der(der)
        .map_err(|e| Problem::KeyStructure(format!("certificate: {e}")))?;
    let tbs = certificate.tbs_certificate();
    let spki_der = tbs
        .subject_public_key_info()
        .to_der()
        .map_err(|e| Problem::KeyStructure(format!("certificate key: {e}")))?;
    let validity = tbs.validity();
    Ok(ReadCertificate {
        spki_der,
        info: CertificateInfo {
            subject: rfc4514(tbs.subject()),
            issuer: rfc4514(tbs.issuer()),
            not_before: rfc3339(&validity.not_before),
            not_after: rfc3339(&validity.not_after),
        },
    })
}

/// `YYYY-MM-DDTHH:MM:SSZ`: both UTCTime and GeneralizedTime are UTC in DER.
fn rfc3339(time: &Time) -> String {
    time.to_date_time().to_string()
}
