//! `/dist/`: the built control. `tower-http` serves the files (ranges,
//! conditional requests with ETag/Last-Modified, no path traversal, the
//! `.br`/`.gz` files `scripts/build` writes beside each `.js`/`.wasm`
//! chosen by `Accept-Encoding`); we only pin the MIME types the browser
//! insists on for module scripts and streaming wasm compilation, and say
//! how long a file may be cached.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

/// A file whose name carries the build's id never changes: a new build
/// has new names, so browsers may keep it for a year without asking.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A stable name (`infoplus-signature.js`, which pages include by name)
/// changes with every deploy: browsers keep it but ask first (ETag).
const REVALIDATE: &str = "no-cache";

pub fn service(dist: &Path) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dist).precompressed_br().precompressed_gzip())
        .layer(middleware::from_fn(fix_headers))
}

/// The type for a file name, for the extensions whose type matters.
pub fn mime_for(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "html" => "text/html; charset=utf-8",
        "json" | "map" => "application/json",
        _ => return None,
    })
}

/// Whether the file's name carries a build id: `<name>-<hex>.<ext>` with
/// at least 8 hex digits, as `scripts/build` names the parts
/// (`split_trip-<build>.wasm`, `chunk_0-<build>.wasm`).
pub fn is_build_named(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some((_, id)) = stem.rsplit_once('-') else {
        return false;
    };
    id.len() >= 8 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

async fn fix_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() {
        if let Some(mime) = mime_for(&path) {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    // A 304 carries the caching headers the full answer would have had.
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let policy = if is_build_named(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{is_build_named, mime_for};

    #[test]
    fn types() {
        assert_eq!(mime_for("/a/x.wasm"), Some("application/wasm"));
        assert_eq!(mime_for("/x.MJS"), Some("text/javascript; charset=utf-8"));
        assert_eq!(mime_for("/x"), None);
    }

    #[test]
    fn build_named_files() {
        assert!(is_build_named("/control/split_trip-0123456789ab.wasm"));
        assert!(is_build_named("chunk_0-deadbeef.wasm"));
        assert!(!is_build_named("/infoplus-signature.js"));
        assert!(!is_build_named("/control/infoplus-signature_bg.wasm"));
        assert!(!is_build_named("/infoplus-signature-verify.js"));
        assert!(
            !is_build_named("/control/split_trip-0123456.wasm"),
            "too short"
        );
        assert!(!is_build_named("/control/split_trip-0123456789AB.wasm"));
        assert!(
            !is_build_named("/deadbeef01-dir/x.js"),
            "the name, not a directory"
        );
        assert!(!is_build_named("/x-0123456789ab"), "no extension");
    }
}
