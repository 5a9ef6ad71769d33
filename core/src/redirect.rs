//! Sending the user to the signature service and reading what it sends back
//! (spec §5). Pure: the caller supplies the page URL, random bytes and the
//! time; the browser glue only stores and navigates.

use serde::{Deserialize, Serialize};

use crate::url::{safe_url, UrlError};

/// Query parameters the service appends to the return URL.
pub const PARAM_STATE: &str = "sig_state";
pub const PARAM_STATUS: &str = "sig_status";
pub const PARAM_ERROR: &str = "sig_error";
const OUR_PARAMS: [&str; 3] = [PARAM_STATE, PARAM_STATUS, PARAM_ERROR];

/// A pending sign request is honoured for 30 minutes.
pub const NONCE_TTL_MS: i64 = 30 * 60 * 1000;
/// At least 128 random bits.
pub const NONCE_MIN_BYTES: usize = 16;

/// The single-use value that ties a return to the click that left.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nonce(pub(crate) String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectError {
    #[error("a nonce needs at least {NONCE_MIN_BYTES} random bytes, got {0}")]
    ShortNonce(usize),
    #[error("the signature service address is not usable: {0}")]
    Service(#[from] UrlError),
    #[error("no signature service is configured (attribute `service`)")]
    NoService,
    #[error("no signature id is configured (attribute `signature-id`)")]
    NoSignatureId,
}

impl Nonce {
    /// Hex of the given random bytes (≥ 16 of them).
    pub fn from_random(bytes: &[u8]) -> Result<Self, RedirectError> {
        if bytes.len() < NONCE_MIN_BYTES {
            return Err(RedirectError::ShortNonce(bytes.len()));
        }
        Ok(Nonce(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Split `url` into (before `#`, `#fragment` or "").
fn split_fragment(url: &str) -> (&str, &str) {
    match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    }
}

/// Append query pairs to a URL, keeping its own query and fragment.
pub fn append_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = split_fragment(url);
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        query.append_pair(k, v);
    }
    let separator = match base.find('?') {
        None => "?",
        Some(i) if i + 1 == base.len() || base.ends_with('&') => "",
        Some(_) => "&",
    };
    format!("{base}{separator}{}{fragment}", query.finish())
}

/// `{service}?id={id}&seal={i}&return={returnUrl}&state={nonce}`.
pub fn service_url(
    service: &str,
    signature_id: &str,
    seal: usize,
    return_url: &str,
    nonce: &Nonce,
) -> Result<String, RedirectError> {
    if service.trim().is_empty() {
        return Err(RedirectError::NoService);
    }
    if signature_id.trim().is_empty() {
        return Err(RedirectError::NoSignatureId);
    }
    let service = safe_url(service)?;
    let seal = seal.to_string();
    Ok(append_query(
        &service,
        &[
            ("id", signature_id),
            ("seal", &seal),
            ("return", return_url),
            ("state", nonce.as_str()),
        ],
    ))
}

/// The page URL without our return parameters; `None` when it had none.
pub fn strip_return_params(page_url: &str) -> Option<String> {
    let (base, fragment) = split_fragment(page_url);
    let (path, query) = base.split_once('?')?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if !pairs.iter().any(|(k, _)| OUR_PARAMS.contains(&k.as_str())) {
        return None;
    }
    // Keep the other parameters byte for byte: re-encoding them could change
    // what the host page reads.
    let kept: Vec<&str> = query
        .split('&')
        .filter(|part| {
            let key = part.split('=').next().unwrap_or("");
            let key = form_urlencoded::parse(key.as_bytes())
                .next()
                .map(|(k, _)| k.into_owned())
                .unwrap_or_default();
            !part.is_empty() && !OUR_PARAMS.contains(&key.as_str())
        })
        .collect();
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    Some(format!("{path}{query}{fragment}"))
}

/// The URL the service should send the user back to: this page, same
/// origin, without the parameters of an earlier return.
pub fn return_url(page_url: &str) -> String {
    strip_return_params(page_url).unwrap_or_else(|| page_url.to_owned())
}

/// What the service reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "reason", rename_all = "lowercase")]
pub enum ReturnStatus {
    Done,
    Cancelled,
    Failed(Option<String>),
}

/// The return parameters found on the page URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnParams {
    pub state: String,
    /// `None` when `sig_status` is missing or not one we know: someone
    /// changed the URL. Such a return changes nothing but a refresh.
    pub status: Option<ReturnStatus>,
}

/// Read `sig_state`/`sig_status`/`sig_error` from a page URL; `None` when
/// there is no `sig_state`.
pub fn read_return(page_url: &str) -> Option<ReturnParams> {
    let (base, _) = split_fragment(page_url);
    let query = base.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut state = None;
    let mut status = None;
    let mut error = None;
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            PARAM_STATE if state.is_none() => state = Some(v.into_owned()),
            PARAM_STATUS if status.is_none() => status = Some(v.into_owned()),
            PARAM_ERROR if error.is_none() => error = Some(v.into_owned()),
            _ => {}
        }
    }
    let state = state.filter(|s| !s.is_empty())?;
    let error = error.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
    let status = match status.as_deref() {
        Some("done") => Some(ReturnStatus::Done),
        Some("cancelled") | Some("canceled") => Some(ReturnStatus::Cancelled),
        Some("failed") => Some(ReturnStatus::Failed(error)),
        _ => None,
    };
    Some(ReturnParams { state, status })
}
