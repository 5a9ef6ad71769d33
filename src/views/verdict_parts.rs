//! Small pieces of the verdict cards: a certificate name shown short with
//! its full form on request, a fingerprint shown short with a copy button,
//! and the link to the version of the document a signature signed.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::names::{FingerprintModel, NameModel};
use super::pdf_model::SignedVersion;
use crate::browser::window;
use crate::i18n::Lang;

/// `张三 personal · InfoPlus Dev`, and behind a disclosure the RFC 4514
/// name as the certificate has it (a native `<details>`: keyboard and
/// screen readers know it).
pub fn name_view(lang: Lang, m: NameModel) -> AnyView {
    let full = (m.full != m.short).then(|| {
        view! {
            <details class="full-name" part="full-name">
                <summary>{lang.full_name()}</summary>
                <code>{m.full}</code>
            </details>
        }
    });
    view! { <span class="short-name">{m.short}</span>{full} }.into_any()
}

/// `ab12 cd34 … 9f0e` with the whole value in a copy button. The button
/// says "copied" by itself once it has (no signal: one less reactive
/// effect in the verify part, and nothing else depends on it).
pub fn fingerprint_view(lang: Lang, m: FingerprintModel) -> AnyView {
    let full = m.full.clone();
    let label = lang.copy_what(&m.label);
    view! {
        <code class="fingerprint" title=m.full.clone()>{m.short}</code>
        " "
        <button type="button" class="copy-button" part="copy-button" aria-label=label
            data-copied="false"
            on:click=move |event| {
                let button = event
                    .current_target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
                if let (true, Some(button)) = (copy_text(&full), button) {
                    button.set_text_content(Some(lang.copied()));
                    let _ = button.set_attribute("data-copied", "true");
                }
            }>
            {lang.copy()}
        </button>
    }
    .into_any()
}

/// `navigator.clipboard.writeText(text)`; `false` where the page may not
/// (an insecure context), and the button then stays as it was.
fn copy_text(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let Ok(navigator) = js_sys::Reflect::get(&window, &JsValue::from_str("navigator")) else {
        return false;
    };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) else {
        return false;
    };
    let Ok(write) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(write) else {
        return false;
    };
    write.call1(&clipboard, &JsValue::from_str(text)).is_ok()
}

/// The document's first `end` bytes, from the copy kept on the page, as a
/// `blob:` link that opens the version the signature signed. The address
/// is let go of when the card goes.
pub fn signed_version_link(v: SignedVersion, document: &web_sys::Blob) -> Option<AnyView> {
    let end = v.end as f64;
    if end > document.size() {
        return None;
    }
    let version = document
        .slice_with_f64_and_f64_and_content_type(0.0, end, "application/pdf")
        .ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&version).ok()?;
    let revoke = url.clone();
    on_cleanup(move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    });
    Some(
        view! {
            <a class="signed-version-link" part="signed-version-link" href=url target="_blank"
                rel="noopener" data-revision=v.revision.to_string() data-bytes=v.end.to_string()
                data-file-name=v.file_name>
                {v.label}
            </a>
        }
        .into_any(),
    )
}
