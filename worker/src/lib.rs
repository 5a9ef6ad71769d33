//! The verify worker: a Web Worker with its own wasm module (crypto and the
//! `pdf` crate, several times the size of the control), downloaded only on
//! the first verify, so it never weighs on the first paint and never blocks
//! the page's main thread.
//!
//! Protocol (see `src/driver/verifier.rs` on the other side):
//! - in: `{type: "verify", id, signature: "<Signature JSON>", seals: [i…],
//!   limit, chunks: [Uint8Array…]}` (chunk buffers transferred);
//! - out: `{type: "seals", id, report: "<VerifyReport JSON>"}` as soon as the
//!   signatures are checked, then `{type: "pdf", id, pdf: "<PdfReport JSON>"}`
//!   once the PDF has been read; `{type: "panic", message}` if either step
//!   panics (the instance is dead after that; the control starts a new one).
//!
//! Two answers, because the PDF reader is the risky part: if a hostile PDF
//! crashes it, the seals' verdicts are already out.

#[cfg(target_arch = "wasm32")]
mod worker {
    use infoplus_signature_core::verify::verify_seal_verdicts;
    use infoplus_signature_core::{pdf, signature_from_str};
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(fields: &[(&str, JsValue)]) {
        let message = Object::new();
        for (key, value) in fields {
            let _ = Reflect::set(&message, &(*key).into(), value);
        }
        let _ = scope().post_message(&message);
    }

    fn field(data: &JsValue, key: &str) -> JsValue {
        Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// Tell the control why we died before the instance aborts.
    #[wasm_bindgen(start)]
    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            post(&[
                ("type", "panic".into()),
                ("message", info.to_string().into()),
            ]);
        }));
    }

    /// One `verify` request.
    #[wasm_bindgen]
    pub fn handle(data: JsValue) {
        if field(&data, "type").as_string().as_deref() != Some("verify") {
            return;
        }
        let id = field(&data, "id");
        let text = field(&data, "signature").as_string().unwrap_or_default();
        let limit = field(&data, "limit").as_f64().unwrap_or(0.0) as u64;
        let seals: Vec<usize> = Array::from(&field(&data, "seals"))
            .iter()
            .filter_map(|v| v.as_f64())
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
            .map(|n| n as usize)
            .collect();
        let signature = match signature_from_str(&text) {
            Ok(s) => s,
            Err(e) => {
                let message = format!("the Signature could not be read: {e}");
                return post(&[("type", "panic".into()), ("message", message.into())]);
            }
        };
        let document = concatenate(&Array::from(&field(&data, "chunks")));

        let report = verify_seal_verdicts(&signature, &document, limit, &seals);
        let seals_json = serde_json::to_string(&report).unwrap_or_default();
        post(&[
            ("type", "seals".into()),
            ("id", id.clone()),
            ("report", seals_json.into()),
        ]);

        // Within the limit and a PDF: read what the PDF says about itself.
        let readable = document.len() as u64 <= limit && pdf::is_pdf(&document);
        let pdf = readable.then(|| pdf::inspect(&document));
        let pdf_json = serde_json::to_string(&pdf).unwrap_or_else(|_| "null".into());
        post(&[("type", "pdf".into()), ("id", id), ("pdf", pdf_json.into())]);
    }

    /// The received chunks as one buffer in wasm memory.
    fn concatenate(chunks: &Array) -> Vec<u8> {
        let total: usize = chunks
            .iter()
            .map(|c| Uint8Array::from(c).length() as usize)
            .sum();
        let mut bytes = vec![0u8; total];
        let mut at = 0;
        for chunk in chunks.iter() {
            let chunk = Uint8Array::from(chunk);
            let len = chunk.length() as usize;
            chunk.copy_to(&mut bytes[at..at + len]);
            at += len;
        }
        bytes
    }
}
