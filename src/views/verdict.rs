//! Verification results: per seal under its card, and what the PDF itself
//! says below the seals.

use infoplus_signature_core::verdict::{PdfReport, SealVerdict};
use leptos::prelude::*;

use super::Context;

/// The verdict for one seal, if it was verified.
pub fn seal_verdict(cx: Context, index: usize) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let verdict = Memo::new(move |_| {
        state.with(|s| s.document().and_then(|d| d.verdicts.get(&index).cloned()))
    });
    move || {
        verdict.get().map(|v| {
            let result = v.name();
            let headline = {
                let v = v.clone();
                move || lang.get().verdict(&v)
            };
            view! {
                <div class="verdict" part="verdict" data-result=result>
                    <p class="verdict-headline" part="verdict-headline">{headline}</p>
                    {details(cx.clone(), v)}
                </div>
            }
        })
    }
}

/// Algorithm, key fingerprint, certificate and signer check of a valid seal.
fn details(cx: Context, verdict: SealVerdict) -> impl IntoView {
    let lang = cx.lang;
    let SealVerdict::Valid(valid) = verdict else {
        return ().into_any();
    };
    let fingerprint = valid.key_fingerprint.clone();
    let short: String = fingerprint.chars().take(16).collect();
    let certificate = valid.certificate.clone();
    let allowed = valid.signer_allowed;
    view! {
        <dl class="verdict-details" part="verdict-details">
            <dt>{move || lang.get().algorithm()}</dt>
            <dd>{valid.algorithm.clone()}</dd>
            <dt>{move || lang.get().key_fingerprint()}</dt>
            <dd><code title=fingerprint>{short}"…"</code></dd>
            {certificate.map(|c| {
                let validity = {
                    let c = c.clone();
                    move || lang.get().certificate_validity(&c.not_before, &c.not_after)
                };
                view! {
                    <dt>{move || lang.get().certificate_subject()}</dt>
                    <dd>{c.subject.clone()}</dd>
                    <dt>{move || lang.get().certificate_issuer()}</dt>
                    <dd>{c.issuer.clone()}</dd>
                    <dd class="validity">{validity}</dd>
                }
            })}
        </dl>
        {allowed.map(|a| view! {
            <p class="signer-check" part="signer-check" data-allowed=a.to_string()>
                {move || lang.get().signer_allowed(a)}
            </p>
        })}
    }
    .into_any()
}

/// What the PDF says about itself, once a verification read it.
pub fn pdf_details(cx: Context) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let report = Memo::new(move |_| state.with(|s| s.document().and_then(|d| d.pdf.clone())));
    move || {
        report.get().map(|r| {
            let summary = {
                let r = r.clone();
                move || lang.get().pdf_summary(&r)
            };
            let signatures = match &r {
                PdfReport::Parsed { signatures, .. } => signatures.clone(),
                PdfReport::Unreadable { .. } => Vec::new(),
            };
            view! {
                <div class="pdf" part="pdf" data-status=match r { PdfReport::Parsed { .. } => "parsed", PdfReport::Unreadable { .. } => "unreadable" }>
                    <p class="pdf-summary">{summary}</p>
                    <ul class="pdf-signatures">
                        {signatures.into_iter().map(|sig| {
                            let whole = sig.covers_whole_file && sig.byte_range_well_formed;
                            let line = move || lang.get().pdf_signature(&sig);
                            view! { <li data-covers-whole-file=whole.to_string()>{line}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
