//! The page preview's region, a part of its own (`preview`, fetched the
//! first time the view opens): the pages drawn by pdf.js (`pdfjs`), an
//! outline per signature placed on them, the drawing's progress, and
//! Escape to close.

use std::rc::Rc;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;

use super::pdfjs;
use super::preview::{Current, REGION_ID};
use super::preview_model::{pages, Mark, Place};
use crate::i18n::Lang;
use crate::parts::PartMissing;

#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    Ready,
    Failed(String),
}

/// One page of the region: its number, its canvas, and where its marks
/// fell once pdf.js knew the page (mark index, fractions of the page).
#[derive(Clone)]
struct Sheet {
    page: u32,
    canvas: NodeRef<html::Canvas>,
    placed: RwSignal<Vec<(usize, [f64; 4])>>,
}

/// The region, built when shown: given the button (for its shadow root).
pub(super) type Region = Box<dyn FnOnce(NodeRef<html::Button>) -> AnyView>;

/// The region's code: sheets, the drawing job, outlines. Its own part.
#[cfg_attr(
    feature = "split",
    wasm_split(preview, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn preview_part(
    lang: Lang,
    blob: web_sys::Blob,
    marks: Arc<Vec<Mark>>,
    open: RwSignal<bool>,
    current: Current,
    close: Rc<dyn Fn()>,
) -> Result<Region, PartMissing> {
    Ok(Box::new(move |button| {
        let sheets: Vec<Sheet> = pages(&marks)
            .into_iter()
            .map(|page| Sheet {
                page,
                canvas: NodeRef::new(),
                placed: RwSignal::new(Vec::new()),
            })
            .collect();
        let phase = RwSignal::new(Phase::Loading);
        adopt_css(button);
        let job = draw(
            lang,
            blob,
            marks.clone(),
            sheets.clone(),
            phase,
            open,
            current,
        );
        leptos::task::spawn_local(job);
        region_view(lang, marks, sheets, phase, move || close())
    }))
}

fn region_view(
    lang: Lang,
    marks: Arc<Vec<Mark>>,
    sheets: Vec<Sheet>,
    phase: RwSignal<Phase>,
    close: impl Fn() + Clone + 'static,
) -> AnyView {
    let close_button = NodeRef::<html::Button>::new();
    close_button.on_load(|b| {
        let _ = b.focus();
    });
    let on_key = {
        let close = close.clone();
        move |ev: web_sys::KeyboardEvent| {
            let key = js_sys::Reflect::get(ev.as_ref(), &JsValue::from_str("key")).ok();
            if key.and_then(|k| k.as_string()).as_deref() == Some("Escape") {
                close();
            }
        }
    };
    let status = move || match phase.get() {
        Phase::Loading => lang.preview_loading().to_owned(),
        Phase::Ready => String::new(),
        Phase::Failed(why) => lang.preview_failed(&why),
    };
    let unplaced = marks
        .iter()
        .filter_map(|m| match m.place {
            Place::Nowhere(why) => Some(view! {
                <li data-status=m.status.clone()>
                    {format!("{} · {} · {why}", m.label, lang.preview_status(&m.status))}
                </li>
            }),
            _ => None,
        })
        .collect::<Vec<_>>();
    let unplaced = (!unplaced.is_empty()).then(|| {
        view! {
            <h4 class="preview-heading">{lang.preview_not_shown()}</h4>
            <ul class="preview-unplaced" part="preview-unplaced">{unplaced}</ul>
        }
    });
    let pages = sheets
        .into_iter()
        .map(|sheet| page_view(lang, marks.clone(), sheet))
        .collect_view();
    view! {
        <section id=REGION_ID class="preview" part="preview" aria-label=lang.preview_title()
            on:keydown=on_key>
            <div class="preview-bar">
                <h3 class="preview-heading">{lang.preview_title()}</h3>
                <button type="button" class="preview-close" part="preview-close" node_ref=close_button
                    on:click=move |_| close()>
                    {lang.preview_close()}
                </button>
            </div>
            <p class="preview-status" part="preview-status" role="status"
                data-phase=move || match phase.get() { Phase::Loading => "loading", Phase::Ready => "ready", Phase::Failed(_) => "failed" }>
                {status}
            </p>
            <ul class="preview-pages">{pages}</ul>
            {unplaced}
        </section>
    }
    .into_any()
}

fn page_view(lang: Lang, marks: Arc<Vec<Mark>>, sheet: Sheet) -> impl IntoView {
    let page = sheet.page;
    let outlines = move || {
        sheet
            .placed
            .get()
            .into_iter()
            .filter_map(|(i, at)| {
                let m = marks.get(i)?;
                let words = lang.preview_status(&m.status);
                let label = match m.note {
                    Some(note) => format!("{} · {words} · {note}", m.label),
                    None => format!("{} · {words}", m.label),
                };
                Some(view! {
                    <div class="preview-outline" part="preview-outline" role="img" tabindex="0"
                        data-status=m.status.clone() data-kind=m.kind data-label=m.label.clone()
                        data-page=page.to_string()
                        aria-label=lang.preview_outline_name(&m.label, &m.status, page)
                        use:place=at>
                        <span class="preview-label">{label}</span>
                    </div>
                })
            })
            .collect_view()
    };
    view! {
        <li class="preview-page" part="preview-page" data-page=page.to_string()>
            <p class="preview-page-number">{lang.preview_page(page)}</p>
            <div class="preview-sheet">
                <canvas class="preview-canvas" node_ref=sheet.canvas aria-hidden="true"></canvas>
                {outlines}
            </div>
        </li>
    }
}

/// `use:place`: left/top/width/height in % of the page, through the CSSOM
/// (allowed by a CSP that forbids `style` attributes).
fn place(el: leptos::tachys::renderer::types::Element, [left, top, width, height]: [f64; 4]) {
    let Ok(style) = js_sys::Reflect::get(el.as_ref(), &JsValue::from_str("style")) else {
        return;
    };
    for (key, value) in [
        ("left", left),
        ("top", top),
        ("width", width),
        ("height", height),
    ] {
        // Thousandths of a percent, formatted as integers: float
        // formatting would add its code to the part for this one use.
        let milli = (value * 100_000.0).round() as i64;
        let sign = if milli < 0 { "-" } else { "" };
        let milli = milli.unsigned_abs();
        let percent = JsValue::from_str(&format!("{sign}{}.{:03}%", milli / 1000, milli % 1000));
        let _ = js_sys::Reflect::set(&style, &JsValue::from_str(key), &percent);
    }
}

/// The preview's rules, adopted by the shadow root the button is in.
fn adopt_css(button: NodeRef<html::Button>) {
    if let Some(button) = button.get_untracked() {
        super::styles::adopt(&button, true);
    }
}

/// Loads pdf.js and the document, then draws each page and places its
/// marks; stops when the region was closed meanwhile.
async fn draw(
    lang: Lang,
    blob: web_sys::Blob,
    marks: Arc<Vec<Mark>>,
    sheets: Vec<Sheet>,
    phase: RwSignal<Phase>,
    open: RwSignal<bool>,
    current: Current,
) {
    let fail = |why: String| phase.try_set(Phase::Failed(why));
    let doc = match pdfjs::open(&blob).await {
        Ok(doc) => Rc::new(doc),
        Err(why) => {
            fail(why.unwrap_or_else(|| lang.preview_viewer_missing().to_owned()));
            return;
        }
    };
    if !open.get_untracked() {
        doc.close();
        return;
    }
    if let Some(old) = current.borrow_mut().replace(doc.clone()) {
        old.close();
    }
    for sheet in &sheets {
        let Some(canvas) = sheet.canvas.get_untracked() else {
            return; // closed meanwhile
        };
        let width = js_sys::Reflect::get(canvas.as_ref(), &JsValue::from_str("clientWidth"))
            .ok()
            .and_then(|w| w.as_f64())
            .unwrap_or(600.0);
        let ratio = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("devicePixelRatio"))
            .ok()
            .and_then(|r| r.as_f64())
            .unwrap_or(1.0);
        let pixels = (width.max(300.0) * ratio.clamp(1.0, 2.0)).min(2400.0);
        if !open.get_untracked() {
            return;
        }
        match doc.draw(sheet.page, canvas.as_ref(), pixels).await {
            Ok(drawn) => {
                let placed = marks
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.page() == Some(sheet.page))
                    .filter_map(|(i, m)| Some((i, drawn.fractions(m.rect_on(drawn.view)?)?)))
                    .collect();
                sheet.placed.try_set(placed);
            }
            Err(why) => {
                fail(why);
                return;
            }
        }
    }
    phase.try_set(Phase::Ready);
}
