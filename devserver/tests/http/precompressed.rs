//! `/dist/` serves the `.br`/`.gz` files `scripts/build` writes beside
//! each file, per `Accept-Encoding`, and caches build-named files for a
//! year and stable names only after revalidation.

use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH,
    LAST_MODIFIED, VARY,
};

use crate::common::{client, start, Server};

const STABLE: &str = "control/infoplus-signature_bg.wasm";
const BUILD_NAMED: &str = "control/split_trip-0123456789ab.wasm";

/// Each file and its two precompressed forms with different contents, so
/// that the body tells which one was sent.
fn write_dist(server: &Server) {
    let control = server.dir.path().join("dist/control");
    std::fs::create_dir_all(&control).unwrap();
    for name in [STABLE, BUILD_NAMED] {
        let file = server.dir.path().join("dist").join(name);
        std::fs::write(&file, format!("identity {name}")).unwrap();
        std::fs::write(file.with_extension("wasm.br"), format!("br {name}")).unwrap();
        std::fs::write(file.with_extension("wasm.gz"), format!("gzip {name}")).unwrap();
    }
}

async fn get(server: &Server, name: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = client().get(server.url(&format!("/dist/{name}")));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    let r = request.send().await.unwrap();
    assert_eq!(r.status(), 200, "{name} {accept:?}");
    r
}

#[tokio::test]
async fn serves_brotli_or_gzip_per_accept_encoding() {
    let server = start(false).await;
    write_dist(&server);
    for name in [STABLE, BUILD_NAMED] {
        for (accept, encoding, body) in [
            (Some("gzip, deflate, br, zstd"), Some("br"), "br"),
            (Some("br"), Some("br"), "br"),
            (Some("gzip"), Some("gzip"), "gzip"),
            (Some("br;q=0, gzip"), Some("gzip"), "gzip"),
            (Some("identity"), None, "identity"),
            (None, None, "identity"),
        ] {
            let r = get(&server, name, accept).await;
            let h = r.headers().clone();
            assert_eq!(
                h.get(CONTENT_ENCODING).map(|v| v.to_str().unwrap()),
                encoding,
                "{name} {accept:?}"
            );
            assert_eq!(h[CONTENT_TYPE], "application/wasm", "{name} {accept:?}");
            assert_eq!(h[VARY], "accept-encoding", "{name} {accept:?}");
            assert_eq!(r.text().await.unwrap(), format!("{body} {name}"));
        }
    }
}

#[tokio::test]
async fn build_named_files_are_immutable_and_stable_names_revalidate() {
    let server = start(false).await;
    write_dist(&server);
    std::fs::write(
        server.dir.path().join("dist/infoplus-signature.js"),
        "export {};",
    )
    .unwrap();

    let r = get(&server, BUILD_NAMED, Some("br")).await;
    assert_eq!(
        r.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );

    for name in [STABLE, "infoplus-signature.js"] {
        for accept in [Some("br"), Some("gzip"), None] {
            let r = get(&server, name, accept).await;
            let h = r.headers().clone();
            assert_eq!(h[CACHE_CONTROL], "no-cache", "{name} {accept:?}");
            assert!(h.contains_key(LAST_MODIFIED), "{name} {accept:?}");
            // Revalidation: the same ETag answers 304, with the policy.
            let etag = h.get(ETAG).expect("an ETag").clone();
            let mut again = client()
                .get(server.url(&format!("/dist/{name}")))
                .header(IF_NONE_MATCH, etag);
            if let Some(accept) = accept {
                again = again.header(ACCEPT_ENCODING, accept);
            }
            let r = again.send().await.unwrap();
            assert_eq!(r.status(), 304, "{name} {accept:?}");
            assert_eq!(r.headers()[CACHE_CONTROL], "no-cache", "{name} {accept:?}");
        }
    }

    let r = client()
        .get(server.url("/dist/control/split_back-0123456789ab.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a part of another build");
    assert!(
        r.headers().get(CACHE_CONTROL).is_none(),
        "no policy for a 404"
    );
}
