//! The roots' CRLs (RFC 5280 §5), built on x509-cert's `TbsCertList` and
//! signed by the root itself with our `KeySigner`: the list of every
//! revoked serial of one root, fresh at each request.

use der::asn1::BitString;
use der::Encode;
use signature::Signer;
use time::{Duration, OffsetDateTime};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, CrlNumber, CrlReason, SubjectKeyIdentifier};
use x509_cert::serial_number::SerialNumber;
use x509_cert::Version;

use super::ca::{extension, x509_time};
use super::signer::{signature_algorithm, RawSignature};
use super::{DevPki, PkiError, RootCa};

/// A CRL's nextUpdate is a day after its thisUpdate.
const VALID_FOR: Duration = Duration::days(1);

/// One revoked certificate of the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlEntry {
    /// The serial, big-endian without leading zeros.
    pub serial: Vec<u8>,
    pub revoked_at: OffsetDateTime,
    /// Left out of the entry when `Unspecified` (RFC 5280 §5.3.1: "SHOULD
    /// be absent instead of using the unspecified (0) reasonCode value").
    pub reason: CrlReason,
}

/// A v2 CRL (DER) of `ca` listing `entries`: thisUpdate `now`, nextUpdate a
/// day later, extensions authorityKeyIdentifier (the root's SKI) and
/// cRLNumber (`now` in Unix seconds, so later lists have larger numbers
/// without a counter to keep).
pub fn crl(
    pki: &DevPki,
    ca: RootCa,
    entries: &[CrlEntry],
    now: OffsetDateTime,
) -> Result<Vec<u8>, PkiError> {
    let der_err = PkiError::der("CRL");
    let (signer, root) = pki.root(ca).signer(ca.kind())?;
    let tbs_root = root.tbs_certificate();
    let ski = tbs_root
        .get_extension::<SubjectKeyIdentifier>()
        .map_err(&der_err)?
        .map(|(_, ski)| ski.0);
    let aki = AuthorityKeyIdentifier {
        key_identifier: ski,
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    let number =
        u64::try_from(now.unix_timestamp()).map_err(|_| PkiError::Time(now.to_string()))?;
    let number = CrlNumber::try_from(number).map_err(&der_err)?;
    let mut revoked: Vec<RevokedCert> = Vec::with_capacity(entries.len());
    for entry in entries {
        let reason = (entry.reason != CrlReason::Unspecified)
            .then(|| extension(false, &entry.reason))
            .transpose()
            .map_err(&der_err)?;
        revoked.push(RevokedCert {
            serial_number: SerialNumber::new(&entry.serial).map_err(&der_err)?,
            revocation_date: x509_time(entry.revoked_at)?,
            crl_entry_extensions: reason.map(|r| vec![r]),
        });
    }
    let tbs = TbsCertList {
        version: Version::V2,
        signature: signature_algorithm(ca.kind()),
        issuer: tbs_root.subject().clone(),
        this_update: x509_time(now)?,
        next_update: Some(x509_time(now + VALID_FOR)?),
        // RFC 5280 §5.1.2.6: no revoked certificates, no list.
        revoked_certificates: (!revoked.is_empty()).then_some(revoked),
        crl_extensions: Some(vec![
            extension(false, &aki).map_err(&der_err)?,
            extension(false, &number).map_err(&der_err)?,
        ]),
    };
    let tbs_der = tbs.to_der().map_err(&der_err)?;
    let RawSignature(signature) = signer
        .try_sign(&tbs_der)
        .map_err(PkiError::build("CRL signature"))?;
    CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: signature_algorithm(ca.kind()),
        signature: BitString::from_bytes(&signature).map_err(&der_err)?,
    }
    .to_der()
    .map_err(der_err)
}
