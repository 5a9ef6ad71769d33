//! One verification run over one document: the document is read once
//! ([`Document::read`]: size limit, PDF header, the PDF's signatures), each
//! signature's `/Contents` parsed once ([`Run::new`]), the digests planned
//! once ([`Run::planned_digests`], so the browser's worker can compute
//! them with WebCrypto first), and then two steps, merged in one place
//! (`VerifyReport::merged`):
//!
//! 1. [`Run::seals`]: the raw seals (§6), over the document's bytes;
//! 2. [`Run::pdf`]: the PDF's own signatures (§6a, §6b) and the seals that
//!    are PDF signatures.
//!
//! The worker sends each step's answer as soon as it has it: reading a
//! hostile PDF is the risky part, and if it brings the worker down, the
//! seals' verdicts are already out. `seal-verify` runs both at once
//! ([`verify_all`]).

use crate::cms::{self, CmsError, Contents};
use crate::digest::{Digests, Ranges};
use crate::embedded::{self, seals, signed_ranges, Context, ValidationTime};
use crate::hash::Hash;
use crate::model::Signature;
use crate::pdf::dss::ValidationData;
use crate::pdf::{self, Inspection};
use crate::pki::TrustStore;
use crate::seal::{seal_algorithm, verify_seal};
use crate::verdict::{PdfReport, SealReport, SealVerdict, VerifyReport};

pub use crate::verdict::DEFAULT_MAX_DOCUMENT_BYTES;

/// What the caller configures.
#[derive(Debug, Clone)]
pub struct Options {
    /// `max-document-bytes`: larger documents are not read.
    pub limit: u64,
    /// PEM bundles of trusted roots and of extra intermediates (§6a).
    pub roots_pem: Vec<String>,
    pub intermediates_pem: Vec<String>,
    /// Also trust every certificate the document itself carries (a
    /// diagnostic for `seal-verify`: whether each signature holds and its
    /// chain is sound at its signing time, whoever the CA is).
    pub trust_document_certificates: bool,
    pub at: ValidationTime,
    /// Revocation data fetched for this verification (`seal-verify
    /// --online`, see `online::fetch_revocation`): `source: online`.
    pub online: ValidationData,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: DEFAULT_MAX_DOCUMENT_BYTES,
            roots_pem: Vec::new(),
            intermediates_pem: Vec::new(),
            trust_document_certificates: false,
            at: ValidationTime::Signing,
            online: ValidationData::default(),
        }
    }
}

/// The document, read once.
pub struct Document<'d> {
    bytes: &'d [u8],
    /// Why the document is not verified at all (too large, not a PDF).
    refusal: Option<SealVerdict>,
    /// What the PDF says about its signatures, or why it cannot be read;
    /// `None` when refused.
    inspection: Option<Result<Inspection, String>>,
}

impl<'d> Document<'d> {
    /// Check the size and the header, and read the PDF's signatures.
    pub fn read(bytes: &'d [u8], limit: u64) -> Document<'d> {
        let refusal = refusal(bytes, limit);
        let inspection = refusal.is_none().then(|| pdf::inspect_signatures(bytes));
        Document {
            bytes,
            refusal,
            inspection,
        }
    }

    fn signatures(&self) -> &[pdf::EmbeddedSignature] {
        match &self.inspection {
            Some(Ok(inspection)) => &inspection.signatures,
            _ => &[],
        }
    }
}

/// Why the document is not verified at all, if it is not.
fn refusal(document: &[u8], limit: u64) -> Option<SealVerdict> {
    let size = u64::try_from(document.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Some(SealVerdict::TooLarge {
            limit,
            size: Some(size),
        });
    }
    if !pdf::is_pdf(document) {
        return Some(SealVerdict::NotPdf {
            detail: "the document does not start with a PDF header (%PDF-)".to_owned(),
        });
    }
    None
}

/// A verification of one Signature's seals against one document.
pub struct Run<'r> {
    document: &'r Document<'r>,
    signature: &'r Signature,
    trust: TrustStore,
    trust_problems: bool,
    at: ValidationTime,
    digests: Digests,
    /// Each embedded signature's `/Contents`, parsed once.
    parsed: Vec<Option<Result<Contents<'r>, CmsError>>>,
    /// Revocation data fetched for this run (`Options::online`).
    online: ValidationData,
}

