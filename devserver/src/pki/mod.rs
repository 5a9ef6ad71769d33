//! The reference provider's PKI (spec §6a): three roots (SM2, ECDSA P-256,
//! RSA), certificates for the seals, detached CMS signatures over a PDF's
//! ByteRange or GB/T 38540 seal signatures (§6d), and a timestamp
//! authority for those signatures.
//!
//! Pure functions over keys, times and bytes: the caller supplies the clock
//! and serial numbers and stores the results (as PEM, see
//! [`DevPki::to_pems`]). Key generation uses the OS CSPRNG via `keys`.

mod asn1;
mod ca;
mod cms;
mod error;
mod kind;
mod oids;
mod ses;
mod signer;
mod tsa;

use der::pem::LineEnding;
use der::{DecodePem, Encode, EncodePem};
use spki::SubjectPublicKeyInfoOwned;
use time::{Duration, OffsetDateTime};
use x509_cert::Certificate;

use crate::keys::{self, Algorithm};
use ca::{Blueprint, Role};
use signer::KeySigner;

pub use cms::{sign_cms, CmsRequest};
pub use error::PkiError;
pub use kind::KeyKind;
pub use ses::{sign_ses, SesRequest};
pub use tsa::timestamp_token;

/// Roots and the TSA live ten years, seals five (in days, leap days
/// included), all from a day before "now" so a verifier whose clock is a
/// little behind still sees them valid.
const ROOT_DAYS: i64 = 3653;
const SEAL_DAYS: i64 = 1827;
const BACKDATE: Duration = Duration::days(1);

/// A certificate and (for the authorities) its private key.
#[derive(Clone, PartialEq, Eq)]
pub struct Issued {
    /// PKCS#8 PEM; empty for a seal, whose key stays with the seal.
    pub key_pem: String,
    pub cert_pem: String,
    pub cert_der: Vec<u8>,
}

impl std::fmt::Debug for Issued {
    // Never print a private key into a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field(
                "key_pem",
                &if self.key_pem.is_empty() {
                    ""
                } else {
                    "<redacted>"
                },
            )
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}

impl Issued {
    fn new(key_pem: String, certificate: &Certificate) -> Result<Issued, PkiError> {
        Ok(Issued {
            key_pem,
            cert_pem: certificate
                .to_pem(LineEnding::LF)
                .map_err(PkiError::der("certificate PEM"))?,
            cert_der: certificate.to_der().map_err(PkiError::der("certificate"))?,
        })
    }

    fn from_pems(key_pem: &str, cert_pem: &str) -> Result<Issued, PkiError> {
        let certificate =
            Certificate::from_pem(cert_pem).map_err(PkiError::der("stored certificate"))?;
        Issued::new(key_pem.to_owned(), &certificate)
    }

    pub(crate) fn certificate(&self) -> Result<Certificate, PkiError> {
        use der::Decode;
        Certificate::from_der(&self.cert_der).map_err(PkiError::der("certificate"))
    }

    /// A signer with this authority's key, of `kind`.
    fn signer(&self, kind: KeyKind) -> Result<(KeySigner, Certificate), PkiError> {
        let certificate = self.certificate()?;
        let spki = certificate
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(PkiError::der("issuer key"))?;
        Ok((KeySigner::from_pem(kind, &self.key_pem, spki)?, certificate))
    }

    /// Issues a certificate under this authority.
    fn issue(&self, kind: KeyKind, blueprint: Blueprint) -> Result<Certificate, PkiError> {
        let (signer, certificate) = self.signer(kind)?;
        ca::issue(blueprint, certificate.tbs_certificate().subject(), &signer)
    }
}

/// The dev provider's authorities. The TSA is issued by the ECDSA root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevPki {
    pub sm2_root: Issued,
    pub ecdsa_root: Issued,
    pub rsa_root: Issued,
    pub tsa: Issued,
}

/// The names under which [`DevPki::to_pems`] stores each piece.
const PEM_NAMES: [&str; 8] = [
    "sm2-root.key",
    "sm2-root.crt",
    "ecdsa-root.key",
    "ecdsa-root.crt",
    "rsa-root.key",
    "rsa-root.crt",
    "tsa.key",
    "tsa.crt",
];

impl DevPki {
    /// New keys and certificates: roots valid ten years from a day before
    /// `now`, and the TSA for as long.
    pub fn generate(now: OffsetDateTime) -> Result<DevPki, PkiError> {
        let not_before = now - BACKDATE;
        let not_after = not_before + Duration::days(ROOT_DAYS);
        let root = |kind: KeyKind, name: &str| -> Result<Issued, PkiError> {
            let pair = keys::generate(kind.algorithm())?;
            let public_key = public_key(&pair.public_pem)?;
            let spki = public_key.to_der().map_err(PkiError::der("root key"))?;
            let signer = KeySigner::from_pem(kind, &pair.private_pem, spki)?;
            let subject = ca::dev_name(name)?;
            let blueprint = Blueprint {
                role: Role::Root,
                subject: subject.clone(),
                public_key,
                serial: ca::serial(random_serial()?)?,
                not_before,
                not_after,
            };
            Issued::new(pair.private_pem, &ca::issue(blueprint, &subject, &signer)?)
        };
        let sm2_root = root(KeyKind::Sm2, "InfoPlus Dev SM2 Root CA")?;
        let ecdsa_root = root(KeyKind::EcdsaP256, "InfoPlus Dev ECDSA Root CA")?;
        let rsa_root = root(KeyKind::Rsa, "InfoPlus Dev RSA Root CA")?;
        let tsa_pair = keys::generate(Algorithm::EcdsaP256)?;
        let tsa_certificate = ecdsa_root.issue(
            KeyKind::EcdsaP256,
            Blueprint {
                role: Role::Tsa,
                subject: ca::dev_name("InfoPlus Dev Timestamp Authority")?,
                public_key: public_key(&tsa_pair.public_pem)?,
                serial: ca::serial(random_serial()?)?,
                not_before,
                not_after,
            },
        )?;
        let tsa = Issued::new(tsa_pair.private_pem, &tsa_certificate)?;
        Ok(DevPki {
            sm2_root,
            ecdsa_root,
            rsa_root,
            tsa,
        })
    }

