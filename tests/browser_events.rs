#![cfg(target_arch = "wasm32")]
//! The `signature-*` events (item 5 of the browser test plan): their
//! details, and that they bubble and are composed, so a listener on
//! `document` hears a control that sits inside another component's shadow
//! root. (`signature-before-redirect` is in browser_redirect.rs,
//! `signature-verified` in browser_verify.rs.)

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const EVENTS: [&str; 6] = [
    "signature-load",
    "signature-state",
    "signature-change",
    "signature-error",
    "signature-verified",
    "signature-before-redirect",
];

/// Put `el` inside the open shadow root of a `<div class="outer">` in the
/// fixture: only composed events get out of there to `document`.
fn inside_another_shadow_root(fixture: &Fixture, el: &HtmlElement) -> HtmlElement {
    let outer: HtmlElement = document()
        .create_element("section")
        .unwrap()
        .dyn_into()
        .unwrap();
    fixture.append(&outer);
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"mode".into(), &"open".into()).unwrap();
    let root: web_sys::ShadowRoot = call(&outer, "attachShadow", &[init.into()])
        .dyn_into()
        .unwrap();
    root.append_child(el).unwrap();
    outer
}

fn assert_bubbling_composed(seen: &[Seen]) {
    for s in seen {
        assert!(s.bubbles, "{} must bubble", s.name);
        assert!(s.composed, "{} must be composed", s.name);
    }
}

#[wasm_bindgen_test]
async fn load_state_and_change_reach_document_from_a_nested_shadow_root() {
    setup().await;
    let id = fresh_id("events");
    let stored = s2(
        &id,
        &json!({"id": id, "seals": [{"placeHolder": "事件"}]}).to_string(),
    )
    .await;
    let heard = Recorder::new(&document(), &EVENTS, &[]);
    let fixture = Fixture::new();
    let el = new_control(&[("signature-id", &id), ("engine", &engine())]);
    inside_another_shadow_root(&fixture, &el);
    wait_state(&el, "unsigned").await;

    let all = heard.all();
    assert_bubbling_composed(&all);
    for s in &all {
        assert!(!s.cancelable, "{} is not cancelable", s.name);
        // Retargeted: outside, the event seems to come from the outer host.
        assert_eq!(s.target, "section", "{} as seen from document", s.name);
    }
    let states: Vec<Value> = heard
        .named("signature-state")
        .into_iter()
        .map(|s| s.detail)
        .collect();
    assert_eq!(
        states,
        [
            json!({"state": "loading", "previous": "idle"}),
            json!({"state": "unsigned", "previous": "loading"}),
        ]
    );
    let loads = heard.named("signature-load");
    assert_eq!(loads.len(), 1);
    assert_eq!(
        loads[0].detail, stored,
        "signature-load carries the Signature"
    );
    let changes = heard.named("signature-change");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].detail, stored, "signature-change too");
    assert_eq!(heard.count("signature-error"), 0);
    assert_eq!(heard.count("signature-before-redirect"), 0);
    assert_eq!(heard.count("signature-verified"), 0);
}

