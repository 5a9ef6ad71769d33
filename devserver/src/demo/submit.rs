//! `POST /submit`: shows every field the server received, pretty-prints the
//! signature fields with each seal's state, and stores the leave data as the
//! engine's form record so the next export renders it.

use axum::body::Bytes;
use axum::extract::State;
use infoplus_signature_core::{signature_from_str, Signature};
use maud::{html, Markup};

use super::seed::{APPLICANT, APPROVAL};
use crate::html::{page, PageError};
use crate::ids::check_signature_id;
use crate::leave::{self, LeaveForm, FIELDS};
use crate::state::AppState;

struct Field {
    name: String,
    value: String,
    /// For signature fields: the parsed structure, or why it is unreadable.
    signature: Option<Result<Signature, String>>,
}

fn looks_like_signature(name: &str, value: &str) -> bool {
    name.ends_with("Signature")
        || value.trim_start().starts_with('{') && value.contains("\"seals\"")
}

pub async fn submit(State(state): State<AppState>, body: Bytes) -> Result<Markup, PageError> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| PageError::bad_request("the form data is not UTF-8"))?;
    let fields: Vec<Field> = form_urlencoded::parse(text.as_bytes())
        .map(|(name, value)| {
            let signature = looks_like_signature(&name, &value).then(|| {
                if value.trim().is_empty() {
                    Err("empty (the control sent no value)".to_owned())
                } else {
                    signature_from_str(&value).map_err(|e| e.to_string())
                }
            });
            Field {
                name: name.into_owned(),
                value: value.into_owned(),
                signature,
            }
        })
        .collect();
    let first = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.clone())
    };

    let has_leave_data = FIELDS.iter().any(|(name, _)| first(name).is_some());
    let mut stored_for = Vec::new();
    if has_leave_data {
        let form = LeaveForm::from_fields(first).map_err(PageError::bad_request)?;
        let mut ids: Vec<String> = fields
            .iter()
            .filter_map(|f| f.signature.as_ref()?.as_ref().ok()?.id.clone())
            .filter(|id| check_signature_id(id).is_ok())
            .collect();
        if ids.is_empty() {
            ids = vec![APPLICANT.to_owned(), APPROVAL.to_owned()];
        }
        ids.dedup();
        for id in ids {
            leave::save(state.store(), &id, &form)?;
            stored_for.push(id);
        }
    }

    Ok(page(
        "en",
        "Submitted",
        html! {
            h1 { "What the server received" }
            table {
                tr { th { "field" } th { "value" } }
                @for field in &fields {
                    tr data-testid="field" {
                        td { code { (field.name) } }
                        td { (render_value(field)) }
                    }
                }
            }
            @if stored_for.is_empty() {
                p.muted { "No leave data in the form; no form record was stored." }
            } @else {
                p data-testid="stored-for" { "Form record stored for: " (stored_for.join(", ")) }
            }
            p { a href="/" { "Back to the form" } }
        },
    ))
}

fn render_value(field: &Field) -> Markup {
    match &field.signature {
        None => html! { (field.value) },
        Some(Err(reason)) => html! {
            p.error { "unreadable signature: " (reason) }
            pre { (field.value) }
        },
        Some(Ok(signature)) => {
            let pretty = serde_json::to_string_pretty(signature).unwrap_or_default();
            html! {
                ul {
                    @for (i, seal) in signature.seals.iter().enumerate() {
                        li data-testid="seal-state" {
                            "seal " (i) ": "
                            @if seal.is_signed() { strong { "signed" } } @else { "unsigned" }
                            @if let Some(name) = seal.signer_name() { " (" (name) ")" }
                        }
                    }
                }
                pre { (pretty) }
            }
        }
    }
}
