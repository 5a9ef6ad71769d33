//! The element as the driver's [`Host`]: form value and validity through
//! ElementInternals, the `field` input, `data-state`, and the
//! `signature-*` events (bubbling, composed, so they cross the shadow
//! boundary like native input events).

use std::cell::{Cell, RefCell};

use infoplus_signature_core::machine::{Failure, State};
use infoplus_signature_core::pending::FormEntry;
use infoplus_signature_core::verdict::{PdfReport, SealReport};
use infoplus_signature_core::Signature;
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, ShadowRoot};

use super::form;
use super::shim::{publish_state, publish_value, ElementInternals};
use crate::audit::Audit;
use crate::driver::Host;
use crate::i18n::Lang;

pub struct ElementHost {
    pub el: HtmlElement,
    internals: ElementInternals,
    shadow: ShadowRoot,
    pub lang: Cell<Lang>,
    pub required: Cell<bool>,
    pub field: RefCell<Option<String>>,
    /// What the page set with `setCustomValidity()`; empty: none.
    pub custom_validity: RefCell<String>,
    value: RefCell<Option<Signature>>,
}

impl ElementHost {
    pub fn new(el: HtmlElement, internals: ElementInternals, shadow: ShadowRoot) -> Self {
        ElementHost {
            el,
            internals,
            shadow,
            lang: Cell::new(Lang::default()),
            required: Cell::new(false),
            field: RefCell::new(None),
            custom_validity: RefCell::new(String::new()),
            value: RefCell::new(None),
        }
    }

    /// `required` is unmet until every seal of the document is signed; a
    /// custom message (`setCustomValidity`) makes the control invalid as it
    /// does a native field, and is the message shown.
    pub fn update_validity(&self) {
        let missing = self.required.get()
            && !self
                .value
                .borrow()
                .as_ref()
                .is_some_and(Signature::is_signed);
        let custom = self.custom_validity.borrow().clone();
        if missing || !custom.is_empty() {
            let flags = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&flags, &"valueMissing".into(), &missing.into());
            let _ =
                js_sys::Reflect::set(&flags, &"customError".into(), &(!custom.is_empty()).into());
            let message = if custom.is_empty() {
                self.lang.get().value_missing().to_owned()
            } else {
                custom
            };
            let anchor = self
                .shadow
                .query_selector("[part~='stamp-button']")
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::UNDEFINED);
            self.internals.set_validity(&flags, &message, &anchor);
        } else {
            self.internals
                .set_validity(&js_sys::Object::new(), "", &JsValue::UNDEFINED);
        }
    }

    /// Write the current value into the `field` input (after `field`
    /// changed, or on publish).
    pub fn write_field(&self) {
        let (Some(name), Some(value)) = (self.field.borrow().clone(), self.value.borrow().clone())
        else {
            return;
        };
        form::write_field(&self.el, self.internals.form(), &name, &value.to_json());
    }

    /// Fire `signature-<name>` with a JSON detail; `false` if cancelled.
    pub fn fire(&self, name: &str, detail: &str, cancelable: bool) -> bool {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(cancelable);
        let detail = js_sys::JSON::parse(detail).unwrap_or(JsValue::NULL);
        init.set_detail(&detail);
        match CustomEvent::new_with_event_init_dict(name, &init) {
            Ok(event) => self.el.dispatch_event(&event).unwrap_or(true),
            Err(_) => true,
        }
    }
}

/// Event details are built as JSON text and handed to `JSON.parse`: one
/// serializer for everything, no per-type conversion code.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

impl Host for ElementHost {
    fn publish(&self, value: &Signature) {
        let text = value.to_json();
        let js = JsValue::from_str(&text);
        self.internals.set_form_value(&js, &js);
        publish_value(&self.el, Some(text));
        *self.value.borrow_mut() = Some(value.clone());
        self.write_field();
        self.update_validity();
        self.fire("signature-change", &value.to_json(), false);
    }

    fn changed(&self) {
        // As `<input>` fires it: a plain Event that bubbles but does not
        // leave the shadow tree the control itself sits in.
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &init) {
            let _ = self.el.dispatch_event(&event);
        }
    }

    fn state_changed(&self, state: &State, previous: &'static str) {
        let _ = self.el.set_attribute("data-state", state.name());
        publish_state(&self.el, state.name());
        // The stamp button (validity anchor) may have just appeared.
        self.update_validity();
        let detail = to_json(&json!({"state": state.name(), "previous": previous}));
        self.fire("signature-state", &detail, false);
    }

    fn loaded(&self, value: &Signature) {
        self.fire("signature-load", &value.to_json(), false);
    }

    fn error(&self, failure: &Failure) {
        let lang = self.lang.get();
        let detail = json!({
            "code": failure.problem.code(),
            "message": lang.failure(failure),
            "step": failure.step,
        });
        self.fire("signature-error", &to_json(&detail), false);
    }

    fn verified(
        &self,
        seal: usize,
        _seals: &[SealReport],
        _pdf: Option<&PdfReport>,
        audit: Option<&Audit>,
    ) {
        // From the audit's JSON: the verdicts' serializers stay in the
        // verify part (the driver sets the audit before any verdict).
        let detail = match audit {
            Some(a) => a.event.clone(),
            None => to_json(&json!({ "seal": seal })),
        };
        self.fire("signature-verified", &detail, false);
    }

    fn before_redirect(&self, url: &str, seal: usize) -> bool {
        let detail = to_json(&json!({"url": url, "seal": seal}));
        self.fire("signature-before-redirect", &detail, true)
    }

    fn form_entries(&self) -> Vec<FormEntry> {
        self.internals
            .form()
            .map(|f| form::snapshot(&f))
            .unwrap_or_default()
    }

    fn restore_form(&self, entries: &[FormEntry]) {
        if let Some(f) = self.internals.form() {
            form::restore(&f, entries);
        }
    }
}

/// `HtmlElement` from any element the shim hands over.
pub fn as_html(value: &JsValue) -> Option<HtmlElement> {
    value.dyn_ref::<HtmlElement>().cloned()
}
