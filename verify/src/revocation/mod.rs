//! Revocation (spec §6c): the OCSP responses and CRLs a document carries
//! (DSS, VRI, the CMS), read ([`ocsp`], [`crl`]), checked against the
//! signer's chain ([`answer`]): each certificate of the chain but its
//! anchor answered by a response or a CRL whose own signature holds and
//! whose signer is the certificate's issuer or a responder the issuer
//! delegated to (`id-kp-OCSPSigning`).

mod answer;
pub mod crl;
pub mod ocsp;

pub(crate) use answer::check;

use crate::verdict_pdf::RevocationSource;

/// The most single responses (or certificates) read from one OCSP
/// response.
pub const MAX_ENTRIES: usize = 256;

/// The most OCSP responses and CRLs looked at for one signature.
pub const MAX_ITEMS: usize = 64;

/// Revocation data found for one signature, each piece with its origin.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evidence<'a> {
    pub ocsps: Vec<(&'a [u8], RevocationSource)>,
    pub crls: Vec<(&'a [u8], RevocationSource)>,
    /// Certificates that came with it (DSS `/Certs`, VRI `/Cert`).
    pub certificates: Vec<&'a [u8]>,
}

impl<'a> Evidence<'a> {
    /// Adds what `data` holds that is not here yet: a VRI entry names the
    /// same streams as the DSS's arrays, and each is read once, under the
    /// source it was first found in (the closer one, added first).
    pub fn add(&mut self, data: &'a crate::pdf::dss::ValidationData, source: RevocationSource) {
        for (into, from) in [(&mut self.ocsps, &data.ocsps), (&mut self.crls, &data.crls)] {
            for item in from {
                if !into.iter().any(|(known, _)| *known == item.as_slice()) {
                    into.push((item.as_slice(), source));
                }
            }
        }
        for certificate in &data.certificates {
            if !self.certificates.contains(&certificate.as_slice()) {
                self.certificates.push(certificate.as_slice());
            }
        }
    }
}

/// RFC 5280 §5.3.1's CRLReason names.
pub(crate) fn reason_name(code: u32) -> Option<&'static str> {
    Some(match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => return None,
    })
}
