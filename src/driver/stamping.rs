//! Stamping: leaving for the service (the `trip` part, fetched on first
//! use): `signature-before-redirect`, the host form's snapshot, the
//! pending store, then the redirect or the popup's address.

use std::rc::Weak;

#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;

use infoplus_signature_core::machine::{Event, Mode};
use infoplus_signature_core::pending::Pending;
use infoplus_signature_core::redirect::Nonce;

use super::pending::update_pending;
use super::Driver;
use crate::browser::window;
use crate::parts::PartMissing;

/// Leave for the service: `signature-before-redirect`, the form snapshot,
/// the pending store, then the redirect or the popup's address.
#[cfg_attr(
    feature = "split",
    wasm_split(trip, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_trip))
)]
pub(super) fn trip_part(
    driver: Weak<Driver>,
    url: String,
    nonce: Nonce,
    pending: Pending,
    mode: Mode,
) -> Result<(), PartMissing> {
    if let Some(driver) = driver.upgrade() {
        driver.go_to_service(&url, nonce, pending, mode);
    }
    Ok(())
}

/// Start fetching the trip part while the document is generated (EX), so
/// that the click costs one round trip, not two. A failure here is not
/// reported: the trip itself fetches the part again and reports.
pub(super) fn prefetch_trip() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = preload_trip().await;
    });
}

impl Driver {
    pub(super) fn go_to_service(&self, url: &str, nonce: Nonce, mut pending: Pending, mode: Mode) {
        if mode == Mode::Redirect {
            if !self.host.before_redirect(url, pending.seal) {
                self.popup.close();
                return self.dispatch(Event::RedirectCancelled);
            }
            pending.form = self.host.form_entries();
        }
        // Without storage the return cannot be matched; the user still gets
        // the seal, and the control re-reads S1 when they come back.
        update_pending(|store| store.insert(nonce, pending));
        match mode {
            Mode::Popup => {
                self.popup.navigate(url);
                self.popup.listen(self.me.clone());
            }
            Mode::Redirect => {
                if let Some(w) = window() {
                    self.watch_restore();
                    let _ = w.location().assign(url);
                }
            }
        }
    }
}
