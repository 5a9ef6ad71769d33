//! The worker's answers: the seals' verdicts first, then the PDF report,
//! assembled per request; a worker that dies hands out what it had.

use std::cell::RefCell;
use std::collections::HashMap;

use infoplus_signature_core::verdict::{PdfReport, SealReport, VerifyReport};
use js_sys::{Function, Reflect};
use wasm_bindgen::JsValue;

use super::{retire_current, Verified, Waiting};
use crate::browser::text_field;

/// `{"report": …, "pdf": …, "embedded": [SealReport…], "documentSha256":
/// …}` as assembled by `on_message`: the seals that are PDF signatures
/// (verified in the worker's second step) join the raw seals' verdicts, in
/// the order of their indices.
pub(super) fn parse_answer(text: &str) -> Option<Verified> {
    let value: serde_json::Value = serde_json::from_slice(text.as_bytes()).ok()?;
    let mut report = VerifyReport::from_value(value.get("report")?.clone()).ok()?;
    report.pdf = match value.get("pdf") {
        Some(serde_json::Value::Null) | None => None,
        Some(pdf) => PdfReport::from_value(pdf.clone()).ok(),
    };
    if let Some(embedded) = value.get("embedded") {
        // Read with the report's own reader (no derived `Deserialize`: see
        // core's verdict_json.rs).
        let wrapped = serde_json::json!({ "seals": embedded, "pdf": null });
        let embedded: Vec<SealReport> = VerifyReport::from_value(wrapped)
            .map(|r| r.seals)
            .unwrap_or_default();
        let fresh: Vec<SealReport> = embedded
            .into_iter()
            .filter(|s| report.seals.iter().all(|r| r.index != s.index))
            .collect();
        report.seals.extend(fresh);
        report.seals.sort_by_key(|s| s.index);
    }
    let document_sha256 = value
        .get("documentSha256")
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    Some(Verified {
        report,
        document_sha256,
    })
}

/// The answer `parse_answer` reads, from the pieces the worker sent.
fn assemble(w: Waiting, pdf: &str, embedded: &str) -> String {
    let seals = w.seals.unwrap_or_else(|| "null".into());
    let sha = serde_json::Value::from(w.document_sha256.unwrap_or_default());
    format!("{{\"report\":{seals},\"pdf\":{pdf},\"embedded\":{embedded},\"documentSha256\":{sha}}}")
}

pub(super) fn on_message(
    data: &JsValue,
    waiting: &RefCell<HashMap<u32, Waiting>>,
    ready: &Function,
) {
    let kind = text_field(data, "type").unwrap_or_default();
    let id = Reflect::get(data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map(|n| n as u32);
    match (kind.as_str(), id) {
        ("ready", _) => {
            let _ = ready.call0(&JsValue::NULL);
        }
        ("seals", Some(id)) => {
            if let Some(w) = waiting.borrow_mut().get_mut(&id) {
                w.seals = text_field(data, "report");
                w.document_sha256 = text_field(data, "documentSha256");
            }
        }
        ("pdf", Some(id)) => {
            if let Some(w) = waiting.borrow_mut().remove(&id) {
                let pdf = text_field(data, "pdf").unwrap_or_else(|| "null".into());
                let embedded = text_field(data, "seals").unwrap_or_else(|| "[]".into());
                let resolve = w.resolve.clone();
                let answer = assemble(w, &pdf, &embedded);
                let _ = resolve.call1(&JsValue::NULL, &answer.into());
            }
        }
        ("panic", _) => {
            let message = text_field(data, "message").unwrap_or_default();
            fail_all(waiting, &message);
            retire_current();
        }
        _ => {}
    }
}

/// The worker died: requests whose seals were already checked still get
/// those verdicts (the PDF is reported unreadable); the others fail.
pub(super) fn fail_all(waiting: &RefCell<HashMap<u32, Waiting>>, why: &str) {
    let all: Vec<Waiting> = waiting.borrow_mut().drain().map(|(_, w)| w).collect();
    for w in all {
        match w.seals {
            Some(_) => {
                let pdf = PdfReport::Unreadable {
                    reason: format!("reading this PDF stopped the PDF reader ({why})"),
                };
                let pdf = serde_json::to_string(&pdf).unwrap_or_else(|_| "null".into());
                let resolve = w.resolve.clone();
                let answer = assemble(w, &pdf, "[]");
                let _ = resolve.call1(&JsValue::NULL, &answer.into());
            }
            None => {
                let _ = w.reject.call1(&JsValue::NULL, &why.into());
            }
        }
    }
}
