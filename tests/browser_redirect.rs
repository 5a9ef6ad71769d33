#![cfg(target_arch = "wasm32")]
//! The trip to the signature service and back (items 6 and 7 of the browser
//! test plan).
//!
//! Leaving: a `signature-before-redirect` listener cancels the navigation
//! (the test page must stay) and records the URL the control built.
//! Coming back: the test writes the pending record the control would have
//! left in `sessionStorage` (core/src/pending.rs) and puts the service's
//! `sig_*` parameters on the page URL, then creates the control.

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// `(origin + path, [(key, value)…])` of a URL, as the browser parses it.
fn url_parts(url: &str) -> (String, Vec<(String, String)>) {
    let parts = js(
        &["s"],
        "const u = new URL(s); return [u.origin + u.pathname, [...u.searchParams]];",
    )
    .call1(&JsValue::NULL, &JsValue::from_str(url))
    .unwrap_or_else(|e| panic!("not a URL: {url} ({e:?})"));
    let parts = to_json(&parts);
    let base = parts[0].as_str().unwrap().to_owned();
    let params = parts[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (base, params)
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}` in {params:?}"))
}

fn state_details(recorder: &Recorder) -> Vec<Value> {
    recorder
        .named("signature-state")
        .into_iter()
        .map(|s| s.detail)
        .collect()
}

#[wasm_bindgen_test]
async fn stamping_builds_the_service_url_with_a_fresh_nonce() {
    setup().await;
    record_fetches();
    // Our own leftovers on the page URL must not travel to the service; the
    // host's parameters and fragment must.
    set_page_url("/?keep=1&sig_error=old#frag");
    let id = fresh_id("redirect");
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    let on_el = Recorder::new(
        &el,
        &["signature-before-redirect", "signature-state"],
        &["signature-before-redirect"],
    );
    let on_document = Recorder::new(&document(), &["signature-before-redirect"], &[]);

    click(&el, "[part~='stamp-button']").await;
    let first = on_el.wait_count("signature-before-redirect", 1).await;
    wait_state(&el, "unsigned").await;

    let event = &first[0];
    assert!(event.cancelable && event.bubbles && event.composed);
    assert!(event.prevented);
    assert_eq!(event.detail["seal"], 0);
    let url = event.detail["url"].as_str().expect("detail.url").to_owned();
    let (base, params) = url_parts(&url);
    assert_eq!(base, service(), "{url}");
    let keys: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["id", "seal", "return", "state"], "{url}");
    assert_eq!(param(&params, "id"), id);
    assert_eq!(param(&params, "seal"), "0");
    assert_eq!(
        param(&params, "return"),
        format!("{}/?keep=1#frag", page_origin()),
        "the page itself, without sig_* parameters"
    );
    let nonce = param(&params, "state").to_owned();
    assert!(is_hex_nonce(&nonce), "nonce {nonce:?}: 32+ hex characters");
    assert_eq!(on_document.count("signature-before-redirect"), 1);

    // Preparing (EX, the document had no uri), at the service, then back.
    assert_eq!(
        state_details(&on_el),
        [
            json!({"state": "preparing", "previous": "unsigned"}),
            json!({"state": "signing", "previous": "preparing"}),
            json!({"state": "unsigned", "previous": "signing"}),
        ]
    );
    assert_eq!(fetches_to(&format!("/signature/{id}/export")).len(), 1);
    assert!(
        value_json(&el)["uri"]
            .as_str()
            .is_some_and(|u| !u.is_empty()),
        "EX filled the document"
    );
    // Cancelled before leaving: nothing waits for a return, the page stayed.
    assert!(pending().get(&nonce).is_none(), "{}", pending());
    assert!(page_href().ends_with("/?keep=1&sig_error=old#frag"));

    // A second click: a new nonce, no second EX.
    click(&el, "[part~='stamp-button']").await;
    let both = on_el.wait_count("signature-before-redirect", 2).await;
    wait_state(&el, "unsigned").await;
    let second_url = both[1].detail["url"].as_str().unwrap().to_owned();
    let (_, second) = url_parts(&second_url);
    let second_nonce = param(&second, "state");
    assert!(is_hex_nonce(second_nonce));
    assert_ne!(second_nonce, nonce, "every trip gets its own nonce");
    assert_eq!(param(&second, "return"), param(&params, "return"));
    assert_eq!(fetches_to(&format!("/signature/{id}/export")).len(), 1);
}

#[wasm_bindgen_test]
async fn a_double_click_makes_one_trip() {
    setup().await;
    let id = fresh_id("double");
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    let heard = Recorder::new(
        &el,
        &["signature-before-redirect"],
        &["signature-before-redirect"],
    );
    let button: HtmlElement = get(&el, "[part~='stamp-button']").dyn_into().unwrap();
    button.click();
    button.click();
    tick().await;
    heard.wait_count("signature-before-redirect", 1).await;
    wait_state(&el, "unsigned").await;
    sleep(200).await;
    assert_eq!(heard.count("signature-before-redirect"), 1);
}

#[wasm_bindgen_test]
async fn a_cancelled_stamp_call_leaves_the_store_as_it_was() {
    // (A trip that is not cancelled would navigate the test page away; what
    // it stores is what the return tests below write by hand.)
    setup().await;
    let id = fresh_id("no-store");
    let before = json!({"0123456789abcdef0123456789abcdef": {
        "id": "bt-someone-else", "seal": 1, "time": js_sys::Date::now() as i64
    }});
    session_set(PENDING_KEY, &before.to_string());
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[])));
    let el = fixture.control();
    wait_state(&el, "unsigned").await;
    let heard = Recorder::new(
        &el,
        &["signature-before-redirect"],
        &["signature-before-redirect"],
    );
    call(&el, "stamp", &[JsValue::from(0)]);
    heard.wait_count("signature-before-redirect", 1).await;
    wait_state(&el, "unsigned").await;
    assert_eq!(pending(), before, "a cancelled trip stores nothing");
}

// ------------------------------------------------------------------ return

/// Write pending records (nonce → record) the way the control stores them.
fn store_pending(entries: &[(&str, Value)]) {
    let mut map = pending();
    for (nonce, record) in entries {
        map[*nonce] = record.clone();
    }
    session_set(PENDING_KEY, &map.to_string());
}

fn record(id: &str, minutes_ago: f64, form: Value) -> Value {
    let time = js_sys::Date::now() - minutes_ago * 60_000.0;
    json!({"id": id, "seal": 0, "time": time as i64, "form": form})
}

/// A host form with a text input and a select (filled with other values
/// than the ones saved), listened to, and the control appended last.
struct HostForm {
    fixture: Fixture,
    note: HtmlInputElement,
    choice: HtmlSelectElement,
    note_events: Recorder,
    states: Recorder,
}

impl HostForm {
    fn new() -> HostForm {
        let fixture = Fixture::new();
        fixture.set_html(
            "<form><input name=\"note\" value=\"\">\
             <select name=\"choice\"><option value=\"a\" selected>a</option>\
             <option value=\"b\">b</option></select></form>",
        );
        let note: HtmlInputElement = fixture.get("[name=note]").dyn_into().unwrap();
        let choice: HtmlSelectElement = fixture.get("[name=choice]").dyn_into().unwrap();
        let note_events = Recorder::new(&note, &["input", "change"], &[]);
        let states = Recorder::new(&document(), &["signature-state"], &[]);
        HostForm {
            fixture,
            note,
            choice,
            note_events,
            states,
        }
    }

    fn add_control(&self, id: &str) -> HtmlElement {
        let el = new_control(&[
            ("signature-id", id),
            ("engine", &engine()),
            ("service", &service()),
            ("lang", "en"),
            ("name", "sig"),
        ]);
        self.fixture.get("form").append_child(&el).unwrap();
        el
    }
}

const SAVED_FORM: &str = r#"[["note", "typed before leaving"], ["choice", "b"]]"#;

fn saved_form() -> Value {
    serde_json::from_str(SAVED_FORM).unwrap()
}

#[wasm_bindgen_test]
async fn return_done_claims_the_record_restores_the_form_and_rereads_s1() {
    setup().await;
    let id = fresh_id("return-done");
    let nonce = fresh_nonce();
    let other = fresh_nonce();
    store_pending(&[
        (&nonce, record(&id, 1.0, saved_form())),
        (&other, record("bt-someone-else", 1.0, json!([]))),
    ]);
    set_page_url(&format!("/?keep=1&sig_state={nonce}&sig_status=done#top"));
    let host = HostForm::new();
    let el = host.add_control(&id);
    let changes = Recorder::new(&el, &["change"], &[]);
    wait_state(&el, "unsigned").await;

    // S1 says the seal is not signed: the service's "done" is not believed,
    // and nothing changed for a `change` event.
    assert_eq!(notice(&el), "not-signed");
    assert_eq!(changes.count("change"), 0);
    assert_eq!(
        text(&el, "[part~='status-text']"),
        "The signature service reported success, but the engine shows the seal not stamped"
    );
    assert_eq!(
        state_details(&host.states),
        [
            json!({"state": "returning", "previous": "idle"}),
            json!({"state": "unsigned", "previous": "returning"}),
        ]
    );
    assert_eq!(page_href(), format!("{}/?keep=1#top", page_origin()));
    let store = pending();
    assert!(store.get(&nonce).is_none(), "single use: {store}");
    assert!(
        store.get(&other).is_some(),
        "another control's record stays"
    );
    // The host form is as the user left it, and listeners were told.
    assert_eq!(host.note.value(), "typed before leaving");
    assert_eq!(host.choice.value(), "b");
    assert_eq!(host.note_events.count("input"), 1);
    assert_eq!(host.note_events.count("change"), 1);
    assert_eq!(value_json(&el), s1(&id).await);

    // The notice can be dismissed.
    click(&el, "[part~='status'] [part~='dismiss-button']").await;
    wait_until_explained(
        "the notice to go",
        SOON,
        || notice(&el).is_empty(),
        || explain(&el),
    )
    .await;
}

#[wasm_bindgen_test]
async fn return_done_on_a_signed_seal_says_stamped() {
    setup().await;
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record("demo-sealed", 2.0, json!([])))]);
    set_page_url(&format!("/?sig_state={nonce}&sig_status=done"));
    let host = HostForm::new();
    let el = host.add_control("demo-sealed");
    let changes = Recorder::new(&el, &["change"], &[]);
    wait_state(&el, "signed").await;
    assert_eq!(notice(&el), "done");
    // The seal came back signed: a user change, as an input tells it.
    assert_eq!(
        changes.wait_count("change", 1).await[0].target,
        "infoplus-signature"
    );
    assert_eq!(text(&el, "[part~='status-text']"), "The seal was stamped");
    assert_eq!(page_href(), format!("{}/", page_origin()));
    assert_eq!(pending(), json!({}));
}

#[wasm_bindgen_test]
async fn reusing_a_nonce_counts_as_unknown() {
    setup().await;
    let id = fresh_id("reuse");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record(&id, 1.0, saved_form()))]);
    let url = format!("/?keep=1&sig_state={nonce}&sig_status=cancelled");
    set_page_url(&url);
    let host = HostForm::new();
    let first = host.add_control(&id);
    wait_state(&first, "unsigned").await;
    assert_eq!(notice(&first), "cancelled");
    first.remove();

    // The same return once more (reload, back button, a copied link).
    host.note.set_value("typed after coming back");
    host.states.clear();
    set_page_url(&url);
    let second = host.add_control(&id);
    wait_state(&second, "unsigned").await;
    assert_eq!(notice(&second), "", "{}", explain(&second));
    assert_eq!(page_href(), format!("{}/?keep=1", page_origin()));
    assert_eq!(
        host.note.value(),
        "typed after coming back",
        "an unknown return restores nothing"
    );
    assert_eq!(
        state_details(&host.states),
        [
            json!({"state": "loading", "previous": "idle"}),
            json!({"state": "unsigned", "previous": "loading"}),
        ],
        "just a load"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_nonce_only_cleans_the_url() {
    setup().await;
    let id = fresh_id("unknown");
    let other = fresh_nonce();
    store_pending(&[(&other, record("bt-someone-else", 1.0, saved_form()))]);
    let before = pending();
    set_page_url(&format!(
        "/?a=1&sig_state={}&sig_status=done&b=2",
        fresh_nonce()
    ));
    let host = HostForm::new();
    let el = host.add_control(&id);
    wait_state(&el, "unsigned").await;
    assert_eq!(notice(&el), "");
    assert_eq!(page_href(), format!("{}/?a=1&b=2", page_origin()));
    assert_eq!(pending(), before, "the store is untouched");
    assert_eq!(host.note.value(), "");
    assert_eq!(host.note_events.count("input"), 0);
    assert_eq!(
        text(&el, "[part~='status-text']"),
        "Not every seal is stamped yet"
    );
}

#[wasm_bindgen_test]
async fn return_cancelled_shows_the_notice_and_keeps_the_seal_unsigned() {
    setup().await;
    let id = fresh_id("cancelled");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record(&id, 5.0, saved_form()))]);
    set_page_url(&format!("/?sig_state={nonce}&sig_status=cancelled"));
    let host = HostForm::new();
    let el = host.add_control(&id);
    wait_state(&el, "unsigned").await;
    assert_eq!(notice(&el), "cancelled");
    assert_eq!(
        text(&el, "[part~='status-text']"),
        "Sealing was cancelled; the seal is still not stamped"
    );
    assert_eq!(host.note.value(), "typed before leaving");
    assert_eq!(page_href(), format!("{}/", page_origin()));
    assert!(pending().get(&nonce).is_none());
    assert_eq!(texts(&el, "[part~='badge']"), ["Not sealed"]);
}

#[wasm_bindgen_test]
async fn return_failed_shows_the_reason() {
    setup().await;
    let id = fresh_id("failed");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record(&id, 1.0, saved_form()))]);
    set_page_url(&format!(
        "/?sig_state={nonce}&sig_status=failed&sig_error=provider%20%3Cb%3Edown%3C%2Fb%3E"
    ));
    let host = HostForm::new();
    let el = host.add_control(&id);
    wait_state(&el, "unsigned").await;
    assert_eq!(notice(&el), "failed");
    assert_eq!(
        text(&el, "[part~='status-text']"),
        "Sealing failed: provider <b>down</b>"
    );
    assert_eq!(count(&el, "b"), 0, "the reason is text");
    assert_eq!(page_href(), format!("{}/", page_origin()));
    assert_eq!(host.note.value(), "typed before leaving");

    // zh-CN words for the same notice.
    el.set_attribute("lang", "zh-CN").unwrap();
    tick().await;
    wait_until_explained(
        "the notice in zh-CN",
        SOON,
        || text(&el, "[part~='status-text']") == "盖章失败：provider <b>down</b>",
        || explain(&el),
    )
    .await;
}

#[wasm_bindgen_test]
async fn an_expired_record_counts_as_unknown_and_is_dropped() {
    setup().await;
    let id = fresh_id("expired");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record(&id, 31.0, saved_form()))]);
    set_page_url(&format!("/?sig_state={nonce}&sig_status=done"));
    let host = HostForm::new();
    let el = host.add_control(&id);
    wait_state(&el, "unsigned").await;
    assert_eq!(notice(&el), "");
    assert_eq!(page_href(), format!("{}/", page_origin()));
    assert!(
        pending().get(&nonce).is_none(),
        "expired records are removed"
    );
    assert_eq!(
        host.note.value(),
        "",
        "nothing restored from an expired record"
    );
}

#[wasm_bindgen_test]
async fn a_return_for_another_signature_is_left_for_its_control() {
    setup().await;
    let id = fresh_id("mine");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record("bt-someone-else", 1.0, saved_form()))]);
    let url = format!("/?sig_state={nonce}&sig_status=done");
    set_page_url(&url);
    let host = HostForm::new();
    let el = host.add_control(&id);
    wait_state(&el, "unsigned").await;
    assert_eq!(notice(&el), "");
    assert!(
        page_href().ends_with(&url),
        "the other control still needs the parameters: {}",
        page_href()
    );
    assert!(pending().get(&nonce).is_some());
    assert_eq!(host.note.value(), "");
}

#[wasm_bindgen_test]
async fn a_return_without_status_is_claimed_but_only_refreshes() {
    setup().await;
    let id = fresh_id("no-status");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record(&id, 1.0, saved_form()))]);
    set_page_url(&format!("/?sig_state={nonce}&sig_status=bogus"));
    let host = HostForm::new();
    let el = host.add_control(&id);
    wait_state(&el, "unsigned").await;
    assert_eq!(notice(&el), "", "an unknown status proves nothing");
    assert_eq!(page_href(), format!("{}/", page_origin()));
    assert!(pending().get(&nonce).is_none(), "but the nonce is used up");
    assert_eq!(host.note.value(), "typed before leaving");
}

#[wasm_bindgen_test]
async fn a_restart_while_the_return_is_claimed_wins() {
    // Claiming a return runs after the control starts (it may have to
    // fetch its part first). If the host changes `signature-id` in the
    // meantime, the claim is checked against the new id: the return is not
    // this Signature's, so the new Signature is shown without an outcome.
    setup().await;
    let id = fresh_id("return-restart");
    let nonce = fresh_nonce();
    store_pending(&[(&nonce, record(&id, 1.0, saved_form()))]);
    set_page_url(&format!("/?sig_state={nonce}&sig_status=done"));
    let host = HostForm::new();
    let el = host.add_control(&id);
    el.set_attribute("signature-id", "demo-sealed").unwrap();
    wait_state(&el, "signed").await;
    assert_eq!(value_json(&el)["id"], "demo-sealed");
    assert_eq!(notice(&el), "", "no outcome of the old return");
    assert!(
        !state_details(&host.states)
            .iter()
            .any(|d| d["state"] == "returning"),
        "the old return's start was dropped: {:?}",
        state_details(&host.states)
    );
}
