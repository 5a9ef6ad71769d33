//! Dev-only fault switches: each one does what it says, and none exists
//! without `--dev-faults`.

use std::time::Duration;

use serde_json::json;

use crate::common::{client, param, start, Server, STATE};

async fn set(server: &Server, faults: serde_json::Value) {
    let (status, _, body) = server
        .post_json("/dev/faults", &faults.to_string(), None)
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn fault_routes_do_not_exist_without_the_flag() {
    let server = start(false).await;
    for (method, path) in [
        ("GET", "/dev/faults"),
        ("POST", "/dev/faults"),
        ("POST", "/dev/tamper/demo-sealed"),
        ("POST", "/dev/reset"),
    ] {
        let r = client()
            .request(method.parse().unwrap(), server.url(path))
            .body(r#"{"s1":"500"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{method} {path}");
    }
    assert_eq!(server.get_json("/api/signature/x").await.0, 200);
}

#[tokio::test]
async fn s1_500_and_back() {
    let server = start(true).await;
    set(&server, json!({"s1": "500"})).await;
    let (status, _, body) = server.get_json("/api/signature/demo-applicant").await;
    assert_eq!(status, 500);
    assert_ne!(body["errno"], 0);
    assert!(!body["error"].as_str().unwrap().is_empty());
    let (_, _, current) = server.get_json("/dev/faults").await;
    assert_eq!(current["entities"][0]["s1"], "500");
    set(&server, json!({"s1": null})).await;
    assert_eq!(
        server.get_json("/api/signature/demo-applicant").await.0,
        200
    );
}

#[tokio::test]
async fn s1_hang_outlasts_a_client_timeout() {
    let server = start(true).await;
    set(&server, json!({"s1": "hang"})).await;
    let started = std::time::Instant::now();
    let err = client()
        .get(server.url("/api/signature/demo-applicant"))
        .timeout(Duration::from_millis(1500))
        .send()
        .await
        .expect_err("must time out");
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // Other switches are independent: S2 still answers.
    let (status, _, _) = server.post_json("/api/signature/other", "{}", None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn malformed_and_truncated_bodies() {
    let server = start(true).await;
    set(
        &server,
        json!({"s1": "malformed", "s2": "truncated", "ex": "500"}),
    )
    .await;
    let r = client()
        .get(server.url("/api/signature/demo-applicant"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.bytes().await.unwrap();
    let err = infoplus_signature_core::parse_signature(&body).expect_err("malformed");
    assert!(
        matches!(err, infoplus_signature_core::WireError::WrongType { .. }),
        "{err}"
    );

    let r = client()
        .post(server.url("/api/signature/demo-applicant"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.bytes().await.unwrap();
    assert!(
        serde_json::from_slice::<serde_json::Value>(&body).is_err(),
        "truncated JSON"
    );

    let (status, _, body) = server
        .post_json("/api/signature/demo-applicant/export", "", None)
        .await;
    assert_eq!(status, 500);
    assert_ne!(body["errno"], 0);

    let (status, _, body) = server
        .post_json("/dev/faults", r#"{"s1":"explode"}"#, None)
        .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn provider_fail_sends_the_user_back_failed() {
    let server = start(true).await;
    server.export("demo-applicant").await;
    set(&server, json!({"provider": "fail"})).await;
    let back = server
        .stamp("zhangsan", "demo-applicant", 0, "seal-zhangsan-sm2")
        .await;
    assert_eq!(param(&back, "sig_state").as_deref(), Some(STATE));
    assert_eq!(param(&back, "sig_status").as_deref(), Some("failed"));
    assert!(!param(&back, "sig_error").unwrap().is_empty());
    assert!(server.s1("demo-applicant").await.0["seals"][0]
        .get("signature")
        .is_none());
}

#[tokio::test]
async fn tamper_changes_the_bytes_but_not_the_length() {
    let server = start(true).await;
    let (sig, tag) = server.s1("demo-sealed").await;
    let uri = sig["uri"].as_str().unwrap();
    let before = server.bytes(uri).await;
    let (status, _, _) = server.post_json("/dev/tamper/demo-sealed", "", None).await;
    assert_eq!(status, 200);
    let after = server.bytes(uri).await;
    assert_eq!(after.len(), before.len());
    assert_ne!(after, before);
    assert_eq!(
        server.s1("demo-sealed").await.1,
        tag,
        "the record itself is unchanged"
    );
    let (status, _, _) = server.post_json("/dev/tamper/fresh-no-doc", "", None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn tampered_demo_document_fails_verification_and_reset_restores() {
    let server = start(true).await;
    // demo-tampered was sealed and then altered at first start.
    let (sig, _) = server.s1("demo-tampered").await;
    assert!(sig["seals"][0]["signature"].is_string());
    // Stamp the applicant, then reset: back to the seeded, unsigned state.
    server.export("demo-applicant").await;
    server
        .stamp("zhangsan", "demo-applicant", 0, "seal-zhangsan-sm2")
        .await;
    assert!(server.s1("demo-applicant").await.0["seals"][0]["signature"].is_string());
    let (status, _, body) = server.post_json("/dev/reset", "", None).await;
    assert_eq!(status, 200, "{body}");
    let (applicant, _) = server.s1("demo-applicant").await;
    assert!(applicant["seals"][0].get("signature").is_none());
    assert!(applicant.get("uri").is_none());
    assert!(server.s1("demo-sealed").await.0["seals"][0]["signature"].is_string());
}

/// The switches act like the engine failing: the answer still carries the
/// engine's CORS headers, a bad id is still the 400 it always is, and
/// neither the stored files nor a CORS preflight are touched.
#[tokio::test]
async fn injected_answers_keep_the_engine_edges() {
    let server = start(true).await;
    let (sig, _) = server.s1("demo-sealed").await;
    let uri = sig["uri"].as_str().unwrap().to_owned();
    set(
        &server,
        json!({"s1": "500", "s2": "500", "ex": "malformed"}),
    )
    .await;

    let r = client()
        .get(server.url("/api/signature/demo-applicant"))
        .header("origin", "http://127.0.0.1:9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 500);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["ecode"], "FAULT_INJECTED");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("S1 failed on purpose"),
        "{body}"
    );

    let (status, _, body) = server.get_json("/api/signature/a.b").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["ecode"], "INVALID_INPUT");
    let (status, _, body) = server.post_json("/api/signature/a.b", "{}", None).await;
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = server
        .post_json("/api/signature/a.b/export", "", None)
        .await;
    assert_eq!(status, 400, "{body}");

    let (status, _, body) = server.post_json("/api/signature/x", "{}", None).await;
    assert_eq!(status, 500, "{body}");
    assert!(
        body["error"].as_str().unwrap().starts_with("S2 failed"),
        "{body}"
    );
    let r = client()
        .post(server.url("/api/signature/demo-applicant/export"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(infoplus_signature_core::parse_signature(&r.bytes().await.unwrap()).is_err());

    assert!(
        !server.bytes(&uri).await.is_empty(),
        "files are not switched"
    );
    let r = client()
        .request(reqwest::Method::OPTIONS, server.url("/api/signature/x"))
        .header("origin", "http://127.0.0.1:9")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
}

/// Every dev route taking `{id}` refuses a bad one with the envelope's 400.
#[tokio::test]
async fn dev_routes_refuse_bad_ids_like_the_engine() {
    let server = start(true).await;
    for path in ["/dev/tamper/a.b", "/dev/document/a.b", "/dev/large/a.b"] {
        let (status, _, body) = server.post_json(path, "", None).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["ecode"], "INVALID_INPUT", "{path}");
        assert!(
            body["error"].as_str().unwrap().contains("signature id"),
            "{path}: {body}"
        );
    }
}
