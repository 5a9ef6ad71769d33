//! One `signature::Signer` over the four seal algorithms.
//!
//! x509-cert's certificate builder and cms's SignedData builder sign with
//! anything that names its signature algorithm and shows its public key.
//! Neither knows SM2 (there is no `SignatureAlgorithmIdentifier` for the
//! sm2 crate's key), so this wrapper supplies the identifiers itself and
//! lets the builders do the rest for every algorithm alike.

use der::asn1::{BitString, Null};
use der::{Any, Document};
use sha2::Sha256;
use signature::{Keypair, SignatureEncoding, Signer};
use sm2::pkcs8::DecodePrivateKey;
use spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, EncodePublicKey,
    SignatureBitStringEncoding,
};

use infoplus_signature_verify::algorithm::Scheme;

use super::oids;
use super::{KeyKind, PkiError};
use crate::keys::SM2_DISTID;

enum Secret {
    Sm2(sm2::dsa::SigningKey),
    EcdsaP256(p256::ecdsa::SigningKey),
    Rsa(rsa::pkcs1v15::SigningKey<Sha256>),
    Ed25519(ed25519_dalek::SigningKey),
}

/// A private key with its SubjectPublicKeyInfo (as the issuer certificate
/// carries it, so the authority key identifier matches the issuer's SKI).
pub(crate) struct KeySigner {
    kind: KeyKind,
    secret: Secret,
    spki: SpkiDer,
}

/// A public key that is already DER: all the builders need of it.
#[derive(Clone)]
pub(crate) struct SpkiDer(Vec<u8>);

impl EncodePublicKey for SpkiDer {
    fn to_public_key_der(&self) -> spki::Result<Document> {
        Ok(Document::try_from(self.0.as_slice())?)
    }
}

/// A signature as the algorithm encodes it (DER `SEQUENCE {r, s}` for SM2
/// and ECDSA, the raw bytes for RSA and Ed25519), carried in a BIT STRING.
pub(crate) struct RawSignature(pub Vec<u8>);

impl SignatureBitStringEncoding for RawSignature {
    fn to_bitstring(&self) -> der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

impl KeySigner {
    /// Reads a PKCS#8 PEM private key of `kind` that belongs to the public
    /// key `spki_der` (a certificate's): a key that does not is refused
    /// here rather than making signatures no one can verify.
    pub(crate) fn from_pem(
        kind: KeyKind,
        private_pem: &str,
        spki_der: Vec<u8>,
    ) -> Result<KeySigner, PkiError> {
        let unreadable = |e: &dyn std::fmt::Display| PkiError::PrivateKey {
            kind: kind.name(),
            detail: e.to_string(),
        };
        let (secret, public) = match kind {
            KeyKind::Sm2 => {
                let secret =
                    sm2::SecretKey::from_pkcs8_pem(private_pem).map_err(|e| unreadable(&e))?;
                // GM/T 0009's distinguishing id, the one OpenSSL is told
                // with `-sigopt distid:1234567812345678`.
                let key =
                    sm2::dsa::SigningKey::new(SM2_DISTID, &secret).map_err(|e| unreadable(&e))?;
                (Secret::Sm2(key), secret.public_key().to_public_key_der())
            }
            KeyKind::EcdsaP256 => {
                let key = p256::ecdsa::SigningKey::from_pkcs8_pem(private_pem)
                    .map_err(|e| unreadable(&e))?;
                let public = key.verifying_key().to_public_key_der();
                (Secret::EcdsaP256(key), public)
            }
            KeyKind::Rsa => {
                let secret =
                    rsa::RsaPrivateKey::from_pkcs8_pem(private_pem).map_err(|e| unreadable(&e))?;
                let public = secret.to_public_key().to_public_key_der();
                (
                    Secret::Rsa(rsa::pkcs1v15::SigningKey::<Sha256>::new(secret)),
                    public,
                )
            }
            KeyKind::Ed25519 => {
                let key = ed25519_dalek::SigningKey::from_pkcs8_pem(private_pem)
                    .map_err(|e| unreadable(&e))?;
                let public = key.verifying_key().to_public_key_der();
                (Secret::Ed25519(key), public)
            }
        };
        let public = public.map_err(|e| unreadable(&e))?;
        if public.as_bytes() != spki_der.as_slice() {
            return Err(PkiError::NotTheCertifiedKey { kind: kind.name() });
        }
        Ok(KeySigner {
            kind,
            secret,
            spki: SpkiDer(spki_der),
        })
    }
}

impl Keypair for KeySigner {
    type VerifyingKey = SpkiDer;

    fn verifying_key(&self) -> SpkiDer {
        self.spki.clone()
    }
}

impl DynSignatureAlgorithmIdentifier for KeySigner {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        Ok(signature_algorithm(self.kind))
    }
}

/// The signatureAlgorithm written in certificates and SignerInfos.
pub(crate) fn signature_algorithm(kind: KeyKind) -> AlgorithmIdentifierOwned {
    let algorithm = kind.algorithm().signature_algorithm();
    // The table's first OID is the one signers write (SM2: 1.2.156.10197.1.501
    // as OpenSSL writes it, no parameters).
    let oid = algorithm
        .oids
        .first()
        .copied()
        .unwrap_or(oids::SM2_WITH_SM3);
    // RFC 4055: the PKCS#1 v1.5 identifiers carry an explicit NULL.
    let parameters = (algorithm.scheme == Scheme::RsaPkcs1).then(|| Any::from(Null));
    AlgorithmIdentifierOwned { oid, parameters }
}

impl Signer<RawSignature> for KeySigner {
    fn try_sign(&self, message: &[u8]) -> Result<RawSignature, signature::Error> {
        let bytes = match &self.secret {
            Secret::Sm2(key) => {
                let signature: sm2::dsa::Signature = key.try_sign(message)?;
                signature.to_der().to_vec()
            }
            Secret::EcdsaP256(key) => {
                let signature: p256::ecdsa::Signature = key.try_sign(message)?;
                signature.to_der().to_vec()
            }
            Secret::Rsa(key) => key.try_sign(message)?.to_vec(),
            Secret::Ed25519(key) => key.try_sign(message)?.to_bytes().to_vec(),
        };
        Ok(RawSignature(bytes))
    }
}
