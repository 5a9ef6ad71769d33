#![cfg(target_arch = "wasm32")]
//! The control behaves like a native form field (issue 10): a plain
//! `change` event after a change the user made, custom states for
//! `:state()` selectors, `setCustomValidity()` / `reportValidity()` as on
//! `<input>`, and the document line with its new-tab link (only http(s)
//! or relative addresses are linked).

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, ValidityState};

wasm_bindgen_test_configure!(run_in_browser);

/// A local Signature (no engine): one seal signed, its document named.
fn local_signed(uri: &str) -> String {
    json!({
        "id": "bt-local-platform",
        "name": "请假申请.pdf",
        "size": 89_747,
        "uri": uri,
        "mime": "application/pdf",
        "seals": [{"placeHolder": "申请人签章", "signature": "c2ln", "algorithm": "SM2withSM3"}]
    })
    .to_string()
}

fn matches(el: &HtmlElement, selector: &str) -> bool {
    el.matches(selector).unwrap_or(false)
}

fn validity(el: &HtmlElement) -> ValidityState {
    prop(el, "validity").unchecked_into()
}

fn check_validity(el: &JsValue) -> bool {
    call(el, "checkValidity", &[]).as_bool().unwrap_or(true)
}

#[wasm_bindgen_test]
async fn a_delete_fires_a_plain_change_and_the_custom_state_follows() {
    setup().await;
    let fixture = Fixture::new();
    let value = local_signed("/api/files/none");
    fixture.set_html(&control_html(&[("value", value.as_str()), ("lang", "en")]));
    let el = fixture.control();
    let heard = Recorder::new(&document(), &["change"], &[]);
    wait_state(&el, "signed").await;
    assert!(matches(&el, ":state(signed)") && !matches(&el, ":state(unsigned)"));
    // Loading a value is not a user change.
    assert_eq!(heard.count("change"), 0);

    click(&el, "[part~='delete-button']").await;
    wait_for(&el, "[part~='confirm-delete-button']").await;
    click(&el, "[part~='confirm-delete-button']").await;
    wait_state(&el, "unsigned").await;
    let events = heard.wait_count("change", 1).await;
    let change = &events[0];
    // As `<input>` fires it: a plain Event that bubbles, not composed,
    // not cancelable, from the element itself, with the new value there.
    assert_eq!(change.target, "infoplus-signature");
    assert!(change.bubbles && !change.composed && !change.cancelable);
    assert_eq!(change.detail, serde_json::Value::Null, "not a CustomEvent");
    assert_eq!(value_json(&el)["seals"][0].get("signature"), None);
    assert!(matches(&el, ":state(unsigned)") && !matches(&el, ":state(signed)"));

    // A value the page assigns changes the value but fires no `change`.
    let _ = js_sys::Reflect::set(&el, &"value".into(), &JsValue::from_str(&value));
    wait_state(&el, "signed").await;
    tick().await;
    assert_eq!(heard.count("change"), 1);
}

#[wasm_bindgen_test]
async fn set_custom_validity_works_as_on_a_native_field() {
    setup().await;
    let fixture = Fixture::new();
    let value = local_signed("/api/files/none");
    fixture.set_html(&format!(
        "<form>{}</form>",
        control_html(&[("value", value.as_str()), ("lang", "en"), ("name", "sig")])
    ));
    let el = fixture.control();
    let form: JsValue = fixture.get("form").into();
    wait_state(&el, "signed").await;
    assert!(check_validity(&el) && check_validity(&form));
    let invalid = Recorder::new(&el, &["invalid"], &[]);

    call(&el, "setCustomValidity", &["Ask the office first".into()]);
    assert!(validity(&el).custom_error());
    assert!(!validity(&el).valid() && !validity(&el).value_missing());
    assert_eq!(
        prop(&el, "validationMessage").as_string().as_deref(),
        Some("Ask the office first")
    );
    assert!(
        !check_validity(&el),
        "invalid while a custom message is set"
    );
    assert_eq!(invalid.count("invalid"), 1, "checkValidity fires invalid");
    assert!(!check_validity(&form), "and so is the form");
    assert_eq!(
        call(&el, "reportValidity", &[]).as_bool(),
        Some(false),
        "reportValidity answers as checkValidity"
    );
    // The message survives a state change (a new value).
    let _ = js_sys::Reflect::set(&el, &"value".into(), &JsValue::from_str(&value));
    tick().await;
    assert!(validity(&el).custom_error());

    call(&el, "setCustomValidity", &["".into()]);
    assert!(validity(&el).valid() && check_validity(&el) && check_validity(&form));
    assert_eq!(
        prop(&el, "validationMessage").as_string().as_deref(),
        Some("")
    );
}