#[wasm_bindgen_test]
async fn listeners_on_the_element_see_the_new_value_already() {
    setup().await;
    let id = fresh_id("events-order");
    let stored = s2(
        &id,
        &json!({"id": id, "seals": [{"placeHolder": "先后"}]}).to_string(),
    )
    .await;
    let fixture = Fixture::new();
    let el = new_control(&[("signature-id", &id), ("engine", &engine())]);
    // What `el.value` and `el.state` are while each event is handled.
    let watch = js(
        &["el"],
        r#"
        const seen = [];
        for (const name of ['signature-load', 'signature-change', 'signature-state']) {
          el.addEventListener(name, () => seen.push({
            name, value: JSON.stringify(el.value), state: el.state,
            hostState: el.getAttribute('data-state'),
          }));
        }
        return seen;
        "#,
    )
    .call1(&JsValue::NULL, &el)
    .unwrap();
    fixture.append(&el);
    wait_state(&el, "unsigned").await;
    let seen = to_json(&watch);
    let stored_text = stored.to_string();
    let names: Vec<&str> = seen
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    for name in ["signature-load", "signature-change", "signature-state"] {
        assert!(names.contains(&name), "{name} was heard: {names:?}");
    }
    for entry in seen.as_array().unwrap() {
        let name = entry["name"].as_str().unwrap();
        if name == "signature-state" {
            assert_eq!(
                entry["state"], entry["hostState"],
                "`state` and data-state agree during {entry}"
            );
            continue;
        }
        let value: Value = serde_json::from_str(entry["value"].as_str().unwrap_or("null")).unwrap();
        assert_eq!(
            value, stored,
            "during {name} the `value` property is already the new Signature ({stored_text})"
        );
    }
}

#[wasm_bindgen_test]
async fn error_event_names_code_message_and_step() {
    setup().await;
    let id = fresh_id("events-error");
    set_faults(r#"{"s1":"500"}"#).await;
    let heard = Recorder::new(&document(), &EVENTS, &[]);
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "error").await;
    clear_faults().await;

    let errors = heard.named("signature-error");
    assert_eq!(errors.len(), 1, "{:#?}", heard.all());
    assert_bubbling_composed(&errors);
    assert_eq!(errors[0].target, "infoplus-signature");
    let detail = &errors[0].detail;
    assert_eq!(detail["code"], "engine", "{detail}");
    assert_eq!(detail["step"], "load");
    let message = detail["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Could not load the signature: the engine said: ")
            && message.contains("failed on purpose"),
        "the message names the step and the engine's words: {message}"
    );
    assert_eq!(
        heard.named("signature-state").last().unwrap().detail,
        json!({"state": "error", "previous": "loading"})
    );
    assert_eq!(heard.count("signature-load"), 0);
    assert_eq!(heard.count("signature-change"), 0);

    // In zh-CN the same failure reads in Chinese.
    heard.clear();
    el.set_attribute("lang", "zh-CN").unwrap();
    set_faults(r#"{"s1":"500"}"#).await;
    call(&el, "refresh", &[]);
    wait_until("a second signature-error", SOON, || {
        heard.count("signature-error") == 1
    })
    .await;
    clear_faults().await;
    let message = heard.named("signature-error")[0].detail["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.starts_with("读取签章信息失败：引擎报告："),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn value_property_fires_change_only_and_refresh_loads_again() {
    setup().await;
    let id = fresh_id("events-value");
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    let heard = Recorder::new(&document(), &EVENTS, &[]);

    let next = json!({"id": id, "seals": [{"placeHolder": "新值"}, {}]});
    js_sys::Reflect::set(
        &el,
        &"value".into(),
        &js_sys::JSON::parse(&next.to_string()).unwrap(),
    )
    .unwrap();
    tick().await;
    let changes = heard.wait_count("signature-change", 1).await;
    assert_eq!(changes[0].detail, next);
    assert_eq!(heard.count("signature-load"), 0, "assigning is not loading");
    assert_eq!(heard.count("signature-state"), 0, "still unsigned");
    assert_bubbling_composed(&heard.all());

    // refresh(): loading, then S1's structure again (a change back).
    heard.clear();
    call(&el, "refresh", &[]);
    let loads = heard.wait_count("signature-load", 1).await;
    wait_state(&el, "unsigned").await;
    let stored = s1(&id).await;
    assert_eq!(loads[0].detail, stored);
    assert_eq!(heard.named("signature-change")[0].detail, stored);
    let states: Vec<Value> = heard
        .named("signature-state")
        .into_iter()
        .map(|s| s.detail)
        .collect();
    assert_eq!(
        states,
        [
            json!({"state": "loading", "previous": "unsigned"}),
            json!({"state": "unsigned", "previous": "loading"}),
        ]
    );
}
