//! S1, S2 and EX: envelope shape, ETag/If-Match, validation, files, CORS.

use serde_json::{json, Value};

use crate::common::{client, etag, start};

#[tokio::test]
async fn s1_allocates_unknown_ids_with_a_stable_strong_etag() {
    let server = start(false).await;
    let (status, headers, body) = server.get_json("/api/signature/fresh-1").await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"errno": 0, "ecode": "SUCCEED", "error": "", "entities": [{"id": "fresh-1", "seals": [{}]}]})
    );
    let tag = etag(&headers);
    assert!(
        tag.starts_with('"') && tag.ends_with('"') && !tag.starts_with("W/"),
        "{tag}"
    );
    assert_eq!(server.s1("fresh-1").await.1, tag, "same content, same ETag");
    assert_ne!(
        server.s1("fresh-2").await.1,
        tag,
        "other content (id), other ETag"
    );
}

#[tokio::test]
async fn bad_ids_are_refused_with_an_envelope() {
    let server = start(false).await;
    for id in ["a.b", &"x".repeat(65), "%E5%BC%A0"] {
        let (status, _, body) = server.get_json(&format!("/api/signature/{id}")).await;
        assert_eq!(status, 400, "{id}");
        assert_ne!(body["errno"], 0);
        assert!(
            body["error"].as_str().unwrap().contains("signature id"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn s2_round_trips_unknown_fields_and_is_idempotent() {
    let server = start(false).await;
    let (_, first_tag) = server.s1("rt").await;
    let body = json!({
        "id": "rt", "futureTop": {"a": [1, 2]},
        "seals": [{"x": 12.5, "y": 100, "placeHolder": "甲", "vendorSeal": {"k": "v"},
                   "signer": {"account": "zhangsan", "name": "张三", "dept": "HR"},
                   "permission": {"sealTypes": ["personal"], "extraRule": true}}]
    });
    let (status, headers, written) = server
        .post_json("/api/signature/rt", &body.to_string(), Some(&first_tag))
        .await;
    assert_eq!(status, 200, "{written}");
    assert_eq!(written["errno"], 0);
    let new_tag = etag(&headers);
    assert_ne!(new_tag, first_tag);
    let (read, read_tag) = server.s1("rt").await;
    assert_eq!(
        read, body,
        "everything, unknown fields included, comes back unchanged"
    );
    assert_eq!(read_tag, new_tag);

    // The same body again, even with a stale If-Match: nothing to do, 200.
    let (status, headers, again) = server
        .post_json("/api/signature/rt", &body.to_string(), Some(&first_tag))
        .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(etag(&headers), new_tag);

    // Changing content back gives the original ETag back (content hash).
    let (status, headers, _) = server
        .post_json(
            "/api/signature/rt",
            r#"{"id":"rt","seals":[{}]}"#,
            Some(&new_tag),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(etag(&headers), first_tag);
}

#[tokio::test]
async fn stale_if_match_is_412() {
    let server = start(false).await;
    let (_, tag) = server.s1("race").await;
    let (status, _, _) = server
        .post_json("/api/signature/race", r#"{"seals":[{"x":1}]}"#, Some(&tag))
        .await;
    assert_eq!(status, 200);
    let (status, _, body) = server
        .post_json("/api/signature/race", r#"{"seals":[{"x":2}]}"#, Some(&tag))
        .await;
    assert_eq!(status, 412);
    assert_ne!(body["errno"], 0);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("changed by someone else"),
        "{body}"
    );
    assert_eq!(server.s1("race").await.0["seals"][0]["x"], 1);
}

#[tokio::test]
async fn deleting_a_signature_needs_if_match() {
    let server = start(false).await;
    let (mut sealed, tag) = server.s1("demo-sealed").await;
    assert!(sealed["seals"][0]["signature"].is_string());
    let seal = sealed["seals"][0].as_object_mut().unwrap();
    for field in [
        "image",
        "description",
        "algorithm",
        "signature",
        "privateKey",
    ] {
        seal.remove(field);
    }
    let body = sealed.to_string();
    let (status, _, refused) = server
        .post_json("/api/signature/demo-sealed", &body, None)
        .await;
    assert_eq!(status, 428, "{refused}");
    assert_ne!(refused["errno"], 0);
    assert!(server.s1("demo-sealed").await.0["seals"][0]["signature"].is_string());

    let (status, _, deleted) = server
        .post_json("/api/signature/demo-sealed", &body, Some(&tag))
        .await;
    assert_eq!(status, 200, "{deleted}");
    assert!(deleted["entities"][0]["seals"][0]
        .get("signature")
        .is_none());
    let (exported, _) = server.s1("demo-sealed").await;
    assert_ne!(
        exported["uri"], sealed["uri"],
        "the document went back to the file before the seal"
    );
    assert!(exported["size"].as_u64() < sealed["size"].as_u64());
}

#[tokio::test]
async fn bad_bodies_are_400_naming_the_problem() {
    let server = start(false).await;
    let cases = [
        (r#"{"seals":[{"x":"left"}]}"#, "seals[0].x"),
        (r#"{"seals":{}}"#, "seals"),
        (
            r#"{"seals":[{"signer":{"name":5}}]}"#,
            "seals[0].signer.name",
        ),
        (r#"{"mime":"text/html"}"#, "mime"),
        (r#"{"seals":[{"#, "not valid JSON"),
        (r#"[1,2]"#, "JSON object"),
    ];
    for (body, needle) in cases {
        let (status, _, answer) = server.post_json("/api/signature/bad", body, None).await;
        assert_eq!(status, 400, "{body}");
        assert_ne!(answer["errno"], 0);
        let error = answer["error"].as_str().unwrap();
        assert!(error.contains(needle), "{body}: {error}");
    }
}

#[tokio::test]
async fn engine_owned_fields_cannot_be_changed_by_s2() {
    let server = start(false).await;
    let exported = server.export("owned").await;
    let mut body = exported.clone();
    body["size"] = json!(1);
    let (status, _, answer) = server
        .post_json("/api/signature/owned", &body.to_string(), None)
        .await;
    assert_eq!(status, 409, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("`size`"));
    // Absent document fields are filled from the store.
    let (status, _, answer) = server
        .post_json("/api/signature/owned", r#"{"seals":[{"x":3}]}"#, None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(answer["entities"][0]["uri"], exported["uri"]);
    assert_eq!(answer["entities"][0]["createTime"], exported["createTime"]);
}

#[tokio::test]
async fn export_fills_the_document_and_serves_the_pdf() {
    let server = start(false).await;
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let sig = server.export("exp").await;
    assert_eq!(sig["id"], "exp");
    assert_eq!(sig["mime"], "application/pdf");
    assert!(sig["name"].as_str().unwrap().ends_with(".pdf"));
    assert!(sig["createTime"].as_i64().unwrap() >= before);
    let uri = sig["uri"].as_str().unwrap();
    assert!(uri.starts_with("/api/files/"), "{uri}");
    let r = client().get(server.url(uri)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert_eq!(
        r.headers()["content-length"].to_str().unwrap(),
        sig["size"].to_string()
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes.len() as u64, sig["size"].as_u64().unwrap());
    let text = crate::common::pdf_text(&bytes);
    assert!(
        text.contains("Leave Application") && text.contains("张三"),
        "renders the form record"
    );

    let (status, _, body) = server.get_json("/api/files/nope-nope-nope-nope").await;
    assert_eq!(status, 404);
    assert_ne!(body["errno"], 0);
}

#[tokio::test]
async fn export_after_signing_is_409() {
    let server = start(false).await;
    let (status, _, body) = server
        .post_json("/api/signature/demo-sealed/export", "", None)
        .await;
    assert_eq!(status, 409);
    assert!(
        body["error"].as_str().unwrap().contains("already signed"),
        "{body}"
    );
}

#[tokio::test]
async fn cors_for_other_origins() {
    let server = start(false).await;
    let r = client()
        .request(reqwest::Method::OPTIONS, server.url("/api/signature/x"))
        .header("origin", "http://127.0.0.1:9")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "if-match, content-type")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    let methods = h["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_ascii_uppercase();
    assert!(methods.contains("POST") && methods.contains("GET"));
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("if-match"));

    let r = client()
        .get(server.url("/api/signature/x"))
        .header("origin", "http://127.0.0.1:9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let exposed = r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    assert!(
        exposed.contains("etag") && exposed.contains("content-length"),
        "{exposed}"
    );
    let _: Value = r.json().await.unwrap();
}
