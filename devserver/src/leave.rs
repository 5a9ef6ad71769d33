//! The demo form's data (a leave application, 请假申请): what the engine
//! keeps per Signature and renders into the exported PDF.

use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaveForm {
    pub applicant: String,
    pub department: String,
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// Field names with their length limits, as posted by the demo form.
pub const FIELDS: [(&str, usize); 5] = [
    ("applicant", 100),
    ("department", 100),
    ("from", 10),
    ("to", 10),
    ("reason", 2000),
];

impl LeaveForm {
    pub fn sample() -> LeaveForm {
        LeaveForm {
            applicant: "张三 / Zhang San".to_owned(),
            department: "人事处".to_owned(),
            from: "2026-12-01".to_owned(),
            to: "2026-12-05".to_owned(),
            reason: "回老家探亲。Visiting family at home.".to_owned(),
        }
    }

    /// Builds the record from posted fields, checking each against its limit.
    pub fn from_fields(get: impl Fn(&str) -> Option<String>) -> Result<LeaveForm, String> {
        let mut values = Vec::with_capacity(FIELDS.len());
        for (name, limit) in FIELDS {
            let value = get(name).unwrap_or_default();
            if value.chars().count() > limit {
                return Err(format!("field `{name}` is longer than {limit} characters"));
            }
            if value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
            {
                return Err(format!("field `{name}` contains control characters"));
            }
            values.push(value);
        }
        let [applicant, department, from, to, reason] =
            <[String; 5]>::try_from(values).map_err(|_| "internal: field count".to_owned())?;
        Ok(LeaveForm {
            applicant,
            department,
            from,
            to,
            reason,
        })
    }
}

/// The form record of a Signature; the sample data until a form is submitted.
pub fn load(store: &Store, id: &str) -> Result<LeaveForm, StoreError> {
    Ok(store
        .form(id)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(LeaveForm::sample))
}

pub fn save(store: &Store, id: &str, form: &LeaveForm) -> Result<(), StoreError> {
    let json = serde_json::to_string(form).map_err(|e| StoreError::Json(e.to_string()))?;
    store.put_form(id, &json)
}