    /// The PEM bundle of the three roots (served at `/dev/trust-roots.pem`);
    /// the TSA chains to the ECDSA root.
    pub fn roots_pem(&self) -> String {
        [&self.sm2_root, &self.ecdsa_root, &self.rsa_root]
            .iter()
            .map(|r| r.cert_pem.as_str())
            .collect()
    }

    /// The root that issues certificates for seals of `kind`: SM2 for SM2,
    /// RSA for RSA, ECDSA for ECDSA and Ed25519 (no Ed25519 root: one
    /// classic-curve root is enough to test a mixed chain).
    pub fn root_for(&self, kind: KeyKind) -> &Issued {
        match root_kind(kind) {
            KeyKind::Sm2 => &self.sm2_root,
            KeyKind::Rsa => &self.rsa_root,
            KeyKind::EcdsaP256 | KeyKind::Ed25519 => &self.ecdsa_root,
        }
    }

    /// A certificate for a seal's public key (SubjectPublicKeyInfo PEM):
    /// subject `C=CN, O=InfoPlus Dev, CN=<seal_name>`, keyUsage
    /// digitalSignature and nonRepudiation, SKI and AKI, valid five years
    /// from a day before `now`. The returned `key_pem` is empty.
    pub fn issue_seal_certificate(
        &self,
        kind: KeyKind,
        seal_public_key_pem: &str,
        seal_name: &str,
        serial: u64,
        now: OffsetDateTime,
    ) -> Result<Issued, PkiError> {
        let public_key = public_key(seal_public_key_pem)?;
        if !kind.holds(&public_key) {
            return Err(PkiError::KeyMismatch {
                expected: kind.name(),
                found: public_key.algorithm.oid.to_string(),
            });
        }
        let not_before = now - BACKDATE;
        let certificate = self.root_for(kind).issue(
            root_kind(kind),
            Blueprint {
                role: Role::Seal,
                subject: ca::dev_name(seal_name)?,
                public_key,
                serial: ca::serial(serial)?,
                not_before,
                not_after: not_before + Duration::days(SEAL_DAYS),
            },
        )?;
        Issued::new(String::new(), &certificate)
    }

    /// Every key and certificate as `(name, PEM)`, for storage.
    pub fn to_pems(&self) -> Vec<(String, String)> {
        let pieces = [
            &self.sm2_root.key_pem,
            &self.sm2_root.cert_pem,
            &self.ecdsa_root.key_pem,
            &self.ecdsa_root.cert_pem,
            &self.rsa_root.key_pem,
            &self.rsa_root.cert_pem,
            &self.tsa.key_pem,
            &self.tsa.cert_pem,
        ];
        PEM_NAMES
            .iter()
            .zip(pieces)
            .map(|(name, pem)| ((*name).to_owned(), pem.clone()))
            .collect()
    }

    /// The inverse of [`DevPki::to_pems`]; checks every key can sign.
    pub fn from_pems(pems: &[(String, String)]) -> Result<DevPki, PkiError> {
        let find = |name: &str| {
            pems.iter()
                .find(|(n, _)| n == name)
                .map(|(_, pem)| pem.as_str())
                .ok_or_else(|| PkiError::Missing(name.to_owned()))
        };
        let load = |stem: &str, kind: KeyKind| -> Result<Issued, PkiError> {
            let issued =
                Issued::from_pems(find(&format!("{stem}.key"))?, find(&format!("{stem}.crt"))?)?;
            issued.signer(kind)?;
            Ok(issued)
        };
        Ok(DevPki {
            sm2_root: load("sm2-root", KeyKind::Sm2)?,
            ecdsa_root: load("ecdsa-root", KeyKind::EcdsaP256)?,
            rsa_root: load("rsa-root", KeyKind::Rsa)?,
            tsa: load("tsa", KeyKind::EcdsaP256)?,
        })
    }
}

/// The kind of the root that issues for seals of `kind`.
fn root_kind(kind: KeyKind) -> KeyKind {
    match kind {
        KeyKind::Sm2 => KeyKind::Sm2,
        KeyKind::Rsa => KeyKind::Rsa,
        KeyKind::EcdsaP256 | KeyKind::Ed25519 => KeyKind::EcdsaP256,
    }
}

fn public_key(pem: &str) -> Result<SubjectPublicKeyInfoOwned, PkiError> {
    SubjectPublicKeyInfoOwned::from_pem(pem).map_err(PkiError::der("public key PEM"))
}

/// A random positive serial for the authorities' own certificates.
fn random_serial() -> Result<u64, PkiError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(PkiError::build("serial number"))?;
    Ok(u64::from_be_bytes(bytes).max(1))
}

#[cfg(test)]
mod tests;
