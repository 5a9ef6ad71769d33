//! What the views show about the PDF's own signatures (spec §6a), as plain
//! data and words: the document's banner and one card per embedded
//! signature. Pure, tested natively; rendered by the verify part.

use infoplus_signature_core::verdict::{PdfReport, PdfSignature};
use infoplus_signature_core::verdict_pdf::{wire_name, Coverage, DocumentVerdict, SignatureCheck};

use super::names::{common_name, FingerprintModel, NameModel};
use super::pdf_seal_model::PdfSealModel;
use super::time::{local_time, Zone};
use crate::audit::Audit;
use crate::i18n::Lang;

/// The document's banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerModel {
    /// `data-verdict`: `valid`, `indeterminate`, `invalid` or `unsigned`.
    pub verdict: String,
    pub text: String,
    /// A trust bundle that could not be used, in words.
    pub trust_problem: Option<String>,
    pub document_sha256: Option<String>,
    /// About the file itself (encrypted, rebuilt cross-references).
    pub notes: Vec<String>,
}

/// One embedded signature that was verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureModel {
    /// `data-status`: `valid`, `indeterminate` or `invalid`.
    pub status: String,
    /// "Valid signature · Signature1".
    pub headline: String,
    /// Lines in words, in the order shown; text from the document is
    /// carried as text and rendered as text.
    pub lines: Vec<String>,
    pub warnings: Vec<String>,
    /// The electronic seal an SES signature carries (§6d).
    pub seal: Option<PdfSealModel>,
    /// Who signed and who vouches for them: short, the full name on request.
    pub names: Vec<NameModel>,
    /// The signer's certificate's SHA-256, short, copied whole.
    pub fingerprint: Option<FingerprintModel>,
    /// "On page 2", or that it shows on no page.
    pub place: String,
    /// The version of the document it signed, when it signed a whole
    /// revision.
    pub signed_version: Option<SignedVersion>,
}

/// The version of the document a signature signed: the file's first `end`
/// bytes (its revision `revision`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedVersion {
    pub end: u64,
    pub revision: u32,
    /// The link's words.
    pub label: String,
    /// What the file is saved as: `signed-version-2-Signature1.pdf`.
    pub file_name: String,
}

impl SignedVersion {
    pub fn of(sig: &PdfSignature, lang: Lang) -> Option<SignedVersion> {
        let (end, revision) = sig.signed_version()?;
        // A name for a file system: the field's letters and digits only.
        let field: String = sig
            .field
            .as_deref()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            .take(40)
            .collect();
        let file_name = match field.is_empty() {
            true => format!("signed-version-{revision}.pdf"),
            false => format!("signed-version-{revision}-{field}.pdf"),
        };
        Some(SignedVersion {
            end,
            revision,
            label: lang.signed_version(revision),
            file_name,
        })
    }
}

/// The document's verdict: as the verifier said, or `unsigned` for a PDF
/// without signatures; `None` when signatures were only listed.
pub fn document_verdict(report: &PdfReport) -> Option<DocumentVerdict> {
    match report {
        PdfReport::Parsed {
            verdict: Some(v), ..
        } => Some(*v),
        PdfReport::Parsed { signatures, .. } if signatures.is_empty() => {
            Some(DocumentVerdict::Unsigned)
        }
        _ => None,
    }
}

impl BannerModel {
    pub fn of(report: &PdfReport, audit: Option<&Audit>, lang: Lang) -> Option<BannerModel> {
        let verdict = document_verdict(report)?;
        let mut notes = Vec::new();
        if let PdfReport::Parsed {
            encrypted,
            warnings,
            ..
        } = report
        {
            if *encrypted {
                notes.push(lang.encrypted_document().to_owned());
            }
            notes.extend(warnings.iter().map(|w| lang.warning(*w).to_owned()));
        }
        Some(BannerModel {
            notes,
            verdict: wire_name(&verdict),
            text: lang.document_verdict(verdict).to_owned(),
            trust_problem: audit
                .and_then(|a| a.trust_problem.as_deref())
                .map(|why| lang.trust_problem(why)),
            document_sha256: audit.and_then(|a| a.document_sha256.clone()),
        })
    }
}

