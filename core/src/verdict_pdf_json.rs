//! Reading §6a's signature checks back from JSON (what the verify worker
//! sends the control), with the same hand walk as `verdict_json` and for
//! the same reason: no serde `Deserialize` in the control's download.

use serde::Serialize;
use serde_json::Value;

use crate::json::{join, wrong, Fields};
use crate::verdict_pdf::*;
use crate::wire::WireError;

/// A unit enum variant from its JSON name: every variant of `all` is
/// tried. Unknown names are errors, so a newer worker's answer is seen.
fn named<T: Serialize + Copy>(
    f: &mut Fields,
    key: &str,
    all: &[T],
) -> Result<Option<T>, WireError> {
    let Some(name) = f.string(key)? else {
        return Ok(None);
    };
    all.iter()
        .copied()
        .find(|v| wire_name(v) == name)
        .map(Some)
        .ok_or_else(|| WireError::WrongType {
            field: join(f.path(), key),
            reason: format!("unknown value `{name}`"),
        })
}

fn required_named<T: Serialize + Copy>(
    f: &mut Fields,
    key: &str,
    all: &[T],
) -> Result<T, WireError> {
    let value = named(f, key, all)?;
    f.required(value, key)
}

const STATUSES: [SignatureStatus; 3] = [
    SignatureStatus::Valid,
    SignatureStatus::Indeterminate,
    SignatureStatus::Invalid,
];
pub(crate) const VERDICTS: [DocumentVerdict; 4] = [
    DocumentVerdict::Valid,
    DocumentVerdict::Indeterminate,
    DocumentVerdict::Invalid,
    DocumentVerdict::Unsigned,
];
const INTEGRITY: [Integrity; 5] = [
    Integrity::Intact,
    Integrity::Altered,
    Integrity::BadSignature,
    Integrity::Malformed,
    Integrity::Unsupported,
];
const IDENTITY: [Identity; 7] = [
    Identity::Trusted,
    Identity::UnknownIssuer,
    Identity::SelfSigned,
    Identity::Expired,
    Identity::NotYetValid,
    Identity::ChainInvalid,
    Identity::NoCertificate,
];
const COVERAGE: [Coverage; 4] = [
    Coverage::WholeFile,
    Coverage::Revision,
    Coverage::Partial,
    Coverage::Unclear,
];
const CHANGES: [ChangeClass; 6] = [
    ChangeClass::Signing,
    ChangeClass::Timestamp,
    ChangeClass::FormFill,
    ChangeClass::Annotation,
    ChangeClass::Metadata,
    ChangeClass::Other,
];
const FORMATS: [SignatureFormat; 5] = [
    SignatureFormat::Cms,
    SignatureFormat::CmsGm,
    SignatureFormat::Ses,
    SignatureFormat::Timestamp,
    SignatureFormat::Unknown,
];
const SOURCES: [TimeSource; 3] = [
    TimeSource::Timestamp,
    TimeSource::SignedAttribute,
    TimeSource::Dictionary,
];

/// The document verdict named `name`, if it is one.
pub(crate) fn document_verdict(f: &mut Fields) -> Result<Option<DocumentVerdict>, WireError> {
    named(f, "verdict", &VERDICTS)
}

/// The §6a fields of one `pdf.signatures[i]`, or `None` when the signature
/// was only listed (no `status`).
pub(crate) fn signature_check(f: &mut Fields) -> Result<Option<SignatureCheck>, WireError> {
    let Some(status) = named(f, "status", &STATUSES)? else {
        return Ok(None);
    };
    let changes_after = match f.raw("changesAfter") {
        Value::Null => Vec::new(),
        Value::Array(items) => items
            .into_iter()
            .map(|item| {
                CHANGES
                    .iter()
                    .copied()
                    .find(|c| Value::String(wire_name(c)) == item)
                    .ok_or_else(|| {
                        wrong(
                            format!("{}.changesAfter", f.path()),
                            "a change class",
                            &item,
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
        other => {
            return Err(wrong(
                format!("{}.changesAfter", f.path()),
                "an array",
                &other,
            ))
        }
    };
    let certification = match f.object("certification")? {
        None => None,
        Some(mut c) => {
            let permissions = c.unsigned("permissions")?;
            Some(Certification {
                permissions: u8::try_from(c.required(permissions, "permissions")?).unwrap_or(0),
                permitted: c.boolean("permitted")?.unwrap_or(false),
            })
        }
    };
    let certificate = match f.object("certificate")? {
        None => None,
        Some(mut c) => Some(SignerCertificate {
            subject: c.string("subject")?.unwrap_or_default(),
            issuer: c.string("issuer")?.unwrap_or_default(),
            serial: c.string("serial")?.unwrap_or_default(),
            not_before: c.string("notBefore")?.unwrap_or_default(),
            not_after: c.string("notAfter")?.unwrap_or_default(),
            fingerprint: c.string("fingerprint")?.unwrap_or_default(),
        }),
    };
    let signing_time = match f.object("signingTime")? {
        None => None,
        Some(mut t) => Some(SigningTime {
            time: t.string("time")?.unwrap_or_default(),
            source: required_named(&mut t, "source", &SOURCES)?,
        }),
    };
    let timestamp = match f.object("timestamp")? {
        None => None,
        Some(mut t) => Some(TimestampInfo {
            time: t.string("time")?.unwrap_or_default(),
            authority: t.string("authority")?,
            intact: t.boolean("intact")?.unwrap_or(false),
            trusted: t.boolean("trusted")?.unwrap_or(false),
        }),
    };
    Ok(Some(SignatureCheck {
        status,
        integrity: required_named(f, "integrity", &INTEGRITY)?,
        identity: required_named(f, "identity", &IDENTITY)?,
        coverage: required_named(f, "coverage", &COVERAGE)?,
        changes_after,
        certification,
        format: required_named(f, "format", &FORMATS)?,
        algorithm: f.string("algorithm")?,
        certificate,
        signing_time,
        timestamp,
        warnings: f.strings("warnings")?.unwrap_or_default(),
    }))
}
