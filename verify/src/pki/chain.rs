//! Building a path from a signer's certificate to a configured root and
//! judging it at one time (spec §6a: the signing time).
//!
//! The search is depth-first over every candidate issuer (subject Name =
//! issuer Name, and AKI = SKI when both are present) from the CMS's
//! certificates, the store's intermediates and its roots. Each path that
//! ends at a configured root is judged; the best judgement wins
//! (`trusted` > `expired` > `not-yet-valid` > `chain-invalid`). Only when
//! no path reaches a root is the answer `self-signed` or `unknown-issuer`.
//! Revocation is not checked (the caller reports that).

use super::certificate::{Certificate, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_NON_REPUDIATION};
use super::trust::TrustStore;
use crate::algorithm::{SignatureAlgorithm, Signed, Verification};
use crate::hash::Hash;
use crate::key::PublicKey;
use crate::oid;
use crate::verdict_pdf::{Identity, Warning};

/// At most this many certificates in a path, leaf and root included.
pub const MAX_PATH_DEPTH: usize = 8;

/// At most this many candidate issuers tried in one search: a pool of
/// certificates crafted to share names cannot make the search explode.
pub const MAX_CANDIDATES: usize = 50;

/// What the leaf certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A document signature: keyUsage without digitalSignature and
    /// nonRepudiation is a warning, not a failure.
    Signing,
    /// A timestamp authority's certificate: id-kp-timeStamping is required
    /// (RFC 3161 §2.3).
    Timestamping,
}

/// The judgement and short warning codes; for the tests, the path it is
/// about (leaf first, up to the root when one was reached).
#[derive(Debug, Clone)]
pub struct ChainResult {
    pub identity: Identity,
    /// The path judged, leaf first (the configured root last when it
    /// reached one); without one, the longest path that could be built.
    pub chain: Vec<Certificate>,
    pub warnings: Vec<Warning>,
}

/// Lower is better.
fn rank(identity: Identity) -> u8 {
    match identity {
        Identity::Trusted => 0,
        Identity::Expired => 1,
        Identity::NotYetValid => 2,
        Identity::ChainInvalid => 3,
        Identity::SelfSigned => 4,
        Identity::UnknownIssuer => 5,
        Identity::NoCertificate => 6,
        // Never a chain's own answer: revocation is checked afterwards.
        Identity::Revoked => 7,
    }
}

/// Did `issuer`'s key sign `child` (a delegated OCSP responder's
/// certificate, say)?
pub(crate) fn issued_by(child: &Certificate, issuer: &Certificate) -> bool {
    signed_by(child, issuer).is_some()
}

/// Did `issuer`'s key sign `child`? `Some(true)` when only with the empty
/// SM2 id; `None` when it did not (or the algorithm is not one we verify).
fn signed_by(child: &Certificate, issuer: &Certificate) -> Option<(bool, bool)> {
    let (oid, parameters) = &child.signature_algorithm;
    let algorithm = SignatureAlgorithm::from_x509(oid, parameters.as_deref()).ok()?;
    let sha1 = algorithm.hash == Hash::Sha1;
    let key = PublicKey::from_spki(&issuer.spki_der).ok()?;
    match algorithm.verify(&key, &Signed::Pieces(&[&child.tbs_der]), &child.signature) {
        Ok(Verification::Valid) => Some((false, sha1)),
        Ok(Verification::ValidWithEmptySm2Id) => Some((true, sha1)),
        _ => None,
    }
}

/// May `issuer` issue certificates? basicConstraints CA, or a self-issued
/// v1 certificate (no extensions at all: OpenSSL treats those as CAs).
fn acts_as_ca(issuer: &Certificate) -> bool {
    match issuer.basic_constraints {
        Some((ca, _)) => ca,
        None => issuer.version == 0 && issuer.is_self_issued(),
    }
}

/// Could `candidate` have issued `child`, by name and key identifier?
fn may_have_issued(candidate: &Certificate, child: &Certificate) -> bool {
    if let (Some(aki), Some(ski)) = (&child.authority_key_id, &candidate.subject_key_id) {
        if aki != ski {
            return false;
        }
    }
    super::name::same_name(&candidate.subject_der, &child.issuer_der)
}

struct Search<'a> {
    pool: &'a [Certificate],
    trust: &'a TrustStore,
    at: i64,
    purpose: Purpose,
    tried: usize,
    best: Option<(Identity, Vec<&'a Certificate>, Vec<Warning>)>,
    longest_dead_end: Vec<&'a Certificate>,
}

impl<'a> Search<'a> {
    fn done(&self) -> bool {
        matches!(self.best, Some((Identity::Trusted, ..)))
    }

