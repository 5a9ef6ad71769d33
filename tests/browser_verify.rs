#![cfg(target_arch = "wasm32")]
//! Verifying seals through the real verify worker (item 11 of the browser
//! test plan, first half; the worker restart is in
//! browser_verify_restart.rs, which needs a page with no worker yet).
//!
//! Browsers refuse to start a worker from another origin, so the worker
//! cannot be loaded from the devserver: the asset base is the test page's
//! own origin, where wasm-bindgen-test-runner also serves the files of the
//! crate directory, `dist/` (built by scripts/build) included. The
//! documents still come from the devserver, over CORS.

#[path = "browser/common.rs"]
mod common;

use common::*;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Time for the first verify: the worker's wasm is downloaded and compiled.
const VERIFY: f64 = 30_000.0;

async fn verify_setup() {
    setup().await;
    require_dist().await;
    infoplus_signature::driver::verifier::set_asset_base(Some(format!("{}/dist/", page_origin())));
    // demo-sealed sealed and untouched, demo-tampered changed after sealing.
    let (status, answer) = http("POST", "/dev/reset", None).await;
    assert_eq!(status, 200, "POST /dev/reset: {answer}");
}

#[wasm_bindgen_test]
async fn a_sealed_demo_document_verifies_as_valid() {
    verify_setup().await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&trusted_demo_sealed()));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    let heard = Recorder::new(&document(), &["signature-verified", "signature-error"], &[]);

    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;

    let verdict = get(&el, "[data-seal='0'] [part~='verdict']");
    assert_eq!(
        verdict.get_attribute("data-result").as_deref(),
        Some("valid")
    );
    assert_eq!(
        text(&el, "[data-seal='0'] [part~='verdict-headline']"),
        "Valid: the document is unchanged since sealing"
    );
    assert!(text(&el, "[part~='verdict-details']").contains("SM2withSM3"));
    assert_eq!(
        get(&el, "[part~='signer-check']")
            .get_attribute("data-allowed")
            .as_deref(),
        Some("true"),
        "zhangsan stamped and is on permission.signers"
    );
    assert_eq!(
        get(&el, "[part~='pdf']")
            .get_attribute("data-status")
            .as_deref(),
        Some("parsed")
    );
    assert_eq!(notice(&el), "verified");

    let events = heard.wait_count("signature-verified", 1).await;
    assert_eq!(heard.count("signature-error"), 0);
    let detail = &events[0].detail;
    assert!(events[0].bubbles && events[0].composed);
    assert_eq!(detail["seal"], 0);
    assert_eq!(detail["results"][0]["index"], 0);
    assert_eq!(detail["results"][0]["result"], "valid", "{detail}");
    assert_eq!(detail["results"][0]["algorithm"], "SM2withSM3");
    assert_eq!(detail["results"][0]["signerAllowed"], true);
    assert_eq!(detail["pdf"]["status"], "parsed");
    assert!(
        detail["pdf"]["pages"].as_u64().unwrap_or(0) >= 1,
        "{detail}"
    );
}

#[wasm_bindgen_test]
async fn a_tampered_document_is_invalid_and_readonly_may_verify() {
    verify_setup().await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(
        "demo-tampered",
        &[("lang", "en"), ("readonly", "")],
    )));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    assert_eq!(count(&el, "[part~='delete-button']"), 0);
    // The method, this time.
    call(&el, "verify", &[JsValue::from(0)]);
    wait_state_within(&el, "verified", VERIFY).await;
    assert_eq!(
        get(&el, "[data-seal='0'] [part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        text(&el, "[data-seal='0'] [part~='verdict-headline']"),
        "Invalid: the document changed since sealing, or this key did not sign it"
    );
    assert_eq!(count(&el, "[part~='verdict-details']"), 0);

    // Tampering with the sealed record now turns its verdict too.
    let sealed = Fixture::new();
    sealed.set_html(&control_html_owned(&remote(
        "demo-sealed",
        &[("lang", "zh-CN")],
    )));
    let other = sealed.control();
    wait_state(&other, "signed").await;
    let (status, answer) = http("POST", "/dev/tamper/demo-sealed", None).await;
    assert_eq!(status, 200, "{answer}");
    click(&other, "[part~='verify-button']").await;
    wait_state_within(&other, "verified", VERIFY).await;
    assert_eq!(
        get(&other, "[part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        text(&other, "[part~='verdict-headline']"),
        "签名无效：文件在盖章后被修改，或并非此密钥所签"
    );
    let (status, _) = http("POST", "/dev/reset", None).await;
    assert_eq!(status, 200);
}

#[wasm_bindgen_test]
async fn documents_that_cannot_be_had_get_their_verdict_without_the_worker() {
    verify_setup().await;
    let fixture = Fixture::new();
    // Over the limit: the download stops at the size.
    let limited = control_html_owned(&remote(
        "demo-sealed",
        &[
            ("lang", "en"),
            ("max-document-bytes", "100"),
            ("id", "limited"),
        ],
    ));
    // A `javascript:` document address is never fetched.
    let unsafe_uri = json!({
        "id": "bt-local-js-uri",
        "uri": "javascript:alert(1)",
        "mime": "application/pdf",
        "seals": [{"signature": "c2ln", "algorithm": "SM2withSM3"}]
    })
    .to_string();
    let unsafe_html = control_html(&[
        ("value", unsafe_uri.as_str()),
        ("lang", "en"),
        ("id", "unsafe"),
    ]);
    fixture.set_html(&format!("{limited}{unsafe_html}"));
    let limited = fixture.get("#limited");
    let unsafe_el = fixture.get("#unsafe");
    wait_state(&limited, "signed").await;
    wait_state(&unsafe_el, "signed").await;

    click(&limited, "[part~='verify-button']").await;
    click(&unsafe_el, "[part~='verify-button']").await;
    wait_state_within(&limited, "verified", VERIFY).await;
    wait_state_within(&unsafe_el, "verified", VERIFY).await;

    assert_eq!(
        get(&limited, "[part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("too-large")
    );
    assert!(
        text(&limited, "[part~='verdict-headline']").contains("the limit is 100 B"),
        "{}",
        explain(&limited)
    );
    assert_eq!(
        get(&unsafe_el, "[part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("unavailable")
    );
    assert!(
        text(&unsafe_el, "[part~='verdict-headline']")
            .starts_with("The document could not be fetched: "),
        "{}",
        explain(&unsafe_el)
    );
}
