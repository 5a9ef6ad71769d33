//! The devserver's origin as a client reached it, from the request's Host
//! header: what a seal certificate issued for that request names as the
//! home of its OCSP responder and CRL.
//!
//! Why the Host header and not the bound address: the tests (and a
//! developer with `--addr 0.0.0.0:8080` or a port forward) reach the server
//! at an address only the client knows, and a server bound to port 0 learns
//! its port only after `build_app`. The scheme is http: the devserver
//! serves no TLS.

use axum::http::{header, HeaderMap};

/// `http://host[:port]` from the Host header, or `None` when there is none
/// or it is not a plain host and port (no user, path, query or fragment
/// can sneak into a certificate's URLs).
pub fn request_origin(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    if host.is_empty() || host.contains(['/', '?', '#', '@', '\\', ' ']) {
        return None;
    }
    let url = url::Url::parse(&format!("http://{host}/")).ok()?;
    url.host_str()?;
    Some(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn origin_of(host: &str) -> Option<String> {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(host).ok()?);
        request_origin(&headers)
    }

    #[test]
    fn a_host_and_port_become_an_http_origin() {
        assert_eq!(
            origin_of("127.0.0.1:41234").as_deref(),
            Some("http://127.0.0.1:41234")
        );
        assert_eq!(
            origin_of("Localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        // The default port is left out, as browsers write origins.
        assert_eq!(origin_of("dev.test:80").as_deref(), Some("http://dev.test"));
        assert_eq!(origin_of("[::1]:9").as_deref(), Some("http://[::1]:9"));
    }

    #[test]
    fn anything_else_is_no_origin() {
        assert_eq!(request_origin(&HeaderMap::new()), None);
        for bad in [
            "",
            "a/b",
            "user@host",
            "host:port",
            "host?x",
            "a b",
            "host#f",
        ] {
            assert_eq!(origin_of(bad), None, "{bad:?}");
        }
    }
}
