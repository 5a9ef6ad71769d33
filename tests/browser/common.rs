//! Shared helpers for the browser tests (`tests/browser_*.rs`), included by
//! each of them with `#[path = "browser/common.rs"] mod common;`.
//!
//! The tests run in headless Chromium on the page wasm-bindgen-test-runner
//! serves; the devserver (engine, service, fault switches) is another
//! origin, reached over CORS. Its URL is baked in at compile time from
//! `DEVSERVER_URL` (scripts/test exports it).
//!
//! By hand (scripts/test does all of this):
//!
//! ```sh
//! scripts/build                                   # dist/: the control and the verify worker
//! cargo build -p infoplus-signature-devserver
//! target/debug/devserver --addr 127.0.0.1:0 --db /tmp/bt/dev.sqlite --dist dist --dev-faults &
//! DEVSERVER_URL=http://127.0.0.1:PORT CHROMEDRIVER=/usr/bin/chromedriver \
//!   cargo test --target wasm32-unknown-unknown -p infoplus-signature --test browser_render
//! ```
//!
//! The verify worker cannot come from the devserver (browsers start workers
//! only from the page's own origin), so the verify tests load it from the
//! test page's origin: wasm-bindgen-test-runner serves the crate directory
//! too, which is where `dist/` and `tests/fixtures/` are.
//!
//! Every test starts with [`setup`]: it defines the element, turns the
//! devserver's fault switches off, clears the pending-return store, puts the
//! page URL back to `/` and removes what an earlier (failed) test left on the
//! page, so each test starts from the same place.

#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, ShadowRoot, Window};

/// Where the pending sign requests live (see core/src/pending.rs).
pub const PENDING_KEY: &str = "infoplus-signature:pending";

/// Attribute every test fixture root carries, so `setup` can sweep leftovers.
const FIXTURE_ATTR: &str = "data-browser-test";

/// The devserver's URL, without a trailing slash.
pub fn devserver() -> String {
    match option_env!("DEVSERVER_URL") {
        Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
        _ => panic!(
            "DEVSERVER_URL was not set when these tests were compiled: run scripts/test, or \
             start a devserver (--dev-faults) and build with DEVSERVER_URL=http://127.0.0.1:PORT"
        ),
    }
}

/// The engine API base (`engine` attribute).
pub fn engine() -> String {
    format!("{}/api", devserver())
}

/// The signature service (`service` attribute).
pub fn service() -> String {
    format!("{}/sign", devserver())
}

pub fn window() -> Window {
    web_sys::window().expect("a window")
}

pub fn document() -> Document {
    window().document().expect("a document")
}

pub fn body() -> HtmlElement {
    document().body().expect("a body")
}

// ---------------------------------------------------------------- timing

/// Resolve after `ms` milliseconds (a Promise around `setTimeout`).
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("sleep");
}

/// Let Leptos run its pending effects (after a click, an attribute change).
pub async fn tick() {
    leptos::task::tick().await;
}

/// Poll `cond` every 15 ms until it holds; panic after `timeout_ms` with
/// `what` and whatever `explain` says about the page then.
pub async fn wait_until_explained(
    what: &str,
    timeout_ms: f64,
    mut cond: impl FnMut() -> bool,
    explain: impl Fn() -> String,
) {
    let start = js_sys::Date::now();
    loop {
        if cond() {
            return;
        }
        if js_sys::Date::now() - start > timeout_ms {
            panic!(
                "timed out after {timeout_ms} ms waiting for {what}\n{}",
                explain()
            );
        }
        sleep(15).await;
    }
}

pub async fn wait_until(what: &str, timeout_ms: f64, cond: impl FnMut() -> bool) {
    wait_until_explained(what, timeout_ms, cond, String::new).await;
}

/// Default time limit for something the devserver answers on localhost.
pub const SOON: f64 = 5_000.0;

// ---------------------------------------------------------------- setup

