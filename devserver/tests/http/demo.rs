//! The demo form, `/submit`, `/dev` and `/dist/`.

use crate::common::{client, start};

const CSP: &str = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

#[tokio::test]
async fn form_page_has_the_csp_and_no_inline_script() {
    let server = start(false).await;
    let r = client().get(server.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-security-policy"], CSP);
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    let html = r.text().await.unwrap();
    let scripts: Vec<&str> = html
        .match_indices("<script")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
        .collect();
    assert_eq!(scripts.len(), 1, "one module script");
    assert!(
        scripts[0].contains("type=\"module\"")
            && scripts[0].contains("src=\"/dist/infoplus-signature.js\"")
    );
    assert!(
        html.contains("<script type=\"module\" src=\"/dist/infoplus-signature.js\"></script>"),
        "no inline code"
    );
    assert!(
        !html.contains(" onclick=") && !html.contains(" onload=") && !html.contains("javascript:")
    );
    assert_eq!(html.matches("<infoplus-signature ").count(), 4);
    for id in [
        "demo-applicant",
        "demo-approval",
        "demo-sealed",
        "demo-tampered",
    ] {
        assert!(html.contains(&format!("signature-id=\"{id}\"")), "{id}");
    }
    assert!(html.contains(
        "engine=\"/api\" service=\"/sign\" trust-roots=\"/dev/trust-roots.pem\" name=\"applicantSignature\" required lang=\"zh-CN\""
    ));
    assert_eq!(html.matches(" readonly>").count(), 2);
    assert!(html.contains("<form method=\"post\" action=\"/submit\">"));
    assert!(html.contains("请假申请"));

    let (status, en) = server.page("/?lang=en", None).await;
    assert_eq!(status, 200);
    assert!(
        en.contains("lang=\"en\"")
            && en.contains("Leave application")
            && !en.contains("lang=\"zh-CN\"")
    );
    assert_eq!(server.page("/?lang=fr", None).await.0, 400);
}

#[tokio::test]
async fn error_pages_are_html_with_the_headers() {
    let server = start(false).await;
    let r = client()
        .get(server.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-security-policy"], CSP);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let (status, html) = server
        .page("/provider/sign/not-a-known-token-at-all", None)
        .await;
    assert_eq!(status, 404);
    assert!(html.contains("no such sign request"));
}

#[tokio::test]
async fn submit_shows_fields_and_feeds_the_next_export() {
    let server = start(false).await;
    let (sealed, _) = server.s1("demo-sealed").await;
    let r = server
        .post_form(
            "/submit",
            None,
            &[
                ("applicant", "Alice Example <b>"),
                ("department", "Library"),
                ("from", "2027-01-02"),
                ("to", "2027-01-03"),
                ("reason", "Conference travel"),
                (
                    "applicantSignature",
                    r#"{"id":"demo-applicant","seals":[{}]}"#,
                ),
                ("sealedSignature", &sealed.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-security-policy"], CSP);
    let html = r.text().await.unwrap();
    assert!(html.contains("Alice Example &lt;b&gt;"));
    assert!(html.contains("seal 0: unsigned"));
    assert!(html.contains("seal 0: <strong>signed</strong>"));
    assert!(
        html.contains("&quot;id&quot;: &quot;demo-applicant&quot;"),
        "pretty-printed JSON"
    );
    assert!(html.contains("demo-applicant"));

    let sig = server.export("demo-applicant").await;
    let pdf = server.bytes(sig["uri"].as_str().unwrap()).await;
    let text = crate::common::pdf_text(&pdf);
    assert!(
        text.contains("Alice Example") && text.contains("Conference travel"),
        "export renders the submitted form"
    );

    let r = server
        .post_form("/submit", None, &[("reason", &"x".repeat(2001))])
        .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn dist_is_served_with_the_right_types() {
    let server = start(false).await;
    let dist = server.dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("infoplus-signature.js"), "export {};").unwrap();
    std::fs::write(dist.join("x.mjs"), "export {};").unwrap();
    std::fs::write(dist.join("x_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("s.css"), "a{}").unwrap();
    for (file, mime) in [
        ("infoplus-signature.js", "text/javascript"),
        ("x.mjs", "text/javascript"),
        ("x_bg.wasm", "application/wasm"),
        ("s.css", "text/css"),
    ] {
        let r = client()
            .get(server.url(&format!("/dist/{file}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{file}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(mime),
            "{file}"
        );
    }
    let r = client()
        .get(server.url("/dist/../Cargo.toml"))
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 200);
    assert_eq!(
        client()
            .get(server.url("/dist/missing.js"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn dev_index_lists_links() {
    let server = start(false).await;
    let (status, html) = server.page("/dev", None).await;
    assert_eq!(status, 200);
    assert!(html.contains("/dev/login?user=zhangsan"));
    assert!(html.contains("start with --dev-faults"));
}
