//! What a SubjectPublicKeyInfo holds: which kind of key, and the key itself,
//! ready to verify with. Dispatches on the OIDs rather than on each crate's
//! own SPKI decoder so that one code path accepts every spelling OpenSSL and
//! providers use (SM2 keys come as id-ecPublicKey with the SM2 curve, or, from
//! some older tools, with the SM2 OID as the algorithm itself).

use spki::der::asn1::ObjectIdentifier;
use spki::der::{Decode, Encode};
use spki::SubjectPublicKeyInfoRef;

use super::algorithm::Algorithm;
use super::error::Problem;

/// id-ecPublicKey (RFC 5480).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// prime256v1 / secp256r1 / P-256.
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// The SM2 recommended curve (GM/T 0006), also used as an algorithm OID.
const SM2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.156.10197.1.301");
/// rsaEncryption (RFC 8017).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-RSASSA-PSS: an RSA key restricted to PSS (OpenSSL `genpkey -algorithm RSA-PSS`).
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-Ed25519 (RFC 8410).
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// The DER prefix of an SM2 SubjectPublicKeyInfo as OpenSSL writes it
/// (id-ecPublicKey, SM2 curve, BIT STRING of 66 bytes); the 65-byte
/// uncompressed point follows. Lets a raw point have the same fingerprint as
/// the same key given as SPKI.
const SM2_SPKI_PREFIX: [u8; 27] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d, 0x03, 0x42, 0x00, 0x04,
];

/// The distinguishing id the spec fixes for Z (GM/T 0009 default user id).
pub(crate) const SM2_DISTID: &str = "1234567812345678";

/// A key ready to verify with.
#[derive(Debug, Clone)]
pub(crate) enum KeyMaterial {
    Sm2(sm2::dsa::VerifyingKey),
    P256(p256::ecdsa::VerifyingKey),
    /// `pss_only`: the SPKI said id-RSASSA-PSS, so PKCS#1 v1.5 must not use it.
    Rsa {
        key: rsa::RsaPublicKey,
        pss_only: bool,
    },
    Ed25519(ed25519_dalek::VerifyingKey),
}

/// The kind of key an SPKI announces, before we try to read the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Sm2,
    P256,
    Rsa,
    RsaPss,
    Ed25519,
}

impl KeyKind {
    fn described(self) -> &'static str {
        match self {
            KeyKind::Sm2 => "an SM2 key",
            KeyKind::P256 => "a P-256 (ECDSA) key",
            KeyKind::Rsa => "an RSA key",
            KeyKind::RsaPss => "an RSA-PSS key",
            KeyKind::Ed25519 => "an Ed25519 key",
        }
    }

    fn fits(self, algorithm: Algorithm) -> bool {
        matches!(
            (self, algorithm),
            (KeyKind::Sm2, Algorithm::Sm2WithSm3)
                | (KeyKind::P256, Algorithm::EcdsaP256Sha256)
                | (KeyKind::Rsa, Algorithm::RsaPkcs1Sha256)
                | (KeyKind::Rsa | KeyKind::RsaPss, Algorithm::RsaPssSha256)
                | (KeyKind::Ed25519, Algorithm::Ed25519)
        )
    }
}

fn needed_by(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::Sm2WithSm3 => "an SM2 key",
        Algorithm::EcdsaP256Sha256 => "a P-256 key",
        Algorithm::RsaPkcs1Sha256 => "an RSA (rsaEncryption) key",
        Algorithm::RsaPssSha256 => "an RSA key",
        Algorithm::Ed25519 => "an Ed25519 key",
    }
}

/// Read a SubjectPublicKeyInfo (DER) as a key for `algorithm`.
pub(crate) fn read_spki(der: &[u8], algorithm: Algorithm) -> Result<KeyMaterial, Problem> {
    let info =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| Problem::KeyStructure(e.to_string()))?;
    let kind = kind_of(&info)?;
    if !kind.fits(algorithm) {
        return Err(Problem::KeyMismatch {
            key: kind.described(),
            algorithm: algorithm.canonical_name(),
            needs: needed_by(algorithm),
        });
    }
    let key = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Problem::KeyStructure("the key's BIT STRING has unused bits".to_owned()))?;
    material(kind, key)
}

fn kind_of(info: &SubjectPublicKeyInfoRef<'_>) -> Result<KeyKind, Problem> {
    let oid = info.algorithm.oid;
    if oid == EC_PUBLIC_KEY {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| Problem::KeyAlgorithm("an EC key without a named curve".to_owned()))?;
        return match curve {
            c if c == P256 => Ok(KeyKind::P256),
            c if c == SM2 => Ok(KeyKind::Sm2),
            other => Err(Problem::KeyAlgorithm(format!(
                "an EC key on curve {}",
                known_as(other)
            ))),
        };
    }
    match oid {
        o if o == SM2 => Ok(KeyKind::Sm2),
        o if o == RSA_ENCRYPTION => Ok(KeyKind::Rsa),
        o if o == RSASSA_PSS => Ok(KeyKind::RsaPss),
        o if o == ED25519 => Ok(KeyKind::Ed25519),
        other => Err(Problem::KeyAlgorithm(format!("a {} key", known_as(other)))),
    }
}

/// An OID with the name users know it by, when it is one they might meet.
fn known_as(oid: ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.2.840.10040.4.1" => "DSA",
        _ => return oid.to_string(),
    };
    format!("{name} ({oid})")
}

fn material(kind: KeyKind, key: &[u8]) -> Result<KeyMaterial, Problem> {
    match kind {
        KeyKind::Sm2 => sm2::dsa::VerifyingKey::from_sec1_bytes(SM2_DISTID, key)
            .map(KeyMaterial::Sm2)
            .map_err(|_| Problem::KeyValue("SM2", "not a point on the SM2 curve".to_owned())),
        KeyKind::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(key)
            .map(KeyMaterial::P256)
            .map_err(|_| Problem::KeyValue("P-256", "not a point on the curve".to_owned())),
        KeyKind::Rsa | KeyKind::RsaPss => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            rsa::RsaPublicKey::from_pkcs1_der(key)
                .map(|key| KeyMaterial::Rsa {
                    key,
                    pss_only: kind == KeyKind::RsaPss,
                })
                .map_err(|e| {
                    Problem::KeyValue(
                        "RSA",
                        format!("{e} (modulus must be 1024 to 8192 bits, odd, exponent small)"),
                    )
                })
        }
        KeyKind::Ed25519 => {
            let bytes: [u8; 32] = key.try_into().map_err(|_| {
                Problem::KeyValue("Ed25519", format!("{} bytes, not 32", key.len()))
            })?;
            ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                .map(KeyMaterial::Ed25519)
                .map_err(|_| Problem::KeyValue("Ed25519", "not a curve point".to_owned()))
        }
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
pub(crate) fn rsa_pkcs1_spki(pkcs1: &[u8]) -> Result<Vec<u8>, Problem> {
    let info = SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(spki::der::asn1::AnyRef::NULL),
        },
        subject_public_key: spki::der::asn1::BitStringRef::new(0, pkcs1)
            .map_err(|e| Problem::KeyStructure(e.to_string()))?,
    };
    info.to_der()
        .map_err(|e| Problem::KeyStructure(e.to_string()))
}
