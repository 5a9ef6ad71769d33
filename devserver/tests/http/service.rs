//! `/sign`: parameter validation and the return allow-list.

use crate::common::{client, param, start, STATE};

async fn sign(
    server: &crate::common::Server,
    params: &[(&str, &str)],
) -> (u16, String, Option<String>) {
    let r = client()
        .get(server.url("/sign"))
        .query(params)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let loc = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, r.text().await.unwrap(), loc)
}

#[tokio::test]
async fn foreign_return_addresses_are_refused() {
    let server = start(false).await;
    for bad in [
        "https://evil.example/",
        "http://evil.example/",
        "javascript:alert(document.cookie)",
        "//evil.example/steal",
        "/\\evil.example",
        "http://127.0.0.1:1/",
        "not a url",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let (status, body, loc) = sign(
            &server,
            &[
                ("id", "demo-applicant"),
                ("seal", "0"),
                ("return", bad),
                ("state", STATE),
            ],
        )
        .await;
        assert_eq!(status, 400, "{bad}");
        assert!(loc.is_none());
        assert!(body.contains("open redirect refused"), "{bad}: {body}");
        assert!(
            !body.contains("<script>alert"),
            "the refused address is escaped"
        );
    }
}

#[tokio::test]
async fn own_origin_relative_paths_and_allowed_origins_pass() {
    let server = start(false).await;
    for ok in [
        server.url("/form?a=1#x"),
        "/form".to_owned(),
        "http://localhost:5173/app".to_owned(),
    ] {
        let (status, body, loc) = sign(
            &server,
            &[
                ("id", "demo-applicant"),
                ("seal", "0"),
                ("return", &ok),
                ("state", STATE),
            ],
        )
        .await;
        assert_eq!(status, 303, "{ok}: {body}");
        assert!(loc.unwrap().starts_with("/provider/sign/"));
    }
}

#[tokio::test]
async fn every_parameter_is_validated() {
    let server = start(false).await;
    let ret = server.url("/");
    let cases: [(&[(&str, &str)], &str); 7] = [
        (
            &[("id", "demo-applicant"), ("seal", "0"), ("state", STATE)],
            "`return` is missing",
        ),
        (
            &[
                ("id", "a b"),
                ("seal", "0"),
                ("return", &ret),
                ("state", STATE),
            ],
            "signature id",
        ),
        (
            &[
                ("id", "demo-applicant"),
                ("seal", "-1"),
                ("return", &ret),
                ("state", STATE),
            ],
            "non-negative integer",
        ),
        (
            &[
                ("id", "demo-applicant"),
                ("seal", "x"),
                ("return", &ret),
                ("state", STATE),
            ],
            "non-negative integer",
        ),
        (
            &[
                ("id", "demo-applicant"),
                ("seal", "1"),
                ("return", &ret),
                ("state", STATE),
            ],
            "does not exist",
        ),
        (
            &[
                ("id", "demo-applicant"),
                ("seal", "0"),
                ("return", &ret),
                ("state", "short"),
            ],
            "state must be",
        ),
        (
            &[
                ("id", "demo-applicant"),
                ("seal", "0"),
                ("return", &ret),
                ("state", "bad<state>0123456789"),
            ],
            "state may contain",
        ),
    ];
    for (params, needle) in cases {
        let (status, body, _) = sign(&server, params).await;
        assert_eq!(status, 400, "{params:?}");
        assert!(body.contains(needle), "{params:?}: {body}");
    }
}

#[tokio::test]
async fn an_already_signed_seal_goes_straight_back_as_failed() {
    let server = start(false).await;
    let ret = server.url("/page?x=1");
    let (status, _, loc) = sign(
        &server,
        &[
            ("id", "demo-sealed"),
            ("seal", "0"),
            ("return", &ret),
            ("state", STATE),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let loc = loc.unwrap();
    assert!(
        loc.starts_with(&server.url("/page?x=1&sig_state=")),
        "{loc}"
    );
    assert_eq!(param(&loc, "sig_state").as_deref(), Some(STATE));
    assert_eq!(param(&loc, "sig_status").as_deref(), Some("failed"));
    assert!(param(&loc, "sig_error").unwrap().contains("already signed"));
}
