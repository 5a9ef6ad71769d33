//! An X.509 certificate, read once into what chain building needs. The
//! byte fields (`tbs_der`, `subject_der`, …) are cut from the input as
//! transmitted, never re-encoded, so a signature over them checks what the
//! issuer signed even when the certificate's DER is not canonical.

use spki::der::asn1::AnyRef;
use spki::der::{Decode, Encode, Reader, SliceReader, Tag};
use x509_cert::certificate::{CertificateInner, Raw, Version};
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectKeyIdentifier,
};

use super::name::same_name;
use super::name_text::rfc4514;
use crate::algorithm::{SignatureAlgorithm, Signed, Verification};
use crate::error::CryptoError;
use crate::hash::Hash;
use crate::key::PublicKey;
use crate::time::rfc3339;
use crate::verdict_pdf::SignerCertificate;

/// A parsed certificate. `key_usage`: bit n is RFC 5280's bit n
/// (0 digitalSignature, 1 nonRepudiation, … 5 keyCertSign, 6 cRLSign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub der: Vec<u8>,
    pub tbs_der: Vec<u8>,
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    /// The serial INTEGER's content bytes as encoded.
    pub serial: Vec<u8>,
    pub spki_der: Vec<u8>,
    pub subject_key_id: Option<Vec<u8>>,
    pub authority_key_id: Option<Vec<u8>>,
    pub not_before: i64,
    pub not_after: i64,
    pub basic_constraints: Option<(bool, Option<u32>)>,
    pub key_usage: Option<u16>,
    pub extended_key_usage: Vec<Vec<u8>>,
    /// (OID content bytes, parameters TLV).
    pub signature_algorithm: (Vec<u8>, Option<Vec<u8>>),
    pub signature: Vec<u8>,
    /// 0 for v1, 2 for v3. A v1 certificate has no basicConstraints; a
    /// self-issued v1 root still acts as a CA, as OpenSSL treats it.
    pub version: u8,
    pub info: SignerCertificate,
}

/// RFC 5280 keyUsage bits as [`Certificate::key_usage`] numbers them.
pub const KU_DIGITAL_SIGNATURE: u16 = 1 << 0;
pub const KU_NON_REPUDIATION: u16 = 1 << 1;
pub const KU_KEY_CERT_SIGN: u16 = 1 << 5;

/// The TLVs of TBSCertificate that are kept as bytes.
struct RawParts<'a> {
    tbs: &'a [u8],
    serial: &'a [u8],
    issuer: &'a [u8],
    subject: &'a [u8],
    spki: &'a [u8],
}

fn raw_parts(der: &[u8]) -> Result<RawParts<'_>, spki::der::Error> {
    let mut outer = SliceReader::new(der)?;
    let tbs = outer.sequence(|certificate| {
        let tbs = certificate.tlv_bytes()?;
        certificate.tlv_bytes()?; // signatureAlgorithm
        certificate.tlv_bytes()?; // signature
        Ok::<_, spki::der::Error>(tbs)
    })?;
    outer.finish()?;
    let mut reader = SliceReader::new(tbs)?;
    let parts = reader.sequence(|fields| {
        if let Tag::ContextSpecific { number, .. } = Tag::peek(fields)? {
            if number.value() == 0 {
                fields.tlv_bytes()?; // [0] version
            }
        }
        let serial = AnyRef::decode(fields)?.value();
        fields.tlv_bytes()?; // signature AlgorithmIdentifier
        let issuer = fields.tlv_bytes()?;
        fields.tlv_bytes()?; // validity
        let subject = fields.tlv_bytes()?;
        let spki = fields.tlv_bytes()?;
        while !fields.is_finished() {
            fields.tlv_bytes()?;
        }
        Ok::<_, spki::der::Error>(RawParts {
            tbs,
            serial,
            issuer,
            subject,
            spki,
        })
    })?;
    reader.finish()?;
    Ok(parts)
}

