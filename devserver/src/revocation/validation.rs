//! What a verifier needs to validate a seal's signature for the long term
//! (PAdES B-LT's DSS): the chain, the responder's certificate, a fresh OCSP
//! response and the root's CRL, all made from the stored state.

use der::{Decode, Encode};
use infoplus_signature_verify::Hash;
use time::OffsetDateTime;
use x509_cert::Certificate;

use super::state::{crl, ocsp_response};
use super::RevocationError;
use crate::pki::{query_for_certificate, DevPki};
use crate::store::Store;

/// Validation data, each item DER: the one type the DSS writer takes.
/// Here: the seal certificate, its root and the root's OCSP responder; one
/// full OCSPResponse for the seal certificate; the root's CRL.
pub use crate::pdf::dss::ValidationData;

/// For a seal certificate (DER, issued by one of the dev roots): its chain
/// (the seal certificate and the root), the responder certificate, a fresh
/// OCSPResponse for the seal certificate (full OCSPResponse DER, its CertID
/// with SHA-1 as Acrobat and RFC 5019 clients write it) and the root's
/// CRL, all made at `now`.
pub fn validation_data(
    store: &Store,
    pki: &DevPki,
    seal_certificate_der: &[u8],
    now: OffsetDateTime,
) -> Result<ValidationData, RevocationError> {
    let certificate = Certificate::from_der(seal_certificate_der)
        .map_err(|e| RevocationError::Certificate(e.to_string()))?;
    let Some(ca) = pki.issuer_of(&certificate) else {
        return Err(RevocationError::NotADevRoot(
            certificate.tbs_certificate().issuer().to_string(),
        ));
    };
    // The certificate as DER again: the same bytes for a DER input, and
    // never a BER variant a verifier would hash differently.
    let certificate_der = certificate
        .to_der()
        .map_err(|e| RevocationError::Certificate(e.to_string()))?;
    let query = query_for_certificate(pki, ca, &certificate, Hash::Sha1)?;
    Ok(ValidationData {
        certificates: vec![
            certificate_der,
            pki.root(ca).cert_der.clone(),
            pki.responder(ca).cert_der.clone(),
        ],
        ocsps: vec![ocsp_response(store, pki, ca, &query, now)?],
        crls: vec![crl(store, pki, ca, now)?],
    })
}
