//! Back from the service with the browser's Back button, in redirect mode.
//!
//! Chromium and WebKit (Safari) keep the page that left for the service in
//! the back/forward cache: Back restores it exactly as it was left, the
//! control still saying "Going to the signature service…" with Stamp
//! disabled, and no script starts again, so it stayed so for good. Firefox
//! loads such a page afresh here, which starts the control anew. On a
//! restore (`pageshow` with `persisted`) the trip is over, whatever happened
//! at the service: the control goes back to its document and reads S1 again
//! (the engine says what was signed). The pending request stays stored: a
//! Forward to the service and a confirm there still come back claimed.

use infoplus_signature_core::machine::{Event, Mode, Phase};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::Driver;
use crate::browser::window;

/// The window's `pageshow` listener, kept while the driver lives.
pub(super) type PageShow = Closure<dyn FnMut(web_sys::Event)>;

impl Driver {
    /// Called as the page leaves for the service: listen for its restore.
    pub(super) fn watch_restore(&self) {
        if self.pageshow.borrow().is_some() {
            return;
        }
        let Some(w) = window() else { return };
        let me = self.me.clone();
        let listener = PageShow::new(move |event: web_sys::Event| {
            let persisted = js_sys::Reflect::get(&event, &"persisted".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if !persisted {
                return;
            }
            // Not from inside the listener: what it starts may fire events
            // whose listeners remove the element (and this listener).
            let me = me.clone();
            leptos::task::spawn_local(async move {
                if let Some(driver) = me.upgrade() {
                    driver.restored();
                }
            });
        });
        if w.add_event_listener_with_callback("pageshow", listener.as_ref().unchecked_ref())
            .is_ok()
        {
            *self.pageshow.borrow_mut() = Some(listener);
        }
    }

    /// The page is shown again from the back/forward cache.
    fn restored(&self) {
        let left = matches!(
            self.snapshot().phase,
            Phase::Signing {
                mode: Mode::Redirect,
                ..
            }
        );
        if left {
            // As when the host cancels the trip: the document as it was...
            self.dispatch(Event::RedirectCancelled);
            // ...then what the engine says now.
            self.dispatch(Event::Refresh);
        }
    }

    /// Stop listening (the control left the page).
    pub(super) fn unwatch_restore(&self) {
        let listener = self.pageshow.borrow_mut().take();
        if let (Some(listener), Some(w)) = (listener, window()) {
            let _ = w
                .remove_event_listener_with_callback("pageshow", listener.as_ref().unchecked_ref());
        }
    }
}
