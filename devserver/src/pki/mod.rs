//! The reference provider's PKI (spec §6a): three roots (SM2, ECDSA P-256,
//! RSA), certificates for the seals, detached CMS signatures over a PDF's
//! ByteRange or GB/T 38540 seal signatures (§6d), a timestamp
//! authority for those signatures, and revocation data (§6c): a delegated
//! OCSP responder per root and the roots' CRLs.
//!
//! Pure functions over keys, times and bytes: the caller supplies the clock
//! and serial numbers and stores the results (as PEM, see
//! [`DevPki::to_pems`]). Key generation uses the OS CSPRNG via `keys`.

mod asn1;
mod authority;
mod ca;
mod cms;
mod crl;
mod error;
mod issued;
mod kind;
mod ocsp;
pub(crate) mod ocsp_asn1;
mod oids;
mod pems;
mod responders;
mod ses;
mod signer;
mod tsa;

use der::{DecodePem, Encode};
use spki::SubjectPublicKeyInfoOwned;
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier};
use x509_cert::Certificate;

use crate::keys::{self, Algorithm};
use ca::{Blueprint, RevocationUrls, Role};
use signer::KeySigner;

pub use authority::RootCa;
pub use cms::{sign_cms, CmsRequest};
pub use crl::{crl, CrlEntry};
pub use error::PkiError;
pub use issued::Issued;
pub use kind::KeyKind;
pub use ocsp::{
    internal_error_response, malformed_response, query_for_certificate, read_request, respond,
    OcspQuery, SerialStatus,
};
pub use ses::{sign_ses, SesRequest};
pub use tsa::timestamp_token;

/// Roots and the TSA live ten years, seals five (in days, leap days
/// included), all from a day before "now" so a verifier whose clock is a
/// little behind still sees them valid.
const ROOT_DAYS: i64 = 3653;
const SEAL_DAYS: i64 = 1827;
const BACKDATE: Duration = Duration::days(1);

/// The dev provider's authorities. The TSA is issued by the ECDSA root,
/// each OCSP responder by its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevPki {
    pub sm2_root: Issued,
    pub ecdsa_root: Issued,
    pub rsa_root: Issued,
    pub tsa: Issued,
    pub sm2_ocsp: Issued,
    pub ecdsa_ocsp: Issued,
    pub rsa_ocsp: Issued,
}

impl DevPki {
    /// New keys and certificates: roots valid ten years from a day before
    /// `now`, and the TSA and the OCSP responders for as long.
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
                revocation_urls: None,
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
                revocation_urls: None,
            },
        )?;
        let tsa = Issued::new(tsa_pair.private_pem, &tsa_certificate)?;
        Ok(DevPki {
            sm2_ocsp: responders::issue_responder(&sm2_root, RootCa::Sm2, now)?,
            ecdsa_ocsp: responders::issue_responder(&ecdsa_root, RootCa::Ecdsa, now)?,
            rsa_ocsp: responders::issue_responder(&rsa_root, RootCa::Rsa, now)?,
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

    /// The root that issues certificates for seals of `kind` (see
    /// [`RootCa::for_kind`]).
    pub fn root_for(&self, kind: KeyKind) -> &Issued {
        self.root(RootCa::for_kind(kind))
    }

    pub fn root(&self, ca: RootCa) -> &Issued {
        match ca {
            RootCa::Sm2 => &self.sm2_root,
            RootCa::Ecdsa => &self.ecdsa_root,
            RootCa::Rsa => &self.rsa_root,
        }
    }

    /// The root's delegated OCSP responder.
    pub fn responder(&self, ca: RootCa) -> &Issued {
        match ca {
            RootCa::Sm2 => &self.sm2_ocsp,
            RootCa::Ecdsa => &self.ecdsa_ocsp,
            RootCa::Rsa => &self.rsa_ocsp,
        }
    }

    /// The root that issued `certificate`: its subject is the issuer and
    /// its key identifier the authority key identifier (another devserver's
    /// roots have the same names, not the same keys).
    pub fn issuer_of(&self, certificate: &Certificate) -> Option<RootCa> {
        let tbs = certificate.tbs_certificate();
        let aki = tbs
            .get_extension::<AuthorityKeyIdentifier>()
            .ok()
            .flatten()
            .and_then(|(_, aki)| aki.key_identifier)?;
        RootCa::ALL.into_iter().find(|ca| {
            self.root(*ca).certificate().is_ok_and(|root| {
                let root = root.tbs_certificate();
                let ski = root.get_extension::<SubjectKeyIdentifier>().ok().flatten();
                root.subject() == tbs.issuer() && ski.is_some_and(|(_, ski)| ski.0 == aki)
            })
        })
    }

    /// [`DevPki::issue_seal_certificate_for_origin`] without revocation
    /// URLs.
    pub fn issue_seal_certificate(
        &self,
        kind: KeyKind,
        seal_public_key_pem: &str,
        seal_name: &str,
        serial: u64,
        now: OffsetDateTime,
    ) -> Result<Issued, PkiError> {
        self.issue_seal_certificate_for_origin(
            kind,
            seal_public_key_pem,
            seal_name,
            serial,
            now,
            None,
        )
    }

    /// A certificate for a seal's public key (SubjectPublicKeyInfo PEM):
    /// subject `C=CN, O=InfoPlus Dev, CN=<seal_name>`, keyUsage
    /// digitalSignature and nonRepudiation, SKI and AKI, valid five years
    /// from a day before `now`; with an `origin` (`http://host:port`, the
    /// devserver as clients reach it) also authorityInfoAccess and
    /// cRLDistributionPoints naming its root's OCSP responder and CRL
    /// there. The returned `key_pem` is empty.
    pub fn issue_seal_certificate_for_origin(
        &self,
        kind: KeyKind,
        seal_public_key_pem: &str,
        seal_name: &str,
        serial: u64,
        now: OffsetDateTime,
        origin: Option<&str>,
    ) -> Result<Issued, PkiError> {
        let public_key = public_key(seal_public_key_pem)?;
        if !kind.holds(&public_key) {
            return Err(PkiError::KeyMismatch {
                expected: kind.name(),
                found: public_key.algorithm.oid.to_string(),
            });
        }
        let not_before = now - BACKDATE;
        let ca = RootCa::for_kind(kind);
        let certificate = self.root(ca).issue(
            ca.kind(),
            Blueprint {
                role: Role::Seal,
                subject: ca::dev_name(seal_name)?,
                public_key,
                serial: ca::serial(serial)?,
                not_before,
                not_after: not_before + Duration::days(SEAL_DAYS),
                revocation_urls: origin.map(|origin| RevocationUrls {
                    ocsp: ca.ocsp_url(origin),
                    crl: ca.crl_url(origin),
                }),
            },
        )?;
        Issued::new(String::new(), &certificate)
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
pub(crate) mod tests;
