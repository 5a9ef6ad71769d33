#![cfg(target_arch = "wasm32")]
//! The control as a form field (items 2, 3 and 4 of the browser test plan):
//! its value in `FormData`, the `field` input, `required` validity and
//! `form.reset()`.
//!
//! `formStateRestoreCallback` is not tested: Chromium calls it only when it
//! restores a page from session history or autofills it, and neither can be
//! triggered from inside one test page.

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlFormElement, HtmlInputElement, ValidityState};

wasm_bindgen_test_configure!(run_in_browser);

fn form_of(fixture: &Fixture) -> HtmlElement {
    fixture.get("form")
}

fn sig_json(form: &HtmlElement) -> Value {
    let text = form_data(form, "sig").expect("`sig` in FormData");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("FormData sig is not JSON ({e}): {text}"))
}

#[wasm_bindgen_test]
async fn form_data_holds_the_signature_as_compact_json() {
    setup().await;
    let id = fresh_id("formdata");
    // Fields the control does not know must survive the round trip.
    let stored = s2(
        &id,
        &json!({"id": id, "customField": {"keep": [1, 2]}, "seals": [
            {"placeHolder": "申请人", "extra": "kept", "permission": {"sealTypes": ["personal"]}}
        ]})
        .to_string(),
    )
    .await;
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}</form>",
        control_html_owned(&remote(&id, &[("name", "sig")]))
    ));
    let el = fixture.control();
    let form = form_of(&fixture);
    wait_state(&el, "unsigned").await;

    let text = form_data(&form, "sig").expect("`sig` in FormData");
    assert!(is_compact_json(&text), "not compact JSON: {text}");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value, stored, "the form value is the Signature S1 returned");
    assert_eq!(value, s1(&id).await);
    assert_eq!(value["customField"], json!({"keep": [1, 2]}));
    assert_eq!(value["seals"][0]["extra"], "kept");
    // The `value` property is the same Signature, as an object.
    assert_eq!(value_json(&el), value);
    assert!(prop(&el, "value").is_object());
    // The element presents itself like a form control.
    assert_eq!(prop(&el, "name").as_string().as_deref(), Some("sig"));
    assert_eq!(
        prop(&el, "type").as_string().as_deref(),
        Some("infoplus-signature")
    );
    let owner = prop(&el, "form");
    assert!(
        owner.loose_eq(&form.clone().into()),
        "`form` is the enclosing form"
    );
}

#[wasm_bindgen_test]
async fn a_disabled_control_is_left_out_of_form_data() {
    setup().await;
    let value = json!({"id": "bt-local-off", "seals": [{}]}).to_string();
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}{}</form>",
        control_html(&[("name", "sig"), ("value", value.as_str()), ("disabled", "")]),
        control_html(&[("name", "on"), ("value", value.as_str())]),
    ));
    let form = form_of(&fixture);
    wait_until("both controls to show the value", SOON, || {
        form_data(&form, "on").is_some()
    })
    .await;
    assert_eq!(form_data(&form, "sig"), None);
}

