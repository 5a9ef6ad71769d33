//! One seal card: who signs where, the stamp (image and description) once
//! signed, the buttons for what may be done now, and its verdict. The card
//! re-renders as a whole when its model changes; focus is put back on the
//! same button so keyboard users keep their place.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::model::{Image, SealModel};
use super::{verdict_views, Context, Intent};
use crate::browser::resolve_url;

pub fn seal_card(cx: Context, index: usize) -> impl IntoView {
    let (state, lang, base) = (cx.state, cx.lang, cx.base);
    let model = Memo::new(move |_| {
        let lang = lang.get();
        base.with(|b| {
            let resolve = |url: &str| resolve_url(url, b.as_deref());
            state.with(|s| SealModel::of(s, index, lang, &resolve))
        })
    });
    let confirming = RwSignal::new(false);
    let card = NodeRef::<html::Li>::new();
    view! {
        <li class="seal" part="seal" data-seal=index node_ref=card
            data-signed=move || model.with(|m| m.as_ref().is_some_and(|m| m.signed).to_string())
            aria-busy=move || model.with(|m| m.as_ref().is_some_and(|m| m.busy).to_string())>
            {move || {
                let confirm = confirming.get();
                let focused = focused_part(card);
                let body = model.get().map(|m| body(m, confirm, confirming, cx.clone()));
                if let Some(part) = focused {
                    // Opening the confirmation moves focus to "Keep"; closing
                    // it puts focus back on "Delete".
                    let part = match (part.as_str(), confirm) {
                        ("delete-button", true) => "cancel-delete-button".to_owned(),
                        ("cancel-delete-button" | "confirm-delete-button", false) => "delete-button".to_owned(),
                        _ => part,
                    };
                    restore_focus(card, part);
                }
                body
            }}
        </li>
    }
}

fn body(m: SealModel, confirm: bool, confirming: RwSignal<bool>, cx: Context) -> impl IntoView {
    let lang = m.lang;
    let index = m.index;
    let signed = m.signed.to_string();
    let stamp = m.signed.then(|| {
        let image = m.image.clone().map(|image| match image {
            Image::Shown(url) => view! {
                <img class="seal-image" part="seal-image" src=url alt=lang.seal_image_alt(&m.name) />
            }
            .into_any(),
            Image::Refused => view! {
                <p class="warning" part="warning" role="note">{lang.refused_address()}</p>
            }
            .into_any(),
        });
        let description = m.description.clone().map(|d| view! {
            <p class="description" part="description">{d}</p>
        });
        view! { <div class="stamp" part="stamp">{image}{description}</div> }
    });
    let confirm = confirm && m.delete.is_some();
    view! {
        <div class="seal-head">
            <span class="seal-title" part="seal-title">{m.title.clone()}</span>
            <span class="badge" part="badge" data-signed=signed>{lang.badge(m.signed)}</span>
        </div>
        {m.signer.clone().map(|text| view! {
            <div class="seal-signer" part="signer">
                <span class="label">{lang.signer()}</span>" "<span>{text}</span>
            </div>
        })}
        {m.position.clone().map(|text| view! { <div class="seal-position" part="position">{text}</div> })}
        {stamp}
        <div class="actions" part="actions">
            {m.stamp.map(|ready| button(&cx, "stamp-button", lang.stamp(), lang.stamp_label(&m.name), ready, Intent::Stamp(index)))}
            {m.verify.map(|ready| button(&cx, "verify-button", lang.verify(), lang.verify_label(&m.name), ready, Intent::Verify(index)))}
            {(!confirm).then(|| m.delete.map(|ready| view! {
                <button type="button" class="delete-button" part="delete-button" data-focus="delete-button"
                    aria-disabled=(!ready).to_string() aria-label=lang.delete_label(&m.name)
                    on:click=move |_| if ready { confirming.set(true) }>
                    {lang.delete()}
                </button>
            }))}
            {m.delete_blocked.then(|| view! {
                <p class="description" part="delete-blocked">{lang.delete_blocked()}</p>
            })}
            {confirm.then(|| {
                let cx = cx.clone();
                view! {
                    <div class="confirm" part="confirm" role="group" aria-label=lang.confirm_delete()>
                        <span class="confirm-text">{lang.confirm_delete()}</span>
                        <button type="button" class="confirm-delete-button" part="confirm-delete-button"
                            data-focus="confirm-delete-button"
                            on:click=move |_| { confirming.set(false); cx.send(Intent::Delete(index)) }>
                            {lang.confirm_yes()}
                        </button>
                        <button type="button" class="cancel-delete-button" part="cancel-delete-button"
                            data-focus="cancel-delete-button"
                            on:click=move |_| confirming.set(false)>
                            {lang.confirm_no()}
                        </button>
                    </div>
                }
            })}
        </div>
        {m.verdict.clone().and_then(|v| verdict_views().map(|views| (views.seal)(lang, v)))}
    }
}

/// A button that sends `intent`; when it cannot be used right now it stays
/// in place (focusable, announced as unavailable) instead of vanishing.
fn button(
    cx: &Context,
    part: &'static str,
    text: &'static str,
    label: String,
    ready: bool,
    intent: Intent,
) -> impl IntoView {
    let cx = cx.clone();
    view! {
        <button type="button" class=part part=part data-focus=part aria-label=label
            aria-disabled=(!ready).to_string()
            on:click=move |_| if ready { cx.send(intent) }>
            {text}
        </button>
    }
}

/// Which button (by `data-focus`) inside the card has focus, if any.
fn focused_part(card: NodeRef<html::Li>) -> Option<String> {
    let li = card.get_untracked()?;
    let root = li.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok()?;
    let active = root.active_element()?;
    if !li.contains(Some(&active)) {
        return None;
    }
    active.get_attribute("data-focus")
}

/// After the new content is in, focus the same button (or, if it is gone,
/// the card's first one).
fn restore_focus(card: NodeRef<html::Li>, part: String) {
    request_animation_frame(move || {
        let Some(li) = card.get_untracked() else {
            return;
        };
        let target = li
            .query_selector(&format!("[data-focus='{part}']"))
            .ok()
            .flatten()
            .or_else(|| li.query_selector("button").ok().flatten());
        if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}
