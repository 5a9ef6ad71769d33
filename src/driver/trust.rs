//! The trust bundles of §6a: `trust-roots` and `trust-intermediates` name
//! PEM files, fetched on verify (only http(s) or relative addresses, as
//! for the document; the same abort as the document's download) and kept
//! for the page per address; the `trustRoots` property gives PEM strings
//! directly. Verify-only: reached from the verify part alone.

use std::cell::RefCell;
use std::collections::HashMap;

use infoplus_signature_core::url::safe_url;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

use crate::api::{Aborts, TIMEOUT_MS};
use crate::browser::{resolve_url, window, Timer};

/// A bundle larger than this is refused: a few hundred roots are ~1 MB.
const MAX_BUNDLE_BYTES: usize = 4 * 1024 * 1024;

thread_local! {
    /// Bundles already fetched on this page, by absolute address.
    static BUNDLES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The PEM text the worker trusts, and why a configured bundle is missing.
#[derive(Debug, Default)]
pub struct Trust {
    pub roots: Vec<String>,
    pub intermediates: Vec<String>,
    pub problem: Option<String>,
    /// The problem is an address the control refuses (not http(s)): a
    /// configuration error rather than a network one.
    pub refused: bool,
}

/// Gather the trust for one verify: the property's roots, then the
/// bundles the attributes name. A bundle that cannot be had is left out
/// and said why; the rest is still used.
pub async fn gather(
    property_roots: Option<Vec<String>>,
    roots_url: Option<String>,
    intermediates_url: Option<String>,
    aborts: &Aborts,
) -> Trust {
    let mut trust = Trust {
        roots: property_roots.unwrap_or_default(),
        ..Trust::default()
    };
    let mut problems = Vec::new();
    for (attribute, url, into) in [
        ("trust-roots", roots_url, &mut trust.roots),
        (
            "trust-intermediates",
            intermediates_url,
            &mut trust.intermediates,
        ),
    ] {
        let Some(url) = url else { continue };
        if safe_url(&url).is_err() {
            trust.refused = true;
        }
        match bundle(&url, aborts).await {
            Ok(pem) => into.push(pem),
            Err(why) => problems.push(format!("{attribute} `{url}`: {why}")),
        }
    }
    if !problems.is_empty() {
        trust.problem = Some(problems.join("; "));
    }
    trust
}

/// One bundle, from the page's cache or the network.
async fn bundle(raw: &str, aborts: &Aborts) -> Result<String, String> {
    let safe = safe_url(raw).map_err(|e| e.to_string())?;
    let url =
        resolve_url(&safe, None).ok_or_else(|| "the address cannot be resolved".to_owned())?;
    if let Some(pem) = BUNDLES.with(|b| b.borrow().get(&url).cloned()) {
        return Ok(pem);
    }
    let pem = download(&url, aborts).await?;
    BUNDLES.with(|b| b.borrow_mut().insert(url, pem.clone()));
    Ok(pem)
}

async fn download(url: &str, aborts: &Aborts) -> Result<String, String> {
    let tracked = aborts.track().map_err(|e| e.to_string())?;
    let controller = tracked.controller.clone();
    // A bundle is small: it gets the engine calls' time limit.
    let _timer = Timer::new(TIMEOUT_MS, move || controller.abort());
    let init = RequestInit::new();
    init.set_signal(Some(&tracked.controller.signal()));
    let window = window().ok_or_else(|| "no window".to_owned())?;
    let answer = async {
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Ok(Err(format!(
                "the server answered HTTP {}",
                response.status()
            )));
        }
        let announced = response.headers().get("content-length").ok().flatten();
        if announced
            .and_then(|n| n.trim().parse::<usize>().ok())
            .is_some_and(|n| n > MAX_BUNDLE_BYTES)
        {
            return Ok(Err(format!("larger than {MAX_BUNDLE_BYTES} bytes")));
        }
        let text = JsFuture::from(response.text()?).await?;
        Ok::<_, JsValue>(Ok(text.as_string().unwrap_or_default()))
    };
    let text = answer.await.map_err(|e| describe(&e))??;
    drop(tracked);
    if text.len() > MAX_BUNDLE_BYTES {
        return Err(format!("larger than {MAX_BUNDLE_BYTES} bytes"));
    }
    if !text.contains("-----BEGIN CERTIFICATE-----") {
        return Err("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned());
    }
    Ok(text)
}

fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) if e.name() == "AbortError" => {
            "the download was stopped or took too long".to_owned()
        }
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => error
            .as_string()
            .unwrap_or_else(|| "the download failed".to_owned()),
    }
}
