//! The verify worker: a Web Worker with its own wasm module (crypto and the
//! `pdf` crate, several times the size of the control), downloaded only on
//! the first verify, so it never weighs on the first paint and never blocks
//! the page's main thread.
//!
//! Protocol (see `src/driver/verifier/` on the other side):
//! - in: `{type: "verify", id, signature: "<Signature JSON>", seals: [i…],
//!   limit, chunks: [Uint8Array…], trust: {roots: [pem…], intermediates:
//!   [pem…]}, now: <ms>, at: "signing" | "now"}` (chunk buffers
//!   transferred; `trust`, `now` and `at` optional, `at` defaults to the
//!   signing time as §6a says);
//! - out: `{type: "seals", id, report: "<VerifyReport JSON>",
//!   documentSha256}` as soon as the raw seals (§6) are checked, then
//!   `{type: "pdf", id, pdf: "<PdfReport JSON>", seals: "<[SealReport]
//!   JSON>"}` once the PDF and its own signatures (§6a) have been read,
//!   `seals` being the verdicts of the seals that are PDF signatures;
//!   `{type: "panic", message}` if either step panics (the instance is dead
//!   after that; the control starts a new one).
//!
//! Two answers, because the PDF's signatures are the risky part: if a
//! hostile PDF crashes their checks, the seals' verdicts are already out.
//! (The file itself is read before step 1, to plan the digests; step 2
//! reuses that reading.)
//!
//! Before either step the digests the core will need are computed once
//! per document: SHA-2 with WebCrypto (`webcrypto.rs`), the whole
//! document's SHA-256 on the hasher's thread when this one has other
//! hashing to do meanwhile, SM3 in wasm; the PDF is read once for both
//! steps.

#[cfg(target_arch = "wasm32")]
mod webcrypto;

#[cfg(target_arch = "wasm32")]
mod worker {
    use infoplus_signature_core::signature_from_str;
    use infoplus_signature_core::verdict::VerifyReport;
    use infoplus_signature_verify::embedded::{
        digest_plan, verify_embedded_planned, PdfOptions, ValidationTime,
    };
    use infoplus_signature_verify::{
        seals_by_document_sha256, verify_seal_verdicts_with, Digests, Hash,
    };
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    use super::webcrypto;

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

    /// An array of strings; anything else in it is skipped.
    fn strings(value: &JsValue) -> Vec<String> {
        if !Array::is_array(value) {
            return Vec::new();
        }
        Array::from(value)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
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

    /// One `verify` request. `hasher` is the entry's function that hashes
    /// on a second thread (see `webcrypto.rs`), undefined if there is none.
    #[wasm_bindgen]
    pub async fn handle(data: JsValue, hasher: JsValue) {
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
        let trust = field(&data, "trust");
        let now_seconds = field(&data, "now").as_f64().map(|ms| (ms / 1000.0) as i64);
        let at = match (field(&data, "at").as_string().as_deref(), now_seconds) {
            (Some("now"), Some(now)) => ValidationTime::At(now),
            _ => ValidationTime::Signing,
        };
        let options = PdfOptions {
            roots_pem: strings(&field(&trust, "roots")),
            intermediates_pem: strings(&field(&trust, "intermediates")),
            at,
        };
        // The document, copied into wasm once; its JavaScript copy (the
        // received buffer, or the chunks joined) then goes to the hasher.
        let whole = webcrypto::joined(&Array::from(&field(&data, "chunks")));
        let document = whole.to_vec();
        let whole_range = vec![(0, document.len())];
        // The PDF is read here once: step 2 reuses the reading (`plan`).
        let plan = digest_plan(&document, limit);

        // The whole document's SHA-256 (the report names the document by
        // it; raw ECDSA/RSA seals sign it), from the received buffer itself
        // (no copy in JavaScript): on the hasher's thread when this one has
        // other hashing to do meanwhile (SM3, other SHA-2 ranges, SM2 or
        // Ed25519 seals); else here, sparing the hop...
        let (hashing_themselves, taking_sha256) = seals_by_document_sha256(&signature, &seals);
        let other_digests: Vec<_> = plan
            .digests
            .iter()
            .filter(|(hash, ranges)| !(*hash == Hash::Sha256 && *ranges == whole_range))
            .collect();
        let mut hashing = webcrypto::Hashing::new(hasher);
        if hashing_themselves.is_empty() && other_digests.is_empty() {
            hashing.start_from(&whole, Hash::Sha256, whole_range);
        } else {
            hashing.start_elsewhere(whole, Hash::Sha256);
        }
        // ...while this one computes the digests the embedded signatures
        // need: SHA-2 with WebCrypto too, SM3 (WebCrypto has none) in wasm.
        let digests = Digests::new();
        let mut in_wasm = Vec::new();
        for (hash, ranges) in other_digests {
            if !hashing.start_here(&document, *hash, ranges.clone()) {
                in_wasm.push((*hash, ranges));
            }
        }
        for (hash, ranges) in in_wasm {
            let _ = digests.of(hash, &document, ranges);
        }
        // Step 1: the raw seals (§6). SM2 and Ed25519 seals hash the
        // document themselves: they are checked before the SHA-256 is
        // waited for, the others after.
        let early =
            verify_seal_verdicts_with(&signature, &document, limit, &hashing_themselves, &digests);
        hashing.finish(&digests, &document).await;
        let document_sha256 = hex(&digests.of_whole(Hash::Sha256, &document));
        let late =
            verify_seal_verdicts_with(&signature, &document, limit, &taking_sha256, &digests);
        let report = VerifyReport::joined(vec![early, late], &seals);
        let seals_json = serde_json::to_string(&report).unwrap_or_default();
        post(&[
            ("type", "seals".into()),
            ("id", id.clone()),
            ("report", seals_json.into()),
            ("documentSha256", document_sha256.into()),
        ]);

        // Step 2: what the PDF says about itself, its own signatures (§6a)
        // and the seals that are PDF signatures.
        let answer =
            verify_embedded_planned(&signature, &document, &seals, &options, &digests, plan);
        let pdf_json = serde_json::to_string(&answer.pdf).unwrap_or_else(|_| "null".into());
        let seals_json = serde_json::to_string(&answer.seals).unwrap_or_else(|_| "[]".into());
        post(&[
            ("type", "pdf".into()),
            ("id", id),
            ("pdf", pdf_json.into()),
            ("seals", seals_json.into()),
        ]);
    }

    /// Lowercase hex, without pulling a crate into the worker for it.
    fn hex(bytes: &[u8]) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            text.push(char::from(DIGITS[usize::from(b >> 4)]));
            text.push(char::from(DIGITS[usize::from(b & 15)]));
        }
        text
    }
}
