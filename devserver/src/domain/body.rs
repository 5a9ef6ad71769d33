//! Reading an S2 body: a bare Signature (not an envelope). Wrong types name
//! the field; a non-PDF `mime` is refused.

use infoplus_signature_core::{signature_from_value, Signature, WireError};
use serde_json::Value;

use super::DomainError;

pub fn parse_body(body: &[u8]) -> Result<Signature, DomainError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| DomainError::NotJson(e.to_string()))?;
    match &value {
        Value::Object(object)
            if object.contains_key("errno") || object.contains_key("entities") =>
        {
            return Err(DomainError::Envelope)
        }
        Value::Object(_) | Value::Null => {}
        _ => return Err(DomainError::NotAnObject),
    }
    signature_from_value(value).map_err(|e| match e {
        WireError::WrongType { field, reason } => DomainError::Unreadable { field, reason },
        WireError::UnsupportedMime(mime) => DomainError::NotPdf(mime),
        other => DomainError::Invalid(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_name_the_wrong_field() {
        let err = parse_body(br#"{"seals":[{"x":"left"}]}"#).unwrap_err();
        assert!(
            matches!(&err, DomainError::Unreadable { field, .. } if field == "seals[0].x"),
            "{err}"
        );
        assert!(err.to_string().contains("seals[0].x"), "{err}");
        assert!(matches!(
            parse_body(br#"{"mime":"text/html"}"#),
            Err(DomainError::NotPdf(m)) if m == "text/html"
        ));
        assert!(matches!(
            parse_body(br#"[1]"#),
            Err(DomainError::NotAnObject)
        ));
        assert!(matches!(
            parse_body(br#"{"errno":0,"entities":[]}"#),
            Err(DomainError::Envelope)
        ));
        assert!(matches!(parse_body(b"{"), Err(DomainError::NotJson(_))));
    }
}
