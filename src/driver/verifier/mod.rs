//! Verification runs in a Web Worker with its own wasm module
//! (`worker/`), started on the first verify and shared by every control on
//! the page. A hostile document that crashes it costs one answer: the
//! worker is thrown away and the next verify starts a fresh one, while the
//! page and every control on it keep working.

use std::cell::RefCell;
use std::rc::Rc;

use infoplus_signature_core::machine::Problem;
use infoplus_signature_core::verdict::{SealVerdict, VerifyReport};
use infoplus_signature_core::verify_protocol::VerifyRequest;
use infoplus_signature_core::Signature;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

mod answers;

use answers::{fail_all, on_message, Requests, Waiting};

use super::document::Fetched;
use super::trust::Trust;

/// A verification's report, with the document's SHA-256 when the worker
/// had the document.
pub struct Verified {
    pub report: VerifyReport,
    pub document_sha256: Option<String>,
}

/// The worker's entry script, next to the control's own.
const WORKER_SCRIPT: &str = "infoplus-signature-verify.js";

thread_local! {
    /// Where the control's files are (the worker sits next to them).
    static ASSET_BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The worker's URL when the loader named it (a bundler's file name).
    static WORKER_URL: RefCell<Option<String>> = const { RefCell::new(None) };
    static WORKER: RefCell<Option<Rc<Running>>> = const { RefCell::new(None) };
}

pub fn set_asset_base(base: Option<String>) {
    ASSET_BASE.with(|b| *b.borrow_mut() = base);
}

/// The worker's own URL, when the loader knows it (it wins over the base).
pub fn set_worker_url(url: Option<String>) {
    WORKER_URL.with(|w| *w.borrow_mut() = url);
}

/// A file next to the control's own (the page preview's pdf.js).
pub fn asset_url(relative: &str) -> Option<String> {
    let base = ASSET_BASE.with(|b| b.borrow().clone());
    crate::browser::resolve_url(relative, base.as_deref())
}

/// The worker's entry: as the loader named it, else next to the control.
fn worker_url() -> Option<String> {
    if let Some(url) = WORKER_URL.with(|w| w.borrow().clone()) {
        return Some(url);
    }
    let base = ASSET_BASE.with(|b| b.borrow().clone());
    crate::browser::resolve_url(WORKER_SCRIPT, base.as_deref())
}

/// Verify the downloaded document; a document that could not be had gets
/// its verdict without the worker.
pub async fn verify(
    fetched: Fetched,
    signature: &Signature,
    seals: &[usize],
    limit: u64,
    trust: &Trust,
) -> Result<Verified, Problem> {
    let without = |reason| Verified {
        report: VerifyReport::without_document(signature, seals, reason),
        document_sha256: None,
    };
    let (chunks, _) = match fetched {
        Fetched::Unavailable(reason) => return Ok(without(SealVerdict::Unavailable { reason })),
        Fetched::TooLarge { size } => return Ok(without(SealVerdict::TooLarge { limit, size })),
        Fetched::Bytes { chunks, length } => (chunks, length),
    };
    let running = worker()
        .await
        .map_err(|detail| Problem::Verifier { detail })?;
    running.verify(signature, seals, limit, trust, chunks).await
}

/// The page's worker, started (and waited for) if need be.
async fn worker() -> Result<Rc<Running>, String> {
    if let Some(running) = WORKER.with(|w| w.borrow().clone()) {
        running.ready().await?;
        return Ok(running);
    }
    let running = Rc::new(Running::start()?);
    WORKER.with(|w| *w.borrow_mut() = Some(running.clone()));
    if let Err(e) = running.ready().await {
        forget(&running);
        return Err(e);
    }
    Ok(running)
}

/// Drop the page's worker (it crashed or would not start); the next verify
/// starts a fresh one. The instance is let go of later, never from inside
/// one of its own callbacks.
fn forget(running: &Rc<Running>) {
    running.worker.terminate();
    let taken = WORKER.with(|w| {
        let mut slot = w.borrow_mut();
        match slot.as_ref() {
            Some(r) if Rc::ptr_eq(r, running) => slot.take(),
            _ => None,
        }
    });
    wasm_bindgen_futures::spawn_local(async move { drop(taken) });
}

