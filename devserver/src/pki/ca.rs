//! Certificates of the dev PKI, made with x509-cert's builder and a profile
//! of our own: roots, seal (end-entity) certificates, the TSA's and the
//! roots' delegated OCSP responders.

use der::asn1::{GeneralizedTime, Ia5String, Null, OctetString, UtcTime};
use der::oid::AssociatedOid;
use der::{Any, DateTime, Decode, Encode, Tag};
use spki::{SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use time::OffsetDateTime;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints,
    CrlDistributionPoints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::oids;
use super::signer::{KeySigner, RawSignature};
use super::PkiError;

/// The organisation every dev certificate names.
pub(crate) const ORGANIZATION: &str = "InfoPlus Dev";

/// What a certificate is for; decides its extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A self-signed trust anchor: may sign certificates and CRLs.
    Root,
    /// A seal's certificate: signs documents (digitalSignature and
    /// nonRepudiation, as CFCA-style signing certificates do).
    Seal,
    /// The timestamp authority: RFC 3161 §2.3 wants the timeStamping
    /// extended key usage, and critical.
    Tsa,
    /// A root's delegated OCSP responder (RFC 6960 §4.2.2.2): the
    /// id-kp-OCSPSigning purpose, and id-pkix-ocsp-nocheck so a verifier
    /// does not ask the responder about its own certificate.
    OcspResponder,
}

/// Where a seal certificate sends verifiers for revocation data: its
/// authorityInfoAccess (id-ad-ocsp) and cRLDistributionPoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RevocationUrls {
    pub ocsp: String,
    pub crl: String,
}

/// One certificate to make.
pub(crate) struct Blueprint {
    pub role: Role,
    pub subject: Name,
    pub public_key: SubjectPublicKeyInfoOwned,
    pub serial: SerialNumber,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// Seals only; `None` leaves both extensions out.
    pub revocation_urls: Option<RevocationUrls>,
}

/// Signs `blueprint` as `issuer` (the blueprint's own subject for a root).
pub(crate) fn issue(
    blueprint: Blueprint,
    issuer: &Name,
    signer: &KeySigner,
) -> Result<Certificate, PkiError> {
    let validity = Validity::new(
        x509_time(blueprint.not_before)?,
        x509_time(blueprint.not_after)?,
    );
    let profile = DevProfile {
        role: blueprint.role,
        subject: blueprint.subject,
        issuer: issuer.clone(),
        revocation_urls: blueprint.revocation_urls,
    };
    let builder =
        CertificateBuilder::new(profile, blueprint.serial, validity, blueprint.public_key)
            .map_err(PkiError::build("certificate"))?;
    builder
        .build::<KeySigner, RawSignature>(signer)
        .map_err(PkiError::build("certificate"))
}

/// `C=CN, O=InfoPlus Dev, CN=<common_name>`. Built attribute by attribute
/// (not parsed from an RFC 4514 string) so a seal name with `,` or `=` needs
/// no escaping; CN and O are UTF8String (Chinese seal names), C is a
/// PrintableString as RFC 5280 requires.
pub(crate) fn dev_name(common_name: &str) -> Result<Name, PkiError> {
    let der_err = PkiError::der("name");
    let attributes = [
        (oids::COUNTRY_NAME, Tag::PrintableString, "CN"),
        (oids::ORGANIZATION_NAME, Tag::Utf8String, ORGANIZATION),
        (oids::COMMON_NAME, Tag::Utf8String, common_name),
    ];
    let mut rdns = Vec::with_capacity(attributes.len());
    for (oid, tag, value) in attributes {
        let mut rdn = RelativeDistinguishedName::default();
        rdn.insert(AttributeTypeAndValue {
            oid,
            value: Any::new(tag, value.as_bytes()).map_err(&der_err)?,
        })
        .map_err(&der_err)?;
        rdns.push(rdn);
    }
    // x509-cert builds a `Name` only by parsing (a string or DER); DER is
    // the one that keeps our attribute types exactly.
    let der = RdnSequence::from(rdns).to_der().map_err(&der_err)?;
    Name::from_der(&der).map_err(der_err)
}

