//! pdf.js for the page preview, fetched the first time a preview opens
//! (never with the first download nor on verify): its module and worker
//! sit with the control's files (`dist/control/pdfjs/`, copied by
//! `scripts/build`).
//!
//! Everything here goes through `Reflect` and the few bindings the control
//! already imports, on purpose: each new wasm-bindgen import would add
//! glue to the first download, which must not grow for a view few open.
//! For the same reason the module is loaded by a `<script type="module">`
//! rather than `import()`: `import()` is syntax, reachable from wasm only
//! through a JavaScript snippet, and snippets are imported (and so
//! downloaded) with the first download. The module publishes its exports
//! as `globalThis.pdfjsLib`, which is read once it has run.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::driver::verifier::asset_url;

const MODULE: &str = "control/pdfjs/pdf.min.mjs";
const WORKER: &str = "control/pdfjs/pdf.worker.min.mjs";
/// pdf.js's `AnnotationMode.ENABLE`: annotations with an appearance (a
/// signature's visible seal) are painted on the canvas; no form layer.
const ANNOTATIONS_PAINTED: f64 = 1.0;

thread_local! {
    /// The library once loaded: later previews on the page reuse it.
    static LIBRARY: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Why something failed, as text for the user (never markup).
pub type Failure = String;

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn set(target: &JsValue, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}

/// `target.method(arg)`.
fn call(target: &JsValue, method: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let function = get(target, method)?;
    if !function.is_function() {
        return Err(JsValue::from_str(&format!("{method} is not a function")));
    }
    function.unchecked_into::<Function>().call1(target, arg)
}

/// Awaits `value` when it is a promise (pdf.js's, the Blob's).
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    let promise: Promise = value.dyn_into()?;
    JsFuture::from(promise).await
}

fn get_index(target: &JsValue, i: u32) -> Option<f64> {
    Reflect::get(target, &JsValue::from(i))
        .ok()?
        .as_f64()
        .filter(|n| n.is_finite())
}

fn number(target: &JsValue, key: &str) -> Option<f64> {
    get(target, key).ok()?.as_f64().filter(|n| n.is_finite())
}

