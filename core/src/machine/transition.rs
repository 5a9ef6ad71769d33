//! The transition function. One match arm per (phase, event) that does
//! something; everything else leaves the state as it is, which is how stale
//! responses and double clicks are dropped.

use super::{
    Document, Effect, Event, Failure, Mode, Notice, Phase, Problem, Retry, Start, State, Step,
};
use crate::redirect::ReturnStatus;

/// Apply one event. The value (form value, `signature-change`) is published
/// whenever the shown Signature changes, the state's name whenever it
/// changes, and `signature-error` whenever a failure is entered, so no arm
/// has to remember to. Publishing comes first, then the new state's name,
/// so that whoever hears of a load or a new state reads the new value.
pub fn transition(state: &State, event: Event) -> (State, Vec<Effect>) {
    let mut next = state.clone();
    let mut effects = next.apply(event);
    let published = match next.value() {
        Some(value) if state.value() != Some(value) => Some(value.clone()),
        _ => None,
    };
    let mut first = Vec::new();
    let user_changed = published.is_some() && next.changed_by_user();
    first.extend(published.map(Effect::Publish));
    if next.name() != state.name() {
        first.push(Effect::StateChanged {
            previous: state.name(),
        });
    }
    if user_changed {
        first.push(Effect::Changed);
    }
    // Not `splice`: its code would weigh on the first download.
    first.append(&mut effects);
    let mut effects = first;
    if let Some(failure) = next.failure() {
        if state.failure() != Some(failure) {
            effects.push(Effect::ReportError(failure.clone()));
        }
    }
    (next, effects)
}

impl State {
    fn apply(&mut self, event: Event) -> Vec<Effect> {
        // An answer to a request the user has moved on from changes nothing.
        if event.answers().is_some() && event.answers() != self.in_flight() {
            return vec![];
        }
        match event {
            Event::Start(start) => self.start(start),
            Event::Configure(settings) => {
                self.settings = settings;
                vec![]
            }
            Event::SetValue(signature) => {
                let etag = self.document().and_then(|d| d.etag.clone());
                self.phase = ready(Document::new(signature, etag), None);
                vec![]
            }
            Event::Refresh => self.refresh(None),
            Event::Retry => self.retry(),
            Event::Dismiss => {
                if let Some(doc) = self.idle_document().cloned() {
                    self.phase = ready(doc, None);
                }
                vec![]
            }
            Event::Fetched { result, .. } => self.fetched(result),
            Event::Stamp { seal, trip, popup } => self.stamp(seal, trip, popup),
            Event::Exported { result, .. } => self.exported(result),
            Event::RedirectCancelled => {
                if let Phase::Signing {
                    doc,
                    mode: Mode::Redirect,
                    ..
                } = &self.phase
                {
                    self.phase = ready(doc.clone(), None);
                }
                vec![]
            }
            Event::TripFailed(problem) => {
                let Phase::Signing {
                    doc, seal, mode, ..
                } = &self.phase
                else {
                    return vec![];
                };
                let popup = *mode == Mode::Popup;
                let retry = Retry::Stamp(*seal);
                self.phase = failed(Some(doc.clone()), Step::Redirect, problem, retry);
                close_if(popup)
            }
            Event::ServiceReturned { seal, status } => self.service_returned(seal, status),
            Event::Polled {
                result,
                popup_closed,
                now,
                ..
            } => self.polled(result, popup_closed, now),
            Event::Delete(seal) => self.delete(seal),
            Event::Saved { result, .. } => self.saved(result),
            Event::Verify(seal) => self.verify(seal),
            Event::VerifyProgress {
                received, total, ..
            } => {
                if let Phase::Verifying { progress, .. } = &mut self.phase {
                    *progress = (received, total);
                }
                vec![]
            }
            Event::Verified { result, .. } => self.verified(result),
        }
    }

