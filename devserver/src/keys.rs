//! Seal key pairs and signing, with RustCrypto.
//!
//! Private keys are stored as PKCS#8 PEM, public keys as SubjectPublicKeyInfo
//! PEM (what goes on the wire in the misnamed `privateKey` field). Signatures
//! follow spec §6: DER for SM2 and ECDSA, raw bytes for RSA and Ed25519.

use getrandom::rand_core::UnwrapErr;
use getrandom::SysRng;
use sm2::dsa::signature::{SignatureEncoding, Signer};
use sm2::elliptic_curve::Generate;
use sm2::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};

/// SM2 distinguishing identifier (GB/T 32918 default; spec §6).
pub const SM2_DISTID: &str = infoplus_signature_verify::SM2_DISTINGUISHING_ID;

use infoplus_signature_verify::algorithm::{table, SignatureAlgorithm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Sm2,
    EcdsaP256,
    RsaPkcs1Sha256,
    Ed25519,
}

impl Algorithm {
    /// The verifier's entry for it (`infoplus_signature_verify::algorithm`):
    /// its name, OIDs and digest are what the provider writes.
    pub fn signature_algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            Algorithm::Sm2 => &table::SM2_WITH_SM3,
            Algorithm::EcdsaP256 => &table::SHA256_WITH_ECDSA,
            Algorithm::RsaPkcs1Sha256 => &table::SHA256_WITH_RSA,
            Algorithm::Ed25519 => &table::ED25519,
        }
    }

    /// The canonical name of spec §6, as written to `seal.algorithm`.
    pub fn canonical(self) -> &'static str {
        self.signature_algorithm().name
    }

    pub fn from_canonical(name: &str) -> Option<Algorithm> {
        [
            Algorithm::Sm2,
            Algorithm::EcdsaP256,
            Algorithm::RsaPkcs1Sha256,
            Algorithm::Ed25519,
        ]
        .into_iter()
        .find(|a| a.canonical() == name)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{algorithm}: cannot generate a key: {detail}")]
    Generate {
        algorithm: &'static str,
        detail: String,
    },
    #[error("{algorithm}: cannot encode the key: {detail}")]
    Encode {
        algorithm: &'static str,
        detail: String,
    },
    #[error("{algorithm}: the stored private key is unreadable: {detail}")]
    Decode {
        algorithm: &'static str,
        detail: String,
    },
    #[error("{algorithm}: signing failed: {detail}")]
    Sign {
        algorithm: &'static str,
        detail: String,
    },
    #[error("unknown algorithm {0:?}")]
    Unknown(String),
}

/// A freshly generated key pair, PEM encoded.
pub struct KeyPair {
    pub private_pem: String,
    pub public_pem: String,
}

fn rng() -> UnwrapErr<SysRng> {
    // The OS CSPRNG, for the one API that wants an infallible RNG (RSA);
    // `UnwrapErr` panics only if the OS cannot give randomness at all, when
    // no key could be made anyway (and this runs at start-up only).
    UnwrapErr(SysRng)
}

