//! The control's state machine (spec §4): `transition(&State, Event) ->
//! (State, Vec<Effect>)`. Pure: effects are values the driver performs, and
//! everything the browser knows (time, randomness, the page URL, whether a
//! popup opened) arrives inside events.

mod actions;
mod problem;
mod state;
mod transition;
mod trip;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use problem::{Failure, Problem, Retry, Step};
pub use transition::transition;

use crate::model::Signature;
use crate::pending::Pending;
use crate::redirect::{Nonce, ReturnStatus};
use crate::verdict::{PdfReport, SealReport, SealVerdict, VerifyReport};

/// Identifies one request to the engine, so that a late answer to a
/// request the user has moved on from is dropped.
pub type RequestId = u64;

/// How the signature service is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The page navigates to the service and comes back.
    #[default]
    Redirect,
    /// The service opens in a window; the page stays.
    Popup,
}

/// What the attributes allow.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub signature_id: Option<String>,
    /// The engine base URL; without it nothing is read or written.
    pub engine: Option<String>,
    pub service: Option<String>,
    pub readonly: bool,
    pub disabled: bool,
    pub mode: Mode,
}

impl Settings {
    fn may_change(&self) -> bool {
        !self.readonly && !self.disabled
    }
}

/// A Signature as last read from (or written to) the engine, with what was
/// found out about this version of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub signature: Signature,
    /// The engine's `ETag`, sent back as `If-Match` on delete.
    pub etag: Option<String>,
    /// Verification results for this version, by seal index.
    pub verdicts: BTreeMap<usize, SealVerdict>,
    /// What the PDF says about itself. Shared: a verification replaces
    /// the report, never changes it, so copies of the state share it and
    /// views compare it by identity (no deep copy or comparison of
    /// reports in the control's first download).
    pub pdf: Option<Arc<PdfReport>>,
}

impl Document {
    pub fn new(signature: Signature, etag: Option<String>) -> Self {
        Document {
            signature,
            etag,
            ..Document::default()
        }
    }
}

/// Something to tell the user about the last thing that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Back from the service: what it said, for which seal.
    Returned { seal: usize, status: ReturnStatus },
    /// The service said done, but the engine does not show the seal signed.
    NotSignedAfterReturn { seal: usize },
    /// The popup was closed before the seal was stamped.
    PopupClosed { seal: usize },
    /// Waited 10 minutes for the popup without result.
    PopupTimedOut { seal: usize },
    /// The seal was deleted.
    Deleted { seal: usize },
    /// Someone else changed the Signature; this is the fresh copy.
    Conflict,
    /// The seal was verified (its verdict is in the document).
    Verified { seal: usize },
}

/// Where the control is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Neither a `signature-id` with an `engine` nor a `value`.
    Idle,
    /// Reading the Signature (S1).
    Loading {
        request: RequestId,
        last_good: Option<Document>,
        /// Shown once the fresh copy is in (e.g. after a 412).
        then: Option<Notice>,
    },
    /// Showing the Signature; unsigned, signed or verified.
    Ready {
        doc: Document,
        notice: Option<Notice>,
    },
    /// Generating the document before leaving (EX).
    Preparing {
        doc: Document,
        seal: usize,
        request: RequestId,
        trip: Trip,
    },
    /// The user is at the service.
    Signing {
        doc: Document,
        seal: usize,
        mode: Mode,
        /// Popup polling: the request in flight, when it started, the delay.
        poll: Option<Poll>,
    },
    /// Back from the service, reading the Signature again.
    Returning {
        last_good: Option<Document>,
        seal: usize,
        status: ReturnStatus,
        request: RequestId,
    },
    /// Writing the Signature without the seal (S2).
    Deleting {
        doc: Document,
        seal: usize,
        request: RequestId,
    },
    /// Fetching and checking the document.
    Verifying {
        doc: Document,
        seal: usize,
        request: RequestId,
        /// Bytes received and expected.
        progress: (u64, Option<u64>),
    },
    /// Something failed; the last good structure is still shown.
    Failed {
        last_good: Option<Document>,
        failure: Failure,
    },
}

/// A trip to the service being set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    pub nonce: Nonce,
    pub now: i64,
    pub return_url: String,
    pub mode: Mode,
}

/// Popup polling progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Poll {
    pub request: RequestId,
    pub started: i64,
    pub delay_ms: u32,
}

