//! Acting on a signed seal: delete it (S2 with If-Match) or verify it.

use super::transition::{failed, ready};
use super::{Document, Effect, Failure, Notice, Phase, Problem, Retry, State, Step};
use std::sync::Arc;

use crate::verdict::VerifyReport;

impl State {
    pub(super) fn delete(&mut self, seal: usize) -> Vec<Effect> {
        if !self.can_delete(seal) {
            return vec![];
        }
        let Some(doc) = self.idle_document().cloned() else {
            return vec![];
        };
        let mut signature = doc.signature.clone();
        if let Some(s) = signature.seals.get_mut(seal) {
            s.clear_stamp();
        }
        if !self.is_remote() {
            // A value without an engine: nothing to write back to.
            self.phase = ready(
                Document::new(signature, None),
                Some(Notice::Deleted { seal }),
            );
            return vec![];
        }
        let request = self.new_request();
        let if_match = doc.etag.clone();
        self.phase = Phase::Deleting { doc, seal, request };
        vec![Effect::Save {
            request,
            signature,
            if_match,
        }]
    }

    pub(super) fn saved(&mut self, result: Result<Document, Problem>) -> Vec<Effect> {
        let Phase::Deleting { doc, seal, .. } = &self.phase else {
            return vec![];
        };
        let seal = *seal;
        match result {
            Ok(saved) => {
                self.phase = ready(saved, Some(Notice::Deleted { seal }));
                vec![]
            }
            Err(Problem::Conflict) => {
                // Someone else changed it: show their version and say so.
                let report = Effect::ReportError(Failure {
                    step: Step::Delete,
                    problem: Problem::Conflict,
                    retry: Retry::Load,
                });
                let mut effects = vec![report];
                effects.extend(self.refresh(Some(Notice::Conflict)));
                effects
            }
            Err(problem) => {
                self.phase = failed(
                    Some(doc.clone()),
                    Step::Delete,
                    problem,
                    Retry::Delete(seal),
                );
                vec![]
            }
        }
    }

    pub(super) fn verify(&mut self, seal: usize) -> Vec<Effect> {
        if !self.can_verify(seal) {
            return vec![];
        }
        let Some(doc) = self.idle_document().cloned() else {
            return vec![];
        };
        let request = self.new_request();
        let signature = doc.signature.clone();
        self.phase = Phase::Verifying {
            progress: (0, doc.signature.size),
            doc,
            seal,
            request,
        };
        vec![Effect::FetchAndVerify {
            request,
            signature,
            seals: vec![seal],
        }]
    }

    pub(super) fn verified(&mut self, result: Result<VerifyReport, Problem>) -> Vec<Effect> {
        let Phase::Verifying { doc, seal, .. } = &self.phase else {
            return vec![];
        };
        let (mut doc, seal) = (doc.clone(), *seal);
        match result {
            Ok(VerifyReport { seals, pdf }) => {
                for r in &seals {
                    doc.verdicts.insert(r.index, r.verdict.clone());
                }
                let pdf = pdf.map(Arc::new);
                if pdf.is_some() {
                    doc.pdf.clone_from(&pdf);
                }
                self.phase = ready(doc, Some(Notice::Verified { seal }));
                vec![Effect::ReportVerified { seal, seals, pdf }]
            }
            Err(problem) => {
                self.phase = failed(Some(doc), Step::Verify, problem, Retry::Verify(seal));
                vec![]
            }
        }
    }
}
