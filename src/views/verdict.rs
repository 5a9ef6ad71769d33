//! Verification results in words: per seal under its card, and what the
//! PDF itself says below the seals.

use infoplus_signature_core::verdict::{PdfReport, SealVerdict};
use leptos::prelude::*;

use crate::i18n::Lang;

/// A seal's verdict: headline, and for a valid seal the algorithm, key
/// fingerprint, certificate and signer check.
pub fn seal_verdict(lang: Lang) -> impl Fn(SealVerdict) -> AnyView {
    move |verdict| {
        let headline = lang.verdict(&verdict);
        let result = verdict.name();
        let details = match verdict {
            SealVerdict::Valid(valid) => {
                let short: String = valid.key_fingerprint.chars().take(16).collect();
                let certificate = valid.certificate.map(|c| {
                    let validity = lang.certificate_validity(&c.not_before, &c.not_after);
                    view! {
                        <dt>{lang.certificate_subject()}</dt><dd>{c.subject}</dd>
                        <dt>{lang.certificate_issuer()}</dt><dd>{c.issuer}</dd>
                        <dd class="validity">{validity}</dd>
                    }
                });
                let allowed = valid.signer_allowed.map(|a| {
                    view! {
                        <p class="signer-check" part="signer-check" data-allowed=a.to_string()>
                            {lang.signer_allowed(a)}
                        </p>
                    }
                });
                Some(view! {
                    <dl class="verdict-details" part="verdict-details">
                        <dt>{lang.algorithm()}</dt><dd>{valid.algorithm}</dd>
                        <dt>{lang.key_fingerprint()}</dt>
                        <dd><code title=valid.key_fingerprint>{short}"…"</code></dd>
                        {certificate}
                    </dl>
                    {allowed}
                })
            }
            _ => None,
        };
        view! {
            <div class="verdict" part="verdict" data-result=result>
                <p class="verdict-headline" part="verdict-headline">{headline}</p>
                {details}
            </div>
        }
        .into_any()
    }
}

/// Page count and embedded PDF signatures, with whether each still covers
/// the whole file.
pub fn pdf_report(lang: Lang) -> impl Fn(PdfReport) -> AnyView {
    move |report| {
        let summary = lang.pdf_summary(&report);
        let (status, signatures) = match report {
            PdfReport::Parsed { signatures, .. } => ("parsed", signatures),
            PdfReport::Unreadable { .. } => ("unreadable", Vec::new()),
        };
        let items = signatures
            .into_iter()
            .map(|sig| {
                let whole = (sig.covers_whole_file && sig.byte_range_well_formed).to_string();
                view! { <li data-covers-whole-file=whole>{lang.pdf_signature(&sig)}</li> }
            })
            .collect_view();
        view! {
            <div class="pdf" part="pdf" data-status=status>
                <p class="pdf-summary">{summary}</p>
                <ul class="pdf-signatures">{items}</ul>
            </div>
        }
        .into_any()
    }
}