    fn extend(&mut self, path: &mut Vec<&'a Certificate>) {
        let Some(&last) = path.last() else {
            return;
        };
        if let Some(root) = self.trust.anchor_for(last) {
            let mut anchored = path.clone();
            // The configured root, not a look-alike copy from the CMS, is
            // judged (its validity in particular). The leaf stays itself.
            if anchored.len() > 1 {
                anchored.pop();
                anchored.push(root);
            }
            self.judge(anchored);
            return;
        }
        if path.len() > self.longest_dead_end.len() {
            self.longest_dead_end = path.clone();
        }
        if path.len() >= MAX_PATH_DEPTH {
            return;
        }
        let trust = self.trust;
        let candidates = self
            .pool
            .iter()
            .chain(trust.intermediates())
            .chain(trust.roots());
        for candidate in candidates {
            if self.done() || self.tried >= MAX_CANDIDATES {
                return;
            }
            let in_path = path.iter().any(|c| {
                c.der == candidate.der
                    || (c.subject_der == candidate.subject_der && c.spki_der == candidate.spki_der)
            });
            if in_path || !may_have_issued(candidate, last) {
                continue;
            }
            self.tried += 1;
            path.push(candidate);
            self.extend(path);
            path.pop();
        }
    }

    /// Judge a path that ends at a configured root.
    fn judge(&mut self, path: Vec<&'a Certificate>) {
        let mut warnings = Vec::new();
        let identity = judge_path(&path, self.at, self.purpose, &mut warnings);
        let better = match &self.best {
            Some((best, ..)) => rank(identity) < rank(*best),
            None => true,
        };
        if better {
            self.best = Some((identity, path, warnings));
        }
    }
}

fn judge_path(
    path: &[&Certificate],
    at: i64,
    purpose: Purpose,
    warnings: &mut Vec<Warning>,
) -> Identity {
    let mut broken = false;
    let mut warn = |code: Warning| {
        if !warnings.contains(&code) {
            warnings.push(code);
        }
    };
    for (index, pair) in path.windows(2).enumerate() {
        let [child, issuer] = pair else { continue };
        match signed_by(child, issuer) {
            Some((empty_id, sha1)) => {
                if empty_id {
                    warn(Warning::Sm2EmptyId);
                }
                if sha1 {
                    warn(Warning::Sha1InChain);
                }
            }
            None => broken = true,
        }
        let may_sign_certificates = issuer.key_usage.is_none_or(|ku| ku & KU_KEY_CERT_SIGN != 0);
        if !acts_as_ca(issuer) || !may_sign_certificates {
            broken = true;
        }
        // pathLenConstraint: the CA certificates between the leaf and this
        // issuer, self-issued ones not counted (RFC 5280 §4.2.1.9).
        if let Some((_, Some(limit))) = issuer.basic_constraints {
            let below = path
                .get(1..=index)
                .unwrap_or_default()
                .iter()
                .filter(|c| !c.is_self_issued())
                .count();
            if below > usize::try_from(limit).unwrap_or(usize::MAX) {
                broken = true;
            }
        }
    }
    if let Some(leaf) = path.first() {
        match purpose {
            Purpose::Signing => {
                if leaf
                    .key_usage
                    .is_some_and(|ku| ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) == 0)
                {
                    warn(Warning::KeyUsageMissing);
                }
            }
            Purpose::Timestamping => {
                if !leaf
                    .extended_key_usage
                    .iter()
                    .any(|eku| oid::is(eku, oid::KP_TIME_STAMPING))
                {
                    warn(Warning::TimestampingEkuMissing);
                    broken = true;
                }
            }
        }
    }
    if broken {
        return Identity::ChainInvalid;
    }
    for certificate in path {
        if at < certificate.not_before {
            return Identity::NotYetValid;
        }
        if at > certificate.not_after {
            return Identity::Expired;
        }
    }
    Identity::Trusted
}

/// Build a path from `leaf` through `pool` (the CMS's certificates) and the
/// store's intermediates to one of the store's roots, judged at `at`
/// (seconds since the epoch).
pub fn validate_chain(
    leaf: &Certificate,
    pool: &[Certificate],
    trust: &TrustStore,
    at: i64,
    purpose: Purpose,
) -> ChainResult {
    let mut search = Search {
        pool,
        trust,
        at,
        purpose,
        tried: 0,
        best: None,
        longest_dead_end: Vec::new(),
    };
    let mut path = vec![leaf];
    search.extend(&mut path);
    if let Some((identity, path, warnings)) = search.best {
        return ChainResult {
            identity,
            chain: path.into_iter().cloned().collect(),
            warnings,
        };
    }
    let mut warnings = Vec::new();
    if purpose == Purpose::Signing
        && leaf
            .key_usage
            .is_some_and(|ku| ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) == 0)
    {
        warnings.push(Warning::KeyUsageMissing);
    }
    let self_signed = leaf.is_self_issued() && signed_by(leaf, leaf).is_some();
    ChainResult {
        identity: if self_signed {
            Identity::SelfSigned
        } else {
            Identity::UnknownIssuer
        },
        chain: search.longest_dead_end.into_iter().cloned().collect(),
        warnings,
    }
}
