//! Reading what an engine sends: the InfoPlus `Response<T>` envelope or a
//! bare `T`, with errors that name the field that was wrong.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::{wrong, Fields};
use crate::model::{present, Signature, PDF_MIME};

/// The InfoPlus response envelope:
/// `{"errno":0,"ecode":"SUCCEED","error":"","entities":[T]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response<T> {
    #[serde(default)]
    pub errno: i64,
    #[serde(default)]
    pub ecode: String,
    #[serde(default)]
    pub error: String,
    #[serde(default = "Vec::new")]
    pub entities: Vec<T>,
}

impl<T> Response<T> {
    pub fn ok(entity: T) -> Self {
        Response {
            errno: 0,
            ecode: "SUCCEED".to_owned(),
            error: String::new(),
            entities: vec![entity],
        }
    }

    pub fn err(errno: i64, ecode: &str, error: impl Into<String>) -> Self {
        Response {
            errno,
            ecode: ecode.to_owned(),
            error: error.into(),
            entities: Vec::new(),
        }
    }
}

/// Why a body from the engine could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the engine returned an unreadable signature structure: {0}")]
    NotJson(String),
    #[error("the engine returned an unreadable signature structure: field `{field}`: {reason}")]
    WrongType { field: String, reason: String },
    #[error("the engine reported an error: {message} (errno {errno}, {ecode})")]
    Engine {
        errno: i64,
        ecode: String,
        message: String,
    },
    #[error("the document type is {0}, but only application/pdf can be sealed")]
    UnsupportedMime(String),
}

impl WireError {
    /// Text to show the user from an engine error: `error`, else `ecode`.
    pub fn engine_message(errno: i64, ecode: &str, error: &str) -> Self {
        let message = if error.trim().is_empty() {
            ecode.to_owned()
        } else {
            error.to_owned()
        };
        WireError::Engine {
            errno,
            ecode: ecode.to_owned(),
            message,
        }
    }
}

/// Is this JSON object an InfoPlus envelope rather than a bare entity? The
/// envelope always has `errno` or `entities`; a Signature has neither.
fn is_envelope(object: &serde_json::Map<String, Value>) -> bool {
    object.contains_key("errno") || object.contains_key("entities")
}

/// Unwrap an engine body (envelope or bare) into the entity's JSON value.
/// `errno != 0` becomes [`WireError::Engine`].
pub fn unwrap_envelope(body: &[u8]) -> Result<Value, WireError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| WireError::NotJson(e.to_string()))?;
    let object = match value {
        Value::Object(object) if is_envelope(&object) => object,
        other => return Ok(other),
    };
    let Some(mut f) = Fields::of(Value::Object(object), "")? else {
        return Ok(Value::Null);
    };
    let errno = f.integer("errno")?.unwrap_or(0);
    let ecode = f.string("ecode")?.unwrap_or_default();
    let error = f.string("error")?.unwrap_or_default();
    if errno != 0 {
        return Err(WireError::engine_message(errno, &ecode, &error));
    }
    match f.rest().remove("entities") {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::Array(items)) => Ok(items.into_iter().next().unwrap_or(Value::Null)),
        Some(other) => Err(wrong("entities".to_owned(), "an array", &other)),
    }
}

/// Read a Signature from an engine body, envelope or bare; null or `{}`
/// means one default seal. Refuses documents that are not PDF.
pub fn parse_signature(body: &[u8]) -> Result<Signature, WireError> {
    signature_from_value(unwrap_envelope(body)?)
}

/// Read a Signature from a JSON value (the `value` attribute, a property, a
/// stored form state).
pub fn signature_from_value(value: Value) -> Result<Signature, WireError> {
    let value = match value {
        Value::Null => Value::Object(Default::default()),
        other => other,
    };
    let signature = Signature::from_value(value)?;
    check_mime(&signature)?;
    Ok(signature.normalize())
}

/// Read a Signature from JSON text. Read as bytes, like engine bodies:
/// the same result for valid UTF-8, and one JSON parser in the control's
/// wasm instead of two (`from_str` is a second copy of it, ~1 KB gzip).
pub fn signature_from_str(text: &str) -> Result<Signature, WireError> {
    let value: Value =
        serde_json::from_slice(text.as_bytes()).map_err(|e| WireError::NotJson(e.to_string()))?;
    signature_from_value(value)
}

/// Spec §3: `mime` must be `application/pdf` when it is given.
pub fn check_mime(signature: &Signature) -> Result<(), WireError> {
    match present(&signature.mime) {
        None => Ok(()),
        Some(mime) => {
            let essence = mime.split(';').next().unwrap_or("").trim();
            if essence.eq_ignore_ascii_case(PDF_MIME) {
                Ok(())
            } else {
                Err(WireError::UnsupportedMime(mime.to_owned()))
            }
        }
    }
}
