//! Verification results in words: per seal under its card, and below the
//! seals what the PDF says about itself: the document's banner, a card per
//! embedded signature (§6a) and the report download.
//!
//! These views belong to the verify part (see `crate::parts`): nothing in
//! the first download calls them directly. The verify part registers them
//! ([`register`]) when it runs, which is before any verdict exists.

use infoplus_signature_core::verdict::{PdfReport, SealVerdict};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::names::{FingerprintModel, NameModel};
use super::pdf_model::{BannerModel, SignatureModel};
use super::pdf_seal_model::PdfSealModel;
use super::time::local_time;
use super::verdict_parts::{fingerprint_view, name_view, signed_version_link};
use super::zone::BrowserZone;
use super::{set_verdict_views, VerdictViews};
use crate::audit::Audit;
use crate::browser::window;
use crate::i18n::Lang;

/// Make the views available to the first download's cards and status.
pub fn register() {
    set_verdict_views(VerdictViews {
        seal: seal_verdict,
        pdf: pdf_report,
    });
}

/// A seal's verdict: headline, and for a valid seal the algorithm, key
/// fingerprint, certificate and signer check; for a seal that is a PDF
/// signature, which one.
fn seal_verdict(lang: Lang, verdict: SealVerdict) -> AnyView {
    let headline = lang.verdict(&verdict);
    let result = verdict.name();
    let pdf_signature = verdict.pdf_signature().map(|name| {
        view! { <p class="pdf-signature-name" part="pdf-signature-name">{lang.pdf_signature_name(name)}</p> }
    });
    let details = match verdict {
        SealVerdict::Valid(valid) => {
            let fingerprint = FingerprintModel::of(lang.key_fingerprint(), &valid.key_fingerprint);
            let certificate = valid.certificate.map(|c| {
                let time = |t: &str| local_time(t, &BrowserZone, lang);
                let validity = lang.certificate_validity(&time(&c.not_before), &time(&c.not_after));
                let subject = NameModel::of(lang.certificate_subject(), &c.subject);
                let issuer = NameModel::of(lang.certificate_issuer(), &c.issuer);
                view! {
                    <dt>{subject.label.clone()}</dt><dd>{name_view(lang, subject)}</dd>
                    <dt>{issuer.label.clone()}</dt><dd>{name_view(lang, issuer)}</dd>
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
                    <dt>{fingerprint.label.clone()}</dt>
                    <dd>{fingerprint_view(lang, fingerprint)}</dd>
                    {certificate}
                </dl>
                {allowed}
            })
        }
        _ => None,
    };
    let styled = NodeRef::<leptos::html::Div>::new();
    styled.on_load(|el| super::styles::adopt(&el, false));
    view! {
        <div class="verdict" part="verdict" data-result=result node_ref=styled>
            <p class="verdict-headline" part="verdict-headline">{headline}</p>
            {pdf_signature}
            {details}
        </div>
    }
    .into_any()
}

/// The banner, the embedded signatures, the report button. Signatures that
/// were only listed (no §6a check) keep their one line.
fn pdf_report(lang: Lang, report: &PdfReport, audit: Option<Audit>) -> AnyView {
    let summary = lang.pdf_summary(report);
    let banner = BannerModel::of(report, audit.as_ref(), lang).map(banner_view);
    let (status, signatures) = match report {
        PdfReport::Parsed { signatures, .. } => ("parsed", signatures.as_slice()),
        PdfReport::Unreadable { .. } => ("unreadable", &[][..]),
    };
    let document = audit.as_ref().and_then(|a| a.document.clone());
    let items = signatures
        .iter()
        .map(|sig| match SignatureModel::of(sig, lang, &BrowserZone) {
            Some(model) => signature_view(lang, model, document.as_ref()),
            None => {
                let whole = (sig.covers_whole_file && sig.byte_range_well_formed).to_string();
                view! { <li data-covers-whole-file=whole>{lang.pdf_signature(sig)}</li> }.into_any()
            }
        })
        .collect_view();
    let preview = super::preview::preview(lang, report, audit.as_ref());
    let download = audit.map(|audit| {
        let name = report_file_name(audit.document_sha256.as_deref());
        let json = audit.report.to_string();
        view! {
            <button type="button" class="report-button" part="report-button"
                on:click=move |_| download(&name, &json)>
                {lang.download_report()}
            </button>
        }
    });
    let styled = NodeRef::<leptos::html::Div>::new();
    styled.on_load(|el| super::styles::adopt(&el, false));
    view! {
        <div class="pdf" part="pdf" data-status=status node_ref=styled>
            {banner}
            <p class="pdf-summary">{summary}</p>
            <ul class="pdf-signatures">{items}</ul>
            {download}
            {preview}
        </div>
    }
    .into_any()
}

fn banner_view(m: BannerModel) -> AnyView {
    view! {
        <div class="pdf-banner" part="pdf-banner" data-verdict=m.verdict role="note">
            <p class="pdf-banner-text">{m.text}</p>
            {m.notes.into_iter().map(|note| view! { <p class="pdf-banner-note">{note}</p> }).collect_view()}
            {m.trust_problem.map(|why| view! { <p class="warning" part="warning">{why}</p> })}
        </div>
    }
    .into_any()
}

fn signature_view(lang: Lang, m: SignatureModel, document: Option<&web_sys::Blob>) -> AnyView {
    let lines = m
        .lines
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    let warnings = m
        .warnings
        .into_iter()
        .map(|w| view! { <li class="warning" part="warning">{w}</li> })
        .collect_view();
    let seal = m.seal.map(seal_card);
    let names = m
        .names
        .into_iter()
        .map(|name| view! { <li>{name.label.clone()}": "{name_view(lang, name)}</li> })
        .collect_view();
    let fingerprint = m.fingerprint.map(|f| {
        view! { <li>{f.label.clone()}": "{fingerprint_view(lang, f)}</li> }
    });
    let version = m
        .signed_version
        .and_then(|v| document.and_then(|d| signed_version_link(v, d)));
    view! {
        <li class="pdf-signature" part="pdf-signature" data-status=m.status>
            <p class="pdf-signature-headline">{m.headline}</p>
            {seal}
            <ul class="pdf-signature-lines">
                {names}{fingerprint}<li class="pdf-signature-place">{m.place}</li>
                {lines}{warnings}
            </ul>
            {version}
        </li>
    }
    .into_any()
}

/// An electronic seal's own picture (a `data:` URL made from the
/// signature's bytes) beside its name, maker and validity.
fn seal_card(m: PdfSealModel) -> AnyView {
    // Attributes, not a style: the page's CSP may refuse inline styles.
    let (width, height) = m.size_px.unzip();
    let picture = m.picture.map(|src| {
        view! { <img class="pdf-seal-image" part="pdf-seal-image" src=src alt=m.alt width=width height=height /> }
    });
    let lines = m
        .lines
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    view! {
        <figure class="pdf-seal" part="pdf-seal">
            {picture}
            <figcaption><ul class="pdf-seal-lines">{lines}</ul></figcaption>
        </figure>
    }
    .into_any()
}

/// `verification-report-<first 12 hex of the SHA-256>.json`.
fn report_file_name(sha256: Option<&str>) -> String {
    match sha256 {
        Some(sha) => {
            let short: String = sha
                .chars()
                .filter(char::is_ascii_hexdigit)
                .take(12)
                .collect();
            format!("verification-report-{short}.json")
        }
        None => "verification-report.json".to_owned(),
    }
}

/// Save `json` as a file: a Blob behind an object URL, clicked through an
/// `<a download>`, the URL revoked once the browser has taken it.
fn download(name: &str, json: &str) {
    let _ = (|| -> Option<()> {
        let window = window()?;
        let document = window.document()?;
        let parts = js_sys::Array::of1(&JsValue::from_str(json));
        let kind = web_sys::BlobPropertyBag::new();
        kind.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlElement = document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", name).ok()?;
        link.click();
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000)
            .ok()?;
        Some(())
    })();
}
