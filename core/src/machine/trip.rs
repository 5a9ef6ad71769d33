//! The trip to the signature service: stamp, export, leave (redirect or
//! popup), poll, come back.

use super::transition::{close_if, failed, ready};
use super::{
    Document, Effect, Mode, Notice, Phase, Poll, Popup, Problem, Retry, State, Step, Trip,
    POLL_CAP_MS, POLL_FIRST_MS, POLL_MAX_MS,
};
use crate::pending::Pending;
use crate::redirect::{service_url, ReturnStatus};

impl State {
    pub(super) fn stamp(&mut self, seal: usize, trip: Trip, popup: Popup) -> Vec<Effect> {
        if !self.can_stamp(seal) {
            // A double click, or readonly: one trip only. Do not leave an
            // empty window behind.
            return close_if(popup == Popup::Opened);
        }
        let Some(doc) = self.idle_document().cloned() else {
            return vec![];
        };
        let trip = Trip {
            mode: if popup == Popup::Opened {
                Mode::Popup
            } else {
                Mode::Redirect
            },
            ..trip
        };
        if doc.signature.has_document() {
            return self.go_to_service(doc, seal, trip);
        }
        let request = self.new_request();
        self.phase = Phase::Preparing {
            doc,
            seal,
            request,
            trip,
        };
        vec![Effect::Export { request }]
    }

    pub(super) fn exported(&mut self, result: Result<Document, Problem>) -> Vec<Effect> {
        let Phase::Preparing {
            doc, seal, trip, ..
        } = &self.phase
        else {
            return vec![];
        };
        let (seal, trip) = (*seal, trip.clone());
        match result {
            Ok(exported) => self.go_to_service(exported, seal, trip),
            Err(problem) => {
                let popup = trip.mode == Mode::Popup;
                self.phase = failed(Some(doc.clone()), Step::Export, problem, Retry::Stamp(seal));
                close_if(popup)
            }
        }
    }

    pub(super) fn go_to_service(&mut self, doc: Document, seal: usize, trip: Trip) -> Vec<Effect> {
        let id = self.settings.signature_id.clone().unwrap_or_default();
        let service = self.settings.service.clone().unwrap_or_default();
        let url = match service_url(&service, &id, seal, &trip.return_url, &trip.nonce) {
            Ok(url) => url,
            Err(e) => {
                let problem = Problem::Config {
                    detail: e.to_string(),
                };
                self.phase = failed(Some(doc), Step::Redirect, problem, Retry::Stamp(seal));
                return close_if(trip.mode == Mode::Popup);
            }
        };
        let pending = Pending {
            id,
            seal,
            time: trip.now,
            form: Vec::new(),
        };
        let mut effects = vec![Effect::GoToService {
            url,
            nonce: trip.nonce,
            pending,
            mode: trip.mode,
        }];
        let poll = (trip.mode == Mode::Popup).then(|| {
            let request = self.new_request();
            effects.push(Effect::SchedulePoll {
                request,
                after_ms: POLL_FIRST_MS,
            });
            Poll {
                request,
                started: trip.now,
                delay_ms: POLL_FIRST_MS,
            }
        });
        self.phase = Phase::Signing {
            doc,
            seal,
            mode: trip.mode,
            poll,
        };
        effects
    }

    pub(super) fn service_returned(&mut self, seal: usize, status: ReturnStatus) -> Vec<Effect> {
        let Phase::Signing { doc, seal: s, .. } = &self.phase else {
            return vec![];
        };
        if *s != seal {
            return vec![];
        }
        let last_good = Some(doc.clone());
        let request = self.new_request();
        self.phase = Phase::Returning {
            last_good,
            seal,
            status,
            request,
        };
        vec![Effect::ClosePopup, Effect::Fetch { request }]
    }

    pub(super) fn polled(
        &mut self,
        result: Result<Document, Problem>,
        popup_closed: bool,
        now: i64,
    ) -> Vec<Effect> {
        let Phase::Signing {
            doc,
            seal,
            mode,
            poll: Some(poll),
        } = &self.phase
        else {
            return vec![];
        };
        let (seal, mode, poll) = (*seal, *mode, *poll);
        let signed = |d: &Document| d.signature.seal(seal).is_some_and(|s| s.is_signed());
        let timed_out = now - poll.started > POLL_CAP_MS;
        match result {
            Ok(fresh) if signed(&fresh) => {
                let notice = Notice::Returned {
                    seal,
                    status: ReturnStatus::Done,
                };
                self.phase = ready(fresh, Some(notice));
                vec![Effect::ClosePopup]
            }
            Ok(fresh) if popup_closed => {
                self.phase = ready(fresh, Some(Notice::PopupClosed { seal }));
                vec![]
            }
            Err(problem) if popup_closed => {
                self.phase = failed(Some(doc.clone()), Step::Return, problem, Retry::Load);
                vec![]
            }
            result if timed_out => {
                let fresh = result.unwrap_or_else(|_| doc.clone());
                self.phase = ready(fresh, Some(Notice::PopupTimedOut { seal }));
                vec![Effect::ClosePopup]
            }
            result => {
                // Not yet: keep waiting, a little longer each time. A failed
                // poll is not an error while the window is still open.
                let fresh = result.unwrap_or_else(|_| doc.clone());
                let delay_ms = (poll.delay_ms.saturating_mul(3) / 2).min(POLL_MAX_MS);
                let request = self.new_request();
                self.phase = Phase::Signing {
                    doc: fresh,
                    seal,
                    mode,
                    poll: Some(Poll {
                        request,
                        started: poll.started,
                        delay_ms,
                    }),
                };
                vec![Effect::SchedulePoll {
                    request,
                    after_ms: delay_ms,
                }]
            }
        }
    }
}
