//! What a verification found, as data. These types are always compiled (the
//! control shows them and carries them across the worker boundary as JSON);
//! the code that produces them lives behind the `verify` feature.

use serde::{Deserialize, Serialize};

use crate::model::{Seal, Signature};
use crate::verdict_pdf::{DocumentVerdict, SignatureCheck, Warning};

/// The spec's default for `max-document-bytes` (§6): 20 MiB. Here, not in
/// `verify`, because the control needs it without the verify feature.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// The outcome of verifying one seal (spec §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum SealVerdict {
    /// The signature is good over the exact document bytes.
    Valid(ValidSeal),
    /// The document changed since sealing, or another key signed it.
    Invalid {
        algorithm: String,
        #[serde(rename = "keyFingerprint")]
        key_fingerprint: Option<String>,
        /// For a seal that is a PDF signature (§6a): its field's name.
        #[serde(rename = "pdfSignature", skip_serializing_if = "Option::is_none")]
        pdf_signature: Option<String>,
    },
    /// A seal that is a PDF signature (§6a): intact, but its signer is not
    /// trusted or what changed since cannot be vouched for. The details are
    /// in the PDF report's signature named `pdf_signature`.
    Indeterminate {
        algorithm: String,
        #[serde(rename = "pdfSignature")]
        pdf_signature: String,
    },
    /// The seal names an algorithm we do not implement.
    Unsupported { algorithm: String },
    /// The key or the signature cannot be read.
    Malformed { part: MalformedPart, detail: String },
    /// The document could not be fetched.
    Unavailable { reason: String },
    /// The document is not a PDF.
    NotPdf { detail: String },
    /// The document is larger than the limit.
    TooLarge { limit: u64, size: Option<u64> },
    /// The seal has no signature yet.
    Unsigned,
}

/// Details of a valid seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidSeal {
    /// Canonical algorithm name (`SM2withSM3`, `SHA256withECDSA`, …).
    pub algorithm: String,
    /// SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex.
    pub key_fingerprint: String,
    /// Present when the key was given as an X.509 certificate.
    pub certificate: Option<CertificateInfo>,
    /// `Some(true/false)` when `permission.signers` restricts who may sign;
    /// `None` when it does not.
    pub signer_allowed: Option<bool>,
    /// For a seal that is a PDF signature (§6a): its field's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_signature: Option<String>,
}

/// Which part of a seal could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MalformedPart {
    Key,
    Signature,
}

/// What a certificate says about its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateInfo {
    pub subject: String,
    pub issuer: String,
    /// RFC 3339 UTC.
    pub not_before: String,
    pub not_after: String,
}

/// One seal's verdict, with its index in `Signature.seals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealReport {
    pub index: usize,
    #[serde(flatten)]
    pub verdict: SealVerdict,
}

/// What the PDF itself says (spec §6, last bullets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum PdfReport {
    /// The file parsed.
    Parsed {
        /// §6a: the worst of the signatures' statuses; `None` when the
        /// signatures were only listed, not verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        verdict: Option<DocumentVerdict>,
        pages: u32,
        signatures: Vec<PdfSignature>,
        /// Opened with the empty user password (§6b).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        encrypted: bool,
        /// About the file as a whole (`xref-reconstructed`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        warnings: Vec<Warning>,
    },
    /// The file did not parse; the reason in words.
    Unreadable { reason: String },
}

/// An embedded PDF signature (`/FT /Sig` field with its `/V` dictionary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PdfSignature {
    /// The field's full name (its `/T` and its parents', joined with `.`).
    pub field: Option<String>,
    /// Other fields whose `/V` is this same signature dictionary (§6b:
    /// one signature, every field named).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_fields: Vec<String>,
    pub signer: Option<String>,
    /// `/M` as written in the file (PDF date string).
    pub time: Option<String>,
    pub reason: Option<String>,
    pub sub_filter: Option<String>,
    pub byte_range: Option<Vec<i64>>,
    /// Four non-negative integers, first 0, ranges inside the file.
    pub byte_range_well_formed: bool,
    /// Where the signature shows; `None` for an invisible signature (no
    /// widget with a rectangle on a page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widget: Option<Widget>,
    /// The revision it signed (1 for the file's first), when it signed a
    /// whole revision: its signed version is the file up to the end of its
    /// `/ByteRange`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// The signed ranges reach the end of the file: nothing was appended
    /// after signing. When false: "changed after this signature".
    pub covers_whole_file: bool,
    /// §6a: what verifying the signature found; `None` when it was only
    /// listed.
    #[serde(flatten)]
    pub check: Option<SignatureCheck>,
}

