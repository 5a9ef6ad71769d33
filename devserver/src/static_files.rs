//! `/dist/`: the built control. `tower-http` serves the files (ranges,
//! conditional requests, no path traversal); we only pin the MIME types the
//! browser insists on for module scripts and streaming wasm compilation.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

pub fn service(dist: &Path) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dist))
        .layer(middleware::from_fn(fix_content_type))
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

async fn fix_content_type(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() {
        if let Some(mime) = mime_for(&path) {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn types() {
        assert_eq!(super::mime_for("/a/x.wasm"), Some("application/wasm"));
        assert_eq!(
            super::mime_for("/x.MJS"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(super::mime_for("/x"), None);
    }
}