/// Start every test from the same place (see the module docs).
pub async fn setup() {
    infoplus_signature::element::define();
    let leftovers = document()
        .query_selector_all(&format!("[{FIXTURE_ATTR}]"))
        .expect("selector");
    for i in 0..leftovers.length() {
        if let Some(node) = leftovers.item(i) {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
    }
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = storage.remove_item(PENDING_KEY);
    }
    set_page_url("/");
    clear_faults().await;
}

/// Replace the page URL (same origin) without navigating.
pub fn set_page_url(url: &str) {
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&JsValue::NULL, "", Some(url))
        .expect("replaceState");
}

pub fn page_href() -> String {
    window().location().href().expect("href")
}

pub fn page_origin() -> String {
    window().location().origin().expect("origin")
}

/// A random Signature id the devserver has never seen (S1 allocates it as
/// one empty seal).
pub fn fresh_id(tag: &str) -> String {
    let r = || (js_sys::Math::random() * 4_294_967_295.0) as u32;
    format!("bt-{tag}-{:08x}{:08x}", r(), r())
}

// ---------------------------------------------------------------- devserver

/// One HTTP exchange with the devserver; the body parsed as JSON.
pub async fn http(method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(body) = body {
        // text/plain: a simple request, no preflight needed.
        init.set_body(&JsValue::from_str(body));
    }
    let url = format!("{}{path}", devserver());
    // The page's own fetch, not the recording wrapper: the tests' calls are
    // not the control's.
    let fetch = js(
        &["url", "init"],
        "return (window.__btOriginalFetch || window.fetch).call(window, url, init)",
    );
    let promise: Promise = fetch
        .call2(&JsValue::NULL, &JsValue::from_str(&url), &init)
        .expect("fetch")
        .dyn_into()
        .expect("a Promise");
    let response: web_sys::Response = JsFuture::from(promise)
        .await
        .unwrap_or_else(|e| panic!("{method} {url} failed: {e:?}"))
        .dyn_into()
        .expect("a Response");
    let status = response.status();
    let text = JsFuture::from(response.text().expect("text()"))
        .await
        .expect("body")
        .as_string()
        .unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// The entity of an InfoPlus envelope.
fn entity(envelope: &Value, what: &str) -> Value {
    assert_eq!(
        envelope["errno"],
        Value::from(0),
        "{what} answered an error: {envelope}"
    );
    envelope["entities"][0].clone()
}

/// Set fault switches (`{"s1":"500"}`; keys absent stay as they are).
pub async fn set_faults(json: &str) {
    let (status, answer) = http("POST", "/dev/faults", Some(json)).await;
    assert_eq!(
        status, 200,
        "POST /dev/faults {json} (is the devserver started with --dev-faults?): {answer}"
    );
}

pub async fn clear_faults() {
    set_faults(r#"{"s1":null,"s2":null,"ex":null,"provider":null}"#).await;
}

/// S1 as the test sees it: the Signature.
pub async fn s1(id: &str) -> Value {
    let (status, answer) = http("GET", &format!("/api/signature/{id}"), None).await;
    assert_eq!(status, 200, "S1 {id}: {answer}");
    entity(&answer, "S1")
}

/// S2: store `signature` (JSON text) as the record `id` (for a fresh id,
/// this is how a test gives it seals with names, placeholders, …).
pub async fn s2(id: &str, signature: &str) -> Value {
    let (status, answer) = http("POST", &format!("/api/signature/{id}"), Some(signature)).await;
    assert_eq!(status, 200, "S2 {id}: {answer}");
    entity(&answer, "S2")
}

/// A fresh Signature whose document is the exported form with no embedded
/// signature (padded to 1 MiB by `/dev/large`) and whose seal 0 is a raw
/// SM2 signature over those bytes (spec §6): what the demo records were
/// before the provider signed the PDF itself. Answers the id.
pub async fn raw_sealed_export(tag: &str) -> String {
    let id = fresh_id(tag);
    let (status, answer) = http("POST", &format!("/dev/large/{id}?mib=1"), None).await;
    assert_eq!(status, 200, "POST /dev/large/{id}: {answer}");
    id
}

/// The verify worker is loaded from `dist/` on the test page's own origin
/// (wasm-bindgen-test-runner serves the crate directory): fail clearly if
/// it was not built.
pub async fn require_dist() {
    let url = format!("{}/dist/infoplus-signature-verify.js", page_origin());
    let fetch = js(
        &["u"],
        "return fetch(u, {cache: 'no-store'}).then(r => r.status)",
    );
    let status = JsFuture::from(Promise::from(
        fetch
            .call1(&JsValue::NULL, &JsValue::from_str(&url))
            .expect("fetch"),
    ))
    .await
    .ok()
    .and_then(|s| s.as_f64());
    assert_eq!(
        status,
        Some(200.0),
        "{url} is missing: build the control first (scripts/build)"
    );
}

// ---------------------------------------------------------------- DOM

/// A `<div>` on the page holding one test's elements.
pub struct Fixture {
    pub root: HtmlElement,
}

impl Fixture {
    pub fn new() -> Fixture {
        let root: HtmlElement = document()
            .create_element("div")
            .expect("div")
            .dyn_into()
            .expect("HtmlElement");
        root.set_attribute(FIXTURE_ATTR, "").expect("attribute");
        body().append_child(&root).expect("append");
        Fixture { root }
    }

    /// Replace the fixture's content with `html` (custom elements in it are
    /// upgraded and connected right away).
    pub fn set_html(&self, html: &str) {
        self.root.set_inner_html(html);
    }

    pub fn append(&self, node: &Element) {
        self.root.append_child(node).expect("append");
    }

    /// The first element matching `selector` in the fixture.
    pub fn get(&self, selector: &str) -> HtmlElement {
        self.root
            .query_selector(selector)
            .expect("selector")
            .unwrap_or_else(|| panic!("no `{selector}` in the fixture"))
            .dyn_into()
            .expect("HtmlElement")
    }

    /// The fixture's first `<infoplus-signature>`.
    pub fn control(&self) -> HtmlElement {
        self.get("infoplus-signature")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Escape text for a double-quoted HTML attribute.
pub fn attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// `<infoplus-signature a="…" …></infoplus-signature>` as HTML text.
pub fn control_html(attrs: &[(&str, &str)]) -> String {
    let attrs: String = attrs
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", attr(v)))
        .collect();
    format!("<infoplus-signature{attrs}></infoplus-signature>")
}

/// A control element with these attributes, not yet on the page.
pub fn new_control(attrs: &[(&str, &str)]) -> HtmlElement {
    let el: HtmlElement = document()
        .create_element("infoplus-signature")
        .expect("create")
        .dyn_into()
        .expect("HtmlElement");
    for (k, v) in attrs {
        el.set_attribute(k, v).expect("setAttribute");
    }
    el
}

/// The standard remote attributes for `id`, plus `extra`.
pub fn remote<'a>(id: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut attrs = vec![
        ("signature-id", id.to_owned()),
        ("engine", engine()),
        ("service", service()),
    ];
    attrs.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    attrs
}

/// The control for the seeded `demo-sealed`, in English: its seal is a PDF
/// signature from the dev CA, trusted only with the devserver's roots.
pub fn trusted_demo_sealed() -> Vec<(&'static str, String)> {
    let mut attrs = remote("demo-sealed", &[("lang", "en")]);
    attrs.push((
        "trust-roots",
        format!("{}/dev/trust-roots.pem", devserver()),
    ));
    attrs
}

/// `control_html` over owned attribute values.
pub fn control_html_owned(attrs: &[(&str, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    control_html(&borrowed)
}

pub fn shadow(el: &HtmlElement) -> ShadowRoot {
    el.shadow_root().expect("an open shadow root")
}

/// Elements in the control's shadow root matching `selector`.
pub fn all(el: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = shadow(el).query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn count(el: &HtmlElement, selector: &str) -> usize {
    all(el, selector).len()
}

pub fn find(el: &HtmlElement, selector: &str) -> Option<Element> {
    shadow(el).query_selector(selector).expect("selector")
}

pub fn get(el: &HtmlElement, selector: &str) -> Element {
    find(el, selector)
        .unwrap_or_else(|| panic!("no `{selector}` in the shadow root:\n{}", explain(el)))
}

/// Text of the first match (trimmed), or "" if none.
pub fn text(el: &HtmlElement, selector: &str) -> String {
    find(el, selector)
        .and_then(|e| e.text_content())
        .map(|t| t.trim().to_owned())
        .unwrap_or_default()
}

/// Texts of every match.
pub fn texts(el: &HtmlElement, selector: &str) -> Vec<String> {
    all(el, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// All the text in the shadow root.
pub fn shadow_text(el: &HtmlElement) -> String {
    shadow(el).text_content().unwrap_or_default()
}

/// `data-state` on the host.
pub fn state(el: &HtmlElement) -> String {
    el.get_attribute("data-state").unwrap_or_default()
}

/// `data-notice` on the status line.
pub fn notice(el: &HtmlElement) -> String {
    find(el, "[part~='status']")
        .and_then(|s| s.get_attribute("data-notice"))
        .unwrap_or_default()
}

/// What a failed wait prints about a control.
pub fn explain(el: &HtmlElement) -> String {
    let html = el.shadow_root().map(|s| s.inner_html()).unwrap_or_default();
    let html: String = html.chars().take(3000).collect();
    format!(
        "data-state={:?}, value={}\nshadow root: {html}",
        state(el),
        value_json(el)
    )
}

/// Wait until the host's `data-state` is `expected`.
pub async fn wait_state(el: &HtmlElement, expected: &str) {
    wait_state_within(el, expected, SOON).await;
}

/// Both the host's `data-state` (set by the driver) and the rendered view's
/// (set by Leptos, a little later) must say `expected`.
pub async fn wait_state_within(el: &HtmlElement, expected: &str, timeout_ms: f64) {
    let what = format!("data-state={expected:?}");
    let rendered = || {
        find(el, "[part~='control']").and_then(|c| c.get_attribute("data-state"))
            == Some(expected.to_owned())
    };
    // An error is where a control rests: waiting on for another state only
    // hides what went wrong. Give it half a second (a Retry may be under
    // way), then fail with what the control says.
    let mut error_since: Option<f64> = None;
    wait_until_explained(
        &what,
        timeout_ms,
        || {
            if state(el) == expected && rendered() {
                return true;
            }
            if expected != "error" && state(el) == "error" {
                let now = js_sys::Date::now();
                let since = *error_since.get_or_insert(now);
                if now - since > 500.0 {
                    panic!(
                        "waiting for {what}, the control failed: {:?}\n{}",
                        text(el, "[part~='error-text']"),
                        explain(el)
                    );
                }
            } else {
                error_since = None;
            }
            false
        },
        || explain(el),
    )
    .await;
    tick().await;
}

/// Wait until `selector` matches something in the shadow root.
pub async fn wait_for(el: &HtmlElement, selector: &str) -> Element {
    let what = format!("`{selector}` in the shadow root");
    wait_until_explained(&what, SOON, || find(el, selector).is_some(), || explain(el)).await;
    get(el, selector)
}

/// Click the first `selector` in the shadow root, then let Leptos react.
pub async fn click(el: &HtmlElement, selector: &str) {
    let button: HtmlElement = get(el, selector).dyn_into().expect("HtmlElement");
    button.click();
    tick().await;
}

// ---------------------------------------------------------------- JS glue

/// `el[name]`.
pub fn prop(target: &JsValue, name: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// `el[name](...args)`.
pub fn call(target: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let f: Function = prop(target, name)
        .dyn_into()
        .unwrap_or_else(|_| panic!("`{name}` is not a method"));
    let args: Array = args.iter().collect();
    f.apply(target, &args)
        .unwrap_or_else(|e| panic!("{name}() threw {e:?}"))
}

/// A JavaScript value as JSON (through `JSON.stringify`).
pub fn to_json(value: &JsValue) -> Value {
    if value.is_undefined() {
        return Value::Null;
    }
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "null".to_owned());
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The control's `value` property as JSON.
pub fn value_json(el: &HtmlElement) -> Value {
    to_json(&prop(el, "value"))
}

/// Run a small piece of JavaScript: `js(&["a", "b"], "return a + b")`.
pub fn js(params: &[&str], body: &str) -> Function {
    Function::new_with_args(&params.join(","), body)
}

/// `new FormData(form).get(name)`, as text (`None` when absent).
pub fn form_data(form: &HtmlElement, name: &str) -> Option<String> {
    let form: web_sys::HtmlFormElement = form.clone().dyn_into().expect("a <form>");
    web_sys::FormData::new_with_form(&form)
        .expect("FormData")
        .get(name)
        .as_string()
}

/// Whether `text` is compact JSON as `JSON.stringify` writes it.
pub fn is_compact_json(text: &str) -> bool {
    let f = js(&["t"], "return JSON.stringify(JSON.parse(t)) === t");
    f.call1(&JsValue::NULL, &JsValue::from_str(text))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

// ---------------------------------------------------------------- events

/// One event as a listener saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub name: String,
    pub detail: Value,
    pub bubbles: bool,
    pub composed: bool,
    pub cancelable: bool,
    /// `event.target`'s tag name, lower case (as retargeted for the listener).
    pub target: String,
    /// Whether `defaultPrevented` was set after our listener.
    pub prevented: bool,
}

/// Records events of the given names on a target until dropped; the names
/// in `cancel` get `preventDefault()`.
pub struct Recorder {
    seen: Rc<RefCell<Vec<Seen>>>,
    target: EventTarget,
    names: Vec<String>,
    listener: Closure<dyn FnMut(Event)>,
}

impl Recorder {
    pub fn new(target: &EventTarget, names: &[&str], cancel: &[&str]) -> Recorder {
        let seen: Rc<RefCell<Vec<Seen>>> = Rc::default();
        let cancel: Vec<String> = cancel.iter().map(|s| s.to_string()).collect();
        let listener = {
            let seen = seen.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                if cancel.contains(&event.type_()) {
                    event.prevent_default();
                }
                let detail = event
                    .dyn_ref::<web_sys::CustomEvent>()
                    .map(|e| to_json(&e.detail()))
                    .unwrap_or(Value::Null);
                let target = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .map(|e| e.local_name())
                    .unwrap_or_default();
                seen.borrow_mut().push(Seen {
                    name: event.type_(),
                    detail,
                    bubbles: event.bubbles(),
                    composed: event.composed(),
                    cancelable: event.cancelable(),
                    target,
                    prevented: event.default_prevented(),
                });
            })
        };
        for name in names {
            target
                .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("addEventListener");
        }
        Recorder {
            seen,
            target: target.clone(),
            names: names.iter().map(|s| s.to_string()).collect(),
            listener,
        }
    }

    pub fn all(&self) -> Vec<Seen> {
        self.seen.borrow().clone()
    }

    pub fn named(&self, name: &str) -> Vec<Seen> {
        self.seen
            .borrow()
            .iter()
            .filter(|s| s.name == name)
            .cloned()
            .collect()
    }

    pub fn count(&self, name: &str) -> usize {
        self.named(name).len()
    }

    pub fn clear(&self) {
        self.seen.borrow_mut().clear();
    }

    /// Wait until `n` events named `name` were seen; return them.
    pub async fn wait_count(&self, name: &str, n: usize) -> Vec<Seen> {
        let what = format!("{n} `{name}` event(s)");
        wait_until_explained(
            &what,
            SOON,
            || self.count(name) >= n,
            || format!("seen: {:#?}", self.all()),
        )
        .await;
        self.named(name)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        for name in &self.names {
            let _ = self
                .target
                .remove_event_listener_with_callback(name, self.listener.as_ref().unchecked_ref());
        }
    }
}

// ---------------------------------------------------------------- fetch log

/// Wrap `window.fetch` (once per page) so every request's URL, method and
/// `AbortSignal` are recorded in `window.__btFetchLog`.
pub fn record_fetches() {
    js(
        &[],
        r#"
        if (window.__btFetchLog) return;
        window.__btFetchLog = [];
        const original = window.fetch;
        window.__btOriginalFetch = original;
        window.fetch = function (input, init) {
          const request = input instanceof Request ? input : null;
          window.__btFetchLog.push({
            url: request ? request.url : String(input),
            method: (request ? request.method : (init && init.method)) || 'GET',
            signal: request ? request.signal : (init && init.signal) || null,
          });
          return original.apply(this, arguments);
        };
        "#,
    )
    .call0(&JsValue::NULL)
    .expect("wrapping fetch");
}

/// One recorded request.
pub struct Fetched {
    pub url: String,
    pub method: String,
    pub signal: Option<web_sys::AbortSignal>,
}

/// Every request recorded so far (call [`record_fetches`] first).
pub fn fetches() -> Vec<Fetched> {
    let log = prop(&window(), "__btFetchLog");
    let log: Array = log.dyn_into().expect("record_fetches() was not called");
    log.iter()
        .map(|entry| Fetched {
            url: prop(&entry, "url").as_string().unwrap_or_default(),
            method: prop(&entry, "method").as_string().unwrap_or_default(),
            signal: prop(&entry, "signal").dyn_into().ok(),
        })
        .collect()
}

/// Recorded requests whose URL contains `part`.
pub fn fetches_to(part: &str) -> Vec<Fetched> {
    fetches()
        .into_iter()
        .filter(|f| f.url.contains(part))
        .collect()
}

// ---------------------------------------------------------------- storage

pub fn session_get(key: &str) -> Option<String> {
    window()
        .session_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(key).ok().flatten())
}

pub fn session_set(key: &str, value: &str) {
    window()
        .session_storage()
        .expect("sessionStorage")
        .expect("sessionStorage")
        .set_item(key, value)
        .expect("setItem");
}

/// The pending store as JSON (`{}` when empty).
pub fn pending() -> Value {
    session_get(PENDING_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| serde_json::json!({}))
}

/// A nonce as the control makes them: 32 lowercase hex characters.
pub fn fresh_nonce() -> String {
    let r = || (js_sys::Math::random() * 4_294_967_295.0) as u32;
    format!("{:08x}{:08x}{:08x}{:08x}", r(), r(), r(), r())
}

pub fn is_hex_nonce(text: &str) -> bool {
    text.len() >= 32
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The SHA-256 of what `url` serves, computed by the page's own WebCrypto
/// (independently of the worker).
pub async fn sha256_of(url: &str) -> String {
    let digest = js(
        &["u"],
        "return fetch(u, {cache: 'no-store'}).then(r => r.arrayBuffer())
           .then(b => crypto.subtle.digest('SHA-256', b))
           .then(d => Array.from(new Uint8Array(d)).map(x => x.toString(16).padStart(2, '0')).join(''))",
    );
    let promise = Promise::from(digest.call1(&JsValue::NULL, &url.into()).expect("digest"));
    JsFuture::from(promise)
        .await
        .expect("digest")
        .as_string()
        .unwrap_or_default()
}

/// `uri` as the devserver serves it: relative ones are on the devserver.
pub fn absolute(uri: &str) -> String {
    if uri.starts_with("http") {
        uri.to_owned()
    } else {
        format!("{}{uri}", devserver())
    }
}
