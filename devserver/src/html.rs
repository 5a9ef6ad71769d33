//! Page layout, HTML error pages and the security headers every page gets.
//!
//! Pages are written with `maud`, which escapes every interpolated value, so
//! names, descriptions and URLs from the database can never become markup.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

/// Exactly the policy the control is built for: its module script and wasm
/// from our origin, nothing inline, no plugins, no framing by others.
pub const CSP: &str =
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem} .box{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
.error{border-color:#c00;background:#fff5f5} .muted{color:#666} label{display:block;margin:.4rem 0}
button{padding:.4rem 1rem;margin-right:.5rem} table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.6rem;overflow:auto}
input,textarea,select{max-width:100%;box-sizing:border-box} textarea{width:100%}
@media (max-width:480px){body{margin:1rem auto;padding:0 .5rem} .box{padding:.6rem}}
";

/// A complete HTML document around `body`.
pub fn page(lang: &str, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                // No favicon request (and no 404 in the console).
                link rel="icon" href="data:,";
                style { (maud::PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
}

/// An error shown to a person: status, a title and a readable message.
#[derive(Debug, thiserror::Error)]
#[error("{title}: {message}")]
pub struct PageError {
    pub status: StatusCode,
    pub title: String,
    pub message: String,
}

impl PageError {
    pub fn new(status: StatusCode, title: &str, message: impl Into<String>) -> Self {
        PageError {
            status,
            title: title.to_owned(),
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "Bad request", message)
    }

    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Server error",
            message.to_string(),
        )
    }
}

impl From<crate::store::StoreError> for PageError {
    fn from(e: crate::store::StoreError) -> Self {
        PageError::internal(e)
    }
}

/// The pages only read records through the domain layer (no refusal is
/// expected there), so whatever fails is the server's fault.
impl From<crate::domain::DomainError> for PageError {
    fn from(e: crate::domain::DomainError) -> Self {
        PageError::internal(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = page(
            "en",
            &self.title,
            html! {
                div.box.error {
                    h1 { (self.title) }
                    p data-testid="error-message" { (self.message) }
                }
                p { a href="/" { "Back to the demo form" } " · " a href="/dev" { "Dev links" } }
            },
        );
        (self.status, body).into_response()
    }
}

/// Unknown paths: a page for people (API clients get the status).
pub async fn not_found() -> PageError {
    PageError::new(
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no page at this address.",
    )
}

/// Adds the security headers: the CSP on HTML (a PDF or an SVG shown by the
/// control from another origin must stay embeddable), the rest on everything.
pub async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}
