//! Starting a control: coming back from the service (claim the return,
//! clean the URL, restore the host form), or reading S1, or showing the
//! `value` it was given.

use infoplus_signature_core::machine::{Event, Failure, Problem, Retry, Start, Step};
use infoplus_signature_core::redirect::{read_return, ReturnParams};
use infoplus_signature_core::wire::WireError;
use infoplus_signature_core::Signature;

use super::returning::{return_part, ReturnCheck};
use super::Driver;
use crate::browser::page_url;
use crate::parts::part;

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
        let start = match (value, remote) {
            (Some(v), _) => Start::Value(v),
            (None, true) => Start::Remote,
            (None, false) => Start::Nothing,
        };
        let back = page_url().and_then(|url| read_return(&url).map(|params| (url, params)));
        match back {
            // Back from the service: the code that claims the return is
            // fetched first (it is not part of the first download).
            Some((url, params)) if remote => self.start_after_return(start, url, params),
            _ => self.dispatch(Event::Start(start)),
        }
    }

    fn start_after_return(&self, start: Start, url: String, params: ReturnParams) {
        let me = self.me.clone();
        leptos::task::spawn_local(async move {
            let weak = me.clone();
            let check = part!(return_part(weak, url, params)).await;
            let Some(driver) = me.upgrade() else { return };
            let start = match check {
                Ok(Some(ReturnCheck::InPopup)) => return,
                Ok(Some(ReturnCheck::Mine(mine))) => mine,
                Ok(Some(ReturnCheck::NotOurs) | None) => start,
                Err(missing) => {
                    // The pending request stays stored and the URL keeps
                    // its parameters: reloading the page claims it then.
                    driver.host.error(&Failure {
                        step: Step::Return,
                        problem: missing.problem(),
                        retry: Retry::Load,
                    });
                    start
                }
            };
            driver.dispatch(Event::Start(start));
        });
    }
}
