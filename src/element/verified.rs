//! `signature-verified`: its detail is the whole report as JSON, and the
//! code that serializes a report (every verdict type) is only needed once
//! someone has verified. So it lives in the verify part (see
//! `crate::parts`), which is loaded by then: the report came from it.
//! The event therefore fires a microtask after the machine recorded the
//! result, no longer inside the same call.

use infoplus_signature_core::verdict::{PdfReport, VerifyReport};
use infoplus_signature_core::SealReport;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use web_sys::HtmlElement;

use super::host::{fire, to_json};
use crate::parts::{part, PartMissing};

/// Fire `signature-verified` on `el` for the verify of `seal`.
pub(super) fn fire_verified(el: &HtmlElement, seal: usize, report: VerifyReport) {
    let el = el.clone();
    leptos::task::spawn_local(async move {
        // A part that cannot be had is not possible here (see above); if
        // it were, the event would be missing, the view still shows the result.
        if let Ok(detail) = part!(verified_detail(seal, report)).await {
            fire(&el, "signature-verified", &detail, false);
        }
    });
}

/// `{"seal": i, "results": [...], "pdf": {...}|null}`.
#[cfg_attr(feature = "split", wasm_split(verify, wasm_split_path = ::leptos::wasm_split, fallible))]
fn verified_detail(seal: usize, report: VerifyReport) -> Result<String, PartMissing> {
    #[derive(serde::Serialize)]
    struct Detail<'a> {
        seal: usize,
        results: &'a [SealReport],
        pdf: &'a Option<PdfReport>,
    }
    Ok(to_json(&Detail {
        seal,
        results: &report.seals,
        pdf: &report.pdf,
    }))
}
