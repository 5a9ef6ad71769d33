//! Reading the element's attributes (spec §7) into the machine's settings
//! and the driver's wiring. Attributes are input from the page: anything
//! unusable falls back to the default and never panics.

use infoplus_signature_core::in_app::is_in_app_browser;
use infoplus_signature_core::machine::{Mode, Settings};
use infoplus_signature_core::wire::{signature_from_str, WireError};
use infoplus_signature_core::Signature;
use web_sys::HtmlElement;

use crate::api::Engine;
use crate::driver::{Wiring, DEFAULT_MAX_DOCUMENT_BYTES};
use crate::i18n::Lang;

/// Everything the attributes say.
pub struct Attributes {
    pub settings: Settings,
    pub wiring: Wiring,
    pub lang: Lang,
    pub required: bool,
    pub field: Option<String>,
    /// `value`, if given (then no S1 on load).
    pub value: Option<Result<Signature, WireError>>,
    /// A problem with `engine` (shown as a configuration error).
    pub engine_error: Option<String>,
}

fn text(el: &HtmlElement, name: &str) -> Option<String> {
    el.get_attribute(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Boolean attributes are true when present (HTML semantics), whatever
/// their text, except the explicit `"false"` that frameworks write. (For
/// `disabled` the browser itself disagrees: any `disabled` attribute
/// disables a form-associated element, and the control follows the form.)
fn flag(el: &HtmlElement, name: &str) -> bool {
    el.get_attribute(name)
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"))
}

/// The `max-document-bytes` limit: a positive integer, else the default.
pub fn max_document_bytes(raw: Option<&str>) -> u64 {
    raw.and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES)
}

pub fn read(el: &HtmlElement, form_disabled: bool) -> Attributes {
    let signature_id = text(el, "signature-id");
    let engine_attr = text(el, "engine");
    let (engine, engine_error) = match (&engine_attr, &signature_id) {
        (Some(base), Some(id)) => match Engine::new(base, id) {
            Ok(engine) => (Some(engine), None),
            Err(e) => (None, Some(e.to_string())),
        },
        _ => (None, None),
    };
    let mode = match text(el, "mode")
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        // In WeChat and other in-app browsers popups do not work: the
        // redirect does (core::in_app).
        Some("popup") if !is_in_app_browser(&crate::browser::user_agent()) => Mode::Popup,
        _ => Mode::Redirect,
    };
    Attributes {
        settings: Settings {
            signature_id,
            // Only a usable engine counts: a bad one leaves the control local.
            engine: engine.as_ref().map(|e| e.base().to_owned()),
            service: text(el, "service"),
            readonly: flag(el, "readonly"),
            disabled: flag(el, "disabled") || form_disabled,
            mode,
        },
        wiring: Wiring {
            engine,
            max_document_bytes: max_document_bytes(
                el.get_attribute("max-document-bytes").as_deref(),
            ),
            trust_roots: text(el, "trust-roots"),
            trust_intermediates: text(el, "trust-intermediates"),
        },
        lang: Lang::from_attribute(el.get_attribute("lang").as_deref()),
        required: flag(el, "required"),
        field: text(el, "field"),
        value: text(el, "value").map(|v| signature_from_str(&v)),
        engine_error,
    }
}
