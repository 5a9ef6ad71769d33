//! The PDF's own signatures in words, laid out like a PDF reader's
//! signature panel: the document's verdict first, then per signature its
//! status, who signed, who vouches for them, when, and what changed since.

use infoplus_signature_core::verdict::{PdfReport, PdfSignature};
use infoplus_signature_core::verdict_pdf::{
    wire_name, ChangeClass, Coverage, DocumentVerdict, Identity, Integrity, SignatureCheck,
    SignatureFormat, SignatureStatus, TimeSource, Warning,
};

/// Every line about the PDF, without trailing newlines.
pub fn lines(report: Option<&PdfReport>) -> Vec<String> {
    let (verdict, pages, signatures, encrypted, warnings) = match report {
        None => return vec!["PDF: not inspected".to_owned()],
        Some(PdfReport::Unreadable { reason }) => {
            return vec![format!("PDF: unreadable — {reason}")]
        }
        Some(PdfReport::Parsed {
            verdict,
            pages,
            signatures,
            encrypted,
            warnings,
        }) => (verdict, pages, signatures, encrypted, warnings),
    };
    let headline = match verdict {
        Some(DocumentVerdict::Valid) => "all signatures are valid",
        Some(DocumentVerdict::Indeterminate) => "at least one signature has problems",
        Some(DocumentVerdict::Invalid) => "at least one signature is INVALID",
        Some(DocumentVerdict::Unsigned) | None if signatures.is_empty() => "no signatures",
        _ => "signatures listed, not verified",
    };
    let mut out = vec![format!(
        "PDF: {pages} page{}, {} signature{} — {headline}",
        plural(u64::from(*pages)),
        signatures.len(),
        plural(signatures.len() as u64)
    )];
    if *encrypted {
        out.push("     encrypted, opened with the empty user password".to_owned());
    }
    if !warnings.is_empty() {
        out.push(format!("     Warnings: {}", codes(warnings)));
    }
    for (i, signature) in signatures.iter().enumerate() {
        out.push(String::new());
        out.extend(signature_lines(i + 1, signature));
    }
    out
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn signature_lines(number: usize, signature: &PdfSignature) -> Vec<String> {
    let field = signature.field.as_deref().unwrap_or("(unnamed field)");
    let Some(check) = &signature.check else {
        return vec![format!(
            "Signature {number} — {field} — listed, not verified"
        )];
    };
    let status = match check.status {
        SignatureStatus::Valid => "VALID",
        SignatureStatus::Indeterminate => "VALIDITY UNKNOWN",
        SignatureStatus::Invalid => "INVALID",
    };
    let mut out = vec![format!("Signature {number} — {field} — {status}")];
    let mut add = |label: &str, text: String| out.push(format!("  {label:<14} {text}"));
    if let Some(certificate) = &check.certificate {
        add("Signed by:", certificate.subject.clone());
        add("Issued by:", certificate.issuer.clone());
        add(
            "Certificate:",
            format!(
                "serial {}, valid {} to {}, SHA-256 {}",
                certificate.serial,
                certificate.not_before,
                certificate.not_after,
                certificate.fingerprint
            ),
        );
    } else if let Some(name) = &signature.signer {
        add(
            "Signed by:",
            format!("{name} (name in the signature dictionary only)"),
        );
    }
    add("Identity:", identity(check.identity).to_owned());
    add("Revocation:", crate::render_revocation::line(check));
    add("Signing time:", signing_time(check));
    add("Integrity:", integrity(check));
    add("Changes:", changes(check));
    for (label, text) in crate::render_places::lines(number, signature, check) {
        add(label, text);
    }
    if let Some(certification) = check.certification {
        add(
            "Certified:",
            format!(
                "DocMDP /P {} ({}); later changes {}",
                certification.permissions,
                match certification.permissions {
                    1 => "no changes allowed",
                    2 => "form filling and signing allowed",
                    _ => "form filling, signing and annotations allowed",
                },
                if certification.permitted {
                    "are permitted"
                } else {
                    "are NOT permitted"
                }
            ),
        );
    }
    let algorithm = check.algorithm.as_deref().unwrap_or("unknown algorithm");
    let sub_filter = signature.sub_filter.as_deref().unwrap_or("no /SubFilter");
    add(
        "Format:",
        format!("{}, {algorithm}, {sub_filter}", format(check.format)),
    );
    if let Some(key) = &check.key {
        add("Key:", key.clone());
    }
    if let Some(level) = check.level {
        add(
            "Level:",
            format!(
                "{}{}",
                level.code().to_uppercase(),
                if check.ltv {
                    ", LTV enabled"
                } else {
                    ", not LTV enabled"
                }
            ),
        );
    }
    if !signature.other_fields.is_empty() {
        add("Also in:", signature.other_fields.join(", "));
    }
    if let Some(reason) = &signature.reason {
        add("Reason:", reason.clone());
    }
    if let Some(why) = &check.detail {
        add("Why:", why.clone());
    }

    for change in &check.changes {
        let place = match (&change.field, change.page) {
            (Some(field), _) => format!(", field \"{field}\""),
            (None, Some(page)) => format!(", page {page}"),
            (None, None) => String::new(),
        };
        add(
            "Changed:",
            format!(
                "object {} ({}{place}): {}",
                change.object,
                change.role.code(),
                change.class.code()
            ),
        );
    }
    if !check.warnings.is_empty() {
        add("Warnings:", codes(&check.warnings));
    }
    if let Some(seal) = &check.seal {
        out.extend(crate::render_seal::lines(seal));
    }
    out
}

fn codes(warnings: &[Warning]) -> String {
    warnings
        .iter()
        .map(|w| w.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn identity(identity: Identity) -> &'static str {
    match identity {
        Identity::Trusted => "trusted: the certificate chains to a configured root",
        Identity::UnknownIssuer => "unknown: no chain to a configured root (--trust)",
        Identity::SelfSigned => "unknown: the certificate is self-signed",
        Identity::Expired => "unknown: a certificate had expired at the validation time",
        Identity::NotYetValid => "unknown: a certificate was not yet valid at the validation time",
        Identity::ChainInvalid => "not trusted: the certificate chain breaks a rule",
        Identity::NoCertificate => "unknown: the signature carries no certificate for its signer",
        Identity::Revoked => {
            "REVOKED: a certificate of the chain was revoked before the signing time"
        }
    }
}

fn signing_time(check: &SignatureCheck) -> String {
    let Some(time) = &check.signing_time else {
        return "not stated".to_owned();
    };
    let source = match time.source {
        TimeSource::Timestamp => {
            let authority = check
                .timestamp
                .as_ref()
                .and_then(|t| t.authority.as_deref())
                .unwrap_or("a timestamp authority");
            format!("from the timestamp of {authority}")
        }
        TimeSource::SignedAttribute => "from the signer's clock (signed attribute)".to_owned(),
        TimeSource::Dictionary => "from the signer's clock (/M, not signed)".to_owned(),
    };
    let mut text = format!("{} {source}", time.time);
    if let Some(timestamp) = &check.timestamp {
        if time.source != TimeSource::Timestamp {
            text.push_str(&format!(
                "; a timestamp of {} is {}",
                timestamp.time,
                match (timestamp.intact, timestamp.trusted) {
                    (false, _) => "broken",
                    (true, false) => "intact but not trusted",
                    (true, true) => "valid",
                }
            ));
        }
    }
    text
}

fn integrity(check: &SignatureCheck) -> String {
    let bytes = match check.integrity {
        Integrity::Intact => "the signed bytes are unchanged and the signature verifies",
        Integrity::Altered => "the signed bytes were CHANGED after signing",
        Integrity::BadSignature => "the signature value does NOT verify",
        Integrity::Malformed => "the signature cannot be read",
        Integrity::Unsupported => "format or algorithm not supported: not checked",
    };
    let coverage = match check.coverage {
        Coverage::WholeFile => "covers the whole file",
        Coverage::Revision => "covers an earlier revision",
        Coverage::Partial => "covers only PART of the file",
        Coverage::Unclear => "its /ByteRange makes no sense",
    };
    format!("{bytes}; {coverage}")
}

fn changes(check: &SignatureCheck) -> String {
    if check.changes_after.is_empty() {
        return match check.coverage {
            Coverage::WholeFile => "none since signing".to_owned(),
            _ => "not known".to_owned(),
        };
    }
    let words: Vec<&str> = check
        .changes_after
        .iter()
        .map(|change| match change {
            ChangeClass::Signing => "signatures added",
            ChangeClass::Timestamp => "timestamps or validation data added",
            ChangeClass::FormFill => "form fields filled",
            ChangeClass::Annotation => "annotations added or changed",
            ChangeClass::Metadata => "metadata changed",
            ChangeClass::Other => "OTHER changes (page content or structure)",
        })
        .collect();
    words.join(", ")
}

fn format(format: SignatureFormat) -> String {
    match format {
        SignatureFormat::Cms => "CMS (PKCS#7)".to_owned(),
        SignatureFormat::CmsGm => "CMS (GM/T 0010)".to_owned(),
        SignatureFormat::Ses => "SES_Signature (GB/T 38540)".to_owned(),
        SignatureFormat::Timestamp => "document timestamp (RFC 3161)".to_owned(),
        SignatureFormat::Pkcs1 => "PKCS#1 with /Cert (adbe.x509.rsa_sha1)".to_owned(),
        SignatureFormat::Raw => "a bare signature value".to_owned(),
        SignatureFormat::Unknown => wire_name(&format),
    }
}