/// Read a DER certificate with x509-cert's lenient `Raw` profile:
/// certificates from Chinese CAs and self-made test certificates bend
/// RFC 5280 in small ways (serial length, time encoding) that do not
/// matter for validating them.
pub fn parse_certificate(der: &[u8]) -> Result<Certificate, CryptoError> {
    let bad = |e: spki::der::Error| CryptoError::Certificate(e.to_string());
    let parsed = CertificateInner::<Raw>::from_der(der).map_err(bad)?;
    let raw = raw_parts(der).map_err(bad)?;
    let tbs = parsed.tbs_certificate();
    let extension = |what: &str, e: spki::der::Error| {
        CryptoError::Certificate(format!("extension {what}: {e}"))
    };
    let basic_constraints = tbs
        .get_extension::<BasicConstraints>()
        .map_err(|e| extension("basicConstraints", e))?
        .map(|(_, bc)| (bc.ca, bc.path_len_constraint.map(u32::from)));
    let key_usage = tbs
        .get_extension::<KeyUsage>()
        .map_err(|e| extension("keyUsage", e))?
        .map(|(_, ku)| ku.0.bits());
    let extended_key_usage = tbs
        .get_extension::<ExtendedKeyUsage>()
        .map_err(|e| extension("extKeyUsage", e))?
        .map(|(_, eku)| eku.0.iter().map(|o| o.as_bytes().to_vec()).collect())
        .unwrap_or_default();
    let subject_key_id = tbs
        .get_extension::<SubjectKeyIdentifier>()
        .map_err(|e| extension("subjectKeyIdentifier", e))?
        .map(|(_, ski)| ski.0.as_bytes().to_vec());
    let authority_key_id = tbs
        .get_extension::<AuthorityKeyIdentifier>()
        .map_err(|e| extension("authorityKeyIdentifier", e))?
        .and_then(|(_, aki)| aki.key_identifier.map(|id| id.as_bytes().to_vec()));
    let seconds = |time: &x509_cert::time::Time| {
        i64::try_from(time.to_unix_duration().as_secs())
            .map_err(|_| CryptoError::Certificate("a validity time out of range".to_owned()))
    };
    let validity = tbs.validity();
    let not_before = seconds(&validity.not_before)?;
    let not_after = seconds(&validity.not_after)?;
    let algorithm = parsed.signature_algorithm();
    let parameters = match &algorithm.parameters {
        Some(any) => Some(any.to_der().map_err(bad)?),
        None => None,
    };
    let signature = parsed
        .signature()
        .as_bytes()
        .ok_or_else(|| CryptoError::Certificate("the signature BIT STRING has unused bits".into()))?
        .to_vec();
    let info = SignerCertificate {
        subject: rfc4514(tbs.subject()),
        issuer: rfc4514(tbs.issuer()),
        serial: hex::encode(raw.serial),
        not_before: rfc3339(not_before),
        not_after: rfc3339(not_after),
        fingerprint: hex::encode(Hash::Sha256.digest(&[der])),
    };
    Ok(Certificate {
        der: der.to_vec(),
        tbs_der: raw.tbs.to_vec(),
        subject_der: raw.subject.to_vec(),
        issuer_der: raw.issuer.to_vec(),
        serial: raw.serial.to_vec(),
        spki_der: raw.spki.to_vec(),
        subject_key_id,
        authority_key_id,
        not_before,
        not_after,
        basic_constraints,
        key_usage,
        extended_key_usage,
        signature_algorithm: (algorithm.oid.as_bytes().to_vec(), parameters),
        signature,
        version: match tbs.version() {
            Version::V1 => 0,
            Version::V2 => 1,
            Version::V3 => 2,
        },
        info,
    })
}

fn without_leading_zeros(number: &[u8]) -> &[u8] {
    let start = number.iter().position(|b| *b != 0).unwrap_or(number.len());
    number.get(start..).unwrap_or_default()
}

impl Certificate {
    /// Subject and issuer are the same name.
    pub fn is_self_issued(&self) -> bool {
        same_name(&self.subject_der, &self.issuer_der)
    }

    /// Its serial is `serial`, compared as numbers (leading zero bytes do
    /// not count): a CMS signer id, an OCSP CertID, a CRL entry.
    pub fn has_serial(&self, serial: &[u8]) -> bool {
        without_leading_zeros(&self.serial) == without_leading_zeros(serial)
    }

    /// The subjectPublicKey BIT STRING's bits: what key identifiers and
    /// OCSP key hashes are computed over.
    pub fn key_bits(&self) -> Option<&[u8]> {
        spki::SubjectPublicKeyInfoRef::from_der(&self.spki_der)
            .ok()?
            .subject_public_key
            .as_bytes()
    }

    /// Does `signature` by this certificate's key hold over `signed`
    /// (an OCSP response's or a CRL's TBS part, a seal)? A value that
    /// cannot be a signature is `Ok(Invalid)`; `Err` says why it could not
    /// be checked at all (a key of another kind, an unreadable key).
    pub fn check_signature(
        &self,
        algorithm: &'static SignatureAlgorithm,
        signed: &[u8],
        signature: &[u8],
    ) -> Result<Verification, CryptoError> {
        let key = PublicKey::from_spki(&self.spki_der)?;
        match algorithm.verify(&key, &Signed::Bytes(signed), signature) {
            Err(error) if error.is_signature_shape() => Ok(Verification::Invalid),
            other => other,
        }
    }

    /// A CMS IssuerAndSerialNumber names this certificate: the issuer Name
    /// (DER bytes, else the RFC 5280 comparison) and the serial as a
    /// number (leading zero bytes do not count).
    pub fn matches_issuer_serial(&self, issuer_name_der: &[u8], serial: &[u8]) -> bool {
        self.has_serial(serial) && same_name(&self.issuer_der, issuer_name_der)
    }

    /// A CMS SubjectKeyIdentifier names this certificate: its SKI
    /// extension, or for a certificate without one the SHA-1 of its public
    /// key bits (RFC 5280 §4.2.1.2 method 1, what OpenSSL assumes then).
    pub fn matches_key_id(&self, ski: &[u8]) -> bool {
        match &self.subject_key_id {
            Some(own) => own.as_slice() == ski,
            None => self
                .key_bits()
                .is_some_and(|bits| Hash::Sha1.digest(&[bits]) == ski),
        }
    }
}
