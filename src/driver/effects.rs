//! Performing the machine's effects. Each effect that waits for something
//! ends in exactly one event carrying the request id it was given, so the
//! machine can drop the answer if the user has moved on.

use infoplus_signature_core::machine::{
    Document, Effect, Event, Failure, Mode, Problem, RequestId, Retry, Step,
};
use infoplus_signature_core::pending::{Pending, PendingStore};
use infoplus_signature_core::redirect::Nonce;
use infoplus_signature_core::Signature;

use super::verifier::Verified;
use super::{document, trust, verifier, Driver};
use crate::audit::Audit;
use leptos::prelude::{GetUntracked, Set};
use std::future::Future;

use crate::api::{Aborts, ApiError, Engine};
use crate::browser::{now_ms, session_storage, window, Timer};
use crate::parts::{part, PartMissing};

use super::parts::{trip_part, verify_part};

/// Where pending sign requests are kept (one map for all controls).
const PENDING_KEY: &str = "infoplus-signature:pending";

/// Read the pending store from `sessionStorage`, change it and write it
/// back. `None` without storage (privacy modes): a return then cannot be
/// matched, and the control only re-reads S1.
pub(super) fn update_pending<T>(change: impl FnOnce(&mut PendingStore) -> T) -> Option<T> {
    let storage = session_storage().ok()?;
    let stored = storage.get_item(PENDING_KEY).ok().flatten();
    let mut store = PendingStore::from_json(stored.as_deref());
    let result = change(&mut store);
    let _ = storage.set_item(PENDING_KEY, &store.to_json());
    Some(result)
}

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

    pub(super) fn fetch_and_verify(
        &self,
        request: RequestId,
        signature: Signature,
        seals: Vec<usize>,
    ) {
        let (engine_base, limit, roots_url, intermediates_url) = {
            let wiring = self.wiring.borrow();
            let base = wiring.engine.as_ref().map(|e| e.base().to_owned());
            (
                base,
                wiring.max_document_bytes,
                wiring.trust_roots.clone(),
                wiring.trust_intermediates.clone(),
            )
        };
        let property_roots = self.trust_pem.borrow().clone();
        let aborts = self.aborts.clone();
        let me = self.me.clone();
        self.spawn(async move {
            // At most ten progress updates a second: each one re-renders.
            let last = std::cell::Cell::new(0.0);
            let progress = {
                let me = me.clone();
                move |received: u64, total: Option<u64>| {
                    let now = js_sys::Date::now();
                    if now - last.get() < 100.0 && Some(received) != total {
                        return;
                    }
                    last.set(now);
                    if let Some(driver) = me.upgrade() {
                        driver.dispatch(Event::VerifyProgress {
                            request,
                            received,
                            total,
                        });
                    }
                }
            };
            let fetched =
                document::fetch(&signature, engine_base.as_deref(), limit, &aborts, progress).await;
            let trust = trust::gather(property_roots, roots_url, intermediates_url, &aborts).await;
            let result = verifier::verify(fetched, &signature, &seals, limit, &trust).await;
            let refused = trust.refused;
            let result = result.map(|verified| {
                let audit = audit_of(&signature, &verified, trust.problem);
                if let Some(driver) = me.upgrade() {
                    // The verdicts are still shown; the host hears why the
                    // PDF's signatures were checked without the bundle.
                    if let Some(why) = &audit.trust_problem {
                        let detail = why.clone();
                        driver.host.error(&Failure {
                            step: Step::Verify,
                            problem: if refused {
                                Problem::Config { detail }
                            } else {
                                Problem::Network { detail }
                            },
                            retry: Retry::Verify(seals.first().copied().unwrap_or(0)),
                        });
                    }
                    driver.audit.set(Some(audit));
                }
                verified.report
            });
            Event::Verified { request, result }
        });
    }
}

/// The report an auditor keeps (§6a): the same JSON as the verdicts, with
/// the document's SHA-256 and the time of verification.
fn audit_of(signature: &Signature, verified: &Verified, trust_problem: Option<String>) -> Audit {
    let verified_at: String = js_sys::Date::new_0().to_iso_string().into();
    let report = serde_json::json!({
        "documentSha256": verified.document_sha256,
        "verifiedAt": verified_at,
        "signature": {
            "id": signature.id,
            "name": signature.name,
            "uri": signature.uri,
        },
        "seals": verified.report.seals,
        "pdf": verified.report.pdf,
    });
    Audit {
        document_sha256: verified.document_sha256.clone(),
        verified_at,
        report,
        trust_problem,
    }
}
