//! The worker's answers (`core::verify_protocol::WorkerAnswer`, JSON text
//! made and read by the same types): each request's steps are collected
//! and merged in one place (`VerifyReport::merged`) once the last arrives;
//! a worker that dies hands out what it had.

use std::cell::RefCell;
use std::collections::HashMap;

use infoplus_signature_core::verdict::{PdfReport, VerifyReport};
use infoplus_signature_core::verify_protocol::WorkerAnswer;
use js_sys::Function;
use wasm_bindgen::JsValue;

use super::{retire_current, Verified};

/// A request waiting for its answers.
pub(super) struct Waiting {
    pub resolve: Function,
    pub reject: Function,
    /// The steps answered so far.
    pub steps: Vec<VerifyReport>,
    /// The document's SHA-256 (hex), sent with the first step.
    pub document_sha256: Option<String>,
}

/// Requests by id, and the answers ready to be taken.
#[derive(Default)]
pub(super) struct Requests {
    pub waiting: HashMap<u32, Waiting>,
    pub done: HashMap<u32, Verified>,
}

impl Waiting {
    fn into_verified(self, pdf_failed: Option<String>) -> (Function, Verified) {
        let mut steps = self.steps;
        if let Some(reason) = pdf_failed {
            steps.push(VerifyReport {
                seals: Vec::new(),
                pdf: Some(PdfReport::Unreadable { reason }),
            });
        }
        let verified = Verified {
            report: VerifyReport::merged(steps),
            document_sha256: self.document_sha256,
        };
        (self.resolve, verified)
    }
}

pub(super) fn on_message(data: &JsValue, requests: &RefCell<Requests>, ready: &Function) {
    let Some(text) = data.as_string() else {
        return;
    };
    match WorkerAnswer::from_json(&text) {
        Ok(WorkerAnswer::Ready) => {
            let _ = ready.call0(&JsValue::NULL);
        }
        Ok(WorkerAnswer::Step {
            id,
            report,
            document_sha256,
            last,
        }) => {
            let finished = {
                let mut requests = requests.borrow_mut();
                let Some(waiting) = requests.waiting.get_mut(&id) else {
                    return;
                };
                waiting.steps.push(report);
                if document_sha256.is_some() {
                    waiting.document_sha256 = document_sha256;
                }
                if !last {
                    return;
                }
                let Some(waiting) = requests.waiting.remove(&id) else {
                    return;
                };
                let (resolve, verified) = waiting.into_verified(None);
                requests.done.insert(id, verified);
                resolve
            };
            let _ = finished.call0(&JsValue::NULL);
        }
        Ok(WorkerAnswer::Panic { message }) => {
            fail_all(requests, &message);
            retire_current();
        }
        Err(_) => {}
    }
}

/// The worker died: requests whose seals were already checked still get
/// those verdicts (the PDF is reported unreadable); the others fail.
pub(super) fn fail_all(requests: &RefCell<Requests>, why: &str) {
    let mut settle = Vec::new();
    {
        let mut requests = requests.borrow_mut();
        let all: Vec<(u32, Waiting)> = requests.waiting.drain().collect();
        for (id, waiting) in all {
            if waiting.steps.is_empty() {
                settle.push((waiting.reject, Some(why.to_owned())));
                continue;
            }
            let reason = format!("reading this PDF stopped the PDF reader ({why})");
            let (resolve, verified) = waiting.into_verified(Some(reason));
            requests.done.insert(id, verified);
            settle.push((resolve, None));
        }
    }
    for (function, why) in settle {
        let _ = match why {
            Some(why) => function.call1(&JsValue::NULL, &why.into()),
            None => function.call0(&JsValue::NULL),
        };
    }
}
