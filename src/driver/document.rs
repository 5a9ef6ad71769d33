//! Downloading the document to verify: streamed, with progress, and cut
//! off as soon as it passes the size limit (a 2 GB "PDF" never reaches
//! memory). The chunks stay JavaScript buffers so they can be handed to the
//! verify worker without copying on the main thread.

use infoplus_signature_core::url::safe_url;
use infoplus_signature_core::Signature;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCache, RequestInit, Response};

use crate::api::Aborts;
use crate::browser::{resolve_url, window};

/// What the download gave.
pub enum Fetched {
    /// The bytes, as received.
    Bytes { chunks: js_sys::Array, length: u64 },
    /// Over the limit; the size if the server said it.
    TooLarge { size: Option<u64> },
    /// Not fetched, and why (in words for the user).
    Unavailable(String),
}

pub async fn fetch(
    signature: &Signature,
    engine_base: Option<&str>,
    limit: u64,
    aborts: &Aborts,
    progress: impl Fn(u64, Option<u64>),
) -> Fetched {
    let Some(uri) = signature.uri.as_deref() else {
        return Fetched::Unavailable("the Signature has no document address (uri)".into());
    };
    let uri = match safe_url(uri) {
        Ok(u) => u,
        Err(e) => return Fetched::Unavailable(e.to_string()),
    };
    let Some(url) = resolve_url(&uri, engine_base) else {
        return Fetched::Unavailable(format!("the address `{uri}` cannot be resolved"));
    };
    match download(&url, signature.size, limit, aborts, progress).await {
        Ok(fetched) => fetched,
        Err(e) => Fetched::Unavailable(describe(&e)),
    }
}

/// The downloaded bytes as one `application/pdf` blob (the browser keeps
/// its own copy: the chunks themselves are transferred to the worker).
pub fn keep(fetched: &Fetched) -> Option<web_sys::Blob> {
    let Fetched::Bytes { chunks, .. } = fetched else {
        return None;
    };
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type("application/pdf");
    web_sys::Blob::new_with_u8_array_sequence_and_options(chunks, &kind).ok()
}

async fn download(
    url: &str,
    declared: Option<u64>,
    limit: u64,
    aborts: &Aborts,
    progress: impl Fn(u64, Option<u64>),
) -> Result<Fetched, JsValue> {
    let tracked = aborts
        .track()
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let init = RequestInit::new();
    init.set_signal(Some(&tracked.controller.signal()));
    init.set_cache(RequestCache::NoStore);
    let window = window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Ok(Fetched::Unavailable(format!(
            "the server answered HTTP {}",
            response.status()
        )));
    }
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Ok(Fetched::TooLarge { size: announced });
    }
    let expected = announced.or(declared);
    let body = response
        .body()
        .ok_or_else(|| JsValue::from_str("the response has no body"))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().dyn_into()?;
    let chunks = js_sys::Array::new();
    let mut length: u64 = 0;
    progress(0, expected);
    let mut since_yield = js_sys::Date::now();
    loop {
        // A body already received is read chunk after chunk in one task
        // (each read resolves at once): give the page a turn every few ms.
        if js_sys::Date::now() - since_yield > 8.0 {
            yield_to_page().await;
            since_yield = js_sys::Date::now();
        }
        let step = JsFuture::from(reader.read()).await?;
        if Reflect::get(&step, &"done".into())?
            .as_bool()
            .unwrap_or(true)
        {
            break;
        }
        let chunk: Uint8Array = Reflect::get(&step, &"value".into())?.dyn_into()?;
        length += u64::from(chunk.length());
        if length > limit {
            let _ = reader.cancel();
            return Ok(Fetched::TooLarge { size: announced });
        }
        chunks.push(&chunk);
        progress(length, expected);
    }
    drop(tracked);
    Ok(Fetched::Bytes { chunks, length })
}

/// Let the page handle input and paint: `scheduler.yield()` where the
/// browser has it (Chromium since 129), else nothing. Through
/// `Reflect`, without a closure: no new glue in the first download.
async fn yield_to_page() {
    let Ok(scheduler) = Reflect::get(&js_sys::global(), &"scheduler".into()) else {
        return;
    };
    let Ok(method) = Reflect::get(&scheduler, &"yield".into()) else {
        return;
    };
    let Ok(method) = method.dyn_into::<js_sys::Function>() else {
        return;
    };
    if let Ok(Ok(promise)) = method
        .call0(&scheduler)
        .map(JsCast::dyn_into::<js_sys::Promise>)
    {
        let _ = JsFuture::from(promise).await;
    }
}

/// A fetch rejection in words: "Failed to fetch", an abort, a type error.
fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        let name: String = e.name().into();
        let message: String = e.message().into();
        if name == "AbortError" {
            return "the download was stopped".into();
        }
        return format!("{name}: {message}");
    }
    error
        .as_string()
        .unwrap_or_else(|| "the download failed".to_owned())
}