/// A thrown value in words: its `message`, else a generic phrase.
fn words(error: JsValue) -> Failure {
    get(&error, "message")
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// The library, loading it first if need be. `Err(None)`: the module
/// could not be had (the caller says so in its own words).
async fn library() -> Result<JsValue, Option<Failure>> {
    if let Some(lib) = LIBRARY.with(|l| l.borrow().clone()) {
        return Ok(lib);
    }
    let (module, worker) = named_by_package()
        .or_else(|| Some((asset_url(MODULE)?, asset_url(WORKER)?)))
        .ok_or(None)?;
    load_module(&module).await.map_err(|_| None)?;
    let lib = get(&js_sys::global(), "pdfjsLib").map_err(|_| None)?;
    let options = get(&lib, "GlobalWorkerOptions").map_err(|_| None)?;
    // A class (a function) with a static `workerSrc`.
    if options.is_undefined() || options.is_null() {
        return Err(None);
    }
    set(&options, "workerSrc", &JsValue::from_str(&worker)).map_err(|e| Some(words(e)))?;
    LIBRARY.with(|l| *l.borrow_mut() = Some(lib.clone()));
    Ok(lib)
}

/// The npm package's entry names pdf.js's files (a bundler renames them)
/// on the element's class: `customElements.get(TAG).pdfjs = {module, worker}`.
fn named_by_package() -> Option<(String, String)> {
    let registry = get(&js_sys::global(), "customElements").ok()?;
    let class = call(&registry, "get", &JsValue::from_str(crate::element::TAG)).ok()?;
    let named = get(&class, "pdfjs").ok()?;
    let url = |key| get(&named, key).ok()?.as_string();
    Some((url("module")?, url("worker")?))
}

/// Runs the module at `url` (a module script, CSP `script-src` like the
/// control's own) and waits for it; the element goes once it has run.
async fn load_module(url: &str) -> Result<(), JsValue> {
    let document = crate::browser::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let script = document.create_element("script")?;
    script.set_attribute("type", "module")?;
    script.set_attribute("src", url)?;
    let done = Promise::new(&mut |resolve: Function, reject: Function| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    let head: web_sys::Element = get(&document, "head")?.dyn_into()?;
    head.append_child(&script)?;
    let loaded = JsFuture::from(done).await;
    script.remove();
    loaded.map(|_| ())
}

/// An open document: pdf.js's loading task (which owns it and its worker).
pub struct Document {
    task: JsValue,
    pdf: JsValue,
}

/// Opens the kept document's bytes with pdf.js: no `eval` (the page's
/// CSP forbids it), pdf.js's own worker.
pub async fn open(blob: &web_sys::Blob) -> Result<Document, Option<Failure>> {
    let lib = library().await?;
    let opened = async {
        let buffer = settle(call(blob, "arrayBuffer", &JsValue::UNDEFINED)?).await?;
        let params = Object::new();
        set(&params, "data", &Uint8Array::new(&buffer))?;
        set(&params, "isEvalSupported", &JsValue::FALSE)?;
        let task = call(&lib, "getDocument", &params)?;
        let pdf = settle(get(&task, "promise")?).await?;
        Ok::<_, JsValue>(Document { task, pdf })
    };
    opened.await.map_err(|e| Some(words(e)))
}

impl Document {
    /// Draws page `number` (1-based) into `canvas`, `pixels` wide.
    pub async fn draw(
        &self,
        number: u32,
        canvas: &web_sys::Element,
        pixels: f64,
    ) -> Result<Drawn, Failure> {
        self.draw_inner(number, canvas, pixels).await.map_err(words)
    }

    async fn draw_inner(
        &self,
        number: u32,
        canvas: &web_sys::Element,
        pixels: f64,
    ) -> Result<Drawn, JsValue> {
        let page = settle(call(&self.pdf, "getPage", &JsValue::from(number))?).await?;
        let unit = viewport(&page, 1.0)?;
        let width = number_or_err(&unit, "width")?;
        let height = number_or_err(&unit, "height")?;
        let scale = (pixels / width).clamp(0.1, 4.0);
        let scaled = viewport(&page, scale)?;
        // Whole pixels, formatted as integers (no float formatting code).
        canvas.set_attribute("width", &((width * scale) as u32).to_string())?;
        canvas.set_attribute("height", &((height * scale) as u32).to_string())?;
        let params = Object::new();
        set(&params, "canvas", canvas)?;
        set(&params, "viewport", &scaled)?;
        set(
            &params,
            "annotationMode",
            &JsValue::from_f64(ANNOTATIONS_PAINTED),
        )?;
        let task = call(&page, "render", &params)?;
        settle(get(&task, "promise")?).await?;
        let view = get(&page, "view")?;
        let at = |i: u32| get_index(&view, i).unwrap_or(0.0);
        Ok(Drawn {
            unit,
            size: (width, height),
            view: [at(0), at(1), at(2), at(3)],
        })
    }

    /// Lets the document and its worker go.
    pub fn close(&self) {
        let _ = call(&self.task, "destroy", &JsValue::UNDEFINED);
    }
}

fn viewport(page: &JsValue, scale: f64) -> Result<JsValue, JsValue> {
    let params = Object::new();
    set(&params, "scale", &JsValue::from_f64(scale))?;
    call(page, "getViewport", &params)
}

fn number_or_err(target: &JsValue, key: &str) -> Result<f64, JsValue> {
    number(target, key)
        .filter(|n| *n > 0.0)
        .ok_or_else(|| JsValue::from_str("the page has no size"))
}

/// A drawn page: its viewport at scale 1 and its box in user space.
pub struct Drawn {
    unit: JsValue,
    size: (f64, f64),
    /// `[x0, y0, x1, y1]`, pdf.js's `page.view` (the crop box).
    pub view: [f64; 4],
}

impl Drawn {
    /// A user-space rectangle as fractions of the page (left, top, width,
    /// height), through pdf.js's own mapping (page box and `/Rotate`).
    pub fn fractions(&self, rect: [f64; 4]) -> Option<[f64; 4]> {
        let corners = Array::new();
        for v in rect {
            corners.push(&JsValue::from_f64(v));
        }
        let mapped = call(&self.unit, "convertToViewportRectangle", &corners).ok()?;
        let at = |i: u32| get_index(&mapped, i);
        let mapped = [at(0)?, at(1)?, at(2)?, at(3)?];
        super::preview_model::fractions(mapped, self.size)
    }
}