/// Generates a key pair with the OS CSPRNG.
pub fn generate(algorithm: Algorithm) -> Result<KeyPair, KeyError> {
    let name = algorithm.canonical();
    let gen = |e: getrandom::Error| KeyError::Generate {
        algorithm: name,
        detail: e.to_string(),
    };
    let enc = |e: &dyn std::fmt::Display| KeyError::Encode {
        algorithm: name,
        detail: e.to_string(),
    };
    let (private_pem, public_pem) = match algorithm {
        Algorithm::Sm2 => {
            let secret = sm2::SecretKey::try_generate_from_rng(&mut SysRng).map_err(gen)?;
            (
                secret.to_pkcs8_pem(LineEnding::LF).map_err(|e| enc(&e))?,
                secret
                    .public_key()
                    .to_public_key_pem(LineEnding::LF)
                    .map_err(|e| enc(&e))?,
            )
        }
        Algorithm::EcdsaP256 => {
            let secret = p256::SecretKey::try_generate_from_rng(&mut SysRng).map_err(gen)?;
            (
                secret.to_pkcs8_pem(LineEnding::LF).map_err(|e| enc(&e))?,
                secret
                    .public_key()
                    .to_public_key_pem(LineEnding::LF)
                    .map_err(|e| enc(&e))?,
            )
        }
        Algorithm::RsaPkcs1Sha256 => {
            let secret =
                rsa::RsaPrivateKey::new(&mut rng(), 2048).map_err(|e| KeyError::Generate {
                    algorithm: name,
                    detail: e.to_string(),
                })?;
            (
                secret.to_pkcs8_pem(LineEnding::LF).map_err(|e| enc(&e))?,
                secret
                    .to_public_key()
                    .to_public_key_pem(LineEnding::LF)
                    .map_err(|e| enc(&e))?,
            )
        }
        Algorithm::Ed25519 => {
            // An Ed25519 secret key is 32 uniformly random bytes.
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(gen)?;
            let secret = ed25519_dalek::SigningKey::from_bytes(&seed);
            (
                secret.to_pkcs8_pem(LineEnding::LF).map_err(|e| enc(&e))?,
                secret
                    .verifying_key()
                    .to_public_key_pem(LineEnding::LF)
                    .map_err(|e| enc(&e))?,
            )
        }
    };
    Ok(KeyPair {
        private_pem: private_pem.to_string(),
        public_pem,
    })
}

/// Signs `message` (the whole document) with a PKCS#8 PEM private key.
pub fn sign(algorithm: Algorithm, private_pem: &str, message: &[u8]) -> Result<Vec<u8>, KeyError> {
    let name = algorithm.canonical();
    let dec = |e: &dyn std::fmt::Display| KeyError::Decode {
        algorithm: name,
        detail: e.to_string(),
    };
    let fail = |e: &dyn std::fmt::Display| KeyError::Sign {
        algorithm: name,
        detail: e.to_string(),
    };
    match algorithm {
        Algorithm::Sm2 => {
            let secret = sm2::SecretKey::from_pkcs8_pem(private_pem).map_err(|e| dec(&e))?;
            let key = sm2::dsa::SigningKey::new(SM2_DISTID, &secret).map_err(|e| fail(&e))?;
            let signature: sm2::dsa::Signature = key.try_sign(message).map_err(|e| fail(&e))?;
            Ok(signature.to_der().to_vec())
        }
        Algorithm::EcdsaP256 => {
            let key = p256::ecdsa::SigningKey::from_pkcs8_pem(private_pem).map_err(|e| dec(&e))?;
            let signature: p256::ecdsa::Signature = key.try_sign(message).map_err(|e| fail(&e))?;
            Ok(signature.to_der().to_vec())
        }
        Algorithm::RsaPkcs1Sha256 => {
            let secret = rsa::RsaPrivateKey::from_pkcs8_pem(private_pem).map_err(|e| dec(&e))?;
            let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(secret);
            let signature = key.try_sign(message).map_err(|e| fail(&e))?;
            Ok(signature.to_vec())
        }
        Algorithm::Ed25519 => {
            let key =
                ed25519_dalek::SigningKey::from_pkcs8_pem(private_pem).map_err(|e| dec(&e))?;
            let signature = key.try_sign(message).map_err(|e| fail(&e))?;
            Ok(signature.to_bytes().to_vec())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_generates_and_signs() {
        for algorithm in [Algorithm::Sm2, Algorithm::EcdsaP256, Algorithm::Ed25519] {
            let pair = generate(algorithm).unwrap();
            assert!(pair.private_pem.starts_with("-----BEGIN PRIVATE KEY-----"));
            assert!(pair.public_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
            let signature = sign(algorithm, &pair.private_pem, b"document").unwrap();
            assert!(!signature.is_empty());
            assert_eq!(
                Algorithm::from_canonical(algorithm.canonical()),
                Some(algorithm)
            );
        }
    }
}
