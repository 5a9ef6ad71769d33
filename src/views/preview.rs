//! "Show on the page": a button under the PDF's verdict that opens a
//! region drawing each page holding a signature (pdf.js) with an outline
//! per signature in its status colour, focusable and named (field, status,
//! page); signatures without a place are listed in words. The button lives
//! in the verify part with the verdict views; the region's code is a part
//! of its own (`preview_region`), and its stylesheet is adopted when it
//! opens: none of it is in the first download.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use infoplus_signature_core::verdict::PdfReport;
use leptos::html;
use leptos::prelude::*;

use super::pdfjs::Document;
use super::preview_model::{marks, seal_results};
use super::preview_region::{preview_part, Region};
use crate::audit::Audit;
use crate::i18n::Lang;
use crate::parts::part;

/// The region's id (one PDF report per shadow root), for `aria-controls`.
pub(super) const REGION_ID: &str = "preview";

/// The open document, shared by the drawing job and the close button.
pub(super) type Current = Rc<RefCell<Option<Rc<Document>>>>;

/// The button and the region; `None` when there is no kept document or
/// nothing to outline. The region's code (drawing, outlines, pdf.js) is a
/// part of its own (`preview`), fetched the first time the view opens:
/// the verify part only carries the button.
pub fn preview(lang: Lang, report: &PdfReport, audit: Option<&Audit>) -> Option<AnyView> {
    let audit = audit?;
    let blob = audit.document.clone()?;
    let verdicts = seal_results(&audit.report);
    let marks = Arc::new(marks(report, &audit.seals, &verdicts, lang));
    if marks.is_empty() {
        return None;
    }
    let open = RwSignal::new(false);
    let missing = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    // The open document, let go of on closing (or on the next opening).
    let current: Current = Rc::default();
    let close: Rc<dyn Fn()> = {
        let current = current.clone();
        Rc::new(move || {
            open.set(false);
            if let Some(doc) = current.borrow_mut().take() {
                doc.close();
            }
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        })
    };
    // What the part gave, to be built (under the region's owner) when shown.
    let built: StoredValue<Option<Region>, LocalStorage> = StoredValue::new_local(None);
    let kept = StoredValue::new_local((blob, current, close.clone(), marks));
    let on_click = move |_| {
        if open.get_untracked() {
            return close();
        }
        let (blob, current, close, marks) = kept.get_value();
        leptos::task::spawn_local(async move {
            match part!(preview_part(lang, blob, marks, open, current, close)).await {
                Ok(region) => {
                    built.set_value(Some(region));
                    missing.set(false);
                    open.set(true);
                }
                Err(_) => missing.set(true),
            }
        });
    };
    let region = move || {
        open.get()
            .then(|| built.try_update_value(Option::take).flatten())
            .flatten()
            .map(|region| region(button))
    };
    Some(
        view! {
            <div class="preview-area">
                <button type="button" class="preview-button" part="preview-button" node_ref=button
                    aria-expanded=move || open.get().to_string() aria-controls=REGION_ID
                    on:click=on_click>
                    {lang.preview_open()}
                </button>
                {move || missing.get().then(|| view! {
                    <p class="warning" part="warning" role="alert">{lang.preview_viewer_missing()}</p>
                })}
                {region}
            </div>
        }
        .into_any(),
    )
}
