//! Verifying (the `verify` part, fetched on first use): download the
//! document, gather the trust bundles, verify in the worker, keep what an
//! auditor needs, and answer `Event::Verified`.

use std::rc::Weak;

#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;

use infoplus_signature_core::machine::{Event, Failure, Problem, RequestId, Retry, Step};
use infoplus_signature_core::Signature;
use leptos::prelude::Set;

use super::verifier::Verified;
use super::{document, trust, verifier, Driver};
use crate::audit::Audit;
use crate::parts::PartMissing;

/// Fetch the document and verify in the worker; answers `Event::Verified`.
#[cfg_attr(feature = "split", wasm_split(verify, wasm_split_path = ::leptos::wasm_split, fallible))]
pub(super) fn verify_part(
    driver: Weak<Driver>,
    request: RequestId,
    signature: Signature,
    seals: Vec<usize>,
) -> Result<(), PartMissing> {
    // The verdict views come with this part; the cards show them from now on.
    crate::views::register_verdict_views();
    if let Some(driver) = driver.upgrade() {
        driver.fetch_and_verify(request, signature, seals);
    }
    Ok(())
}

impl Driver {
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
            // Kept before the chunks go to the worker (they are transferred).
            let kept = document::keep(&fetched);
            let trust = trust::gather(property_roots, roots_url, intermediates_url, &aborts).await;
            let result = verifier::verify(fetched, &signature, &seals, limit, &trust).await;
            let refused = trust.refused;
            let result = result.map(|verified| {
                let seal = seals.first().copied().unwrap_or(0);
                let mut audit = audit_of(&signature, &verified, trust.problem, seal);
                audit.document = kept;
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
/// the document's SHA-256 and the time of verification; and the detail of
/// `signature-verified` for `seal`.
fn audit_of(
    signature: &Signature,
    verified: &Verified,
    trust_problem: Option<String>,
    seal: usize,
) -> Audit {
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
    let field = |key: &str| report.get(key).cloned().unwrap_or_default();
    let event = serde_json::json!({
        "seal": seal,
        "results": field("seals"),
        "pdf": field("pdf"),
        "documentSha256": verified.document_sha256,
        "verifiedAt": verified_at,
        "report": report,
    })
    .to_string();
    Audit {
        document_sha256: verified.document_sha256.clone(),
        verified_at,
        report,
        trust_problem,
        document: None,
        seals: signature.seals.clone(),
        event,
    }
}
