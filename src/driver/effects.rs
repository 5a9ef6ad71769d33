//! Performing the machine's effects. Each effect that waits for something
//! ends in exactly one event carrying the request id it was given, so the
//! machine can drop the answer if the user has moved on.

use infoplus_signature_core::machine::{Document, Effect, Event, Problem, RequestId};
use leptos::prelude::GetUntracked;
use std::future::Future;

use super::stamping::trip_part;
use super::verifying::verify_part;
use super::Driver;
use crate::api::{Aborts, ApiError, Engine};
use crate::browser::{now_ms, Timer};
use crate::parts::{part, PartMissing};

fn no_engine() -> Problem {
    Problem::Config {
        detail: "no engine is configured (attribute `engine`)".to_owned(),
    }
}

impl Driver {
    pub(super) fn run(&self, effect: Effect) {
        match effect {
            Effect::Fetch { request } => self.call_engine(
                |engine, aborts| async move { engine.read(&aborts).await },
                move |result| Event::Fetched { request, result },
            ),
            Effect::Export { request } => self.call_engine(
                |engine, aborts| async move { engine.export(&aborts).await },
                move |result| Event::Exported { request, result },
            ),
            Effect::Save {
                request,
                signature,
                if_match,
            } => self.call_engine(
                |engine, aborts| async move {
                    engine.write(&signature, if_match.as_deref(), &aborts).await
                },
                move |result| Event::Saved { request, result },
            ),
            Effect::GoToService {
                url,
                nonce,
                pending,
                mode,
            } => {
                let me = self.me.clone();
                self.in_part(
                    part!(trip_part(me, url, nonce, pending, mode)),
                    Event::TripFailed,
                );
            }
            Effect::ClosePopup => {
                self.poll_timer.borrow_mut().take();
                self.popup.close();
            }
            Effect::SchedulePoll { request, after_ms } => {
                let me = self.me.clone();
                let timer = Timer::new(after_ms, move || {
                    if let Some(driver) = me.upgrade() {
                        driver.poll(request);
                    }
                });
                *self.poll_timer.borrow_mut() = timer;
            }
            Effect::FetchAndVerify {
                request,
                signature,
                seals,
            } => {
                let me = self.me.clone();
                self.in_part(
                    part!(verify_part(me, request, signature, seals)),
                    move |problem| Event::Verified {
                        request,
                        result: Err(problem),
                    },
                );
            }
            Effect::Publish(value) => self.host.publish(&value),
            Effect::StateChanged { previous } => {
                self.host.state_changed(&self.snapshot(), previous)
            }
            Effect::Changed => self.host.changed(),
            Effect::Loaded(value) => self.host.loaded(&value),
            Effect::ReportError(failure) => self.host.error(&failure),
            Effect::ReportVerified { seal, seals, pdf } => {
                let audit = self.audit.get_untracked();
                self.host
                    .verified(seal, &seals, pdf.as_deref(), audit.as_ref())
            }
        }
    }

    /// Call the engine and feed the answer back as the event `answer`
    /// makes (a missing engine is a configuration problem, not a panic).
    fn call_engine<Call>(
        &self,
        call: impl FnOnce(Engine, Aborts) -> Call + 'static,
        answer: impl FnOnce(Result<Document, Problem>) -> Event + 'static,
    ) where
        Call: Future<Output = Result<Document, ApiError>>,
    {
        let engine = self.engine();
        let aborts = self.aborts.clone();
        self.spawn(async move {
            let result = match engine {
                Some(engine) => call(engine, aborts).await.map_err(Problem::from),
                None => Err(no_engine()),
            };
            answer(result)
        });
    }

    /// Run an entry point of a part fetched on first use; if the part
    /// cannot be fetched, feed `failed` back.
    fn in_part(
        &self,
        call: impl Future<Output = Result<(), PartMissing>> + 'static,
        failed: impl FnOnce(Problem) -> Event + 'static,
    ) {
        let me = self.me.clone();
        leptos::task::spawn_local(async move {
            if let Err(missing) = call.await {
                if let Some(driver) = me.upgrade() {
                    driver.dispatch(failed(missing.problem()));
                }
            }
        });
    }

    /// A popup poll: S1, with whether the window was closed when it began.
    fn poll(&self, request: RequestId) {
        let popup_closed = self.popup.is_closed();
        self.call_engine(
            |engine, aborts| async move { engine.read(&aborts).await },
            move |result| Event::Polled {
                request,
                result,
                popup_closed,
                now: now_ms(),
            },
        );
    }
}