impl<'r> Run<'r> {
    pub fn new(document: &'r Document<'r>, signature: &'r Signature, options: &Options) -> Run<'r> {
        let mut trust = TrustStore::new();
        let mut problems = Vec::new();
        for pem in &options.roots_pem {
            problems.extend(trust.add_roots_pem(pem));
        }
        for pem in &options.intermediates_pem {
            problems.extend(trust.add_intermediates_pem(pem));
        }
        let parsed: Vec<_> = document
            .signatures()
            .iter()
            .map(|s| s.contents.as_deref().map(cms::parse))
            .collect();
        if options.trust_document_certificates {
            for der in document_certificates(document.signatures(), &parsed) {
                // A certificate that does not parse is already a warning
                // on the signature that carries it.
                let _ = trust.add_root_der(der);
            }
        }
        Run {
            document,
            signature,
            trust,
            trust_problems: !problems.is_empty(),
            at: options.at,
            digests: Digests::new(),
            parsed,
            online: options.online.clone(),
        }
    }

    /// Every certificate the document's signatures and its DSS carry.
    #[cfg(feature = "online")]
    pub(crate) fn certificates(&self) -> Vec<&[u8]> {
        let mut found = document_certificates(self.document.signatures(), &self.parsed);
        if let Some(Ok(inspection)) = &self.document.inspection {
            if let Some(dss) = &inspection.dss {
                found.extend(dss.data.certificates.iter().map(Vec::as_slice));
            }
        }
        found
    }

    #[cfg(feature = "online")]
    pub(crate) fn trust(&self) -> &TrustStore {
        &self.trust
    }

    /// The digests this run will ask for, each once: the whole document's
    /// SHA-256 first (the report names the document by it, and ECDSA and
    /// RSA seals over SHA-256 sign it), then each CMS signer's digest (or
    /// a timestamp token's imprint hash, or `adbe.pkcs7.sha1`'s SHA-1) over
    /// its ByteRange. The caller computes those it can faster than the
    /// core (WebCrypto) and hands them to [`Self::digests`].
    pub fn planned_digests(&self) -> Vec<(Hash, Ranges)> {
        let mut plan = vec![(Hash::Sha256, vec![(0, self.document.bytes.len())])];
        for (found, parsed) in self.document.signatures().iter().zip(&self.parsed) {
            let Some(ranges) = signed_ranges(found) else {
                continue;
            };
            let Some(Ok(Contents::SignedData(sd))) = parsed else {
                continue;
            };
            let hashes = sd.signers.iter().filter_map(|signer| {
                let imprint = cms::is_timestamp_token(sd)
                    .then(|| sd.content.as_deref().and_then(|c| cms::tst_info(c).ok()))
                    .flatten()
                    .and_then(|tst| cms::hash_of(&tst.hash_algorithm));
                imprint.or_else(|| cms::hash_of(&signer.digest_algorithm))
            });
            let legacy = sd.content.as_deref().is_some_and(|c| !c.is_empty())
                && !cms::is_timestamp_token(sd);
            let hashes: Vec<Hash> = if legacy {
                vec![Hash::Sha1]
            } else {
                hashes.collect()
            };
            for hash in hashes {
                let needed = (hash, ranges.clone());
                if !plan.contains(&needed) {
                    plan.push(needed);
                }
            }
        }
        plan
    }

    /// The digests known so far; the caller may add those it computed.
    pub fn digests(&self) -> &Digests {
        &self.digests
    }

    /// Step 1: the raw seals among `which` (§6). Seals that are PDF
    /// signatures are left to step 2, unless the document is refused
    /// (too large, not a PDF), which is every seal's answer.
    pub fn seals(&self, which: &[usize]) -> VerifyReport {
        if let Some(refusal) = &self.document.refusal {
            return VerifyReport::without_document(self.signature, which, refusal.clone());
        }
        let raw: Vec<usize> = which
            .iter()
            .copied()
            .filter(|&i| {
                self.signature.seals.get(i).is_some_and(|seal| {
                    seals::embedded_signature_of(seal, self.document.signatures()).is_none()
                })
            })
            .collect();
        VerifyReport::of_seals(
            self.signature,
            &raw,
            |seal| verify_seal(seal, self.document.bytes, &self.digests),
            None,
        )
    }

    /// Step 2: the PDF's report, with every embedded signature checked,
    /// and the verdicts of the seals among `which` that are PDF signatures.
    /// Nothing when the document was refused.
    pub fn pdf(&self, which: &[usize]) -> VerifyReport {
        let inspection = match &self.document.inspection {
            None => {
                return VerifyReport::of_seals(self.signature, &[], |_| SealVerdict::Unsigned, None)
            }
            Some(Err(reason)) => {
                return VerifyReport {
                    seals: Vec::new(),
                    pdf: Some(PdfReport::Unreadable {
                        reason: reason.clone(),
                    }),
                }
            }
            Some(Ok(inspection)) => inspection,
        };
        let context = Context {
            document: self.document.bytes,
            trust: &self.trust,
            at: self.at,
            digests: &self.digests,
            dss: inspection.dss.as_ref(),
            online: (!self.online.ocsps.is_empty() || !self.online.crls.is_empty())
                .then_some(&self.online),
        };
        let report = embedded::report(&context, inspection, &self.parsed, self.trust_problems);
        let listed = match &report {
            PdfReport::Parsed { signatures, .. } => signatures.as_slice(),
            PdfReport::Unreadable { .. } => &[],
        };
        let seals = which
            .iter()
            .filter_map(|&index| Some((index, self.signature.seals.get(index)?)))
            .filter(|(_, seal)| seal.is_signed())
            .filter_map(|(index, seal)| {
                let found = seals::embedded_signature_of(seal, &inspection.signatures)?;
                let embedded =
                    found.and_then(|i| Some((listed.get(i)?, inspection.signatures.get(i)?)));
                Some(SealReport {
                    index,
                    verdict: seals::verdict(seal, embedded, self.document.bytes, &self.digests),
                })
            })
            .collect();
        VerifyReport {
            seals,
            pdf: Some(report),
        }
    }
}

/// Every certificate the document carries: in each CMS (and in its
/// signature timestamp tokens) and in `/Cert`.
fn document_certificates<'a>(
    signatures: &'a [pdf::EmbeddedSignature],
    parsed: &'a [Option<Result<Contents<'a>, CmsError>>],
) -> Vec<&'a [u8]> {
    let mut found: Vec<&[u8]> = Vec::new();
    for (signature, contents) in signatures.iter().zip(parsed) {
        found.extend(signature.cert.iter().map(Vec::as_slice));
        let Some(Ok(Contents::SignedData(sd))) = contents else {
            continue;
        };
        found.extend(sd.certificates.iter().copied());
        for token in sd.signers.iter().filter_map(|s| s.timestamp_token()) {
            if let Ok(Contents::SignedData(tst)) = cms::parse(token) {
                found.extend(tst.certificates.iter().copied());
            }
        }
    }
    found
}