#[wasm_bindgen_test]
async fn required_and_a_custom_message_together_show_the_custom_one() {
    setup().await;
    let fixture = Fixture::new();
    let unsigned = json!({"id": "bt-local-unsigned", "seals": [{"placeHolder": "一"}]}).to_string();
    fixture.set_html(&control_html(&[
        ("value", unsigned.as_str()),
        ("lang", "en"),
        ("required", ""),
    ]));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    assert!(validity(&el).value_missing() && !validity(&el).custom_error());
    call(
        &el,
        "setCustomValidity",
        &["Stamp before you submit".into()],
    );
    assert!(validity(&el).value_missing() && validity(&el).custom_error());
    assert_eq!(
        prop(&el, "validationMessage").as_string().as_deref(),
        Some("Stamp before you submit")
    );
    call(&el, "setCustomValidity", &["".into()]);
    assert!(validity(&el).value_missing() && !validity(&el).custom_error());
    assert!(
        !prop(&el, "validationMessage")
            .as_string()
            .unwrap_or_default()
            .is_empty(),
        "the control's own message is back"
    );
}

#[wasm_bindgen_test]
async fn the_document_line_links_safe_addresses_only() {
    setup().await;
    let fixture = Fixture::new();
    let safe = local_signed("/api/files/leave");
    let unsafe_uri = local_signed("javascript:alert(1)");
    fixture.set_html(&format!(
        "{}{}",
        control_html(&[("value", safe.as_str()), ("lang", "en"), ("id", "safe")]),
        control_html(&[
            ("value", unsafe_uri.as_str()),
            ("lang", "en"),
            ("id", "unsafe")
        ])
    ));
    let safe = fixture.get("#safe");
    let unsafe_el = fixture.get("#unsafe");
    wait_state(&safe, "signed").await;
    wait_state(&unsafe_el, "signed").await;

    let link = get(&safe, "[part~='document-link']");
    assert_eq!(link.local_name(), "a");
    assert_eq!(
        link.get_attribute("href"),
        Some(format!("{}/api/files/leave", page_origin())),
        "relative to the page without an engine"
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    let rel = link.get_attribute("rel").unwrap_or_default();
    assert!(
        rel.contains("noopener") && rel.contains("noreferrer"),
        "{rel}"
    );
    assert_eq!(link.text_content().as_deref(), Some("请假申请.pdf"));
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Open 请假申请.pdf (88 KB) in a new tab")
    );
    assert_eq!(text(&safe, "[part~='document-size']"), "88 KB");

    // `javascript:` is named, never linked.
    assert_eq!(count(&unsafe_el, "[part~='document-link']"), 0);
    assert_eq!(count(&unsafe_el, "a"), 0);
    assert_eq!(text(&unsafe_el, "[part~='document-name']"), "请假申请.pdf");
    assert!(text(&unsafe_el, "[part~='document']").contains("not linked"));

    // The line stays after the seal is deleted (before sealing, too).
    click(&safe, "[part~='delete-button']").await;
    wait_for(&safe, "[part~='confirm-delete-button']").await;
    click(&safe, "[part~='confirm-delete-button']").await;
    wait_state(&safe, "unsigned").await;
    assert_eq!(count(&safe, "[part~='document-link']"), 1);
}
