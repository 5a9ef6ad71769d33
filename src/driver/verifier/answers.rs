//! The worker's answers: the seals' verdicts first, then the PDF report,
//! assembled per request; a worker that dies hands out what it had.

use std::cell::RefCell;
use std::collections::HashMap;

use infoplus_signature_core::verdict::{PdfReport, VerifyReport};
use js_sys::{Function, Reflect};
use wasm_bindgen::JsValue;

use super::{retire_current, Waiting};
use crate::browser::text_field;

/// `{"report": …, "pdf": …}` as assembled by `on_message`.
pub(super) fn parse_answer(text: &str) -> Option<VerifyReport> {
    let value: serde_json::Value = serde_json::from_slice(text.as_bytes()).ok()?;
    let mut report = VerifyReport::from_value(value.get("report")?.clone()).ok()?;
    report.pdf = match value.get("pdf") {
        Some(serde_json::Value::Null) | None => None,
        Some(pdf) => PdfReport::from_value(pdf.clone()).ok(),
    };
    Some(report)
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
            }
        }
        ("pdf", Some(id)) => {
            if let Some(w) = waiting.borrow_mut().remove(&id) {
                let pdf = text_field(data, "pdf").unwrap_or_else(|| "null".into());
                let seals = w.seals.unwrap_or_else(|| "null".into());
                let answer = format!("{{\"report\":{seals},\"pdf\":{pdf}}}");
                let _ = w.resolve.call1(&JsValue::NULL, &answer.into());
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
            Some(seals) => {
                let pdf = PdfReport::Unreadable {
                    reason: format!("reading this PDF stopped the PDF reader ({why})"),
                };
                let pdf = serde_json::to_string(&pdf).unwrap_or_else(|_| "null".into());
                let answer = format!("{{\"report\":{seals},\"pdf\":{pdf}}}");
                let _ = w.resolve.call1(&JsValue::NULL, &answer.into());
            }
            None => {
                let _ = w.reject.call1(&JsValue::NULL, &why.into());
            }
        }
    }
}
