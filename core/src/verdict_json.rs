//! Reading verification results back from JSON (what the verify worker
//! sends the control), by walking a `serde_json::Value`. The derived
//! `Deserialize` of these internally tagged, flattened types goes through
//! serde's `Content` buffering, which would add ~70 KB to the control's
//! first download; this walk reuses the control's one JSON parser. The
//! wire format is the derived `Serialize` output, unchanged.

use serde_json::Value;

use crate::json::{wrong, Fields};
use crate::verdict::{
    CertificateInfo, MalformedPart, PdfReport, PdfSignature, SealReport, SealVerdict, ValidSeal,
    VerifyReport, Widget,
};
use crate::verdict_pdf::Warning;
use crate::wire::WireError;

fn items(value: Value, path: &str) -> Result<Vec<Value>, WireError> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => Ok(items),
        other => Err(wrong(path.to_owned(), "an array", &other)),
    }
}

fn object(value: Value, path: &str) -> Result<Fields, WireError> {
    Fields::of(value, path)?.ok_or_else(|| wrong(path.to_owned(), "an object", &Value::Null))
}

impl VerifyReport {
    /// Read a report as `serde_json::to_value(&report)` wrote it.
    pub fn from_value(value: Value) -> Result<VerifyReport, WireError> {
        let mut f = object(value, "")?;
        let seals = items(f.raw("seals"), "seals")?
            .into_iter()
            .enumerate()
            .map(|(i, item)| seal_report(item, &format!("seals[{i}]")))
            .collect::<Result<_, _>>()?;
        let pdf = match f.raw("pdf") {
            Value::Null => None,
            value => Some(PdfReport::from_value(value)?),
        };
        Ok(VerifyReport { seals, pdf })
    }
}

fn seal_report(value: Value, path: &str) -> Result<SealReport, WireError> {
    let mut f = object(value, path)?;
    let index = f.unsigned("index")?;
    let index = f.required(index, "index")? as usize;
    let result = f.string("result")?;
    let result = f.required(result, "result")?;
    let verdict = match result.as_str() {
        "valid" => {
            let algorithm = f.string("algorithm")?;
            let key_fingerprint = f.string("keyFingerprint")?;
            let certificate = match f.object("certificate")? {
                None => None,
                Some(mut c) => Some(CertificateInfo {
                    subject: c.string("subject")?.unwrap_or_default(),
                    issuer: c.string("issuer")?.unwrap_or_default(),
                    not_before: c.string("notBefore")?.unwrap_or_default(),
                    not_after: c.string("notAfter")?.unwrap_or_default(),
                }),
            };
            SealVerdict::Valid(ValidSeal {
                algorithm: f.required(algorithm, "algorithm")?,
                key_fingerprint: f.required(key_fingerprint, "keyFingerprint")?,
                certificate,
                signer_allowed: f.boolean("signerAllowed")?,
                pdf_signature: f.string("pdfSignature")?,
            })
        }
        "invalid" => SealVerdict::Invalid {
            algorithm: f.string("algorithm")?.unwrap_or_default(),
            key_fingerprint: f.string("keyFingerprint")?,
            pdf_signature: f.string("pdfSignature")?,
        },
        "indeterminate" => SealVerdict::Indeterminate {
            algorithm: f.string("algorithm")?.unwrap_or_default(),
            pdf_signature: f.string("pdfSignature")?.unwrap_or_default(),
        },
        "unsupported" => SealVerdict::Unsupported {
            algorithm: f.string("algorithm")?.unwrap_or_default(),
        },
        "malformed" => SealVerdict::Malformed {
            part: match f.string("part")?.as_deref() {
                Some("key") => MalformedPart::Key,
                _ => MalformedPart::Signature,
            },
            detail: f.string("detail")?.unwrap_or_default(),
        },
        "unavailable" => SealVerdict::Unavailable {
            reason: f.string("reason")?.unwrap_or_default(),
        },
        "not-pdf" => SealVerdict::NotPdf {
            detail: f.string("detail")?.unwrap_or_default(),
        },
        "too-large" => {
            let limit = f.unsigned("limit")?;
            SealVerdict::TooLarge {
                limit: f.required(limit, "limit")?,
                size: f.unsigned("size")?,
            }
        }
        "unsigned" => SealVerdict::Unsigned,
        other => {
            return Err(WireError::WrongType {
                field: format!("{}.result", f.path()),
                reason: format!("unknown result `{other}`"),
            })
        }
    };
    Ok(SealReport { index, verdict })
}

