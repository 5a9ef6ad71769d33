//! Detached CMS SignedData over a PDF's ByteRange (PAdES baseline B with a
//! signature timestamp, i.e. `ETSI.CAdES.detached`), with RustCrypto's
//! `cms` builder and our one signer for all four algorithms.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier, SignerInfo, UnsignedAttributes};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::Certificate;

use super::asn1::{EssCertIdV2, IssuerSerial, SigningCertificateV2};
use super::ca::x509_time;
use super::signer::{KeySigner, RawSignature};
use super::{oids, tsa, DevPki, KeyKind, PkiError};

/// What to sign and with which key; see [`sign_cms`].
pub struct CmsRequest<'a> {
    /// The bytes the PDF's /ByteRange names, in order.
    pub signed_parts: &'a [&'a [u8]],
    pub kind: KeyKind,
    /// The signer's PKCS#8 PEM private key.
    pub key_pem: &'a str,
    /// The signer's certificate (DER).
    pub certificate_der: &'a [u8],
    /// More certificates to include: the issuing root at least, so a
    /// verifier can build the chain from the signature alone.
    pub chain_der: &'a [Vec<u8>],
    pub signing_time: OffsetDateTime,
}

/// Detached CMS SignedData (PKCS#7 OIDs). Signed attributes: contentType
/// id-data, messageDigest, signingTime, signingCertificateV2 (the
/// certificate's SHA-256). The digest is SM3 for SM2 (GM/T 0010), SHA-512
/// for Ed25519 (RFC 8419 §3: with signed attributes, Ed25519 uses SHA-512),
/// SHA-256 otherwise. The unsigned attribute id-aa-signatureTimeStampToken
/// holds an RFC 3161 token from the dev TSA over SHA-256 of the signature.
pub fn sign_cms(
    request: &CmsRequest,
    pki: &DevPki,
    tsa_time: OffsetDateTime,
    tsa_serial: u64,
) -> Result<Vec<u8>, PkiError> {
    let certificate =
        Certificate::from_der(request.certificate_der).map_err(PkiError::der("certificate"))?;
    let mut certificates = vec![certificate.clone()];
    for der in request.chain_der {
        certificates.push(Certificate::from_der(der).map_err(PkiError::der("chain"))?);
    }
    let spki = certificate
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(PkiError::der("certificate key"))?;
    let signer = KeySigner::from_pem(request.kind, request.key_pem, spki)?;
    let digest = content_digest(request.kind, request.signed_parts);
    let attributes = vec![
        attribute(oids::SIGNING_TIME, &x509_time(request.signing_time)?)?,
        signing_certificate_attribute(&certificate, request.certificate_der)?,
    ];
    let content = EncapsulatedContentInfo {
        econtent_type: oids::DATA,
        econtent: None,
    };
    let signed = Signed {
        content: &content,
        external_digest: Some(&digest),
        digest_algorithm: digest_algorithm(request.kind),
        signer: &signer,
        signer_certificate: &certificate,
        certificates: &certificates,
        signed_attributes: attributes,
    };
    build_signed_data(signed, |signature| {
        let imprint = Sha256::digest(signature);
        let token = tsa::timestamp_token(pki, &imprint, tsa_time, tsa_serial)?;
        let token = Any::from_der(&token).map_err(PkiError::der("timestamp token"))?;
        Ok(Some(attribute_of_any(
            oids::SIGNATURE_TIMESTAMP_TOKEN,
            token,
        )?))
    })
}

/// The parts of one SignedData with one signer (the CMS signature and the
/// timestamp token alike).
pub(crate) struct Signed<'a> {
    pub content: &'a EncapsulatedContentInfo,
    /// The digest of detached content; `None` when `content` holds it.
    pub external_digest: Option<&'a [u8]>,
    pub digest_algorithm: AlgorithmIdentifierOwned,
    pub signer: &'a KeySigner,
    pub signer_certificate: &'a Certificate,
    pub certificates: &'a [Certificate],
    /// Beside contentType and messageDigest, which the builder adds.
    pub signed_attributes: Vec<Attribute>,
}