/// The current worker died: stop it and let it go.
fn retire_current() {
    let taken = WORKER.with(|w| w.borrow_mut().take());
    if let Some(running) = &taken {
        running.worker.terminate();
    }
    wasm_bindgen_futures::spawn_local(async move { drop(taken) });
}

/// A module worker from `url`. Browsers only start workers from the
/// page's own origin; when the control is served from elsewhere (a CDN), a
/// same-origin `blob:` module importing the real entry stands in. That needs
/// CORS on the control's files and, under a CSP, `worker-src blob:`.
fn start_worker(url: &str) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    if let Ok(worker) = Worker::new_with_options(url, &options) {
        return Some(worker);
    }
    let source = format!("import {};", serde_json::Value::from(url));
    let parts = Array::of1(&source.into());
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind).ok()?;
    let blob_url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    // Not revoked: the worker may still be fetching it; it is a few bytes.
    Worker::new_with_options(&blob_url, &options).ok()
}

struct Running {
    worker: Worker,
    ready: Promise,
    next_id: std::cell::Cell<u32>,
    requests: Rc<RefCell<Requests>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Running {
    fn start() -> Result<Running, String> {
        let url =
            worker_url().ok_or_else(|| "the verifier's address cannot be resolved".to_owned())?;
        let worker = start_worker(&url)
            .ok_or_else(|| "the browser refused to start the verifier".to_owned())?;
        let requests: Rc<RefCell<Requests>> = Rc::default();
        let (mut ready_resolve, mut ready_reject) = (None, None);
        let ready = Promise::new(&mut |resolve, reject| {
            ready_resolve = Some(resolve);
            ready_reject = Some(reject);
        });
        let (ready_resolve, ready_reject) = (
            ready_resolve.unwrap_or_else(|| Function::new_no_args("")),
            ready_reject.unwrap_or_else(|| Function::new_no_args("")),
        );
        let on_message = {
            let requests = requests.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                on_message(&event.data(), &requests, &ready_resolve);
            })
        };
        let on_error = {
            let requests = requests.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
                let _ = ready_reject.call1(&JsValue::NULL, &"the verifier could not start".into());
                fail_all(&requests, "the verifier stopped");
                // This instance is dead; the next verify starts another.
                retire_current();
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Running {
            worker,
            ready,
            next_id: std::cell::Cell::new(1),
            requests,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    async fn ready(&self) -> Result<(), String> {
        JsFuture::from(self.ready.clone())
            .await
            .map(|_| ())
            .map_err(|e| {
                e.as_string()
                    .unwrap_or_else(|| "the verifier could not start".into())
            })
    }

    async fn verify(
        self: &Rc<Self>,
        signature: &Signature,
        seals: &[usize],
        limit: u64,
        trust: &Trust,
        chunks: Array,
    ) -> Result<Verified, Problem> {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let answer = Promise::new(&mut |resolve, reject| {
            self.requests.borrow_mut().waiting.insert(
                id,
                Waiting {
                    resolve,
                    reject,
                    steps: Vec::new(),
                    document_sha256: None,
                },
            );
        });
        let request = VerifyRequest {
            id,
            signature: signature.to_value(),
            seals: seals.to_vec(),
            limit,
            roots: trust.roots.clone(),
            intermediates: trust.intermediates.clone(),
            now: (js_sys::Date::now() / 1000.0) as i64,
            at_now: false,
        };
        let message = Object::new();
        let _ = Reflect::set(&message, &"request".into(), &request.to_json().into());
        let _ = Reflect::set(&message, &"chunks".into(), &chunks);
        // Hand the buffers over instead of copying them on the main thread.
        let transfer: Array = chunks
            .iter()
            .filter_map(|c| Reflect::get(&c, &"buffer".into()).ok())
            .collect();
        if self
            .worker
            .post_message_with_transfer(&message, &transfer)
            .is_err()
        {
            self.requests.borrow_mut().waiting.remove(&id);
            return Err(Problem::Verifier {
                detail: "the document could not be handed to the verifier".into(),
            });
        }
        if let Err(reason) = JsFuture::from(answer).await {
            forget(self);
            let detail = reason
                .as_string()
                .unwrap_or_else(|| "the verifier stopped".into());
            return Err(Problem::Verifier { detail });
        }
        self.requests
            .borrow_mut()
            .done
            .remove(&id)
            .ok_or_else(|| Problem::Verifier {
                detail: "the verifier's answer could not be read".into(),
            })
    }
}
