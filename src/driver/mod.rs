//! The driver runs the machine: it feeds events into
//! `core::machine::transition`, keeps the state in a signal the views read,
//! and performs the effects (HTTP, navigation, storage, timers, the
//! verifier). It knows nothing of custom elements: it tells its [`Host`]
//! what happened, and the element glue (or the Leptos component) turns
//! that into form values and DOM events.

mod document;
mod effects;
mod history;
mod pending;
mod popup;
mod returning;
mod stamping;
mod start;
mod trust;
pub mod verifier;
mod verifying;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use infoplus_signature_core::machine::{
    transition, Event, Failure, Mode, Popup, Problem, Retry, Settings, Start, State, Step, Trip,
};
use infoplus_signature_core::pending::FormEntry;
use infoplus_signature_core::redirect::{return_url, Nonce};
use infoplus_signature_core::verdict::{PdfReport, SealReport};
use infoplus_signature_core::Signature;
use leptos::prelude::*;

use crate::api::{Aborts, Engine};
use crate::audit::Audit;
use crate::browser::{now_ms, page_url, random_bytes, Timer};

/// Default verify limit: 20 MiB (spec §6).
pub use infoplus_signature_core::verdict::DEFAULT_MAX_DOCUMENT_BYTES;

/// What the driver tells the page it lives in.
pub trait Host {
    /// The value changed (form value, `field`, `signature-change`).
    fn publish(&self, value: &Signature);
    /// The user changed the value (native `change`).
    fn changed(&self);
    /// The state's name changed (`data-state`, `signature-state`).
    fn state_changed(&self, state: &State, previous: &'static str);
    /// A Signature was read (`signature-load`).
    fn loaded(&self, value: &Signature);
    /// Something failed (`signature-error`).
    fn error(&self, failure: &Failure);
    /// A verification finished (`signature-verified`), with what it adds
    /// for an auditor when the verify part computed it.
    fn verified(
        &self,
        seal: usize,
        seals: &[SealReport],
        pdf: Option<&PdfReport>,
        audit: Option<&Audit>,
    );
    /// About to leave for the service; `false` when the host cancelled.
    fn before_redirect(&self, url: &str, seal: usize) -> bool;
    /// The host form's fields, to be restored after the round trip.
    fn form_entries(&self) -> Vec<FormEntry>;
    fn restore_form(&self, entries: &[FormEntry]);
}

/// Where the driver's calls go, besides the machine's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Wiring {
    pub engine: Option<Engine>,
    pub max_document_bytes: u64,
    /// `trust-roots` / `trust-intermediates`: addresses of PEM bundles for
    /// the PDF's own signatures (§6a), as written (checked when fetched).
    pub trust_roots: Option<String>,
    pub trust_intermediates: Option<String>,
}

pub struct Driver {
    state: ArcRwSignal<State>,
    wiring: RefCell<Wiring>,
    host: Rc<dyn Host>,
    queue: RefCell<VecDeque<Event>>,
    dispatching: Cell<bool>,
    aborts: Aborts,
    popup: popup::PopupWindow,
    poll_timer: RefCell<Option<Timer>>,
    /// The `trustRoots` property: PEM strings, used from the next verify on.
    trust_pem: RefCell<Option<Vec<String>>>,
    /// What the last verification added for an auditor.
    audit: ArcRwSignal<Option<Audit>>,
    /// Listening for the page's restore from the back/forward cache.
    pageshow: RefCell<Option<history::PageShow>>,
    me: Weak<Driver>,
}

impl Driver {
    pub fn new(settings: Settings, wiring: Wiring, host: Rc<dyn Host>) -> Rc<Driver> {
        Rc::new_cyclic(|me| Driver {
            state: ArcRwSignal::new(State::new(settings)),
            wiring: RefCell::new(wiring),
            host,
            queue: RefCell::new(VecDeque::new()),
            dispatching: Cell::new(false),
            aborts: Aborts::default(),
            popup: popup::PopupWindow::default(),
            poll_timer: RefCell::new(None),
            trust_pem: RefCell::new(None),
            audit: ArcRwSignal::new(None),
            pageshow: RefCell::new(None),
            me: me.clone(),
        })
    }

    /// The state, for views.
    pub fn state(&self) -> ArcRwSignal<State> {
        self.state.clone()
    }