#[wasm_bindgen_test]
async fn field_input_receives_the_json_with_input_and_change_events() {
    setup().await;
    let id = fresh_id("field");
    let fixture = Fixture::new();
    fixture.set_html(
        "<form><input type=\"hidden\" name=\"hiddenInput\"><input name=\"other\" value=\"x\"></form>",
    );
    let form = form_of(&fixture);
    let hidden: HtmlInputElement = fixture.get("[name=hiddenInput]").dyn_into().unwrap();
    let on_input = Recorder::new(&hidden, &["input", "change"], &[]);
    let on_form = Recorder::new(&form, &["input", "change"], &[]);
    let el = new_control(&[
        ("signature-id", &id),
        ("engine", &engine()),
        ("name", "sig"),
        ("field", "hiddenInput"),
    ]);
    form.append_child(&el).unwrap();
    wait_state(&el, "unsigned").await;

    let json = form_data(&form, "sig").expect("sig");
    assert_eq!(hidden.value(), json, "the field holds the same JSON");
    assert_eq!(
        form_data(&form, "hiddenInput").as_deref(),
        Some(json.as_str())
    );
    let names: Vec<String> = on_input.all().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["input", "change"], "one input, then one change");
    assert!(on_input.all().iter().all(|s| s.bubbles));
    assert_eq!(on_form.count("input"), 1, "they bubble to the form");
    assert_eq!(on_form.count("change"), 1);
    assert_eq!(
        fixture
            .get("[name=other]")
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .value(),
        "x",
        "other inputs are not touched"
    );

    // A new value is written again, with new events.
    let next = json!({"id": id, "seals": [{"placeHolder": "改过"}]});
    js_sys::Reflect::set(
        &el,
        &"value".into(),
        &js_sys::JSON::parse(&next.to_string()).unwrap(),
    )
    .unwrap();
    tick().await;
    wait_until("the field to follow the value property", SOON, || {
        hidden.value().contains("改过")
    })
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&hidden.value()).unwrap(),
        next
    );
    assert_eq!(on_input.count("input"), 2);
    assert_eq!(on_input.count("change"), 2);
}

#[wasm_bindgen_test]
async fn field_outside_a_form_is_found_by_name() {
    setup().await;
    let value = json!({"id": "bt-local-outside", "seals": [{"placeHolder": "外"}]}).to_string();
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<textarea name=\"bt-outside-field\"></textarea>{}",
        control_html(&[("value", value.as_str()), ("field", "bt-outside-field")])
    ));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    let area: web_sys::HtmlTextAreaElement = fixture.get("textarea").dyn_into().unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&area.value()).unwrap(),
        serde_json::from_str::<Value>(&value).unwrap()
    );
}

fn validity(el: &HtmlElement) -> ValidityState {
    prop(el, "validity").dyn_into().expect("a ValidityState")
}

fn check_validity(el: &HtmlElement) -> bool {
    call(el, "checkValidity", &[]).as_bool().expect("a boolean")
}

fn validation_message(el: &HtmlElement) -> String {
    prop(el, "validationMessage")
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn required_is_value_missing_until_every_seal_is_signed() {
    setup().await;
    let id = fresh_id("required");
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}</form>",
        control_html_owned(&remote(&id, &[("name", "sig"), ("required", "")]))
    ));
    let el = fixture.control();
    let form: HtmlFormElement = form_of(&fixture).dyn_into().unwrap();
    wait_state(&el, "unsigned").await;

    assert!(!check_validity(&el));
    assert!(validity(&el).value_missing());
    assert!(!validity(&el).valid());
    assert_eq!(validation_message(&el), "请完成所有印章的盖章");
    assert!(!form.check_validity(), "the form is invalid too");
    assert_eq!(prop(&el, "willValidate").as_bool(), Some(true));

    el.set_attribute("lang", "en").unwrap();
    tick().await;
    assert_eq!(validation_message(&el), "Please stamp every seal");
    assert!(validity(&el).value_missing());

    el.remove_attribute("required").unwrap();
    tick().await;
    assert!(check_validity(&el), "not required: valid");
    assert_eq!(validation_message(&el), "");
    assert!(form.check_validity());

    el.set_attribute("required", "").unwrap();
    tick().await;
    assert!(!check_validity(&el));
    assert_eq!(validation_message(&el), "Please stamp every seal");
}

/// A Signature with a document and every seal signed.
fn signed_value() -> String {
    json!({
        "id": "bt-local-signed",
        "uri": "/api/files/none",
        "mime": "application/pdf",
        "seals": [
            {"placeHolder": "一", "signature": "c2ln"},
            {"placeHolder": "二", "signature": "c2ln"}
        ]
    })
    .to_string()
}

