//! The verify worker: a Web Worker with its own wasm module (crypto and the
//! `pdf` crate, several times the size of the control), downloaded only on
//! the first verify, so it never weighs on the first paint and never blocks
//! the page's main thread.
//!
//! Protocol (`core::verify_protocol`, the same types on both sides):
//! - in: `{request: "<VerifyRequest JSON>", chunks: [Uint8Array…]}` (the
//!   chunk buffers transferred);
//! - out: `WorkerAnswer` JSON texts: a `step` answer as soon as the raw
//!   seals (§6) are checked (with the document's SHA-256), then a `step`
//!   answer with `last` once the PDF and its own signatures (§6a, §6b) have
//!   been read; `panic` if either step panics (the instance is dead after
//!   that; the control starts a new one). The entry script says `ready`.
//!
//! Two answers, because the PDF's signatures are the risky part: if a
//! hostile PDF crashes their checks, the seals' verdicts are already out.
//! The document is read once, before step 1, to plan the digests; each
//! signature's CMS is parsed once (`verify::run`).
//!
//! Before either step the digests the run will need are computed once
//! per document: SHA-2 with WebCrypto (`webcrypto.rs`), the whole
//! document's SHA-256 on the hasher's thread when this one has other
//! hashing to do meanwhile, the rest (SM3, SHA-3) in wasm.

#[cfg(target_arch = "wasm32")]
mod webcrypto;

#[cfg(target_arch = "wasm32")]
mod worker {
    use infoplus_signature_core::verify_protocol::{VerifyRequest, WorkerAnswer};
    use infoplus_signature_core::{signature_from_value, VerifyReport};
    use infoplus_signature_verify::{
        seals_by_document_sha256, Document, Hash, Options, Run, ValidationTime,
    };
    use js_sys::{Array, Reflect};
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    use super::webcrypto;

    fn post(answer: &WorkerAnswer) {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.post_message(&answer.to_json().into());
    }

    fn field(data: &JsValue, key: &str) -> JsValue {
        Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// Tell the control why we died before the instance aborts.
    #[wasm_bindgen(start)]
    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            post(&WorkerAnswer::Panic {
                message: info.to_string(),
            });
        }));
    }

    fn panic_answer(message: String) {
        post(&WorkerAnswer::Panic { message });
    }

    /// One request. `hasher` is the entry's function that hashes on a
    /// second thread (see `webcrypto.rs`), undefined if there is none.
    #[wasm_bindgen]
    pub async fn handle(data: JsValue, hasher: JsValue) {
        let text = field(&data, "request").as_string().unwrap_or_default();
        let request = match VerifyRequest::from_json(&text) {
            Ok(request) => request,
            Err(e) => return panic_answer(format!("the request could not be read: {e}")),
        };
        let signature = match signature_from_value(request.signature.clone()) {
            Ok(s) => s,
            Err(e) => return panic_answer(format!("the Signature could not be read: {e}")),
        };
        let options = Options {
            limit: request.limit,
            roots_pem: request.roots,
            intermediates_pem: request.intermediates,
            trust_document_certificates: false,
            at: if request.at_now {
                ValidationTime::At(request.now)
            } else {
                ValidationTime::Signing
            },
            online: Default::default(),
        };
        let seals = request.seals;
        // The document, copied into wasm once; its JavaScript copy (the
        // received buffer, or the chunks joined) then goes to the hasher.
        let whole = webcrypto::joined(&Array::from(&field(&data, "chunks")));
        let bytes = whole.to_vec();
        let whole_range = vec![(0, bytes.len())];
        // The PDF is read here once, each CMS parsed once.
        let document = Document::read(&bytes, options.limit);
        let run = Run::new(&document, &signature, &options);
        let planned = run.planned_digests();

        // The whole document's SHA-256 (the report names the document by
        // it; ECDSA/RSA seals over SHA-256 sign it), from the received
        // buffer itself (no copy in JavaScript): on the hasher's thread
        // when this one has other hashing to do meanwhile (SM3, other
        // ranges, SM2 or EdDSA seals); else here, sparing the hop...
        let (hashing_themselves, taking_digests) = seals_by_document_sha256(&signature, &seals);
        let others: Vec<_> = planned
            .iter()
            .filter(|(hash, ranges)| !(*hash == Hash::Sha256 && *ranges == whole_range))
            .collect();
        let mut hashing = webcrypto::Hashing::new(hasher);
        if hashing_themselves.is_empty() && others.is_empty() {
            hashing.start_from(&whole, Hash::Sha256, whole_range);
        } else {
            hashing.start_elsewhere(whole, Hash::Sha256);
        }
        // ...while this one computes the digests the embedded signatures
        // need: SHA-2 with WebCrypto too, the others in wasm.
        let mut in_wasm = Vec::new();
        for (hash, ranges) in others {
            if !hashing.start_here(&bytes, *hash, ranges.clone()) {
                in_wasm.push((*hash, ranges));
            }
        }
        for (hash, ranges) in in_wasm {
            let _ = run.digests().of(hash, &bytes, ranges);
        }
        // Step 1: the raw seals (§6). SM2 and EdDSA seals hash the document
        // themselves: they are checked before the SHA-256 is waited for.
        let early = run.seals(&hashing_themselves);
        hashing.finish(run.digests(), &bytes).await;
        let document_sha256 = hex(&run.digests().of_whole(Hash::Sha256, &bytes));
        let late = run.seals(&taking_digests);
        post(&WorkerAnswer::Step {
            id: request.id,
            report: VerifyReport::merged([early, late]),
            document_sha256: Some(document_sha256),
            last: false,
        });

        // Step 2: what the PDF says about itself, its own signatures and
        // the seals that are PDF signatures.
        post(&WorkerAnswer::Step {
            id: request.id,
            report: run.pdf(&seals),
            document_sha256: None,
            last: true,
        });
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
