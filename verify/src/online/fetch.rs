//! A minimal HTTP/1.0 client for OCSP and CRLs, bounded in time and size.
//! By hand rather than an HTTP crate with a TLS stack: CAs publish OCSP
//! and CRLs over plain http (RFC 5019 §5, RFC 5280 §4.2.1.13 — the data is
//! signed, and https would need revocation checking of its own), so one
//! request, one response read to the end of a closed connection, is all it
//! takes. https URLs are reported, not fetched.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// The largest OCSP response and CRL read.
pub const MAX_OCSP: usize = 64 * 1024;
pub const MAX_CRL: usize = 10 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("only http:// is fetched")]
    NotHttp,
    #[error("the address does not read")]
    BadUrl,
    #[error("cannot connect: {0}")]
    Connect(std::io::Error),
    #[error("the exchange failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the server answered {0}")]
    Status(String),
    #[error("the request cannot be made: {0}")]
    Request(String),
}

pub fn get(url: &str, max: usize) -> Result<Vec<u8>, FetchError> {
    exchange(url, "GET", None, max)
}

pub fn post(url: &str, content_type: &str, body: &[u8], max: usize) -> Result<Vec<u8>, FetchError> {
    exchange(url, "POST", Some((content_type, body)), max)
}

fn exchange(
    url: &str,
    method: &str,
    body: Option<(&str, &[u8])>,
    max: usize,
) -> Result<Vec<u8>, FetchError> {
    let rest = url.strip_prefix("http://").ok_or(FetchError::NotHttp)?;
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(FetchError::BadUrl);
    }
    let address = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let socket = address
        .to_socket_addrs()
        .map_err(FetchError::Connect)?
        .next()
        .ok_or(FetchError::BadUrl)?;
    let mut stream = TcpStream::connect_timeout(&socket, TIMEOUT).map_err(FetchError::Connect)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let mut head =
        format!("{method} {path} HTTP/1.0\r\nHost: {authority}\r\nConnection: close\r\n");
    if let Some((kind, data)) = body {
        head.push_str(&format!(
            "Content-Type: {kind}\r\nContent-Length: {}\r\n",
            data.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if let Some((_, data)) = body {
        stream.write_all(data)?;
    }
    // Headers (at most 16 KB) plus the body, read to the end.
    let limit = max + 16 * 1024;
    let mut answer = Vec::new();
    stream.take(limit as u64 + 1).read_to_end(&mut answer)?;
    if answer.len() > limit {
        return Err(FetchError::TooLarge(max));
    }
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| FetchError::Status("no HTTP answer".into()))?;
    let status = String::from_utf8_lossy(answer.get(..split).unwrap_or_default())
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    if status.split_whitespace().nth(1) != Some("200") {
        return Err(FetchError::Status(status));
    }
    let body = answer.split_off(split + 4);
    if body.len() > max {
        return Err(FetchError::TooLarge(max));
    }
    Ok(body)
}
