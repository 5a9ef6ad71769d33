#![cfg(target_arch = "wasm32")]
//! Attributes → what the control shows (items 1 and 10 of the browser test
//! plan): seals read with S1, the two languages, `readonly` / `disabled`,
//! a `value` that needs no S1, and engine text that must stay text.

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A record with two unsigned seals, placeholders, signers and a position.
async fn two_seal_record(tag: &str) -> String {
    let id = fresh_id(tag);
    let structure = json!({"id": id, "seals": [
        {"x": 72, "y": 600, "placeHolder": "审批人签章",
         "signer": {"account": "lisi", "name": "李四"}},
        {"placeHolder": "人事处盖章", "signer": {"account": "wangwu", "name": "王五"}}
    ]});
    s2(&id, &structure.to_string()).await;
    id
}

#[wasm_bindgen_test]
async fn s1_seals_render_in_zh_cn_by_default() {
    setup().await;
    let id = two_seal_record("render-zh").await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;

    assert_eq!(
        texts(&el, "[part~='seal-title']"),
        ["印章 1 · 审批人签章", "印章 2 · 人事处盖章"]
    );
    assert_eq!(
        texts(&el, "[part~='signer']"),
        ["签署人 李四 (lisi)", "签署人 王五 (wangwu)"]
    );
    assert_eq!(texts(&el, "[part~='position']"), ["位置 (72, 600)"]);
    assert_eq!(texts(&el, "[part~='badge']"), ["未盖章", "未盖章"]);
    for badge in all(&el, "[part~='badge']") {
        assert_eq!(badge.get_attribute("data-signed").as_deref(), Some("false"));
    }
    assert_eq!(texts(&el, "[part~='stamp-button']"), ["盖章", "盖章"]);
    assert_eq!(count(&el, "[part~='verify-button']"), 0);
    assert_eq!(count(&el, "[part~='delete-button']"), 0);
    assert_eq!(text(&el, "[part~='status-text']"), "尚有印章未盖章");
    assert_eq!(
        get(&el, "[part~='control']")
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    assert_eq!(prop(&el, "state").as_string().as_deref(), Some("unsigned"));
}

#[wasm_bindgen_test]
async fn lang_en_and_changing_lang_rerenders_without_a_new_s1() {
    setup().await;
    record_fetches();
    let id = two_seal_record("render-en").await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;

    assert_eq!(
        texts(&el, "[part~='seal-title']"),
        ["Seal 1 · 审批人签章", "Seal 2 · 人事处盖章"]
    );
    assert_eq!(
        texts(&el, "[part~='signer']"),
        ["Signer 李四 (lisi)", "Signer 王五 (wangwu)"]
    );
    assert_eq!(texts(&el, "[part~='position']"), ["Position (72, 600)"]);
    assert_eq!(texts(&el, "[part~='badge']"), ["Not sealed", "Not sealed"]);
    assert_eq!(
        texts(&el, "[part~='stamp-button']"),
        ["Stamp seal", "Stamp seal"]
    );
    assert_eq!(
        text(&el, "[part~='status-text']"),
        "Not every seal is stamped yet"
    );
    let s1_calls = fetches_to(&format!("/signature/{id}")).len();
    assert_eq!(s1_calls, 1, "one S1 on load");

    // zh-CN again: the same seals, the other words.
    el.set_attribute("lang", "zh-CN").unwrap();
    tick().await;
    wait_until_explained(
        "the titles in zh-CN",
        SOON,
        || texts(&el, "[part~='seal-title']") == ["印章 1 · 审批人签章", "印章 2 · 人事处盖章"],
        || explain(&el),
    )
    .await;
    assert_eq!(texts(&el, "[part~='badge']"), ["未盖章", "未盖章"]);
    assert_eq!(text(&el, "[part~='status-text']"), "尚有印章未盖章");
    assert_eq!(
        get(&el, "[part~='control']")
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    // And back to English by removing nothing but changing the attribute.
    el.set_attribute("lang", "en-US").unwrap();
    tick().await;
    wait_until_explained(
        "the badges in English",
        SOON,
        || texts(&el, "[part~='badge']") == ["Not sealed", "Not sealed"],
        || explain(&el),
    )
    .await;
    assert_eq!(state(&el), "unsigned");
    assert_eq!(
        fetches_to(&format!("/signature/{id}")).len(),
        s1_calls,
        "changing lang must not read S1 again"
    );
}

/// One signed seal (verify, delete) and one unsigned (stamp).
fn half_signed_value() -> String {
    json!({
        "id": "bt-local-half",
        "uri": "/api/files/none",
        "mime": "application/pdf",
        "seals": [
            {"placeHolder": "甲方", "signature": "c2lnbmF0dXJl", "algorithm": "SM2withSM3",
             "signer": {"account": "zhangsan", "name": "张三"}},
            {"placeHolder": "乙方"}
        ]
    })
    .to_string()
}

#[wasm_bindgen_test]
async fn readonly_hides_stamp_and_delete_disabled_hides_everything() {
    setup().await;
    let value = half_signed_value();
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "{}{}{}",
        control_html(&[("id", "plain"), ("value", value.as_str())]),
        control_html(&[("id", "ro"), ("value", value.as_str()), ("readonly", "")]),
        control_html(&[("id", "off"), ("value", value.as_str()), ("disabled", "")]),
    ));
    let plain = fixture.get("#plain");
    let readonly = fixture.get("#ro");
    let disabled = fixture.get("#off");
    for el in [&plain, &readonly, &disabled] {
        wait_state(el, "unsigned").await;
        assert_eq!(count(el, "[part~='seal']"), 2);
    }
    let buttons = |el: &web_sys::HtmlElement| {
        (
            count(el, "[part~='stamp-button']"),
            count(el, "[part~='verify-button']"),
            count(el, "[part~='delete-button']"),
        )
    };
    assert_eq!(buttons(&plain), (1, 1, 1), "stamp, verify, delete");
    assert_eq!(
        get(&plain, "[data-seal='1'] [part~='stamp-button']").tag_name(),
        "BUTTON"
    );
    assert_eq!(buttons(&readonly), (0, 1, 0), "readonly keeps verify only");
    assert_eq!(
        get(&readonly, "[part~='verify-button']")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("false"),
        "verify is usable when readonly"
    );
    assert_eq!(buttons(&disabled), (0, 0, 0), "disabled offers nothing");

    // The attributes are live: dropping `readonly` brings the buttons back,
    // setting `disabled` takes them all away.
    readonly.remove_attribute("readonly").unwrap();
    plain.set_attribute("disabled", "").unwrap();
    tick().await;
    wait_until_explained(
        "the buttons to follow readonly/disabled",
        SOON,
        || buttons(&readonly) == (1, 1, 1) && buttons(&plain) == (0, 0, 0),
        || format!("{}\n{}", explain(&readonly), explain(&plain)),
    )
    .await;
    disabled.remove_attribute("disabled").unwrap();
    tick().await;
    wait_until_explained(
        "the buttons once `disabled` is removed",
        SOON,
        || buttons(&disabled) == (1, 1, 1),
        || explain(&disabled),
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_disabled_fieldset_disables_the_control() {
    setup().await;
    let value = half_signed_value();
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form><fieldset disabled>{}</fieldset></form>",
        control_html(&[("value", value.as_str())])
    ));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    let buttons = |el: &web_sys::HtmlElement| {
        (
            count(el, "[part~='stamp-button']"),
            count(el, "[part~='verify-button']"),
            count(el, "[part~='delete-button']"),
        )
    };
    assert_eq!(buttons(&el), (0, 0, 0), "{}", explain(&el));
    fixture
        .get("fieldset")
        .remove_attribute("disabled")
        .unwrap();
    tick().await;
    wait_until_explained(
        "the buttons once the fieldset is enabled",
        SOON,
        || buttons(&el) == (1, 1, 1),
        || explain(&el),
    )
    .await;
}

