//! The control's views: pure functions of the machine's state (and the
//! language), with user intents sent out through one callback. Text from
//! the engine is always rendered as text; only http(s)/relative image URLs
//! are used.

mod error;
mod seal;
mod status;
mod verdict;

use infoplus_signature_core::machine::State;
use leptos::prelude::*;

use crate::i18n::Lang;

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Stamp(usize),
    Verify(usize),
    Delete(usize),
    Retry,
    Dismiss,
}

/// Everything a view needs, copied freely into closures.
#[derive(Clone)]
pub struct Context {
    pub state: Signal<State>,
    pub lang: Signal<Lang>,
    /// Base for relative image and document URLs (the engine).
    pub base: Signal<Option<String>>,
    pub intents: UnsyncCallback<Intent>,
}

impl Context {
    pub fn send(&self, intent: Intent) {
        self.intents.run(intent);
    }
}

/// The whole control.
pub fn control_view(cx: Context) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let seal_count = Memo::new(move |_| state.with(|s| s.value().map_or(0, |v| v.seals.len())));
    let shown = Memo::new(move |_| state.with(|s| s.document().is_some()));
    let seals_cx = cx.clone();
    view! {
        <div
            class="control"
            part="control"
            lang=move || lang.get().tag()
            data-state=move || state.with(|s| s.name())
        >
            {status::placeholder(cx.clone())}
            <Show when=move || shown.get()>
                <ul class="seals" part="seals">
                    <For
                        each=move || 0..seal_count.get()
                        key=|i| *i
                        children={
                            let cx = seals_cx.clone();
                            move |i| seal::seal_card(cx.clone(), i)
                        }
                    />
                </ul>
            </Show>
            {status::status_line(cx.clone())}
            {error::error_box(cx.clone())}
            {verdict::pdf_details(cx.clone())}
        </div>
    }
}
