//! The Rust side of the shim: lifecycle callbacks, attribute changes, the
//! `value` property and the methods. Defined once per page and kept for
//! its lifetime (the element class lives as long).

use infoplus_signature_core::machine::{Failure, Problem, Retry, Step};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::ShadowRoot;

use super::host::as_html;
use super::shim::ElementInternals;
use super::{attributes, connected, disconnected, value_from_js, with_instance, INSTANCES};
use crate::driver::Host;
use leptos::prelude::Set;

fn set(hooks: &js_sys::Object, name: &str, f: &JsValue) {
    let _ = js_sys::Reflect::set(hooks, &name.into(), f);
}

/// Hand a closure to JavaScript for good.
fn keep<F: ?Sized + wasm_bindgen::closure::WasmClosure>(closure: Closure<F>) -> JsValue {
    closure.into_js_value()
}

pub fn hooks() -> JsValue {
    let hooks = js_sys::Object::new();
    set(
        &hooks,
        "connected",
        &keep(Closure::<dyn Fn(JsValue, u32, JsValue, JsValue)>::new(
            |el: JsValue, key, internals: JsValue, shadow: JsValue| {
                let (Some(el), Ok(shadow)) = (as_html(&el), shadow.dyn_into::<ShadowRoot>()) else {
                    return;
                };
                connected(
                    el,
                    key,
                    internals.unchecked_into::<ElementInternals>(),
                    shadow,
                );
            },
        )),
    );
    set(
        &hooks,
        "disconnected",
        &keep(Closure::<dyn Fn(u32)>::new(disconnected)),
    );
    set(
        &hooks,
        "attributeChanged",
        &keep(Closure::<dyn Fn(u32, String)>::new(attribute_changed)),
    );
    set(
        &hooks,
        "formReset",
        &keep(Closure::<dyn Fn(u32)>::new(|key| {
            with_instance(key, |p| {
                let attrs = attributes::read(&p.host.el, p.form_disabled);
                match attrs.value {
                    Some(Ok(initial)) => p.driver.set_value(initial),
                    _ => p.driver.refresh(),
                }
            });
        })),
    );
    set(
        &hooks,
        "formStateRestore",
        &keep(Closure::<dyn Fn(u32, Option<String>)>::new(
            |key: u32, state: Option<String>| {
                with_instance(key, |p| {
                    if let Some(Ok(value)) = state.map(|s| value_from_js(&JsValue::from_str(&s))) {
                        p.driver.set_value(value);
                    }
                    // The engine is the only source of truth: confirm with S1.
                    p.driver.refresh();
                });
            },
        )),
    );
    set(
        &hooks,
        "formDisabled",
        &keep(Closure::<dyn Fn(u32, bool)>::new(|key, disabled| {
            INSTANCES.with(|all| {
                if let Some(i) = all.borrow_mut().get_mut(&key) {
                    i.form_disabled = disabled;
                }
            });
            attribute_changed(key, "disabled".to_owned());
        })),
    );
    set(
        &hooks,
        "setValue",
        &keep(Closure::<dyn Fn(u32, JsValue)>::new(
            |key, value: JsValue| {
                with_instance(key, |p| {
                    if value.is_null() || value.is_undefined() {
                        return p.driver.refresh();
                    }
                    match value_from_js(&value) {
                        Ok(v) => p.driver.set_value(v),
                        Err(e) => p.host.error(&Failure {
                            step: Step::Load,
                            problem: Problem::from(e),
                            retry: Retry::Load,
                        }),
                    }
                });
            },
        )),
    );
    set(
        &hooks,
        "setTrustRoots",
        &keep(Closure::<dyn Fn(u32, JsValue)>::new(
            |key, roots: JsValue| {
                with_instance(key, |p| p.driver.set_trust_roots(pem_list(&roots)));
            },
        )),
    );
    set(
        &hooks,
        "setCustomValidity",
        &keep(Closure::<dyn Fn(u32, String)>::new(
            |key, message: String| {
                with_instance(key, |p| {
                    *p.host.custom_validity.borrow_mut() = message;
                    p.host.update_validity();
                });
            },
        )),
    );
    set(
        &hooks,
        "call",
        &keep(Closure::<dyn Fn(u32, String, f64)>::new(
            |key, method: String, index: f64| {
                let seal = (index.is_finite() && index >= 0.0 && index.fract() == 0.0)
                    .then_some(index as usize);
                with_instance(key, |p| match (method.as_str(), seal) {
                    ("refresh", _) => p.driver.refresh(),
                    ("stamp", Some(i)) => p.driver.stamp(i),
                    ("verify", Some(i)) => p.driver.verify(i),
                    ("removeSeal", Some(i)) => p.driver.delete(i),
                    _ => {}
                });
            },
        )),
    );
    hooks.into()
}

/// The `trustRoots` property as the shim hands it over: an array of
/// strings, or null.
pub(super) fn pem_list(value: &JsValue) -> Option<Vec<String>> {
    js_sys::Array::is_array(value).then(|| {
        js_sys::Array::from(value)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    })
}

/// React to an attribute change on a connected element.
fn attribute_changed(key: u32, name: String) {
    with_instance(key, |p| {
        let attrs = attributes::read(&p.host.el, p.form_disabled);
        match name.as_str() {
            "lang" => {
                p.host.lang.set(attrs.lang);
                p.lang.set(attrs.lang);
                p.host.update_validity();
            }
            "required" => {
                p.host.required.set(attrs.required);
                p.host.update_validity();
            }
            "field" => {
                *p.host.field.borrow_mut() = attrs.field;
                p.host.write_field();
            }
            "name" => {}
            "value" => match attrs.value {
                Some(Ok(v)) => p.driver.set_value(v),
                Some(Err(e)) => p.host.error(&Failure {
                    step: Step::Load,
                    problem: Problem::from(e),
                    retry: Retry::Load,
                }),
                None => {}
            },
            _ => {
                p.base
                    .set(attrs.wiring.engine.as_ref().map(|e| e.base().to_owned()));
                p.driver.reconfigure(attrs.settings, attrs.wiring);
            }
        }
    });
}
