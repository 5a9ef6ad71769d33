//! Popup mode: the service opens in a window opened inside the click
//! handler (anything later is blocked by browsers); the return page in that
//! window hands the result to its opener with a same-origin `postMessage`.

use std::cell::RefCell;
use std::rc::Weak;

use infoplus_signature_core::machine::{Event, Popup, State};
use infoplus_signature_core::pending::Claim;
use infoplus_signature_core::redirect::{ReturnParams, ReturnStatus};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::pending::update_pending;
use super::Driver;
use crate::browser::{now_ms, page_origin, text_field, window};

/// Windows we open are named so, which is how a return page knows it is
/// inside one of ours.
pub(super) const WINDOW_PREFIX: &str = "infoplus-signature";
const MESSAGE_TYPE: &str = "infoplus-signature:return";

/// What the return page posts to its opener: `{type, state, status,
/// error}` with `status` one of done/cancelled/failed (or absent when the
/// URL's status was not one of ours).
struct ReturnMessage {
    state: String,
    status: Option<ReturnStatus>,
}

impl ReturnMessage {
    fn read(data: &JsValue) -> Option<ReturnMessage> {
        if text_field(data, "type").as_deref() != Some(MESSAGE_TYPE) {
            return None;
        }
        let status = match text_field(data, "status").as_deref() {
            Some("done") => Some(ReturnStatus::Done),
            Some("cancelled") => Some(ReturnStatus::Cancelled),
            Some("failed") => Some(ReturnStatus::Failed(text_field(data, "error"))),
            _ => None,
        };
        Some(ReturnMessage {
            state: text_field(data, "state")?,
            status,
        })
    }

    fn write(&self) -> JsValue {
        let object = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&object, &k.into(), &v.into());
        };
        set("type", MESSAGE_TYPE);
        set("state", &self.state);
        match &self.status {
            Some(ReturnStatus::Done) => set("status", "done"),
            Some(ReturnStatus::Cancelled) => set("status", "cancelled"),
            Some(ReturnStatus::Failed(error)) => {
                set("status", "failed");
                if let Some(e) = error {
                    set("error", e);
                }
            }
            None => {}
        }
        object.into()
    }
}

/// The `message` listener for the popup's answer.
type Listener = Closure<dyn FnMut(web_sys::MessageEvent)>;

#[derive(Default)]
pub(super) struct PopupWindow {
    window: RefCell<Option<web_sys::Window>>,
    listener: RefCell<Option<Listener>>,
    /// A listener removed while it may be running (the message it handles
    /// closes the popup): dropped later, never from inside itself.
    retired: RefCell<Option<Listener>>,
}

impl PopupWindow {
    /// Open an empty window now (we are inside the click); the URL follows
    /// once the document is exported.
    pub fn open(&self, state: &State) -> Popup {
        let id = state.settings.signature_id.as_deref().unwrap_or("");
        let name: String = format!("{WINDOW_PREFIX}-{id}")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let opened = window().and_then(|w| {
            w.open_with_url_and_target_and_features("", &name, "popup,width=720,height=820")
                .ok()
                .flatten()
        });
        match opened {
            Some(w) => {
                *self.window.borrow_mut() = Some(w);
                Popup::Opened
            }
            None => Popup::Blocked,
        }
    }

    pub fn navigate(&self, url: &str) {
        if let Some(w) = self.window.borrow().as_ref() {
            let _ = w.location().set_href(url);
        }
    }

    pub fn is_closed(&self) -> bool {
        self.window
            .borrow()
            .as_ref()
            .is_none_or(|w| w.closed().unwrap_or(true))
    }

    pub fn close(&self) {
        if let Some(w) = self.window.borrow_mut().take() {
            let _ = w.close();
        }
        let listener = self.listener.borrow_mut().take();
        if let Some(listener) = listener {
            if let Some(w) = window() {
                let _ = w.remove_event_listener_with_callback(
                    "message",
                    listener.as_ref().unchecked_ref(),
                );
            }
            *self.retired.borrow_mut() = Some(listener);
        }
    }

    /// Accept the return page's message for our Signature.
    pub fn listen(&self, driver: Weak<Driver>) {
        if self.listener.borrow().is_some() {
            return;
        }
        let listener = Closure::<dyn FnMut(_)>::new(move |event: web_sys::MessageEvent| {
            if Some(event.origin()) != page_origin() {
                return;
            }
            let Some(message) = ReturnMessage::read(&event.data()) else {
                return;
            };
            let Some(driver) = driver.upgrade() else {
                return;
            };
            driver.accept_popup_return(&message.state, message.status);
        });
        if let Some(w) = window() {
            let _ =
                w.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        }
        *self.listener.borrow_mut() = Some(listener);
    }
}

impl Driver {
    fn accept_popup_return(&self, state: &str, status: Option<ReturnStatus>) {
        let id = self.snapshot().settings.signature_id.unwrap_or_default();
        let Some(claim) = update_pending(|store| store.claim(state, &id, now_ms())) else {
            return;
        };
        if let Claim::Mine(pending) = claim {
            // A status someone changed on the way is no success.
            let status = status.unwrap_or(ReturnStatus::Failed(None));
            self.dispatch(Event::ServiceReturned {
                seal: pending.seal,
                status,
            });
        }
    }
}

/// On a return page inside one of our popups: hand the result to the
/// opener and close. `true` when that happened (the control then does
/// nothing else in this window).
pub(super) fn forward_to_opener(params: &ReturnParams) -> bool {
    let Some(w) = window() else { return false };
    if !w.name().unwrap_or_default().starts_with(WINDOW_PREFIX) {
        return false;
    }
    let Some(opener) = w
        .opener()
        .ok()
        .filter(|o| !o.is_null() && !o.is_undefined())
    else {
        return false;
    };
    // The opener is another realm's WindowProxy: `instanceof Window` is
    // false there, so no checked cast. The origin check below guards it.
    let opener = opener.unchecked_into::<web_sys::Window>();
    let Some(origin) = page_origin() else {
        return false;
    };
    // Reading the opener's origin throws when it is another origin.
    if opener.location().origin().ok().as_deref() != Some(origin.as_str()) {
        return false;
    }
    let message = ReturnMessage {
        state: params.state.clone(),
        status: params.status.clone(),
    };
    if opener.post_message(&message.write(), &origin).is_err() {
        return false;
    }
    let _ = w.close();
    true
}