impl SignatureModel {
    /// `None` for a signature that was only listed (no §6a check).
    pub fn of(sig: &PdfSignature, lang: Lang, zone: &dyn Zone) -> Option<SignatureModel> {
        let check: &SignatureCheck = sig.check.as_ref()?;
        let time = |t: &str| local_time(t, zone, lang);
        let name = sig.field.as_deref().unwrap_or("");
        let status = lang.signature_status(check.status);
        let headline = if name.is_empty() {
            status.to_owned()
        } else {
            format!("{status} · {name}")
        };
        let mut lines = vec![
            lang.integrity(check.integrity).to_owned(),
            lang.identity(check.identity).to_owned(),
        ];
        let mut names = Vec::new();
        if let Some(cert) = &check.certificate {
            names.push(NameModel::of(lang.signed_by(), &cert.subject));
            names.push(NameModel::of(lang.certificate_issuer(), &cert.issuer));
            lines.push(lang.certificate_validity(&time(&cert.not_before), &time(&cert.not_after)));
        } else if let Some(signer) = sig.signer.as_deref() {
            lines.push(format!("{}: {signer}", lang.signed_by()));
        }
        if let Some(revocation) = &check.revocation {
            lines.push(lang.revocation(revocation, &time));
        }
        if let Some(signing) = &check.signing_time {
            let authority = check
                .timestamp
                .as_ref()
                .and_then(|t| t.authority.as_deref())
                .map(common_name);
            lines.push(lang.signing_time(
                &time(&signing.time),
                signing.source,
                authority.as_deref(),
            ));
        }
        if let Some(format) = lang.signature_format(check.format) {
            lines.push(format.to_owned());
        }
        match (&check.algorithm, &check.key) {
            (Some(algorithm), Some(key)) => {
                lines.push(format!("{}: {algorithm} ({key})", lang.algorithm()))
            }
            (Some(algorithm), None) => lines.push(format!("{}: {algorithm}", lang.algorithm())),
            _ => {}
        }
        if let Some(level) = check.level {
            lines.push(lang.pades_level(level).to_owned());
            lines.push(lang.ltv(check.ltv).to_owned());
        }
        if !sig.other_fields.is_empty() {
            lines.push(lang.other_fields(&sig.other_fields));
        }
        if let Some(why) = &check.detail {
            lines.push(lang.verifier_says(why));
        }
        if check.coverage != Coverage::WholeFile || !check.changes_after.is_empty() {
            lines.push(lang.coverage(check.coverage).to_owned());
        }
        // Where later revisions changed the document, in words (pages and
        // fields); the classes alone when the objects were not listed.
        let places = check.changed_places();
        if !places.is_empty() {
            lines.push(lang.changed_places(&places));
        } else if !check.changes_after.is_empty() {
            lines.push(lang.changes_after(&check.changes_after));
        }
        if let Some(c) = &check.certification {
            lines.push(lang.certification(c.permissions, c.permitted));
        }
        Some(SignatureModel {
            status: wire_name(&check.status),
            headline,
            lines,
            warnings: check
                .warnings
                .iter()
                .map(|w| lang.warning(*w).to_owned())
                .collect(),
            seal: check
                .seal
                .as_ref()
                .map(|seal| PdfSealModel::of(seal, lang, zone)),
            names,
            fingerprint: check.certificate.as_ref().map(|cert| {
                FingerprintModel::of(lang.certificate_fingerprint(), &cert.fingerprint)
            }),
            place: match sig.widget {
                Some(widget) => lang.on_page(widget.page),
                None => lang.not_on_a_page().to_owned(),
            },
            signed_version: SignedVersion::of(sig, lang),
        })
    }
}