#[wasm_bindgen_test]
async fn value_attribute_renders_without_s1() {
    setup().await;
    record_fetches();
    let id = fresh_id("value-no-s1");
    let value = json!({"id": id, "seals": [
        {"placeHolder": "本地", "signer": {"name": "赵六"}}
    ]})
    .to_string();
    let fixture = Fixture::new();
    let mut attrs = remote(&id, &[("lang", "en")]);
    attrs.push(("value", value));
    fixture.set_html(&control_html_owned(&attrs));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    assert_eq!(texts(&el, "[part~='seal-title']"), ["Seal 1 · 本地"]);
    assert_eq!(texts(&el, "[part~='signer']"), ["Signer 赵六"]);
    assert_eq!(value_json(&el)["seals"][0]["placeHolder"], "本地");
    // Give a stray S1 every chance to show up before saying there was none.
    sleep(300).await;
    assert_eq!(
        fetches_to(&format!("/signature/{id}")).len(),
        0,
        "a `value` attribute means no S1 on load"
    );
    assert_eq!(state(&el), "unsigned");
}

#[wasm_bindgen_test]
async fn no_attributes_is_idle_with_a_hint() {
    setup().await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html(&[("lang", "en")]));
    let el = fixture.control();
    tick().await;
    wait_state(&el, "idle").await;
    assert_eq!(count(&el, "[part~='seal']"), 0);
    assert_eq!(
        text(&el, "[part~='status-text']"),
        "Not configured: set signature-id and engine, or value"
    );
}