/// A certificate or CMS time: UTCTime through 2049, GeneralizedTime after
/// (RFC 5280 §4.1.2.5, RFC 5652 §11.3).
pub(crate) fn x509_time(t: OffsetDateTime) -> Result<Time, PkiError> {
    let dt = der_datetime(t)?;
    if dt.year() <= 2049 {
        UtcTime::from_date_time(dt)
            .map(Time::UtcTime)
            .map_err(|_| PkiError::Time(t.to_string()))
    } else {
        Ok(Time::GeneralTime(GeneralizedTime::from_date_time(dt)))
    }
}

/// Whole seconds since 1970 as der's calendar time.
pub(crate) fn der_datetime(t: OffsetDateTime) -> Result<DateTime, PkiError> {
    let seconds = u64::try_from(t.unix_timestamp()).map_err(|_| PkiError::Time(t.to_string()))?;
    DateTime::from_unix_duration(std::time::Duration::from_secs(seconds))
        .map_err(|_| PkiError::Time(t.to_string()))
}

/// A positive serial number from a `u64`.
pub(crate) fn serial(value: u64) -> Result<SerialNumber, PkiError> {
    // `SerialNumber::new` wants a positive big-endian integer; a leading
    // zero byte keeps the top bit from making it negative.
    let mut bytes = vec![0u8];
    bytes.extend_from_slice(&value.to_be_bytes());
    SerialNumber::new(&bytes).map_err(PkiError::der("serial number"))
}

struct DevProfile {
    role: Role,
    subject: Name,
    issuer: Name,
    revocation_urls: Option<RevocationUrls>,
}

impl BuilderProfile for DevProfile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        // Key identifiers are RFC 5280's method 1 (SHA-1 of the key bits),
        // computed by x509-cert from the issuer's key as its certificate
        // carries it, so AKI equals the issuer's SKI.
        let mut extensions = vec![
            extension(false, &SubjectKeyIdentifier::try_from(spk)?)?,
            extension(false, &AuthorityKeyIdentifier::try_from(issuer_spk)?)?,
        ];
        match self.role {
            Role::Root => {
                let constraints = BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                };
                extensions.push(extension(true, &constraints)?);
                let usage = KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign);
                extensions.push(extension(true, &usage)?);
            }
            Role::Seal => {
                let usage = KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation);
                extensions.push(extension(true, &usage)?);
                if let Some(urls) = &self.revocation_urls {
                    extensions.extend(revocation_extensions(urls)?);
                }
            }
            Role::Tsa => {
                let usage = KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation);
                extensions.push(extension(true, &usage)?);
                let eku = ExtendedKeyUsage(vec![oids::KP_TIME_STAMPING]);
                extensions.push(extension(true, &eku)?);
            }
            Role::OcspResponder => {
                let usage = KeyUsage(KeyUsages::DigitalSignature.into());
                extensions.push(extension(true, &usage)?);
                let eku = ExtendedKeyUsage(vec![oids::KP_OCSP_SIGNING]);
                extensions.push(extension(false, &eku)?);
                // RFC 6960 §4.2.2.2.1: "the value of the extension SHALL be NULL".
                extensions.push(Extension {
                    extn_id: oids::OCSP_NOCHECK,
                    critical: false,
                    extn_value: OctetString::new(Null.to_der()?)?,
                });
            }
        }
        Ok(extensions)
    }
}

/// authorityInfoAccess with the OCSP responder's URL and
/// cRLDistributionPoints with the CRL's, both plain http URIs (RFC 5280
/// §4.2.2.1, §4.2.1.13), non-critical.
fn revocation_extensions(urls: &RevocationUrls) -> der::Result<[Extension; 2]> {
    let uri = |url: &str| Ia5String::new(url).map(GeneralName::UniformResourceIdentifier);
    let aia = AuthorityInfoAccessSyntax(vec![AccessDescription {
        access_method: oids::AD_OCSP,
        access_location: uri(&urls.ocsp)?,
    }]);
    let crldp = CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(vec![uri(&urls.crl)?])),
        reasons: None,
        crl_issuer: None,
    }]);
    Ok([extension(false, &aia)?, extension(false, &crldp)?])
}

/// An extension with the criticality we choose (x509-cert's defaults make
/// the extended key usage non-critical, which RFC 3161 forbids for a TSA).
pub(crate) fn extension<E: AssociatedOid + Encode>(
    critical: bool,
    value: &E,
) -> der::Result<Extension> {
    Ok(Extension {
        extn_id: E::OID,
        critical,
        extn_value: OctetString::new(value.to_der()?)?,
    })
}