/// Builds the ContentInfo DER. `unsigned` receives the signature value and
/// may return an unsigned attribute (the timestamp, which must see the
/// signature first).
pub(crate) fn build_signed_data<F>(signed: Signed<'_>, unsigned: F) -> Result<Vec<u8>, PkiError>
where
    F: FnOnce(&[u8]) -> Result<Option<Attribute>, PkiError>,
{
    let failed = PkiError::build("CMS SignedData");
    let tbs = signed.signer_certificate.tbs_certificate();
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: tbs.issuer().clone(),
        serial_number: tbs.serial_number().clone(),
    });
    let mut signer_info = SignerInfoBuilder::new(
        sid,
        signed.digest_algorithm.clone(),
        signed.content,
        signed.external_digest,
    )
    .map_err(&failed)?;
    for attribute in signed.signed_attributes {
        signer_info
            .add_signed_attribute(attribute)
            .map_err(&failed)?;
    }
    let mut builder = SignedDataBuilder::new(signed.content);
    builder
        .add_digest_algorithm(signed.digest_algorithm)
        .map_err(&failed)?;
    for certificate in signed.certificates {
        builder
            .add_certificate(CertificateChoices::Certificate(certificate.clone()))
            .map_err(&failed)?;
    }
    // The builder's callback can only return its own error type: keep ours
    // aside and report it instead of the builder's generic failure.
    let mut unsigned_failure = None;
    let result = builder.add_signer_info_cb::<KeySigner, RawSignature, _>(
        signer_info,
        signed.signer,
        |info: &mut SignerInfo| match unsigned(info.signature.as_bytes()) {
            Ok(None) => Ok(()),
            Ok(Some(attribute)) => {
                info.unsigned_attrs = Some(UnsignedAttributes::try_from(vec![attribute])?);
                Ok(())
            }
            Err(e) => {
                unsigned_failure = Some(e);
                Err(der::Error::from(der::ErrorKind::Failed).into())
            }
        },
    );
    if let Some(e) = unsigned_failure {
        return Err(e);
    }
    result.map_err(&failed)?;
    let content_info = builder.build().map_err(&failed)?;
    content_info
        .to_der()
        .map_err(PkiError::der("CMS SignedData"))
}

/// The digest of the algorithm's table entry (Ed25519: SHA-512, as
/// RFC 8419 asks for signed attributes).
fn digest_algorithm(kind: KeyKind) -> AlgorithmIdentifierOwned {
    // RFC 5754 §2: SHA-2 identifiers are written without parameters.
    AlgorithmIdentifierOwned {
        oid: kind.algorithm().signature_algorithm().hash.oid(),
        parameters: None,
    }
}

fn content_digest(kind: KeyKind, parts: &[&[u8]]) -> Vec<u8> {
    kind.algorithm().signature_algorithm().hash.digest(parts)
}

/// ESS signingCertificateV2 (RFC 5035), which binds the signer's
/// certificate into the signature (CAdES requires it).
pub(crate) fn signing_certificate_attribute(
    certificate: &Certificate,
    certificate_der: &[u8],
) -> Result<Attribute, PkiError> {
    let der_err = PkiError::der("signingCertificateV2");
    let tbs = certificate.tbs_certificate();
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(certificate_der).to_vec())
                .map_err(&der_err)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    attribute(oids::SIGNING_CERTIFICATE_V2, &value)
}

/// An attribute with one value.
pub(crate) fn attribute<T: Encode>(
    oid: der::oid::ObjectIdentifier,
    value: &T,
) -> Result<Attribute, PkiError> {
    let der_err = PkiError::der("attribute");
    let value = Any::from_der(&value.to_der().map_err(&der_err)?).map_err(der_err)?;
    attribute_of_any(oid, value)
}

fn attribute_of_any(oid: der::oid::ObjectIdentifier, value: Any) -> Result<Attribute, PkiError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(PkiError::der("attribute"))?;
    Ok(Attribute { oid, values })
}