/// The whole run `seal-verify` does: every seal of `signature` (raw §6
/// seals over the bytes, PDF-signature seals through their embedded
/// signature) and the PDF's own signatures. A Signature without seals
/// verifies the PDF alone.
pub fn verify_all(signature: &Signature, bytes: &[u8], options: &Options) -> VerifyReport {
    let document = Document::read(bytes, options.limit);
    let run = Run::new(&document, signature, options);
    let every: Vec<usize> = (0..signature.seals.len()).collect();
    VerifyReport::merged([run.seals(&every), run.pdf(&every)])
}

/// `seals` in two groups, each in the order given: those whose check
/// hashes the document itself (SM2, which signs SM3(Z ‖ M); EdDSA, which
/// signs the message), and the others, which take a digest of the
/// document from [`Digests`]. The worker checks the first group while the
/// document's SHA-256 is still being computed on another thread.
pub fn seals_by_document_sha256(
    signature: &Signature,
    seals: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    seals.iter().partition(|&&i| {
        signature
            .seals
            .get(i)
            .and_then(seal_algorithm)
            .is_some_and(|a| a.hashes_the_message_itself())
    })
}

/// The report when the document is not there to verify: every signed seal
/// gets `reason` (`Unavailable` when it could not be fetched, `TooLarge`
/// when its announced size is over the limit), unsigned seals stay
/// `Unsigned`, and there is no PDF report.
pub fn report_without_document(signature: &Signature, reason: SealVerdict) -> VerifyReport {
    let every: Vec<usize> = (0..signature.seals.len()).collect();
    VerifyReport::without_document(signature, &every, reason)
}