    /// What the last verification added for an auditor, for views.
    pub fn audit(&self) -> ArcRwSignal<Option<Audit>> {
        self.audit.clone()
    }

    /// The `trustRoots` property; it applies to the next verify.
    pub fn set_trust_roots(&self, pem: Option<Vec<String>>) {
        *self.trust_pem.borrow_mut() = pem;
    }

    pub fn snapshot(&self) -> State {
        self.state.get_untracked()
    }

    /// Feed one event through the machine and perform what it asks.
    /// Events raised while effects run (a host listener calling a method,
    /// a cancelled redirect) are queued, never nested.
    pub fn dispatch(&self, event: Event) {
        self.queue.borrow_mut().push_back(event);
        if self.dispatching.replace(true) {
            return;
        }
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(event) = next else { break };
            let before = self.state.get_untracked();
            let (after, effects) = transition(&before, event);
            self.state.set(after);
            // In the machine's order: the new value, then the new state,
            // then the rest.
            for effect in effects {
                self.run(effect);
            }
        }
        self.dispatching.set(false);
    }

    /// The user (or `stamp(i)`) asks to stamp a seal. In popup mode the
    /// window must be opened here, inside the click.
    pub fn stamp(&self, seal: usize) {
        let state = self.snapshot();
        if !state.can_stamp(seal) {
            return;
        }
        let Some(random) = random_bytes::<16>() else {
            let detail = "this browser cannot make random numbers (crypto.getRandomValues)";
            return self.host.error(&Failure {
                step: Step::Redirect,
                problem: Problem::Config {
                    detail: detail.to_owned(),
                },
                retry: Retry::Stamp(seal),
            });
        };
        let Ok(nonce) = Nonce::from_random(&random) else {
            return;
        };
        let popup = match state.settings.mode {
            Mode::Popup => self.popup.open(&state),
            Mode::Redirect => Popup::NotAsked,
        };
        stamping::prefetch_trip();
        let trip = Trip {
            nonce,
            now: now_ms(),
            return_url: return_url(&page_url().unwrap_or_default()),
            mode: state.settings.mode,
        };
        self.dispatch(Event::Stamp { seal, trip, popup });
    }

    /// Retry what failed; a failed stamp is stamped again (fresh nonce).
    pub fn retry(&self) {
        match self.snapshot().failure().map(|f| f.retry) {
            Some(Retry::Stamp(seal)) => self.stamp(seal),
            Some(_) => self.dispatch(Event::Retry),
            None => {}
        }
    }

    pub fn delete(&self, seal: usize) {
        self.dispatch(Event::Delete(seal));
    }

    pub fn verify(&self, seal: usize) {
        self.dispatch(Event::Verify(seal));
    }

    pub fn refresh(&self) {
        self.dispatch(Event::Refresh);
    }

    pub fn dismiss(&self) {
        self.dispatch(Event::Dismiss);
    }

    pub fn set_value(&self, value: Signature) {
        self.dispatch(Event::SetValue(value));
    }

    /// Attributes changed. A new Signature or engine means a new start.
    pub fn reconfigure(&self, settings: Settings, wiring: Wiring) {
        let restart = {
            let old = self.wiring.borrow();
            let state = self.state.get_untracked();
            old.engine != wiring.engine || state.settings.signature_id != settings.signature_id
        };
        *self.wiring.borrow_mut() = wiring;
        self.dispatch(Event::Configure(settings));
        if restart {
            self.aborts.abort_all();
            self.dispatch(Event::Start(Start::Remote));
        }
    }

    /// The control left the page: stop every request, timer and window.
    pub fn shutdown(&self) {
        self.aborts.abort_all();
        self.poll_timer.borrow_mut().take();
        self.popup.close();
        self.unwatch_restore();
    }

    fn engine(&self) -> Option<Engine> {
        self.wiring.borrow().engine.clone()
    }

    /// Run `work` and feed its result back, unless the driver is gone by then.
    fn spawn<F>(&self, work: F)
    where
        F: std::future::Future<Output = Event> + 'static,
    {
        let me = self.me.clone();
        leptos::task::spawn_local(async move {
            let event = work.await;
            if let Some(driver) = me.upgrade() {
                driver.dispatch(event);
            }
        });
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.shutdown();
    }
}
