//! Public keys: the one reader of a SubjectPublicKeyInfo, for raw seals,
//! CMS signers, certificates and timestamp authorities alike. It
//! dispatches on the OIDs itself rather than on each crate's SPKI decoder,
//! so that one path accepts every spelling signers use (SM2 keys come as
//! id-ecPublicKey with the SM2 curve, or with the SM2 OID as the algorithm).

mod brainpool512;
mod seal_text;

pub use seal_text::read_seal_key;

use spki::der::Decode;
use spki::SubjectPublicKeyInfoRef;

use crate::algorithm::{Scheme, SignatureAlgorithm};
use crate::error::CryptoError;
use crate::oid;

/// The elliptic curves ECDSA may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EcCurve {
    P256,
    P384,
    P521,
    BrainpoolP256r1,
    BrainpoolP384r1,
    BrainpoolP512r1,
}

impl EcCurve {
    const ALL: [(EcCurve, oid::ObjectIdentifier, &'static str); 6] = [
        (EcCurve::P256, oid::P256, "P-256"),
        (EcCurve::P384, oid::P384, "P-384"),
        (EcCurve::P521, oid::P521, "P-521"),
        (
            EcCurve::BrainpoolP256r1,
            oid::BRAINPOOL_P256R1,
            "brainpoolP256r1",
        ),
        (
            EcCurve::BrainpoolP384r1,
            oid::BRAINPOOL_P384R1,
            "brainpoolP384r1",
        ),
        (
            EcCurve::BrainpoolP512r1,
            oid::BRAINPOOL_P512R1,
            "brainpoolP512r1",
        ),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(c, ..)| *c == self)
            .map_or("", |(_, _, name)| name)
    }

    /// Bytes of r and of s.
    pub fn scalar_len(self) -> usize {
        match self {
            EcCurve::P256 | EcCurve::BrainpoolP256r1 => 32,
            EcCurve::P384 | EcCurve::BrainpoolP384r1 => 48,
            EcCurve::P521 => 66,
            EcCurve::BrainpoolP512r1 => 64,
        }
    }
}

/// What kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFamily {
    Rsa,
    Ec,
    Sm2,
    Ed25519,
    Ed448,
}

impl KeyFamily {
    fn needed(self) -> &'static str {
        match self {
            KeyFamily::Rsa => "an RSA key",
            KeyFamily::Ec => "an ECDSA key",
            KeyFamily::Sm2 => "an SM2 key",
            KeyFamily::Ed25519 => "an Ed25519 key",
            KeyFamily::Ed448 => "an Ed448 key",
        }
    }
}

/// A public key, read and checked (a point on its curve, a sound RSA
/// modulus), ready to verify with.
#[derive(Debug, Clone)]
pub enum PublicKey {
    /// `pss_only`: the SPKI said id-RSASSA-PSS (RFC 4055 §1.2).
    Rsa {
        key: rsa::RsaPublicKey,
        pss_only: bool,
    },
    /// The SEC1 point, checked to be on the curve.
    Ec {
        curve: EcCurve,
        point: Vec<u8>,
    },
    /// The SEC1 point; the verifying key depends on the distinguishing id.
    Sm2 {
        point: Vec<u8>,
    },
    Ed25519(ed25519_dalek::VerifyingKey),
    Ed448(Box<ed448_goldilocks::VerifyingKey>),
}

impl PublicKey {
    /// Read a SubjectPublicKeyInfo (DER).
    pub fn from_spki(der: &[u8]) -> Result<PublicKey, CryptoError> {
        let info = SubjectPublicKeyInfoRef::from_der(der)
            .map_err(|e| CryptoError::KeyStructure(e.to_string()))?;
        let bits = info.subject_public_key.as_bytes().ok_or_else(|| {
            CryptoError::KeyStructure("the key's BIT STRING has unused bits".to_owned())
        })?;
        let algorithm = info.algorithm.oid;
        let value =
            |name: &'static str| move |why: &str| CryptoError::KeyValue(name, why.to_owned());
        if algorithm == oid::RSA_ENCRYPTION || algorithm == oid::RSASSA_PSS {
            use rsa::pkcs1::DecodeRsaPublicKey;
            let key = rsa::RsaPublicKey::from_pkcs1_der(bits).map_err(|e| {
                CryptoError::KeyValue(
                    "RSA",
                    format!("{e} (modulus must be 1024 to 8192 bits, odd, exponent small)"),
                )
            })?;
            return Ok(PublicKey::Rsa {
                key,
                pss_only: algorithm == oid::RSASSA_PSS,
            });
        }
        if algorithm == oid::ED25519 {
            let bytes: [u8; 32] = bits
                .try_into()
                .map_err(|_| value("Ed25519")(&format!("{} bytes, not 32", bits.len())))?;
            return ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                .map(PublicKey::Ed25519)
                .map_err(|_| value("Ed25519")("not a curve point"));
        }
        if algorithm == oid::ED448 {
            let bytes: &[u8; 57] = bits
                .try_into()
                .map_err(|_| value("Ed448")(&format!("{} bytes, not 57", bits.len())))?;
            return ed448_goldilocks::VerifyingKey::from_bytes(bytes)
                .map(|key| PublicKey::Ed448(Box::new(key)))
                .map_err(|_| value("Ed448")("not a curve point"));
        }
        // Older tools write the SM2 OID as the key algorithm itself.
        let curve = if algorithm == oid::SM2 {
            oid::SM2
        } else if algorithm == oid::EC_PUBLIC_KEY {
            info.algorithm.parameters_oid().map_err(|_| {
                CryptoError::KeyAlgorithm("an EC key without a named curve".to_owned())
            })?
        } else {
            return Err(CryptoError::KeyAlgorithm(format!(
                "a {} key",
                oid::describe(algorithm.as_bytes())
            )));
        };
        if curve == oid::SM2 {
            return sm2::dsa::VerifyingKey::from_sec1_bytes(crate::SM2_DISTINGUISHING_ID, bits)
                .map(|_| PublicKey::Sm2 {
                    point: bits.to_vec(),
                })
                .map_err(|_| value("SM2")("not a point on the SM2 curve"));
        }
        let Some(&(curve, _, name)) = EcCurve::ALL.iter().find(|(_, o, _)| *o == curve) else {
            return Err(CryptoError::KeyAlgorithm(format!(
                "an EC key on curve {}",
                oid::describe(curve.as_bytes())
            )));
        };
        if !ec_point_valid(curve, bits) {
            return Err(CryptoError::KeyValue(
                name,
                "not a point on the curve".to_owned(),
            ));
        }
        Ok(PublicKey::Ec {
            curve,
            point: bits.to_vec(),
        })
    }

