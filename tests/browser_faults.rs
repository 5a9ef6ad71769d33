#![cfg(target_arch = "wasm32")]
//! Engine failures and the element's lifetime (items 8 and 9 of the browser
//! test plan): an error with Retry, a failed refresh that keeps the last
//! good value, a failed delete that keeps the seal, and removing the element
//! mid-request (the request is aborted; re-adding starts clean).
//!
//! The devserver's fault switches are global: every test turns them off
//! again as soon as the failure has been seen (and `setup` does too).

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn s1_failures_show_an_error_and_retry_loads() {
    setup().await;
    let cases = [
        // A 500 with an InfoPlus envelope: the engine's own words are shown.
        (
            "500",
            "engine",
            "Could not load the signature: the engine said: S1 failed on purpose",
        ),
        // 200 with `seals` as an object.
        (
            "malformed",
            "unreadable",
            "Could not load the signature: the engine returned an unreadable signature structure",
        ),
        // 200 with JSON cut off.
        (
            "truncated",
            "unreadable",
            "Could not load the signature: the engine returned an unreadable signature structure",
        ),
    ];
    for (fault, code, words) in cases {
        let id = fresh_id(&format!("fault-{fault}"));
        set_faults(&format!(r#"{{"s1":"{fault}"}}"#)).await;
        let fixture = Fixture::new();
        fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
        let el = fixture.control();
        wait_state(&el, "error").await;
        clear_faults().await;

        let error = get(&el, "[part~='error']");
        assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
        assert_eq!(
            error.get_attribute("data-code").as_deref(),
            Some(code),
            "fault {fault}"
        );
        let shown = text(&el, "[part~='error-text']");
        assert!(shown.starts_with(words), "fault {fault}: {shown}");
        assert_eq!(text(&el, "[part~='retry-button']"), "Retry");
        assert_eq!(count(&el, "[part~='seal']"), 0, "nothing good to show yet");
        assert!(
            find(&el, "[part~='error'] [part~='dismiss-button']").is_none(),
            "nothing to go back to, so no dismiss"
        );
        assert!(prop(&el, "value").is_null());

        click(&el, "[part~='retry-button']").await;
        wait_state(&el, "unsigned").await;
        assert!(find(&el, "[part~='error']").is_none());
        assert_eq!(texts(&el, "[part~='seal-title']"), ["Seal 1"]);
        assert_eq!(value_json(&el), s1(&id).await);
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_engine_is_a_network_error() {
    setup().await;
    // The devserver answers unknown paths with a 404 page without CORS
    // headers: to the control that is a failed fetch. (Every /api error
    // carries an InfoPlus envelope, hence "engine" above, never "http".)
    let id = fresh_id("network");
    let fixture = Fixture::new();
    fixture.set_html(&control_html(&[
        ("signature-id", id.as_str()),
        ("engine", format!("{}/no-such-engine", devserver()).as_str()),
        ("lang", "en"),
    ]));
    let el = fixture.control();
    wait_state(&el, "error").await;
    assert_eq!(
        get(&el, "[part~='error']")
            .get_attribute("data-code")
            .as_deref(),
        Some("network")
    );
    let shown = text(&el, "[part~='error-text']");
    assert!(
        shown.starts_with("Could not load the signature: the server could not be reached ("),
        "{shown}"
    );
    // Pointing the control at the real engine recovers without a Retry.
    el.set_attribute("engine", &engine()).unwrap();
    tick().await;
    wait_state(&el, "unsigned").await;
    assert!(find(&el, "[part~='error']").is_none());
    assert_eq!(value_json(&el), s1(&id).await);
}

#[wasm_bindgen_test]
async fn a_failed_refresh_keeps_the_last_good_value() {
    setup().await;
    let id = fresh_id("refresh-fail");
    let stored = s2(
        &id,
        &json!({"id": id, "seals": [{"placeHolder": "保留"}]}).to_string(),
    )
    .await;
    let fixture = Fixture::new();
    fixture.set_html(&format!(
        "<form>{}</form>",
        control_html_owned(&remote(&id, &[("name", "sig"), ("lang", "en")]))
    ));
    let el = fixture.control();
    let form = fixture.get("form");
    wait_state(&el, "unsigned").await;
    let before = form_data(&form, "sig").expect("sig");
    assert_eq!(value_json(&el), stored);

    set_faults(r#"{"s1":"500"}"#).await;
    call(&el, "refresh", &[]);
    wait_state(&el, "error").await;
    clear_faults().await;

    assert_eq!(value_json(&el), stored, "the value property is unchanged");
    assert_eq!(
        form_data(&form, "sig"),
        Some(before),
        "so is the form value"
    );
    assert_eq!(
        get(&el, "[part~='error']")
            .get_attribute("data-code")
            .as_deref(),
        Some("engine")
    );
    // The last good structure stays on screen under the error.
    assert_eq!(texts(&el, "[part~='seal-title']"), ["Seal 1 · 保留"]);
    // With something to go back to, the error can be dismissed.
    click(&el, "[part~='error'] [part~='dismiss-button']").await;
    wait_state(&el, "unsigned").await;
    assert!(find(&el, "[part~='error']").is_none());
    assert_eq!(value_json(&el), stored);
}

#[wasm_bindgen_test]
async fn a_failed_delete_keeps_the_seal_and_retry_deletes() {
    setup().await;
    let id = fresh_id("delete-fail");
    // A record with a document (EX) and a signature on its seal (S2).
    let (status, exported) = http("POST", &format!("/api/signature/{id}/export"), None).await;
    assert_eq!(status, 200, "EX: {exported}");
    let mut signed = exported["entities"][0].clone();
    signed["seals"][0]["placeHolder"] = json!("甲");
    signed["seals"][0]["signature"] = json!("c2lnbmF0dXJl");
    signed["seals"][0]["algorithm"] = json!("SM2withSM3");
    s2(&id, &signed.to_string()).await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    assert_eq!(texts(&el, "[part~='badge']"), ["Sealed"]);
    let before = value_json(&el);

    set_faults(r#"{"s2":"500"}"#).await;
    click(&el, "[part~='delete-button']").await;
    wait_for(&el, "[part~='confirm-delete-button']").await;
    click(&el, "[part~='confirm-delete-button']").await;
    wait_state(&el, "error").await;
    clear_faults().await;
    let shown = text(&el, "[part~='error-text']");
    assert!(
        shown.starts_with("Could not delete the seal; it was kept"),
        "{shown}"
    );
    assert_eq!(
        texts(&el, "[part~='badge']"),
        ["Sealed"],
        "the seal is shown again"
    );
    assert_eq!(value_json(&el), before);
    assert_eq!(s1(&id).await, before, "the engine still has it");

    click(&el, "[part~='retry-button']").await;
    wait_state(&el, "unsigned").await;
    wait_until_explained(
        "the deleted notice",
        SOON,
        || notice(&el) == "deleted",
        || explain(&el),
    )
    .await;
    assert_eq!(texts(&el, "[part~='badge']"), ["Not sealed"]);
    let after = s1(&id).await;
    assert!(
        after["seals"][0]["signature"]
            .as_str()
            .unwrap_or("")
            .is_empty(),
        "the engine no longer has the signature: {after}"
    );
    assert_eq!(value_json(&el), after);
}

#[wasm_bindgen_test]
async fn removing_the_element_aborts_its_request_and_readding_renders_once() {
    setup().await;
    record_fetches();
    let id = fresh_id("abort");
    let s1_requests = || fetches_to(&format!("/signature/{id}"));
    set_faults(r#"{"s1":"hang"}"#).await;
    let fixture = Fixture::new();
    let el = new_control(&[("signature-id", &id), ("engine", &engine())]);
    let errors = Recorder::new(&el, &["signature-error"], &[]);
    fixture.append(&el);
    wait_until("S1 to be in flight", SOON, || s1_requests().len() == 1).await;
    assert_eq!(state(&el), "loading");
    let signal = s1_requests()[0]
        .signal
        .clone()
        .expect("the S1 request has a signal");
    assert!(!signal.aborted());

    el.remove();
    tick().await;
    assert!(signal.aborted(), "leaving the page stops the request");
    clear_faults().await;
    sleep(100).await;
    assert_eq!(
        errors.count("signature-error"),
        0,
        "an abort is not an error"
    );

    // Back on the page: a fresh start, one view, one S1 more.
    fixture.append(&el);
    wait_state(&el, "unsigned").await;
    assert_eq!(count(&el, ".root"), 1, "{}", explain(&el));
    assert_eq!(count(&el, "[part~='control']"), 1);
    assert_eq!(count(&el, "[part~='seal']"), 1);
    assert_eq!(count(&el, "[part~='status']"), 1);
    assert_eq!(s1_requests().len(), 2);
    assert!(!s1_requests()[1].signal.as_ref().unwrap().aborted());

    // Moving it (removed and added in one go) also leaves one view.
    let other = document().create_element("div").unwrap();
    fixture.append(&other);
    other.append_child(&el).unwrap();
    wait_state(&el, "unsigned").await;
    assert_eq!(count(&el, ".root"), 1, "{}", explain(&el));
    assert_eq!(count(&el, "[part~='seal']"), 1);
    assert_eq!(errors.count("signature-error"), 0);
}
