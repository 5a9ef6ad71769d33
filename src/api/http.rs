//! One HTTP exchange with a time limit, abortable from outside.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::Request;
use web_sys::{AbortController, RequestCache};

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
    let builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
    }
    .abort_signal(Some(&signal))
    .cache(RequestCache::NoStore);
    let builder = match if_match {
        Some(tag) => builder.header("If-Match", tag),
        None => builder,
    };
    let request = match json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    };
    let why = |e: gloo_net::Error| {
        if timed_out.get() {
            HttpError::Timeout
        } else if signal.aborted() {
            HttpError::Aborted
        } else {
            HttpError::Network(e.to_string())
        }
    };
    let response = request.map_err(why)?.send().await.map_err(why)?;
    let status = response.status();
    let etag = response.headers().get("etag");
    let body = response.binary().await.map_err(why)?;
    drop(tracked);
    Ok(Reply { status, etag, body })
}
