//! The document line above the seals: its name, size and a link that opens
//! it in a new tab (`noopener`: the document's page gets no handle on the
//! form). Re-rendered only when its model changes.

use leptos::prelude::*;

use super::document_model::DocumentModel;
use super::Context;
use crate::browser::resolve_url;

pub fn document_line(cx: Context) -> impl IntoView {
    let (state, lang, base) = (cx.state, cx.lang, cx.base);
    let model = Memo::new(move |_| {
        let lang = lang.get();
        base.with(|b| {
            let resolve = |url: &str| resolve_url(url, b.as_deref());
            state.with(|s| DocumentModel::of(s, lang, &resolve))
        })
    });
    move || {
        let lang = lang.get_untracked();
        model.get().map(|m| {
            let size = m
                .size
                .clone()
                .map(|s| view! { <span class="document-size" part="document-size">{s}</span> });
            let name = match m.href.clone() {
                Some(href) => view! {
                    <a class="document-link" part="document-link" href=href target="_blank"
                        rel="noopener noreferrer" aria-label=m.label.clone()>{m.name.clone()}</a>
                }
                .into_any(),
                None => view! { <span class="document-name" part="document-name">{m.name.clone()}</span> }
                    .into_any(),
            };
            let refused = m.refused.then(|| {
                view! { <span class="warning" part="warning">{lang.document_refused()}</span> }
            });
            view! { <p class="document" part="document">{name}{size}{refused}</p> }
        })
    }
}