#[wasm_bindgen_test]
async fn engine_text_is_text_and_unsafe_image_addresses_are_refused() {
    setup().await;
    let svg = format!("{}/provider/seals/seal-zhangsan-sm2.svg", devserver());
    let value = json!({
        "id": "bt-local-xss",
        "uri": "/api/files/none",
        "mime": "application/pdf",
        "seals": [
            {"placeHolder": "<b>bold</b>", "signature": "c2ln",
             "description": "<img src=x onerror=\"window.__btXss=1\">描述",
             "signer": {"account": "a", "name": "<img src=x onerror=\"window.__btXss=2\">"},
             "image": "javascript:window.__btXss=3"},
            {"signature": "c2ln",
             "image": "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='window.__btXss=4'/>"},
            {"signature": "c2ln", "image": svg, "description": "safe"}
        ]
    })
    .to_string();
    let fixture = Fixture::new();
    fixture.set_html(&control_html(&[("value", value.as_str()), ("lang", "en")]));
    let el = fixture.control();
    wait_state(&el, "signed").await;

    // The only <img> is the one with an http(s) address.
    let images = all(&el, "img");
    assert_eq!(images.len(), 1, "{}", explain(&el));
    assert_eq!(
        images[0].get_attribute("part").as_deref(),
        Some("seal-image")
    );
    assert_eq!(images[0].get_attribute("src"), Some(svg));
    assert!(find(&el, "[data-seal='2'] [part~='seal-image']").is_some());
    for seal in ["0", "1"] {
        let card = format!("[data-seal='{seal}']");
        assert!(find(&el, &format!("{card} [part~='seal-image']")).is_none());
        assert_eq!(
            text(&el, &format!("{card} [part~='warning']")),
            "The seal image address is not http(s); it is not shown"
        );
    }
    assert_eq!(count(&el, "[part~='warning']"), 2);
    // Markup from the engine is shown literally.
    assert_eq!(count(&el, "b"), 0);
    let shown = shadow_text(&el);
    assert!(shown.contains("<b>bold</b>"), "{shown}");
    assert_eq!(
        text(&el, "[data-seal='0'] [part~='description']"),
        "<img src=x onerror=\"window.__btXss=1\">描述"
    );
    assert!(
        text(&el, "[data-seal='0'] [part~='signer']").contains("<img src=x onerror="),
        "{shown}"
    );
    sleep(200).await;
    assert!(
        prop(&window(), "__btXss").is_undefined(),
        "no handler from engine text may run"
    );
}

#[wasm_bindgen_test]
async fn signer_names_from_s1_are_text() {
    setup().await;
    let id = fresh_id("xss-s1");
    let structure = json!({"id": id, "seals": [
        {"placeHolder": "<i>x</i>", "signer": {"account": "<u>a</u>",
         "name": "<img src=x onerror=\"window.__btXss=5\">"}}
    ]});
    s2(&id, &structure.to_string()).await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    assert_eq!(count(&el, "img"), 0);
    assert_eq!(count(&el, "i"), 0);
    assert_eq!(count(&el, "u"), 0);
    assert_eq!(
        texts(&el, "[part~='signer']"),
        ["Signer <img src=x onerror=\"window.__btXss=5\"> (<u>a</u>)"]
    );
    assert_eq!(texts(&el, "[part~='seal-title']"), ["Seal 1 · <i>x</i>"]);
    // The accessible name carries the text too, unescaped and inert.
    assert_eq!(
        get(&el, "[part~='stamp-button']")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Stamp seal: <i>x</i>")
    );
    sleep(200).await;
    assert!(prop(&window(), "__btXss").is_undefined());
}
