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
pub(crate) fn named<T: Serialize + Copy>(
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

/// The document verdict named `name`, if it is one.
pub(crate) fn document_verdict(f: &mut Fields) -> Result<Option<DocumentVerdict>, WireError> {
    named(f, "verdict", DocumentVerdict::ALL)
}

/// The §6a fields of one `pdf.signatures[i]`, or `None` when the signature
/// was only listed (no `status`).
pub(crate) fn signature_check(f: &mut Fields) -> Result<Option<SignatureCheck>, WireError> {
    let Some(status) = named(f, "status", SignatureStatus::ALL)? else {
        return Ok(None);
    };
    let changes_after = codes(f, "changesAfter", ChangeClass::from_code)?;
    // Warnings a newer worker may add are skipped, not an error: they
    // qualify a status the control does understand.
    let warnings = match f.strings("warnings")? {
        Some(codes) => codes.iter().filter_map(|c| Warning::from_code(c)).collect(),
        None => Vec::new(),
    };
    let changes = match f.raw("changes") {
        Value::Null => Vec::new(),
        Value::Array(items) => items
            .into_iter()
            .map(|item| {
                let path = format!("{}.changes", f.path());
                let Some(mut c) = Fields::of(item, &path)? else {
                    return Err(wrong(path, "an object", &Value::Null));
                };
                let object = c.unsigned("object")?;
                Ok(Change {
                    object: u32::try_from(c.required(object, "object")?).unwrap_or(u32::MAX),
                    role: required_named(&mut c, "role", ChangeRole::ALL)?,
                    class: required_named(&mut c, "class", ChangeClass::ALL)?,
                    page: c
                        .unsigned("page")?
                        .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
                    field: c.string("field")?,
                })
            })
            .collect::<Result<_, WireError>>()?,
        other => {
            return Err(wrong(format!("{}.changes", f.path()), "an array", &other));
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
            source: required_named(&mut t, "source", TimeSource::ALL)?,
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
    let (level, ltv, revocation) = super::verdict_pdf::revocation_json::long_term(f)?;
    Ok(Some(SignatureCheck {
        status,
        integrity: required_named(f, "integrity", Integrity::ALL)?,
        identity: required_named(f, "identity", Identity::ALL)?,
        coverage: required_named(f, "coverage", Coverage::ALL)?,
        changes_after,
        changes,
        certification,
        format: required_named(f, "format", SignatureFormat::ALL)?,
        algorithm: f.string("algorithm")?,
        key: f.string("key")?,
        certificate,
        signing_time,
        timestamp,
        warnings,
        level,
        ltv,
        revocation,
        seal: super::verdict_pdf::seal_json::seal(f)?,
        detail: f.string("detail")?,
    }))
}

/// An array of codes of one wire enum; an unknown code is an error.
fn codes<T>(
    f: &mut Fields,
    key: &str,
    from: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, WireError> {
    let path = join(f.path(), key);
    match f.raw(key) {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .into_iter()
            .map(|item| {
                item.as_str()
                    .and_then(&from)
                    .ok_or_else(|| wrong(path.clone(), "a known code", &item))
            })
            .collect(),
        other => Err(wrong(path, "an array", &other)),
    }
}