/// The whole state: where we are, what the attributes allow, and the next
/// request id.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub phase: Phase,
    pub settings: Settings,
    next_request: RequestId,
}

/// How the control starts (or restarts after `signature-id` changes).
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// Read S1.
    Remote,
    /// Use this Signature (the `value` attribute); no S1.
    Value(Signature),
    /// Back from the service with this outcome for our seal: read S1.
    Returned { seal: usize, status: ReturnStatus },
    /// Nothing configured.
    Nothing,
}

/// Whether the driver opened a window for the service (popup mode only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    NotAsked,
    Opened,
    Blocked,
}

/// Everything that can happen to the control.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Start(Start),
    Configure(Settings),
    /// A new Signature from the host (`value` property, form restore).
    SetValue(Signature),
    Refresh,
    Retry,
    Dismiss,
    Fetched {
        request: RequestId,
        result: Result<Document, Problem>,
    },
    Stamp {
        seal: usize,
        trip: Trip,
        popup: Popup,
    },
    Exported {
        request: RequestId,
        result: Result<Document, Problem>,
    },
    /// The host cancelled `signature-before-redirect`.
    RedirectCancelled,
    /// The trip to the service could not begin: the part of the control
    /// that performs it did not load (it is fetched on first use).
    TripFailed(Problem),
    /// A same-origin message from the popup's return page, already matched
    /// against the pending store by the driver.
    ServiceReturned {
        seal: usize,
        status: ReturnStatus,
    },
    Polled {
        request: RequestId,
        result: Result<Document, Problem>,
        popup_closed: bool,
        now: i64,
    },
    Delete(usize),
    Saved {
        request: RequestId,
        result: Result<Document, Problem>,
    },
    Verify(usize),
    VerifyProgress {
        request: RequestId,
        received: u64,
        total: Option<u64>,
    },
    Verified {
        request: RequestId,
        result: Result<VerifyReport, Problem>,
    },
}

impl Event {
    /// The request this event answers, if it is an answer.
    pub fn answers(&self) -> Option<RequestId> {
        match self {
            Event::Fetched { request, .. }
            | Event::Exported { request, .. }
            | Event::Polled { request, .. }
            | Event::Saved { request, .. }
            | Event::VerifyProgress { request, .. }
            | Event::Verified { request, .. } => Some(*request),
            _ => None,
        }
    }
}

/// What the driver must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// S1.
    Fetch { request: RequestId },
    /// EX.
    Export { request: RequestId },
    /// S2 with `If-Match`.
    Save {
        request: RequestId,
        signature: Signature,
        if_match: Option<String>,
    },
    /// Fire `signature-before-redirect`; unless cancelled, store `pending`
    /// (with the host form's fields) under `nonce` and go to `url`.
    GoToService {
        url: String,
        nonce: Nonce,
        pending: Pending,
        mode: Mode,
    },
    /// Close the service window if one is open.
    ClosePopup,
    /// S1 after `after_ms`, answered with `Event::Polled`.
    SchedulePoll { request: RequestId, after_ms: u32 },
    /// Fetch the document (limit enforced while streaming) and verify these
    /// seals in the worker.
    FetchAndVerify {
        request: RequestId,
        signature: Signature,
        seals: Vec<usize>,
    },
    /// The value changed: form value, `field`, `signature-change`.
    Publish(Signature),
    /// The state's name changed (`data-state`, `signature-state`), from
    /// `previous`; right after the value's `Publish`, so that whoever hears
    /// of the new state reads the new value.
    StateChanged { previous: &'static str },
    /// The user changed the value (right after its `Publish`): the native
    /// `change` event, as an `<input>` fires it.
    Changed,
    /// The first good S1 after a (re)start: `signature-load`.
    Loaded(Signature),
    /// `signature-error`.
    ReportError(Failure),
    /// `signature-verified`: the seals' verdicts and the PDF report of
    /// this verification (the one the state now holds).
    ReportVerified {
        seal: usize,
        seals: Vec<SealReport>,
        pdf: Option<Arc<PdfReport>>,
    },
}

/// Popup polling: every 2 s at first, backing off to 10 s, for 10 minutes.
pub const POLL_FIRST_MS: u32 = 2_000;
pub const POLL_MAX_MS: u32 = 10_000;
pub const POLL_CAP_MS: i64 = 10 * 60 * 1000;
