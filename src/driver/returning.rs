//! Coming back from the service (the `back` part, fetched on first use):
//! whose return it is, and if it is ours, claim it, clean the URL and
//! restore the host form (or, inside our popup, hand it to the opener).

use std::rc::Weak;

#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;

use infoplus_signature_core::machine::Start;
use infoplus_signature_core::pending::Claim;
use infoplus_signature_core::redirect::{strip_return_params, ReturnParams};

use super::pending::update_pending;
use super::{popup, Driver};
use crate::browser::{now_ms, replace_url};
use crate::parts::PartMissing;

/// Back from the service: claim the return, clean the URL, restore the
/// host form (or, inside our popup, hand the result to the opener).
#[cfg_attr(feature = "split", wasm_split(back, wasm_split_path = ::leptos::wasm_split, fallible))]
pub(super) fn return_part(
    driver: Weak<Driver>,
    url: String,
    params: ReturnParams,
) -> Result<Option<ReturnCheck>, PartMissing> {
    Ok(driver
        .upgrade()
        .map(|driver| driver.take_return(&url, params)))
}

impl Driver {
    /// A return from the service in the page URL: whose it is, and if it
    /// is ours, claim it.
    pub(super) fn take_return(&self, url: &str, params: ReturnParams) -> ReturnCheck {
        if popup::forward_to_opener(&params) {
            return ReturnCheck::InPopup;
        }
        let id = self.snapshot().settings.signature_id.unwrap_or_default();
        let claim = update_pending(|store| store.claim(&params.state, &id, now_ms()))
            .unwrap_or(Claim::Unknown);
        if matches!(claim, Claim::Other) {
            // Another control on this page owns it and will clean up.
            return ReturnCheck::NotOurs;
        }
        if let Some(clean) = strip_return_params(url) {
            replace_url(&clean);
        }
        match claim {
            Claim::Mine(pending) => {
                self.host.restore_form(&pending.form);
                // A changed `sig_status` proves nothing: just re-read S1.
                ReturnCheck::Mine(match params.status {
                    Some(status) => Start::Returned {
                        seal: pending.seal,
                        status,
                    },
                    None => Start::Remote,
                })
            }
            // Unknown, reused or expired: nothing but a refresh.
            _ => ReturnCheck::NotOurs,
        }
    }
}

pub(super) enum ReturnCheck {
    /// This window is one of our popups; the opener was told.
    InPopup,
    Mine(Start),
    NotOurs,
}