    fn start(&mut self, start: Start) -> Vec<Effect> {
        let last_good = self.document().cloned();
        match start {
            Start::Remote if self.is_remote() => self.load(None),
            Start::Returned { seal, status } if self.is_remote() => {
                let request = self.new_request();
                self.phase = Phase::Returning {
                    last_good,
                    seal,
                    status,
                    request,
                };
                vec![Effect::Fetch { request }]
            }
            Start::Value(signature) => {
                let loaded = Effect::Loaded(signature.clone());
                self.phase = ready(Document::new(signature, None), None);
                vec![loaded]
            }
            Start::Remote | Start::Returned { .. } | Start::Nothing => {
                self.phase = Phase::Idle;
                vec![]
            }
        }
    }

    /// Read S1 again, keeping what is shown until the answer is in. Not
    /// while the user is at the service: the popup's polling owns S1 then.
    pub(super) fn refresh(&mut self, then: Option<Notice>) -> Vec<Effect> {
        if matches!(self.phase, Phase::Signing { .. }) {
            return vec![];
        }
        self.load(then)
    }

    fn load(&mut self, then: Option<Notice>) -> Vec<Effect> {
        if !self.is_remote() {
            return vec![];
        }
        let request = self.new_request();
        self.phase = Phase::Loading {
            request,
            last_good: self.document().cloned(),
            then,
        };
        vec![Effect::Fetch { request }]
    }

    fn retry(&mut self) -> Vec<Effect> {
        let Phase::Failed { failure, .. } = &self.phase else {
            return vec![];
        };
        match failure.retry {
            Retry::Load => self.refresh(None),
            Retry::Delete(seal) => self.delete(seal),
            Retry::Verify(seal) => self.verify(seal),
            // A stamp needs a fresh nonce and, in popup mode, a window opened
            // inside the click: the driver turns this Retry into a Stamp.
            Retry::Stamp(_) => vec![],
        }
    }

    fn fetched(&mut self, result: Result<Document, Problem>) -> Vec<Effect> {
        match (&self.phase, result) {
            (Phase::Loading { then, .. }, Ok(doc)) => {
                let loaded = Effect::Loaded(doc.signature.clone());
                self.phase = ready(doc, then.clone());
                vec![loaded]
            }
            (Phase::Loading { last_good, .. }, Err(problem)) => {
                self.phase = failed(last_good.clone(), Step::Load, problem, Retry::Load);
                vec![]
            }
            (Phase::Returning { seal, status, .. }, Ok(doc)) => {
                let seal = *seal;
                let signed = doc.signature.seal(seal).is_some_and(|s| s.is_signed());
                let notice = match status {
                    ReturnStatus::Done if !signed => Notice::NotSignedAfterReturn { seal },
                    status => Notice::Returned {
                        seal,
                        status: status.clone(),
                    },
                };
                let loaded = Effect::Loaded(doc.signature.clone());
                self.phase = ready(doc, Some(notice));
                vec![loaded]
            }
            (Phase::Returning { last_good, .. }, Err(problem)) => {
                self.phase = failed(last_good.clone(), Step::Return, problem, Retry::Load);
                vec![]
            }
            _ => vec![],
        }
    }
}

impl State {
    /// Whether the value just shown is the outcome of something the user
    /// did here (a seal came back signed from the service, or was deleted),
    /// the moments a native input fires `change`: not a load, a refresh, a
    /// conflict or a value the page assigned.
    fn changed_by_user(&self) -> bool {
        match &self.phase {
            Phase::Ready {
                doc,
                notice: Some(Notice::Returned { seal, .. }),
            } => doc.signature.seal(*seal).is_some_and(|s| s.is_signed()),
            Phase::Ready {
                notice: Some(Notice::Deleted { .. }),
                ..
            } => true,
            _ => false,
        }
    }
}

pub(super) fn ready(doc: Document, notice: Option<Notice>) -> Phase {
    Phase::Ready { doc, notice }
}

pub(super) fn failed(
    last_good: Option<Document>,
    step: Step,
    problem: Problem,
    retry: Retry,
) -> Phase {
    Phase::Failed {
        last_good,
        failure: Failure {
            step,
            problem,
            retry,
        },
    }
}

pub(super) fn close_if(popup: bool) -> Vec<Effect> {
    if popup {
        vec![Effect::ClosePopup]
    } else {
        vec![]
    }
}
