//! One HTTP exchange with a time limit, abortable from outside.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestInit, Response};

use crate::browser::Timer;

/// Engine calls give up after 15 seconds (spec §8).
pub const TIMEOUT_MS: u32 = 15_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("no answer within 15 seconds")]
    Timeout,
    #[error("the request was stopped")]
    Aborted,
    #[error("{0}")]
    Network(String),
}

#[derive(Debug, Clone, Copy)]
pub enum Method {
    Get,
    Post,
}

/// What came back.
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

/// The requests a control has in flight, so that removing the control
/// from the page stops them all.
#[derive(Clone, Default)]
pub struct Aborts(Rc<RefCell<Vec<AbortController>>>);

impl Aborts {
    pub fn abort_all(&self) {
        for controller in self.0.borrow_mut().drain(..) {
            controller.abort();
        }
    }

    /// A new controller, tracked until the returned guard is dropped.
    pub fn track(&self) -> Result<Tracked, HttpError> {
        let controller =
            AbortController::new().map_err(|e| HttpError::Network(format!("{e:?}")))?;
        self.0.borrow_mut().push(controller.clone());
        Ok(Tracked {
            aborts: self.clone(),
            controller,
        })
    }
}

/// A tracked request's controller.
pub struct Tracked {
    aborts: Aborts,
    pub controller: AbortController,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        let signal = self.controller.signal();
        self.aborts.0.borrow_mut().retain(|c| c.signal() != signal);
    }
}

pub async fn send(
    method: Method,
    url: &str,
    json_body: Option<String>,
    if_match: Option<&str>,
    aborts: &Aborts,
) -> Result<Reply, HttpError> {
    let tracked = aborts.track()?;
    let controller = tracked.controller.clone();
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        Timer::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let signal = controller.signal();
    let why = |e: JsValue| {
        if timed_out.get() {
            HttpError::Timeout
        } else if signal.aborted() {
            HttpError::Aborted
        } else {
            HttpError::Network(js_error_text(&e))
        }
    };
    // `fetch` itself rather than gloo-net's builder: gloo-net brings the
    // `http` crate and its own error type into the first download for
    // the same three calls.
    let init = RequestInit::new();
    init.set_method(match method {
        Method::Get => "GET",
        Method::Post => "POST",
    });
    init.set_signal(Some(&signal));
    init.set_cache(RequestCache::NoStore);
    let headers = Headers::new().map_err(why)?;
    if let Some(tag) = if_match {
        headers.set("If-Match", tag).map_err(why)?;
    }
    if let Some(body) = json_body {
        headers
            .set("Content-Type", "application/json")
            .map_err(why)?;
        init.set_body(&JsValue::from_str(&body));
    }
    init.set_headers(&headers);
    let window =
        crate::browser::window().ok_or_else(|| HttpError::Network("no window".to_owned()))?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    let status = response.status();
    let etag = response.headers().get("etag").ok().flatten();
    let buffer = JsFuture::from(response.array_buffer().map_err(why)?)
        .await
        .map_err(why)?;
    let body = js_sys::Uint8Array::new(&buffer).to_vec();
    drop(tracked);
    Ok(Reply { status, etag, body })
}

/// A rejected `fetch` as text: `TypeError: Failed to fetch` for a JS
/// error (its `toString`), else its debug form.
fn js_error_text(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.to_string()),
        None => format!("{e:?}"),
    }
}
