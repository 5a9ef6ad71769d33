//! A seal's public key as text (wire name `privateKey`, spec §3): PEM or
//! base64 DER of a SubjectPublicKeyInfo or of an X.509 certificate, a PEM
//! `RSA PUBLIC KEY`, and for SM2 also the raw point in hex or base64.
//! Gives the key, its fingerprint and, for a certificate, the certificate.

use spki::der::Encode;
use spki::SubjectPublicKeyInfoRef;

use super::PublicKey;
use crate::algorithm::{Scheme, SignatureAlgorithm};
use crate::error::CryptoError;
use crate::hash::Hash;
use crate::oid;
use crate::pki::{parse_certificate, Certificate};
use crate::text::{decode_base64, decode_hex, decode_pem};

/// Longer than any key or certificate a seal carries (a 8192-bit RSA
/// certificate is under 3 KB of PEM); refusing early bounds the work.
const MAX_KEY_TEXT: usize = 64 * 1024;

/// The DER prefix of an SM2 SubjectPublicKeyInfo as OpenSSL writes it
/// (id-ecPublicKey, SM2 curve, BIT STRING of 66 bytes); the 65-byte
/// uncompressed point follows. A raw point then has the same fingerprint
/// as the same key given as an SPKI.
pub const SM2_SPKI_PREFIX: [u8; 27] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d, 0x03, 0x42, 0x00, 0x04,
];

/// A seal's key, ready to verify with.
#[derive(Debug, Clone)]
pub struct SealKey {
    pub key: PublicKey,
    /// Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER.
    pub fingerprint: String,
    /// When the key was given as a certificate.
    pub certificate: Option<Certificate>,
}

/// The forms a key arrives in, once the text encoding is removed.
enum Encoded {
    Spki(Vec<u8>),
    Certificate(Box<Certificate>),
}

/// Read the key text of a seal whose algorithm is `algorithm`, and check
/// that it fits: for a raw seal ECDSA is JOSE's pairing (`ES256` is
/// ECDSA on P-256 with SHA-256, as §6's table says).
pub fn read_seal_key(
    text: Option<&str>,
    algorithm: &'static SignatureAlgorithm,
) -> Result<SealKey, CryptoError> {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(CryptoError::KeyMissing)?;
    if text.len() > MAX_KEY_TEXT {
        return Err(CryptoError::KeyTooLong(text.len()));
    }
    let (spki_der, certificate) = match encoded(text, algorithm)? {
        Encoded::Spki(der) => (der, None),
        Encoded::Certificate(certificate) => (certificate.spki_der.clone(), Some(*certificate)),
    };
    let key = PublicKey::from_spki(&spki_der)?;
    key.fits(algorithm)?;
    if let (PublicKey::Ec { curve, .. }, Some(needs)) = (&key, jose_curve(algorithm)) {
        if *curve != needs {
            return Err(CryptoError::KeyMismatch {
                key: format!("a {} key", curve.name()),
                algorithm: algorithm.name,
                needs: match needs {
                    super::EcCurve::P384 => "a P-384 key",
                    super::EcCurve::P521 => "a P-521 key",
                    _ => "a P-256 key",
                },
            });
        }
    }
    Ok(SealKey {
        key,
        fingerprint: hex::encode(Hash::Sha256.digest(&[&spki_der])),
        certificate,
    })
}

/// The curve a seal's ECDSA algorithm implies (JOSE: ES256 on P-256,
/// ES384 on P-384, ES512 on P-521).
fn jose_curve(algorithm: &SignatureAlgorithm) -> Option<super::EcCurve> {
    if algorithm.scheme != Scheme::Ecdsa {
        return None;
    }
    match algorithm.hash {
        Hash::Sha256 => Some(super::EcCurve::P256),
        Hash::Sha384 => Some(super::EcCurve::P384),
        Hash::Sha512 => Some(super::EcCurve::P521),
        _ => None,
    }
}

fn encoded(text: &str, algorithm: &SignatureAlgorithm) -> Result<Encoded, CryptoError> {
    if let Some(pem) = decode_pem(text) {
        let pem = pem?;
        return match pem.label.as_str() {
            "PUBLIC KEY" => Ok(Encoded::Spki(pem.der)),
            "CERTIFICATE" | "X509 CERTIFICATE" => certificate(&pem.der),
            "RSA PUBLIC KEY" => rsa_pkcs1_spki(&pem.der).map(Encoded::Spki),
            _ => Err(CryptoError::PemLabel(pem.label)),
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
        (None, None) => Err(CryptoError::KeyEncoding),
    }
}

fn certificate(der: &[u8]) -> Result<Encoded, CryptoError> {
    parse_certificate(der)
        .map(|c| Encoded::Certificate(Box::new(c)))
        .map_err(|e| CryptoError::KeyStructure(format!("certificate: {e}")))
}

/// Tell a raw SM2 point, an SPKI and a certificate apart by their shape.
fn classify(bytes: Vec<u8>, algorithm: &SignatureAlgorithm) -> Result<Encoded, CryptoError> {
    if algorithm.scheme == Scheme::Sm2 {
        if let Some(der) = sm2_point_spki(&bytes) {
            return Ok(Encoded::Spki(der));
        }
    }
    if bytes.first() != Some(&0x30) {
        return Err(CryptoError::KeyStructure(
            "the decoded bytes are not DER (no SEQUENCE)".to_owned(),
        ));
    }
    // An SPKI is SEQUENCE { SEQUENCE { OID … }, BIT STRING }; a certificate
    // is SEQUENCE { SEQUENCE { [0] version, INTEGER serial, … }, … }. Trying
    // both is as cheap, and reports the SPKI error, the likelier intent.
    use spki::der::Decode;
    match SubjectPublicKeyInfoRef::from_der(&bytes) {
        Ok(_) => Ok(Encoded::Spki(bytes)),
        Err(spki_error) => match parse_certificate(&bytes) {
            Ok(read) => Ok(Encoded::Certificate(Box::new(read))),
            Err(_) => Err(CryptoError::KeyStructure(spki_error.to_string())),
        },
    }
}

/// The SPKI DER of a raw SM2 point (`04‖X‖Y`, or `X‖Y` without the
/// prefix as some providers send it). `None` when it is not that shape.
pub(crate) fn sm2_point_spki(raw: &[u8]) -> Option<Vec<u8>> {
    let xy = match raw {
        [0x04, xy @ ..] if xy.len() == 64 => xy,
        xy if xy.len() == 64 => xy,
        _ => return None,
    };
    let mut der = SM2_SPKI_PREFIX.to_vec();
    der.extend_from_slice(xy);
    Some(der)
}

/// The SPKI DER of a PKCS#1 `RSAPublicKey` (PEM "RSA PUBLIC KEY"), as
/// OpenSSL would write it for the same key.
fn rsa_pkcs1_spki(pkcs1: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let info = SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: oid::RSA_ENCRYPTION,
            parameters: Some(spki::der::asn1::AnyRef::NULL),
        },
        subject_public_key: spki::der::asn1::BitStringRef::new(0, pkcs1)
            .map_err(|e| CryptoError::KeyStructure(e.to_string()))?,
    };
    info.to_der()
        .map_err(|e| CryptoError::KeyStructure(e.to_string()))
}
