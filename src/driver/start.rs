//! Starting a control: coming back from the service (claim the return,
//! clean the URL, restore the host form), or reading S1, or showing the
//! `value` it was given.

use infoplus_signature_core::machine::{Event, Failure, Problem, Retry, Start, Step};
use infoplus_signature_core::pending::{Claim, PendingStore};
use infoplus_signature_core::redirect::{read_return, strip_return_params};
use infoplus_signature_core::wire::WireError;
use infoplus_signature_core::Signature;

use super::effects::PENDING_KEY;
use super::{popup, Driver};
use crate::browser::{now_ms, page_url, replace_url, session_storage};

impl Driver {
    /// Start (or restart) the control. `value` is the `value` attribute or
    /// property, if the host gave one.
    pub fn start(&self, value: Option<Result<Signature, WireError>>) {
        let remote = self.snapshot().is_remote();
        let value = match value {
            Some(Err(e)) => {
                // An unreadable `value` is reported; the engine, if any, is
                // still asked.
                self.host.error(&Failure {
                    step: Step::Load,
                    problem: Problem::from(e),
                    retry: Retry::Load,
                });
                None
            }
            Some(Ok(v)) => Some(v),
            None => None,
        };
        if remote {
            match self.take_return() {
                Some(ReturnCheck::InPopup) => return,
                Some(ReturnCheck::Mine(start)) => return self.dispatch(Event::Start(start)),
                Some(ReturnCheck::NotOurs) | None => {}
            }
        }
        let start = match (value, remote) {
            (Some(v), _) => Start::Value(v),
            (None, true) => Start::Remote,
            (None, false) => Start::Nothing,
        };
        self.dispatch(Event::Start(start));
    }

    /// Look at the page URL for a return from the service.
    fn take_return(&self) -> Option<ReturnCheck> {
        let url = page_url()?;
        let params = read_return(&url)?;
        if popup::forward_to_opener(&params) {
            return Some(ReturnCheck::InPopup);
        }
        let id = self.snapshot().settings.signature_id.unwrap_or_default();
        let storage = session_storage().ok();
        let stored = storage
            .as_ref()
            .and_then(|s| s.get_item(PENDING_KEY).ok().flatten());
        let mut store = PendingStore::from_json(stored.as_deref());
        let claim = store.claim(&params.state, &id, now_ms());
        if matches!(claim, Claim::Other) {
            // Another control on this page owns it and will clean up.
            return Some(ReturnCheck::NotOurs);
        }
        if let Some(s) = &storage {
            let _ = s.set_item(PENDING_KEY, &store.to_json());
        }
        if let Some(clean) = strip_return_params(&url) {
            replace_url(&clean);
        }
        match claim {
            Claim::Mine(pending) => {
                self.host.restore_form(&pending.form);
                // A changed `sig_status` proves nothing: just re-read S1.
                Some(ReturnCheck::Mine(match params.status {
                    Some(status) => Start::Returned {
                        seal: pending.seal,
                        status,
                    },
                    None => Start::Remote,
                }))
            }
            // Unknown, reused or expired: nothing but a refresh.
            _ => Some(ReturnCheck::NotOurs),
        }
    }
}

enum ReturnCheck {
    /// This window is one of our popups; the opener was told.
    InPopup,
    Mine(Start),
    NotOurs,
}
