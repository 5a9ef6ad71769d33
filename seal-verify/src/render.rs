//! The human-readable report: one line per seal (`render_pdf` adds what
//! the PDF's own signatures say).

use infoplus_signature_core::verdict::{MalformedPart, SealVerdict, ValidSeal};
use infoplus_signature_core::{Signature, VerifyReport};

/// How many hex digits of a key fingerprint to show; `--json` has them all.
const FINGERPRINT_DIGITS: usize = 8;

/// Every line of the report, without trailing newlines.
pub fn lines(signature: &Signature, report: &VerifyReport) -> Vec<String> {
    report
        .seals
        .iter()
        .map(|seal| {
            let who = signature
                .seal(seal.index)
                .and_then(|s| s.signer_name().or(s.signer_account()))
                .map(|name| format!(" ({name})"))
                .unwrap_or_default();
            format!("seal {}{who}: {}", seal.index, verdict(&seal.verdict))
        })
        .collect()
}

fn short(fingerprint: &str) -> String {
    let digits: String = fingerprint.chars().take(FINGERPRINT_DIGITS).collect();
    format!("{digits}…")
}

fn verdict(verdict: &SealVerdict) -> String {
    match verdict {
        SealVerdict::Valid(valid) => valid_line(valid),
        SealVerdict::Invalid {
            algorithm,
            key_fingerprint,
            ..
        } => {
            let key = key_fingerprint
                .as_deref()
                .map(|f| format!(", key {}", short(f)))
                .unwrap_or_default();
            format!(
                "invalid — {algorithm}{key}: the document changed since sealing, or another key signed it"
            )
        }
        SealVerdict::Indeterminate {
            algorithm,
            pdf_signature,
        } => format!(
            "indeterminate — {algorithm}, PDF signature {pdf_signature}: intact, but the signer or the later changes cannot be vouched for"
        ),
        SealVerdict::Unsupported { algorithm } if algorithm.is_empty() => {
            "unsupported algorithm — the seal names none".to_owned()
        }
        SealVerdict::Unsupported { algorithm } => format!("unsupported algorithm {algorithm:?}"),
        SealVerdict::Malformed { part, detail } => {
            let part = match part {
                MalformedPart::Key => "key",
                MalformedPart::Signature => "signature",
            };
            format!("malformed {part} — {detail}")
        }
        SealVerdict::Unavailable { reason } => format!("document unavailable — {reason}"),
        SealVerdict::NotPdf { detail } => format!("not a PDF — {detail}"),
        SealVerdict::TooLarge { limit, size } => match size {
            Some(size) => format!("too large — the document is {size} bytes, the limit {limit}"),
            None => format!("too large — the document is over the limit of {limit} bytes"),
        },
        SealVerdict::Unsigned => "unsigned".to_owned(),
    }
}

fn valid_line(valid: &ValidSeal) -> String {
    let mut line = format!(
        "valid — {}, key {}",
        valid.algorithm,
        short(&valid.key_fingerprint)
    );
    match valid.signer_allowed {
        Some(true) => line.push_str(", signer allowed"),
        Some(false) => line.push_str(", signer NOT allowed by permission.signers"),
        None => {}
    }
    if let Some(certificate) = &valid.certificate {
        line.push_str(&format!(
            ", certificate {} issued by {}, valid {} to {}",
            certificate.subject, certificate.issuer, certificate.not_before, certificate.not_after
        ));
    }
    line
}
