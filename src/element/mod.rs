//! `<infoplus-signature>`: the custom element around the driver and views.
//! Thin on purpose: it reads attributes, mounts the view in the shadow
//! root, and forwards lifecycle callbacks, properties and methods.

mod attributes;
mod form;
mod hooks;
mod host;
pub mod shim;

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use infoplus_signature_core::machine::{Failure, Problem, Retry, Step};
use infoplus_signature_core::wire::{signature_from_str, WireError};
use infoplus_signature_core::Signature;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, ShadowRoot};

use host::ElementHost;
use shim::ElementInternals;

use crate::driver::{Driver, Host};
use crate::i18n::Lang;
use crate::views::{control_view, Context, Intent};

/// The tag form builders write.
pub const TAG: &str = "infoplus-signature";

/// The control's stylesheet, adopted by every shadow root
/// (`style/control.css`, minified by `build.rs`).
pub(crate) const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/control.css"));

/// One connected element.
struct Instance {
    driver: Rc<Driver>,
    host: Rc<ElementHost>,
    lang: ArcRwSignal<Lang>,
    base: ArcRwSignal<Option<String>>,
    /// Whether the form (or a fieldset) disables the control.
    form_disabled: bool,
    /// Dropping this unmounts the view and disposes its reactive owner.
    _mount: Box<dyn Any>,
}

thread_local! {
    static INSTANCES: RefCell<HashMap<u32, Instance>> = RefCell::new(HashMap::new());
}

/// Run `f` with an instance's parts, without holding the registry borrow
/// while it runs (it may fire events whose listeners call back in).
fn with_instance<R>(key: u32, f: impl FnOnce(Parts) -> R) -> Option<R> {
    let parts = INSTANCES.with(|all| {
        all.borrow().get(&key).map(|i| Parts {
            driver: i.driver.clone(),
            host: i.host.clone(),
            lang: i.lang.clone(),
            base: i.base.clone(),
            form_disabled: i.form_disabled,
        })
    })?;
    Some(f(parts))
}

struct Parts {
    driver: Rc<Driver>,
    host: Rc<ElementHost>,
    lang: ArcRwSignal<Lang>,
    base: ArcRwSignal<Option<String>>,
    form_disabled: bool,
}

/// Register the element (once per page).
pub fn define() -> bool {
    shim::define_element(TAG, &hooks::hooks())
}

fn connected(el: HtmlElement, key: u32, internals: ElementInternals, shadow: ShadowRoot) {
    disconnected(key);
    // A re-connected element starts from a clean shadow root.
    shadow.set_inner_html("");
    shim::adopt_sheet(&shadow, CSS);
    let Some(container) = el
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = container.set_attribute("class", "root");
    let _ = shadow.append_child(&container);

    let attrs = attributes::read(&el, false);
    let host = Rc::new(ElementHost::new(el.clone(), internals, shadow));
    host.lang.set(attrs.lang);
    host.required.set(attrs.required);
    *host.field.borrow_mut() = attrs.field.clone();
    let driver = Driver::new(attrs.settings, attrs.wiring.clone(), host.clone());
    driver.set_trust_roots(hooks::pem_list(&shim::assigned_roots(&el)));
    let lang = ArcRwSignal::new(attrs.lang);
    let base = ArcRwSignal::new(attrs.wiring.engine.as_ref().map(|e| e.base().to_owned()));

    let cx = Context {
        state: driver.state().read_only().into(),
        audit: driver.audit().read_only().into(),
        lang: lang.read_only().into(),
        base: base.read_only().into(),
        intents: intents(Rc::downgrade(&driver)),
    };
    let mount = leptos::mount::mount_to(container, move || control_view(cx));
    INSTANCES.with(|all| {
        all.borrow_mut().insert(
            key,
            Instance {
                driver: driver.clone(),
                host: host.clone(),
                lang,
                base,
                form_disabled: false,
                _mount: Box::new(mount),
            },
        )
    });
    let _ = host.el.set_attribute("data-state", "idle");
    host.update_validity();
    if let Some(detail) = attrs.engine_error {
        host.error(&Failure {
            step: Step::Load,
            problem: Problem::Config { detail },
            retry: Retry::Load,
        });
    }
    // A value the host assigned before connecting wins over the attribute.
    let assigned = shim::assigned_value(&el);
    let value = if assigned.is_undefined() || assigned.is_null() {
        attrs.value
    } else {
        Some(value_from_js(&assigned))
    };
    driver.start(value);
}

fn disconnected(key: u32) {
    let instance = INSTANCES.with(|all| all.borrow_mut().remove(&key));
    if let Some(instance) = instance {
        instance.driver.shutdown();
        drop(instance);
    }
}

/// A Signature from what the page assigned: an object or JSON text.
fn value_from_js(value: &JsValue) -> Result<Signature, WireError> {
    let text = match value.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
    };
    signature_from_str(&text)
}

/// User intents from the views, to the driver (if it is still there).
/// Also the Leptos component's.
pub(crate) fn intents(driver: std::rc::Weak<Driver>) -> UnsyncCallback<Intent> {
    UnsyncCallback::new(move |intent| {
        let Some(driver) = driver.upgrade() else {
            return;
        };
        match intent {
            Intent::Stamp(i) => driver.stamp(i),
            Intent::Verify(i) => driver.verify(i),
            Intent::Delete(i) => driver.delete(i),
            Intent::Retry => driver.retry(),
            Intent::Dismiss => driver.dismiss(),
        }
    })
}