#[wasm_bindgen_test]
async fn required_is_met_by_a_fully_signed_value_or_s1() {
    setup().await;
    let value = signed_value();
    // One seal signed, one not: still missing.
    let half = json!({
        "id": "bt-local-half",
        "uri": "/api/files/none",
        "seals": [{"signature": "c2ln"}, {"signature": ""}]
    })
    .to_string();
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}{}{}</form>",
        control_html(&[("id", "full"), ("required", ""), ("value", value.as_str())]),
        control_html(&[("id", "half"), ("required", ""), ("value", half.as_str())]),
        control_html_owned(&remote(
            "demo-sealed",
            &[("id", "sealed"), ("required", "")]
        )),
    ));
    let full = fixture.get("#full");
    let half = fixture.get("#half");
    let sealed = fixture.get("#sealed");
    wait_state(&full, "signed").await;
    wait_state(&half, "unsigned").await;
    assert!(check_validity(&full));
    assert!(!validity(&full).value_missing());
    assert_eq!(validation_message(&full), "");
    assert!(!check_validity(&half));
    assert!(validity(&half).value_missing());

    wait_state(&sealed, "signed").await;
    assert!(check_validity(&sealed), "demo-sealed is fully signed");
    assert!(!validity(&sealed).value_missing());
}

#[wasm_bindgen_test]
async fn reset_restores_the_value_attribute() {
    setup().await;
    let initial = json!({"id": "bt-local-reset", "seals": [{"placeHolder": "原始"}]});
    let edited = json!({"id": "bt-local-reset", "seals": [{"placeHolder": "改动"}]});
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}</form>",
        control_html(&[("name", "sig"), ("value", initial.to_string().as_str())])
    ));
    let el = fixture.control();
    let form = form_of(&fixture);
    wait_state(&el, "unsigned").await;
    assert_eq!(sig_json(&form), initial);

    js_sys::Reflect::set(
        &el,
        &"value".into(),
        &JsValue::from_str(&edited.to_string()),
    )
    .unwrap();
    tick().await;
    wait_until("the edited value", SOON, || sig_json(&form) == edited).await;
    assert_eq!(value_json(&el), edited);

    form.clone().dyn_into::<HtmlFormElement>().unwrap().reset();
    tick().await;
    wait_until_explained(
        "form.reset() to restore the value attribute",
        SOON,
        || sig_json(&form) == initial,
        || explain(&el),
    )
    .await;
    assert_eq!(value_json(&el), initial);
    wait_until("the view to show it", SOON, || {
        texts(&el, "[part~='seal-title']") == ["印章 1 · 原始"]
    })
    .await;
}

#[wasm_bindgen_test]
async fn reset_without_a_value_attribute_reads_s1_again() {
    setup().await;
    record_fetches();
    let id = fresh_id("reset-s1");
    let stored = s2(
        &id,
        &json!({"id": id, "seals": [{"placeHolder": "引擎"}]}).to_string(),
    )
    .await;
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}</form>",
        control_html_owned(&remote(&id, &[("name", "sig")]))
    ));
    let el = fixture.control();
    let form = form_of(&fixture);
    wait_state(&el, "unsigned").await;
    assert_eq!(sig_json(&form), stored);
    let reads = || {
        fetches_to(&format!("/signature/{id}"))
            .iter()
            .filter(|f| f.method == "GET")
            .count()
    };
    assert_eq!(reads(), 1);

    let edited = json!({"id": id, "seals": [{"placeHolder": "本地改动"}]});
    js_sys::Reflect::set(
        &el,
        &"value".into(),
        &js_sys::JSON::parse(&edited.to_string()).unwrap(),
    )
    .unwrap();
    tick().await;
    wait_until("the edited value", SOON, || sig_json(&form) == edited).await;

    form.clone().dyn_into::<HtmlFormElement>().unwrap().reset();
    tick().await;
    wait_until_explained(
        "form.reset() to bring back what S1 says",
        SOON,
        || sig_json(&form) == stored,
        || explain(&el),
    )
    .await;
    assert_eq!(reads(), 2, "reset read S1 once more");
    wait_state(&el, "unsigned").await;
}