impl PdfReport {
    /// Read a PDF report as `serde_json::to_value(&report)` wrote it.
    pub fn from_value(value: Value) -> Result<PdfReport, WireError> {
        let mut f = object(value, "pdf")?;
        match f.string("status")?.as_deref() {
            Some("unreadable") => Ok(PdfReport::Unreadable {
                reason: f.string("reason")?.unwrap_or_default(),
            }),
            Some("parsed") => {
                let verdict = crate::verdict_pdf_json::document_verdict(&mut f)?;
                let pages = f.unsigned("pages")?.unwrap_or(0);
                let signatures = items(f.raw("signatures"), "pdf.signatures")?
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| pdf_signature(item, &format!("pdf.signatures[{i}]")))
                    .collect::<Result<_, _>>()?;
                let encrypted = f.boolean("encrypted")?.unwrap_or(false);
                let warnings = match f.strings("warnings")? {
                    Some(codes) => codes.iter().filter_map(|c| Warning::from_code(c)).collect(),
                    None => Vec::new(),
                };
                Ok(PdfReport::Parsed {
                    verdict,
                    pages: u32::try_from(pages).unwrap_or(u32::MAX),
                    signatures,
                    encrypted,
                    warnings,
                })
            }
            _ => Err(WireError::WrongType {
                field: "pdf.status".to_owned(),
                reason: "expected `parsed` or `unreadable`".to_owned(),
            }),
        }
    }
}

fn pdf_signature(value: Value, path: &str) -> Result<PdfSignature, WireError> {
    let mut f = object(value, path)?;
    Ok(PdfSignature {
        field: f.string("field")?,
        other_fields: f.strings("otherFields")?.unwrap_or_default(),
        signer: f.string("signer")?,
        time: f.string("time")?,
        reason: f.string("reason")?,
        sub_filter: f.string("subFilter")?,
        byte_range: f.integers("byteRange")?,
        byte_range_well_formed: f.boolean("byteRangeWellFormed")?.unwrap_or(false),
        covers_whole_file: f.boolean("coversWholeFile")?.unwrap_or(false),
        widget: widget(&mut f)?,
        revision: f
            .unsigned("revision")?
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        check: crate::verdict_pdf_json::signature_check(&mut f)?,
    })
}

/// `widget`: `{page, rect: [x1, y1, x2, y2]}`, finite numbers only.
fn widget(f: &mut Fields) -> Result<Option<Widget>, WireError> {
    let Some(mut w) = f.object("widget")? else {
        return Ok(None);
    };
    let page = w.unsigned("page")?;
    let page = u32::try_from(w.required(page, "page")?).unwrap_or(u32::MAX);
    let rect = match w.raw("rect") {
        Value::Array(items) => items
            .iter()
            .map(Value::as_f64)
            .collect::<Option<Vec<f64>>>(),
        _ => None,
    };
    match rect.as_deref() {
        Some(&[x1, y1, x2, y2]) if [x1, y1, x2, y2].iter().all(|n| n.is_finite()) => {
            Ok(Some(Widget {
                page,
                rect: [x1, y1, x2, y2],
            }))
        }
        _ => Err(WireError::WrongType {
            field: format!("{}.rect", w.path()),
            reason: "expected four numbers".to_owned(),
        }),
    }
}
