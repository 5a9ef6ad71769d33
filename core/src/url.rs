//! Which URLs from the engine may be fetched or shown: only http(s) and
//! relative ones (spec §8). `javascript:`, `data:`, `file:` and friends are
//! refused, including the spellings browsers would still run
//! (`java\tscript:`, ` JAVASCRIPT:`).

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error(
        "the address uses the scheme `{0}`, only http, https and relative addresses are allowed"
    )]
    Scheme(String),
    #[error("the address is empty")]
    Empty,
}

/// What a browser would make of the string before parsing: the URL standard
/// strips leading/trailing C0 controls and spaces, and removes tabs and
/// newlines anywhere.
fn as_browser_reads(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of a URL, if it has one (`http` in `http://x`). A colon after
/// the first `/`, `?` or `#` belongs to the path or query, not to a scheme.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(scheme)
}

/// The URL as it may be used (trimmed), if it is http(s) or relative.
pub fn safe_url(raw: &str) -> Result<String, UrlError> {
    let url = as_browser_reads(raw);
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    match scheme_of(&url) {
        None => Ok(url),
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Ok(url),
        Some(s) => Err(UrlError::Scheme(s.to_ascii_lowercase())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_https_and_relative_pass() {
        for ok in [
            "https://e.example/doc.pdf",
            "HTTP://e.example/a",
            "/files/1.pdf",
            "files/1.pdf",
            "?x=1",
            "#top",
            "//cdn.example/seal.svg",
            "a/b:c",
            "  /x  ",
        ] {
            assert!(safe_url(ok).is_ok(), "{ok} should be allowed");
        }
        assert_eq!(safe_url("  /x  ").unwrap(), "/x");
    }

    #[test]
    fn other_schemes_are_refused_however_spelled() {
        for bad in [
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "vbscript:x",
            "blob:https://x/1",
        ] {
            assert!(
                matches!(safe_url(bad), Err(UrlError::Scheme(_))),
                "{bad:?} should be refused"
            );
        }
        assert_eq!(safe_url(" \t"), Err(UrlError::Empty));
    }
}
