#![cfg(target_arch = "wasm32")]
//! The PDF's own signatures (§6a) in the browser: the document's banner,
//! the report fields of `signature-verified`, and the trust bundles
//! (`trust-roots`, `trust-intermediates`, `trustRoots`): refused addresses
//! are never fetched, a bundle that cannot be had is an error with clear
//! text while the verdicts are still shown. The worker comes from the test
//! page's origin (see browser_verify.rs).

#[path = "browser/common.rs"]
mod common;

use common::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VERIFY: f64 = 30_000.0;

async fn verify_setup() {
    setup().await;
    require_dist().await;
    infoplus_signature::driver::verifier::set_asset_base(Some(format!("{}/dist/", page_origin())));
    let (status, answer) = http("POST", "/dev/reset", None).await;
    assert_eq!(status, 200, "POST /dev/reset: {answer}");
}

#[wasm_bindgen_test]
async fn a_document_without_embedded_signatures_gets_the_unsigned_banner_and_a_report() {
    verify_setup().await;
    let id = raw_sealed_export("unsigned-pdf").await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    let heard = Recorder::new(&document(), &["signature-verified", "signature-error"], &[]);

    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;
    let banner = wait_for(&el, "[part~='pdf-banner']").await;
    assert_eq!(
        banner.get_attribute("data-verdict").as_deref(),
        Some("unsigned")
    );
    assert_eq!(
        text(&el, "[part~='pdf-banner']"),
        "The document has no embedded signature"
    );
    assert_eq!(count(&el, "[part~='report-button']"), 1);
    assert_eq!(text(&el, "[part~='report-button']"), "Download report");

    let events = heard.wait_count("signature-verified", 1).await;
    assert_eq!(heard.count("signature-error"), 0);
    let detail = &events[0].detail;
    assert_eq!(detail["results"][0]["result"], "valid", "{detail}");
    let sha = detail["documentSha256"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(sha.len(), 64, "{detail}");
    let uri = s1(&id).await["uri"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        sha,
        sha256_of(&absolute(&uri)).await,
        "the page's own WebCrypto agrees"
    );
    assert_eq!(detail["report"]["documentSha256"], sha.as_str());
    assert_eq!(detail["report"]["signature"]["id"], id.as_str());
    assert_eq!(detail["report"]["seals"], detail["results"]);
    assert_eq!(detail["report"]["pdf"], detail["pdf"]);
    let at = detail["verifiedAt"].as_str().unwrap_or_default();
    assert!(
        at.starts_with("20") && at.ends_with('Z') && at.contains('T'),
        "{at}"
    );
    assert_eq!(detail["report"]["verifiedAt"], at);

    // Chinese words for the same banner.
    let _ = el.set_attribute("lang", "zh-CN");
    tick().await;
    assert_eq!(text(&el, "[part~='pdf-banner']"), "文件中没有内嵌签名");
    assert_eq!(text(&el, "[part~='report-button']"), "下载验证报告");
}

#[wasm_bindgen_test]
async fn trust_bundles_at_javascript_or_data_addresses_are_refused_and_never_fetched() {
    verify_setup().await;
    record_fetches();
    let id = raw_sealed_export("refused-bundles").await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(
        &id,
        &[
            ("lang", "en"),
            ("trust-roots", "javascript:alert(1)"),
            (
                "trust-intermediates",
                "data:text/plain,-----BEGIN CERTIFICATE-----",
            ),
        ],
    )));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    let heard = Recorder::new(&document(), &["signature-verified", "signature-error"], &[]);

    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;

    // The seal's verdict is still there.
    assert_eq!(
        get(&el, "[data-seal='0'] [part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("valid"),
        "{}",
        explain(&el)
    );
    let errors = heard.wait_count("signature-error", 1).await;
    let detail = &errors[0].detail;
    assert_eq!(detail["code"], "config", "{detail}");
    assert_eq!(detail["step"], "verify", "{detail}");
    let message = detail["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("trust-roots `javascript:alert(1)`"),
        "{message}"
    );
    assert!(message.contains("trust-intermediates `data:"), "{message}");
    assert!(
        message.contains("only http, https and relative"),
        "{message}"
    );
    let warning = text(&el, "[part~='pdf-banner'] [part~='warning']");
    assert!(
        warning.starts_with("The trusted certificates could not be used: trust-roots"),
        "{warning}"
    );
    assert!(fetches_to("javascript:").is_empty() && fetches_to("data:").is_empty());
    assert_eq!(heard.wait_count("signature-verified", 1).await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_bundle_that_cannot_be_fetched_is_an_error_and_the_verdicts_stay() {
    verify_setup().await;
    record_fetches();
    let missing = format!("{}/api/files/no-such-trust-bundle", devserver());
    let id = raw_sealed_export("missing-bundle").await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(
        &id,
        &[("lang", "en"), ("trust-roots", missing.as_str())],
    )));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    let heard = Recorder::new(&document(), &["signature-error"], &[]);

    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;
    assert_eq!(
        get(&el, "[data-seal='0'] [part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("valid")
    );
    let errors = heard.wait_count("signature-error", 1).await;
    assert_eq!(errors[0].detail["code"], "network", "{}", errors[0].detail);
    let message = errors[0].detail["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&missing) && message.contains("HTTP 404"),
        "{message}"
    );
    assert_eq!(fetches_to("no-such-trust-bundle").len(), 1);
}

#[wasm_bindgen_test]
async fn the_trust_roots_property_reads_back_as_strings() {
    verify_setup().await;
    let id = raw_sealed_export("roots-property").await;
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(&id, &[("lang", "en")])));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    assert!(prop(&el, "trustRoots").is_null());
    let roots = js_sys::Array::of2(
        &"-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----".into(),
        &JsValue::from(7),
    );
    let _ = js_sys::Reflect::set(&el, &"trustRoots".into(), &roots);
    let back = to_json(&prop(&el, "trustRoots"));
    assert_eq!(
        back[0].as_str().map(|s| s.starts_with("-----BEGIN")),
        Some(true)
    );
    assert_eq!(back[1], "7", "{back}");
    let _ = js_sys::Reflect::set(&el, &"trustRoots".into(), &JsValue::NULL);
    assert!(prop(&el, "trustRoots").is_null());
    // A verify with roots set still verifies.
    let _ = js_sys::Reflect::set(&el, &"trustRoots".into(), &roots);
    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;
    assert_eq!(
        get(&el, "[data-seal='0'] [part~='verdict']")
            .get_attribute("data-result")
            .as_deref(),
        Some("valid")
    );
}

#[wasm_bindgen_test]
async fn a_trust_bundle_is_fetched_once_per_page_and_address() {
    verify_setup().await;
    record_fetches();
    // Any bytes may be a dev document: a PEM bundle, served with CORS.
    let holder = fresh_id("trust-bundle");
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    let (status, answer) = http(
        "POST",
        &format!("/dev/document/{holder}?sign=false"),
        Some(pem),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let uri = answer["entities"][0]["uri"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(uri.starts_with('/'), "{answer}");
    let bundle = format!("{}{uri}", devserver());

    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&remote(
        "demo-sealed",
        &[("lang", "en"), ("trust-roots", bundle.as_str())],
    )));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    let heard = Recorder::new(&document(), &["signature-verified", "signature-error"], &[]);
    for round in 1..=2 {
        click(&el, "[part~='verify-button']").await;
        heard.wait_count("signature-verified", round).await;
        wait_state_within(&el, "verified", VERIFY).await;
    }
    assert_eq!(heard.count("signature-error"), 0, "{}", explain(&el));
    assert_eq!(
        fetches_to(&uri).len(),
        1,
        "the second verify used the page's copy"
    );
    assert_eq!(count(&el, "[part~='pdf-banner'] [part~='warning']"), 0);
}
