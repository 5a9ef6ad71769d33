//! What the views show about the PDF's own signatures (spec §6a), as plain
//! data and words: the document's banner and one card per embedded
//! signature. Pure, tested natively; rendered by the verify part.

use infoplus_signature_core::verdict::{PdfReport, PdfSignature};
use infoplus_signature_core::verdict_pdf::{
    wire_name, ChangeClass, Coverage, DocumentVerdict, SignatureCheck,
};

use super::pdf_seal_model::PdfSealModel;
use crate::audit::Audit;
use crate::i18n::Lang;

/// Changed objects listed on a card; the report has them all.
const MAX_CHANGES_SHOWN: usize = 8;

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

/// The CN of an RFC 4514 name (`CN=张三,O=…`), else the whole name.
pub fn common_name(name: &str) -> String {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in name.chars() {
        match (escaped, c) {
            (true, _) => {
                current.push(c);
                escaped = false;
            }
            (false, '\\') => escaped = true,
            (false, ',' | '+') => parts.push(std::mem::take(&mut current)),
            (false, _) => current.push(c),
        }
    }
    parts.push(current);
    parts
        .iter()
        .find_map(|p| {
            let (key, value) = p.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("CN")
                .then(|| value.trim().to_owned())
        })
        .filter(|cn| !cn.is_empty())
        .unwrap_or_else(|| name.to_owned())
}

impl SignatureModel {
    /// `None` for a signature that was only listed (no §6a check).
    pub fn of(sig: &PdfSignature, lang: Lang) -> Option<SignatureModel> {
        let check: &SignatureCheck = sig.check.as_ref()?;
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
        if let Some(cert) = &check.certificate {
            lines.push(format!(
                "{}: {}",
                lang.signed_by(),
                common_name(&cert.subject)
            ));
            lines.push(format!(
                "{}: {}",
                lang.certificate_issuer(),
                common_name(&cert.issuer)
            ));
            lines.push(lang.certificate_validity(&cert.not_before, &cert.not_after));
        } else if let Some(signer) = sig.signer.as_deref() {
            lines.push(format!("{}: {signer}", lang.signed_by()));
        }
        if let Some(revocation) = &check.revocation {
            lines.push(lang.revocation(revocation));
        }
        if let Some(time) = &check.signing_time {
            let authority = check
                .timestamp
                .as_ref()
                .and_then(|t| t.authority.as_deref())
                .map(common_name);
            lines.push(lang.signing_time(&time.time, time.source, authority.as_deref()));
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
        if !check.changes_after.is_empty() {
            lines.push(lang.changes_after(&check.changes_after));
        }
        // The objects behind anything but signing and validation data: what
        // an auditor looks at first after a shadow or incremental attack.
        lines.extend(
            check
                .changes
                .iter()
                .filter(|c| !matches!(c.class, ChangeClass::Signing | ChangeClass::Timestamp))
                .take(MAX_CHANGES_SHOWN)
                .map(|c| lang.change(c)),
        );
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
            seal: check.seal.as_ref().map(|seal| PdfSealModel::of(seal, lang)),
        })
    }
}