    pub fn family(&self) -> KeyFamily {
        match self {
            PublicKey::Rsa { .. } => KeyFamily::Rsa,
            PublicKey::Ec { .. } => KeyFamily::Ec,
            PublicKey::Sm2 { .. } => KeyFamily::Sm2,
            PublicKey::Ed25519(_) => KeyFamily::Ed25519,
            PublicKey::Ed448(_) => KeyFamily::Ed448,
        }
    }

    /// What reports call it: `RSA-2048`, `P-256`, `brainpoolP384r1`,
    /// `SM2`, `Ed25519`, `Ed448`.
    pub fn name(&self) -> String {
        match self {
            PublicKey::Rsa { key, .. } => {
                use rsa::traits::PublicKeyParts;
                format!("RSA-{}", key.n_bits_precision())
            }
            PublicKey::Ec { curve, .. } => curve.name().to_owned(),
            PublicKey::Sm2 { .. } => "SM2".to_owned(),
            PublicKey::Ed25519(_) => "Ed25519".to_owned(),
            PublicKey::Ed448(_) => "Ed448".to_owned(),
        }
    }

    /// `Ok` when `algorithm` may verify with this key.
    pub fn fits(&self, algorithm: &SignatureAlgorithm) -> Result<(), CryptoError> {
        let fits = self.family() == algorithm.key
            && !matches!(
                (self, algorithm.scheme),
                (PublicKey::Rsa { pss_only: true, .. }, Scheme::RsaPkcs1)
            );
        if fits {
            return Ok(());
        }
        Err(CryptoError::KeyMismatch {
            key: match self {
                PublicKey::Rsa { pss_only: true, .. } => "an RSA-PSS key".to_owned(),
                other => format!("a {} key", other.name()),
            },
            algorithm: algorithm.name,
            needs: match algorithm.scheme {
                Scheme::RsaPkcs1 => "an RSA (rsaEncryption) key",
                _ => algorithm.key.needed(),
            },
        })
    }
}

/// Is `point` (SEC1) a point of `curve`?
fn ec_point_valid(curve: EcCurve, point: &[u8]) -> bool {
    match curve {
        EcCurve::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(point).is_ok(),
        EcCurve::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(point).is_ok(),
        EcCurve::P521 => p521::ecdsa::VerifyingKey::from_sec1_bytes(point).is_ok(),
        EcCurve::BrainpoolP256r1 => {
            ecdsa_core::VerifyingKey::<bp256::BrainpoolP256r1>::from_sec1_bytes(point).is_ok()
        }
        EcCurve::BrainpoolP384r1 => {
            ecdsa_core::VerifyingKey::<bp384::BrainpoolP384r1>::from_sec1_bytes(point).is_ok()
        }
        EcCurve::BrainpoolP512r1 => brainpool512::point_valid(point),
    }
}

/// ECDSA over a digest (already truncated or not: the curve crates
/// truncate to the order's size, FIPS 186-4), `rs` being `r‖s` of the
/// curve's width. High-S signatures are accepted: ECDSA does not require
/// low S, and OpenSSL does not normalize it.
pub(crate) fn ecdsa_prehash(curve: EcCurve, point: &[u8], digest: &[u8], rs: &[u8]) -> bool {
    use ecdsa_core::signature::hazmat::PrehashVerifier;
    macro_rules! check {
        ($curve:ty) => {{
            let key = ecdsa_core::VerifyingKey::<$curve>::from_sec1_bytes(point);
            let signature = ecdsa_core::Signature::<$curve>::from_slice(rs);
            match (key, signature) {
                (Ok(key), Ok(signature)) => key.verify_prehash(digest, &signature).is_ok(),
                _ => false,
            }
        }};
    }
    match curve {
        EcCurve::P256 => check!(p256::NistP256),
        EcCurve::P384 => check!(p384::NistP384),
        EcCurve::P521 => check!(p521::NistP521),
        EcCurve::BrainpoolP256r1 => check!(bp256::BrainpoolP256r1),
        EcCurve::BrainpoolP384r1 => check!(bp384::BrainpoolP384r1),
        EcCurve::BrainpoolP512r1 => brainpool512::verify_prehash(point, digest, rs),
    }
}
