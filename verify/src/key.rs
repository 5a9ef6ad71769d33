//! Reading a seal's public key (wire name `privateKey`, spec §3): PEM or
//! base64 DER of a SubjectPublicKeyInfo or of an X.509 certificate; for SM2
//! also the raw point in hex or base64. Gives the key, its fingerprint and,
//! for a certificate, what it says about the holder.

use sha2::{Digest, Sha256};

use super::algorithm::Algorithm;
use super::certificate::{read_certificate, ReadCertificate};
use super::error::Problem;
use super::key_info::{read_spki, rsa_pkcs1_spki, sm2_point_spki, KeyMaterial};
use super::text::{decode_base64, decode_hex, decode_pem};
use crate::verdict::CertificateInfo;

/// Longer than any key or certificate a seal carries (a 8192-bit RSA
/// certificate is under 3 KB of PEM); refusing early bounds the work.
const MAX_KEY_TEXT: usize = 64 * 1024;

/// A seal's key, ready to verify with.
#[derive(Debug, Clone)]
pub(crate) struct PublicKey {
    pub material: KeyMaterial,
    /// Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER.
    pub fingerprint: String,
    pub certificate: Option<CertificateInfo>,
}

/// The forms a key arrives in, once the text encoding is removed.
enum Encoded {
    Spki(Vec<u8>),
    Certificate(ReadCertificate),
}

/// Read the key text of a seal whose algorithm is `algorithm`.
pub(crate) fn read_public_key(
    text: Option<&str>,
    algorithm: Algorithm,
) -> Result<PublicKey, Problem> {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(Problem::KeyMissing)?;
    if text.len() > MAX_KEY_TEXT {
        return Err(Problem::KeyTooLong(text.len()));
    }
    let (spki_der, certificate) = match encoded(text, algorithm)? {
        Encoded::Spki(der) => (der, None),
        Encoded::Certificate(read) => (read.spki_der, Some(read.info)),
    };
    let material = read_spki(&spki_der, algorithm)?;
    Ok(PublicKey {
        material,
        fingerprint: hex::encode(Sha256::digest(&spki_der)),
        certificate,
    })
}

fn encoded(text: &str, algorithm: Algorithm) -> Result<Encoded, Problem> {
    if let Some(pem) = decode_pem(text) {
        let pem = pem?;
        return match pem.label.as_str() {
            "PUBLIC KEY" => Ok(Encoded::Spki(pem.der)),
            "CERTIFICATE" | "X509 CERTIFICATE" => {
                read_certificate(&pem.der).map(Encoded::Certificate)
            }
            "RSA PUBLIC KEY" => rsa_pkcs1_spki(&pem.der).map(Encoded::Spki),
            _ => Err(Problem::PemLabel(pem.label)),
        };
    }
    // Hex first: a string of hex digits is also valid base64, but nobody
    // base64-encodes a key into nothing but hex digits, while SM2 points are
    // routinely given as hex.
    let from_hex = decode_hex(text).map(|bytes| classify(bytes, algorithm));
    if let Some(Ok(found)) = from_hex {
        return Ok(found);
    }
    match (decode_base64(text), from_hex) {
        (Some(bytes), _) => classify(bytes, algorithm),
        (None, Some(hex_problem)) => hex_problem,
        (None, None) => Err(Problem::KeyEncoding),
    }
}

/// Tell a raw SM2 point, an SPKI and a certificate apart by their shape.
fn classify(bytes: Vec<u8>, algorithm: Algorithm) -> Result<Encoded, Problem> {
    if algorithm == Algorithm::Sm2WithSm3 {
        if let Some(der) = sm2_point_spki(&bytes) {
            return Ok(Encoded::Spki(der));
        }
    }
    if bytes.first() != Some(&0x30) {
        return Err(Problem::KeyStructure(
            "the decoded bytes are not DER (no SEQUENCE)".to_owned(),
        ));
    }
    // An SPKI is SEQUENCE { SEQUENCE { OID … }, BIT STRING }; a certificate
    // is SEQUENCE { SEQUENCE { [0] version, INTEGER serial, … }, … }. The
    // inner sequence's first element tells them apart, but simply trying
    // both is as cheap and reports the SPKI error, the likelier intent.
    use spki::der::Decode;
    match spki::SubjectPublicKeyInfoRef::from_der(&bytes) {
        Ok(_) => Ok(Encoded::Spki(bytes)),
        Err(spki_error) => match read_certificate(&bytes) {
            Ok(read) => Ok(Encoded::Certificate(read)),
            Err(_) => Err(Problem::KeyStructure(spki_error.to_string())),
        },
    }
}
