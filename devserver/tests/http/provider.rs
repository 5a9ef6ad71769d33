//! The provider flow: login, seal choice by permission, CSRF, confirm,
//! cancel, single use.

use crate::common::{csrf_of, location, param, seal_options, start, STATE};

#[tokio::test]
async fn full_flow_stamps_the_seal_and_returns_done() {
    let server = start(false).await;
    server.export("demo-applicant").await;
    let return_url = server.url("/form?step=2#sig");
    let token = server.start_sign("demo-applicant", 0, &return_url).await;
    let page = format!("/provider/sign/{token}");

    // Not logged in: a login chooser that comes back here.
    let (status, html) = server.page(&page, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-testid=\"login-zhangsan\""));
    assert!(html.contains(&format!("next=%2Fprovider%2Fsign%2F{token}")));
    assert!(!html.contains("data-testid=\"confirm\""));

    let cookie = server.login("zhangsan").await;
    let (status, html) = server.page(&page, Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(html.contains("张三"));
    assert!(html.contains("申请人签章"), "placeholder shown");
    assert!(html.contains("data-testid=\"document-link\" href=\"/api/files/"));
    // zhangsan's seals: SM2, ECDSA and the GB/T 38540 electronic seal.
    assert_eq!(
        seal_options(&html),
        [
            "seal-zhangsan-sm2",
            "seal-zhangsan-ecdsa",
            "seal-zhangsan-ses"
        ]
    );
    assert!(html.contains("data-testid=\"confirm\"") && html.contains("data-testid=\"cancel\""));
    let csrf = csrf_of(&html);

    // A forged form (wrong CSRF token) is refused and does not use up the request.
    let r = server
        .post_form(
            &format!("{page}/confirm"),
            Some(&cookie),
            &[
                ("csrf", "forged-token-forged-token"),
                ("seal_id", "seal-zhangsan-sm2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("CSRF"));
    let r = server
        .post_form(
            &format!("{page}/confirm"),
            None,
            &[("csrf", &csrf), ("seal_id", "seal-zhangsan-sm2")],
        )
        .await;
    assert_eq!(r.status(), 403, "no session, no stamp");
    // A seal this user does not hold is refused.
    let r = server
        .post_form(
            &format!("{page}/confirm"),
            Some(&cookie),
            &[("csrf", &csrf), ("seal_id", "seal-lisi-sm2")],
        )
        .await;
    assert_eq!(r.status(), 403);

    let r = server
        .post_form(
            &format!("{page}/confirm"),
            Some(&cookie),
            &[("csrf", &csrf), ("seal_id", "seal-zhangsan-sm2")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let back = location(r.headers());
    assert_eq!(
        back,
        server.url(&format!(
            "/form?step=2&sig_state={STATE}&sig_status=done#sig"
        ))
    );

    let (sig, _) = server.s1("demo-applicant").await;
    let seal = &sig["seals"][0];
    assert_eq!(seal["algorithm"], "SM2withSM3");
    assert!(seal["privateKey"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));
    assert_eq!(seal["pdfRevision"], 1, "a PDF-signature seal");
    assert!(!seal["signature"].as_str().unwrap().is_empty());
    assert_eq!(seal["image"], "/provider/seals/seal-zhangsan-sm2.svg");
    assert!(seal["description"].as_str().unwrap().contains("张三"));
    assert_eq!(seal["signer"]["account"], "zhangsan", "signer kept");
    assert_eq!(
        seal["placeHolder"], "申请人签章",
        "form builder's fields kept"
    );

    // Single use.
    let r = server
        .post_form(
            &format!("{page}/confirm"),
            Some(&cookie),
            &[("csrf", &csrf), ("seal_id", "seal-zhangsan-sm2")],
        )
        .await;
    assert_eq!(r.status(), 410);
    let (status, _) = server.page(&page, Some(&cookie)).await;
    assert_eq!(status, 410);

    // The seal image is a red SVG with the owner's name.
    let r = crate::common::client()
        .get(server.url("/provider/seals/seal-zhangsan-sm2.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    let svg = r.text().await.unwrap();
    assert!(svg.contains("<circle") && svg.contains("张三"));
}

#[tokio::test]
async fn permissions_decide_the_seal_options() {
    let server = start(false).await;
    server.export("demo-approval").await;
    let ret = server.url("/");
    // Seal 0 of the approval: signers [lisi], personal seals only.
    let token = server.start_sign("demo-approval", 0, &ret).await;
    let page = format!("/provider/sign/{token}");
    let zhangsan = server.login("zhangsan").await;
    let (_, html) = server.page(&page, Some(&zhangsan)).await;
    assert!(
        html.contains("张三 may not stamp this seal: only lisi may"),
        "{html}"
    );
    assert!(seal_options(&html).is_empty());
    assert!(!html.contains("data-testid=\"confirm\""));
    assert!(html.contains("data-testid=\"cancel\""));
    let r = server
        .post_form(
            &format!("{page}/confirm"),
            Some(&zhangsan),
            &[
                ("csrf", &csrf_of_session(&server, &page, &zhangsan).await),
                ("seal_id", "seal-zhangsan-sm2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403, "the POST is checked too");

    let lisi = server.login("lisi").await;
    let (_, html) = server.page(&page, Some(&lisi)).await;
    assert_eq!(seal_options(&html), ["seal-lisi-sm2", "seal-lisi-rsa"]);

    // Seal 1: official seal type, signers [wangwu, lisi].
    let token = server.start_sign("demo-approval", 1, &ret).await;
    let page = format!("/provider/sign/{token}");
    let (_, html) = server.page(&page, Some(&lisi)).await;
    assert_eq!(seal_options(&html), ["seal-renshichu-sm2"]);
    let wangwu = server.login("wangwu").await;
    let (_, html) = server.page(&page, Some(&wangwu)).await;
    assert_eq!(seal_options(&html), ["seal-renshichu-sm2"]);
    let (_, html) = server.page(&page, Some(&zhangsan)).await;
    assert!(html.contains("may not stamp this seal"));
}

/// The session's CSRF token, read from a page that has a confirm form (the
/// token belongs to the session, not to the page).
async fn csrf_of_session(server: &crate::common::Server, _page: &str, cookie: &str) -> String {
    let token = server.start_sign("fresh-csrf", 0, &server.url("/")).await;
    let (_, html) = server
        .page(&format!("/provider/sign/{token}"), Some(cookie))
        .await;
    csrf_of(&html)
}

#[tokio::test]
async fn cancel_returns_cancelled_with_the_state() {
    let server = start(false).await;
    let token = server
        .start_sign("demo-applicant", 0, &server.url("/f?a=b"))
        .await;
    let r = server
        .post_form(&format!("/provider/sign/{token}/cancel"), None, &[])
        .await;
    assert_eq!(r.status(), 303);
    let back = location(r.headers());
    assert_eq!(
        back,
        server.url(&format!("/f?a=b&sig_state={STATE}&sig_status=cancelled"))
    );
    let (sig, _) = server.s1("demo-applicant").await;
    assert!(sig["seals"][0].get("signature").is_none());
}

#[tokio::test]
async fn stamping_without_a_document_fails_back_to_the_control() {
    let server = start(false).await;
    let back = server
        .stamp("zhangsan", "no-doc", 0, "seal-zhangsan-sm2")
        .await;
    assert_eq!(param(&back, "sig_status").as_deref(), Some("failed"));
    assert_eq!(param(&back, "sig_state").as_deref(), Some(STATE));
    assert!(
        param(&back, "sig_error")
            .unwrap()
            .contains("not been exported"),
        "{back}"
    );
}

#[tokio::test]
async fn login_validates_user_and_next() {
    let server = start(false).await;
    let (status, html) = server.page("/dev/login?user=mallory&next=/", None).await;
    assert_eq!(status, 400);
    assert!(html.contains("unknown user"));
    for (next, expected) in [
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/provider/x", "/provider/x"),
    ] {
        let r = crate::common::client()
            .get(server.url("/dev/login"))
            .query(&[("user", "lisi"), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(location(r.headers()), expected, "{next}");
    }
}

#[tokio::test]
async fn dynamic_text_on_provider_pages_is_escaped() {
    let server = start(false).await;
    let body = r#"{"seals":[{"placeHolder":"<script>alert(1)</script>","signer":{"name":"<b>x</b>","account":"a"}}]}"#;
    let (status, _, _) = server.post_json("/api/signature/xss", body, None).await;
    assert_eq!(status, 200);
    let token = server.start_sign("xss", 0, &server.url("/")).await;
    let cookie = server.login("zhangsan").await;
    let (_, html) = server
        .page(&format!("/provider/sign/{token}"), Some(&cookie))
        .await;
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("<b>x</b>"));
}
