//! Reading a state: its name (`data-state`, `state` property), the document
//! it shows, and what the user may do in it. Views and the driver ask these
//! instead of matching phases themselves.

use super::{Document, Failure, Notice, Phase, Settings, State};
use crate::model::{Seal, Signature};

impl State {
    pub fn new(settings: Settings) -> Self {
        State {
            phase: Phase::Idle,
            settings,
            next_request: 1,
        }
    }

    /// A state in the given phase (tests and restarts).
    pub fn with_phase(settings: Settings, phase: Phase) -> Self {
        State {
            phase,
            settings,
            next_request: 1,
        }
    }

    pub(super) fn new_request(&mut self) -> super::RequestId {
        let id = self.next_request;
        self.next_request += 1;
        id
    }

    /// The state's public name (spec §4), mirrored as `data-state`.
    pub fn name(&self) -> &'static str {
        match &self.phase {
            Phase::Idle => "idle",
            Phase::Loading { .. } => "loading",
            Phase::Ready {
                notice: Some(Notice::Verified { .. }),
                ..
            } => "verified",
            Phase::Ready { doc, .. } if doc.signature.is_signed() => "signed",
            Phase::Ready { .. } => "unsigned",
            Phase::Preparing { .. } => "preparing",
            Phase::Signing { .. } => "signing",
            Phase::Returning { .. } => "returning",
            Phase::Deleting { .. } => "deleting",
            Phase::Verifying { .. } => "verifying",
            Phase::Failed { .. } => "error",
        }
    }

    /// The document on screen: the current one, or the last good one while
    /// loading or after a failure.
    pub fn document(&self) -> Option<&Document> {
        match &self.phase {
            Phase::Idle => None,
            Phase::Loading { last_good, .. }
            | Phase::Returning { last_good, .. }
            | Phase::Failed { last_good, .. } => last_good.as_ref(),
            Phase::Ready { doc, .. }
            | Phase::Preparing { doc, .. }
            | Phase::Signing { doc, .. }
            | Phase::Deleting { doc, .. }
            | Phase::Verifying { doc, .. } => Some(doc),
        }
    }

    /// The form value: the last good Signature.
    pub fn value(&self) -> Option<&Signature> {
        self.document().map(|d| &d.signature)
    }

    pub fn failure(&self) -> Option<&Failure> {
        match &self.phase {
            Phase::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }

    pub fn notice(&self) -> Option<&Notice> {
        match &self.phase {
            Phase::Ready { notice, .. } => notice.as_ref(),
            _ => None,
        }
    }

    /// The document the user can act on: only when nothing is under way.
    pub(super) fn idle_document(&self) -> Option<&Document> {
        match &self.phase {
            Phase::Ready { doc, .. } => Some(doc),
            Phase::Failed {
                last_good: Some(doc),
                ..
            } => Some(doc),
            _ => None,
        }
    }

    /// The request this state waits for, if any; an answer to any other is
    /// stale and dropped.
    pub fn in_flight(&self) -> Option<super::RequestId> {
        match &self.phase {
            Phase::Loading { request, .. }
            | Phase::Preparing { request, .. }
            | Phase::Returning { request, .. }
            | Phase::Deleting { request, .. }
            | Phase::Verifying { request, .. } => Some(*request),
            Phase::Signing { poll: Some(p), .. } => Some(p.request),
            _ => None,
        }
    }

    /// The seal that an operation under way concerns, if any.
    pub fn busy_seal(&self) -> Option<usize> {
        match &self.phase {
            Phase::Preparing { seal, .. }
            | Phase::Signing { seal, .. }
            | Phase::Returning { seal, .. }
            | Phase::Deleting { seal, .. }
            | Phase::Verifying { seal, .. } => Some(*seal),
            _ => None,
        }
    }

    pub fn can_stamp(&self, seal: usize) -> bool {
        self.settings.may_change()
            && self
                .idle_document()
                .and_then(|d| d.signature.seal(seal))
                .is_some_and(|s| !s.is_signed())
    }

    pub fn can_delete(&self, seal: usize) -> bool {
        self.settings.may_change() && self.is_signed_seal(seal) && !self.delete_blocked(seal)
    }

    /// Seal `seal` is a PDF signature and a later signed seal signed a
    /// later revision on top of it: deleting it would take the later ones'
    /// signed bytes away, so only the last can be deleted (the engine
    /// refuses the others with 409, and is not asked).
    pub fn delete_blocked(&self, seal: usize) -> bool {
        let Some(seals) = self.document().map(|d| &d.signature.seals) else {
            return false;
        };
        let Some(own) = seals
            .get(seal)
            .filter(|s| s.is_signed())
            .and_then(Seal::pdf_revision)
        else {
            return false;
        };
        seals
            .iter()
            .any(|s| s.is_signed() && s.pdf_revision().is_some_and(|r| r > own))
    }

    /// Verifying stays allowed when readonly, not when disabled.
    pub fn can_verify(&self, seal: usize) -> bool {
        !self.settings.disabled && self.is_signed_seal(seal)
    }

    fn is_signed_seal(&self, seal: usize) -> bool {
        self.idle_document().is_some_and(|d| {
            d.signature.has_document() && d.signature.seal(seal).is_some_and(|s| s.is_signed())
        })
    }

    /// Whether a `signature-id` and an `engine` are configured, i.e. there is
    /// an engine to ask.
    pub fn is_remote(&self) -> bool {
        let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        set(&self.settings.signature_id) && set(&self.settings.engine)
    }
}
