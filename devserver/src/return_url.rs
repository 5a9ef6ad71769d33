//! The signature service's allow-list for `return` (open redirect is a
//! defect, spec §5) and how results are appended to it.

use url::{Origin, Url};

/// Why a `return` address was refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReturnError {
    #[error("the return address is missing")]
    Missing,
    #[error("the return address contains spaces, control characters or backslashes")]
    BadCharacters,
    #[error("the return address {0:?} starts with `//` (another site); it must be an http(s) address of an allowed origin")]
    SchemeRelative(String),
    #[error("the return address {0:?} is not an absolute http(s) address")]
    Unparseable(String),
    #[error("the return address uses the scheme `{0}`; only http and https are allowed")]
    Scheme(String),
    #[error("the return address's origin {0} is not on this service's allow-list")]
    Origin(String),
}

/// Checks `raw` against our own origin and the extra allowed origins and
/// returns it as an absolute URL. Root-relative paths (`/form?x`) resolve
/// against our own origin.
pub fn check_return(raw: &str, own: Option<&Origin>, extra: &[Origin]) -> Result<Url, ReturnError> {
    if raw.is_empty() {
        return Err(ReturnError::Missing);
    }
    // Browsers strip or reinterpret these (`/\evil` is `//evil`); refusing
    // them outright leaves nothing to reinterpret.
    if raw
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err(ReturnError::BadCharacters);
    }
    if raw.starts_with("//") {
        return Err(ReturnError::SchemeRelative(raw.to_owned()));
    }
    let url = if raw.starts_with('/') {
        let base = own
            .map(Origin::ascii_serialization)
            .and_then(|o| Url::parse(&o).ok())
            .ok_or_else(|| ReturnError::Unparseable(raw.to_owned()))?;
        base.join(raw)
            .map_err(|_| ReturnError::Unparseable(raw.to_owned()))?
    } else {
        Url::parse(raw).map_err(|_| ReturnError::Unparseable(raw.to_owned()))?
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ReturnError::Scheme(url.scheme().to_owned()));
    }
    let origin = url.origin();
    if own == Some(&origin) || extra.contains(&origin) {
        Ok(url)
    } else {
        Err(ReturnError::Origin(origin.ascii_serialization()))
    }
}

/// Our own origin as the browser sees it: `http://{Host}`.
pub fn own_origin(host: Option<&str>) -> Option<Origin> {
    let host = host?;
    if host.is_empty() || host.contains(['/', '\\', '@', '?', '#']) {
        return None;
    }
    Url::parse(&format!("http://{host}/"))
        .ok()
        .map(|u| u.origin())
}

/// `return` with our parameters appended to its query (before any `#`),
/// keeping its own query and fragment as they were: the control builds its
/// service URL with the same function.
pub fn with_params(return_url: &str, params: &[(&str, &str)]) -> String {
    infoplus_signature_core::redirect::append_query(return_url, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> Origin {
        own_origin(Some("127.0.0.1:8080")).unwrap()
    }

    #[test]
    fn same_origin_and_allowed_origins_pass() {
        let extra = [Url::parse("http://localhost:5173").unwrap().origin()];
        for ok in [
            "http://127.0.0.1:8080/",
            "http://127.0.0.1:8080/form?a=1#top",
            "/form?a=1",
            "http://localhost:5173/index.html",
        ] {
            assert!(check_return(ok, Some(&own()), &extra).is_ok(), "{ok}");
        }
        assert_eq!(
            check_return("/f", Some(&own()), &[]).unwrap().as_str(),
            "http://127.0.0.1:8080/f"
        );
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "https://evil.example/",
            "http://127.0.0.1:8081/",
            "https://127.0.0.1:8080/",
            "http://127.0.0.1:8080@evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "data:text/html,x",
            "relative/path",
            "http://127.0.0.1:8080/ x",
            "",
        ] {
            assert!(check_return(bad, Some(&own()), &[]).is_err(), "{bad}");
        }
        assert!(check_return("/x", None, &[]).is_err());
    }

    #[test]
    fn params_go_before_the_fragment() {
        let url = with_params(
            "http://h/form?a=1&b=x%20y#frag",
            &[("sig_state", "s-1_2"), ("sig_status", "done")],
        );
        assert_eq!(
            url,
            "http://h/form?a=1&b=x%20y&sig_state=s-1_2&sig_status=done#frag"
        );
        assert_eq!(
            with_params("http://h/", &[("sig_error", "a b&c")]),
            "http://h/?sig_error=a+b%26c"
        );
    }
}
