#![cfg(target_arch = "wasm32")]
//! The verify worker dies and is replaced (item 11 of the browser test
//! plan, second half). One test on its own page: the page's worker is
//! module state, and this test needs to decide where it is loaded from.
//!
//! 1. Asset base on the devserver (another origin): the browser refuses to
//!    start the worker; the control shows a verifier error and keeps working.
//! 2. Asset base on tests/fixtures/crashing-worker/ (served, like `dist/`,
//!    by wasm-bindgen-test-runner from the crate directory): the worker
//!    answers the seals and then crashes; the control shows those verdicts
//!    and the PDF as unreadable.
//! 3. Asset base on tests/fixtures/dying-hasher/: the next verify starts a
//!    fresh worker, the real one, except that the second thread it hashes
//!    the document's SHA-256 on (a nested worker) dies; the seal is valid
//!    and the document's SHA-256 right, hashed on the worker's own thread.

#[path = "browser/common.rs"]
mod common;

use common::*;
use infoplus_signature::driver::verifier::set_asset_base;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VERIFY: f64 = 30_000.0;

#[wasm_bindgen_test]
async fn a_worker_that_cannot_start_or_crashes_is_replaced_on_the_next_verify() {
    setup().await;
    require_dist().await;
    let (status, answer) = http("POST", "/dev/reset", None).await;
    assert_eq!(status, 200, "POST /dev/reset: {answer}");
    let fixture = Fixture::new();
    fixture.set_html(&control_html_owned(&trusted_demo_sealed()));
    let el = fixture.control();
    wait_state(&el, "signed").await;
    let errors = Recorder::new(&el, &["signature-error", "signature-verified"], &[]);

    // 1. Another origin: no worker.
    set_asset_base(Some(format!("{}/dist/", devserver())));
    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "error", VERIFY).await;
    let error = get(&el, "[part~='error']");
    assert_eq!(
        error.get_attribute("data-code").as_deref(),
        Some("verifier"),
        "{}",
        explain(&el)
    );
    assert!(text(&el, "[part~='error-text']").starts_with("Could not verify: "));
    let events = errors.wait_count("signature-error", 1).await;
    assert_eq!(events[0].detail["code"], "verifier");
    assert_eq!(events[0].detail["step"], "verify");
    assert_eq!(
        texts(&el, "[part~='badge']"),
        ["Sealed"],
        "the seal is still shown"
    );

    // 2. A worker that crashes after answering the seals.
    set_asset_base(Some(format!(
        "{}/tests/fixtures/crashing-worker/",
        page_origin()
    )));
    click(&el, "[part~='retry-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;
    let verdict = get(&el, "[part~='verdict']");
    assert_eq!(
        verdict.get_attribute("data-result").as_deref(),
        Some("malformed"),
        "the crashing worker's verdict: {}",
        explain(&el)
    );
    assert_eq!(
        text(&el, "[part~='verdict-headline']"),
        "The signature cannot be read: crashing-worker fixture"
    );
    assert_eq!(
        get(&el, "[part~='pdf']")
            .get_attribute("data-status")
            .as_deref(),
        Some("unreadable")
    );
    assert!(
        text(&el, "[part~='pdf']").starts_with("The PDF cannot be read: "),
        "{}",
        explain(&el)
    );

    // 3. The real worker again, started afresh since the crashed one is
    // gone; its hasher dies.
    set_asset_base(Some(format!(
        "{}/tests/fixtures/dying-hasher/",
        page_origin()
    )));
    click(&el, "[part~='verify-button']").await;
    wait_state_within(&el, "verified", VERIFY).await;
    wait_until_explained(
        "a valid verdict from the real worker",
        VERIFY,
        || {
            find(&el, "[part~='verdict']").and_then(|v| v.get_attribute("data-result"))
                == Some("valid".to_owned())
        },
        || explain(&el),
    )
    .await;
    assert_eq!(
        get(&el, "[part~='pdf']")
            .get_attribute("data-status")
            .as_deref(),
        Some("parsed")
    );
    assert_eq!(
        errors.count("signature-error"),
        1,
        "no error after the first"
    );
    let verified = errors.wait_count("signature-verified", 2).await;
    let uri = s1("demo-sealed").await["uri"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        verified[1].detail["documentSha256"],
        sha256_of(&absolute(&uri)).await.as_str(),
        "hashed on the worker's own thread, as the page's WebCrypto does"
    );
}