/// Where a signature shows: the page of its widget (1-based, in page tree
/// order, as readers number pages) and the widget's rectangle in that
/// page's default user space (points, origin at the bottom left),
/// normalised so that `x1 ≤ x2` and `y1 ≤ y2`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Widget {
    pub page: u32,
    pub rect: [f64; 4],
}

/// The reader keeps only finite numbers in a rectangle, so equality is one.
impl Eq for Widget {}

impl PdfSignature {
    /// Where the version it signed ends (the end of its `/ByteRange`) and
    /// which revision that is, when it signed a whole revision: its signed
    /// version is the file's first `end` bytes.
    pub fn signed_version(&self) -> Option<(u64, u32)> {
        let revision = self.revision?;
        if !self.byte_range_well_formed {
            return None;
        }
        let [_, _, start, length] = self.byte_range.as_deref()? else {
            return None;
        };
        let end = u64::try_from(start.checked_add(*length)?).ok()?;
        Some((end, revision))
    }
}

/// The whole answer of one verification run, or of one of its steps (the
/// worker sends one per step; [`VerifyReport::merged`] makes them one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub seals: Vec<SealReport>,
    pub pdf: Option<PdfReport>,
}

impl SealVerdict {
    /// The short name used on the wire, in events and by `seal-verify --json`.
    pub fn name(&self) -> &'static str {
        match self {
            SealVerdict::Valid(_) => "valid",
            SealVerdict::Invalid { .. } => "invalid",
            SealVerdict::Indeterminate { .. } => "indeterminate",
            SealVerdict::Unsupported { .. } => "unsupported",
            SealVerdict::Malformed { .. } => "malformed",
            SealVerdict::Unavailable { .. } => "unavailable",
            SealVerdict::NotPdf { .. } => "not-pdf",
            SealVerdict::TooLarge { .. } => "too-large",
            SealVerdict::Unsigned => "unsigned",
        }
    }

    pub fn is_valid(&self) -> bool {
        matches!(self, SealVerdict::Valid(_))
    }

    /// For a seal that is a PDF signature (§6a): its field's name.
    pub fn pdf_signature(&self) -> Option<&str> {
        match self {
            SealVerdict::Valid(valid) => valid.pdf_signature.as_deref(),
            SealVerdict::Invalid { pdf_signature, .. } => pdf_signature.as_deref(),
            SealVerdict::Indeterminate { pdf_signature, .. } => Some(pdf_signature),
            _ => None,
        }
    }
}

impl VerifyReport {
    /// A report for the seals at `seals` (indices naming no seal are
    /// skipped): signed seals get `signed(seal)`, unsigned ones `Unsigned`.
    pub fn of_seals(
        signature: &Signature,
        seals: &[usize],
        signed: impl Fn(&Seal) -> SealVerdict,
        pdf: Option<PdfReport>,
    ) -> VerifyReport {
        let seals = seals
            .iter()
            .filter_map(|&index| signature.seals.get(index).map(|seal| (index, seal)))
            .map(|(index, seal)| SealReport {
                index,
                verdict: if seal.is_signed() {
                    signed(seal)
                } else {
                    SealVerdict::Unsigned
                },
            })
            .collect();
        VerifyReport { seals, pdf }
    }

    /// One report from the answers of a verification's steps, in the one
    /// place they are merged: the raw seals' verdicts (step 1), then the PDF
    /// report and the verdicts of the seals that are PDF signatures (step
    /// 2). A seal answered twice keeps its last answer; the seals come out
    /// in the order of their indices.
    pub fn merged(steps: impl IntoIterator<Item = VerifyReport>) -> VerifyReport {
        let mut report = VerifyReport {
            seals: Vec::new(),
            pdf: None,
        };
        for step in steps {
            for seal in step.seals {
                match report.seals.iter_mut().find(|s| s.index == seal.index) {
                    Some(slot) => *slot = seal,
                    None => report.seals.push(seal),
                }
            }
            report.pdf = step.pdf.or(report.pdf);
        }
        report.seals.sort_by_key(|s| s.index);
        report
    }

    /// The report when the document is not there to verify (it could not be
    /// fetched, or it is too large): every signed seal gets `reason`.
    pub fn without_document(
        signature: &Signature,
        seals: &[usize],
        reason: SealVerdict,
    ) -> VerifyReport {
        VerifyReport::of_seals(signature, seals, |_| reason.clone(), None)
    }
}
