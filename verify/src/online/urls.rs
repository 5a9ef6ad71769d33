//! Where a certificate says its revocation status is published: the OCSP
//! responders of its authorityInfoAccess and the full names of its
//! cRLDistributionPoints; http(s) URLs only.

use spki::der::Decode;
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, CrlDistributionPoints};

use crate::oid;

/// `(ocsp, crls)` URLs of the certificate `der`.
pub fn of(der: &[u8]) -> (Vec<String>, Vec<String>) {
    let Ok(certificate) = CertificateInner::<Raw>::from_der(der) else {
        return (Vec::new(), Vec::new());
    };
    let tbs = certificate.tbs_certificate();
    let mut ocsp = Vec::new();
    if let Ok(Some((_, aia))) = tbs.get_extension::<AuthorityInfoAccessSyntax>() {
        for access in aia.0 {
            if access.access_method.as_bytes() == oid::AD_OCSP.as_bytes() {
                ocsp.extend(uri(&access.access_location));
            }
        }
    }
    let mut crls = Vec::new();
    if let Ok(Some((_, points))) = tbs.get_extension::<CrlDistributionPoints>() {
        for point in points.0 {
            if let Some(DistributionPointName::FullName(names)) = point.distribution_point {
                crls.extend(names.iter().filter_map(uri));
            }
        }
    }
    (ocsp, crls)
}

fn uri(name: &GeneralName) -> Option<String> {
    match name {
        GeneralName::UniformResourceIdentifier(uri) => {
            let text = uri.as_str();
            (text.starts_with("http://") || text.starts_with("https://")).then(|| text.to_owned())
        }
        _ => None,
    }
}
