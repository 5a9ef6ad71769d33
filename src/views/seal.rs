//! One seal: who signs where, its stamp (image and description) once
//! signed, and the buttons for what may be done with it now.

use infoplus_signature_core::url::safe_url;
use infoplus_signature_core::Seal;
use leptos::html;
use leptos::prelude::*;

use super::{verdict, Context, Intent};
use crate::browser::resolve_url;

/// The name a seal goes by in labels: its placeholder, else its signer,
/// else "Seal n".
fn seal_name(seal: &Seal, cx: &Context, index: usize) -> String {
    let placeholder = seal.place_holder.as_deref().map(str::trim).filter(|s| !s.is_empty());
    placeholder
        .or(seal.signer_name())
        .map(str::to_owned)
        .unwrap_or_else(|| cx.lang.get_untracked().seal_title(index))
}

/// The image URL as it may be shown, or `Err` when its scheme is refused.
pub fn image_src(raw: Option<&str>, base: Option<&str>) -> Option<Result<String, ()>> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
    Some(match safe_url(raw) {
        Ok(url) => resolve_url(&url, base).ok_or(()),
        Err(_) => Err(()),
    })
}

pub fn seal_card(cx: Context, index: usize) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let seal = Memo::new(move |_| {
        state.with(|s| s.value().and_then(|v| v.seals.get(index).cloned()).unwrap_or_default())
    });
    let signed = Memo::new(move |_| seal.with(Seal::is_signed));
    let busy = Memo::new(move |_| state.with(|s| s.busy_seal() == Some(index)));
    let name = {
        let cx = cx.clone();
        Memo::new(move |_| seal.with(|s| seal_name(s, &cx, index)))
    };
    let (stamp_cx, actions_cx, verdict_cx) = (cx.clone(), cx.clone(), cx);
    let title = move || {
        let number = lang.get().seal_title(index);
        match seal.with(|s| s.place_holder.clone()).filter(|p| !p.trim().is_empty()) {
            Some(p) => format!("{number} · {p}"),
            None => number,
        }
    };
    let signer = move || {
        seal.with(|s| match (s.signer_name(), s.signer_account()) {
            (Some(n), Some(a)) => Some(format!("{n} ({a})")),
            (Some(n), None) => Some(n.to_owned()),
            (None, Some(a)) => Some(a.to_owned()),
            (None, None) => None,
        })
    };
    let position = move || {
        seal.with(|s| match (&s.x, &s.y) {
            (Some(x), Some(y)) => Some(lang.get().position(&x.to_string(), &y.to_string())),
            _ => None,
        })
    };
    view! {
        <li
            class="seal"
            part="seal"
            data-seal=index
            data-signed=move || signed.get().to_string()
            aria-busy=move || busy.get().to_string()
        >
            <div class="seal-head">
                <span class="seal-title" part="seal-title">{title}</span>
                <span class="badge" part="badge" data-signed=move || signed.get().to_string()>
                    {move || lang.get().badge(signed.get())}
                </span>
            </div>
            {move || signer().map(|text| view! {
                <div class="seal-signer" part="signer">
                    <span class="label">{lang.get().signer()}</span>
                    " "
                    <span>{text}</span>
                </div>
            })}
            {move || position().map(|text| view! { <div class="seal-position" part="position">{text}</div> })}
            <Show when=move || signed.get()>
                {stamp_view(stamp_cx.clone(), seal, name)}
            </Show>
            {actions(actions_cx, index, signed, name)}
            {verdict::seal_verdict(verdict_cx, index)}
        </li>
    }
}

/// The stamp of a signed seal: image (only from an allowed URL) and the
/// description, as text.
fn stamp_view(cx: Context, seal: Memo<Seal>, name: Memo<String>) -> impl IntoView {
    let lang = cx.lang;
    let base = cx.base;
    let src = Memo::new(move |_| {
        let image = seal.with(|s| s.image.clone());
        base.with(|b| image_src(image.as_deref(), b.as_deref()))
    });
    view! {
        <div class="stamp" part="stamp">
            {move || match src.get() {
                Some(Ok(url)) => view! {
                    <img class="seal-image" part="seal-image" src=url
                        alt=move || lang.get().seal_image_alt(&name.get()) />
                }.into_any(),
                Some(Err(())) => view! {
                    <p class="warning" part="warning" role="note">{move || lang.get().refused_address()}</p>
                }.into_any(),
                None => ().into_any(),
            }}
            {move || seal.with(|s| s.description.clone()).map(|d| view! {
                <p class="description" part="description">{d}</p>
            })}
        </div>
    }
}

/// Stamp, verify and delete (with its confirmation), as the state allows.
fn actions(cx: Context, index: usize, signed: Memo<bool>, name: Memo<String>) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let can_stamp = Memo::new(move |_| state.with(|s| s.can_stamp(index)));
    let can_verify = Memo::new(move |_| state.with(|s| s.can_verify(index)));
    let can_delete = Memo::new(move |_| state.with(|s| s.can_delete(index)));
    // Buttons stay in place (and keep focus) while something else is under
    // way; they are only marked unavailable.
    let settings = Memo::new(move |_| state.with(|s| s.settings.clone()));
    let may_change = move || settings.with(|s| !s.readonly && !s.disabled);
    let may_verify = move || settings.with(|s| !s.disabled);
    let confirming = RwSignal::new(false);
    let keep_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if confirming.get() {
            if let Some(button) = keep_ref.get() {
                let _ = button.focus();
            }
        }
    });
    let (c1, c2, c3) = (cx.clone(), cx.clone(), cx.clone());
    view! {
        <div class="actions" part="actions">
            <Show when=move || !signed.get() && may_change()>
                <button type="button" class="stamp-button" part="stamp-button"
                    aria-disabled=move || (!can_stamp.get()).to_string()
                    aria-label=move || lang.get().stamp_label(&name.get())
                    on:click={ let cx = c1.clone(); move |_| cx.send(Intent::Stamp(index)) }>
                    {move || lang.get().stamp()}
                </button>
            </Show>
            <Show when=move || signed.get() && may_verify()>
                <button type="button" class="verify-button" part="verify-button"
                    aria-disabled=move || (!can_verify.get()).to_string()
                    aria-label=move || lang.get().verify_label(&name.get())
                    on:click={ let cx = c2.clone(); move |_| cx.send(Intent::Verify(index)) }>
                    {move || lang.get().verify()}
                </button>
            </Show>
            <Show when=move || signed.get() && may_change() && !confirming.get()>
                <button type="button" class="delete-button" part="delete-button"
                    aria-disabled=move || (!can_delete.get()).to_string()
                    aria-label=move || lang.get().delete_label(&name.get())
                    on:click=move |_| if can_delete.get_untracked() { confirming.set(true) }>
                    {move || lang.get().delete()}
                </button>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" part="confirm" role="group"
                    aria-label=move || lang.get().confirm_delete()>
                    <span class="confirm-text">{move || lang.get().confirm_delete()}</span>
                    <button type="button" class="confirm-delete-button" part="confirm-delete-button"
                        on:click={ let cx = c3.clone(); move |_| {
                            confirming.set(false);
                            cx.send(Intent::Delete(index));
                        }}>
                        {move || lang.get().confirm_yes()}
                    </button>
                    <button type="button" class="cancel-delete-button" part="cancel-delete-button"
                        node_ref=keep_ref on:click=move |_| confirming.set(false)>
                        {move || lang.get().confirm_no()}
                    </button>
                </div>
            </Show>
        </div>
    }
}
