//! A failure: the step that failed and why, in words, with Retry. The last
//! good structure stays on screen above it.

use leptos::prelude::*;

use super::{Context, Intent};

pub fn error_box(cx: Context) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let failure = Memo::new(move |_| state.with(|s| s.failure().cloned()));
    let retry = {
        let cx = cx.clone();
        move |_| cx.send(Intent::Retry)
    };
    let dismiss = {
        let cx = cx.clone();
        move |_| cx.send(Intent::Dismiss)
    };
    let has_document = Memo::new(move |_| state.with(|s| s.document().is_some()));
    move || {
        failure.get().map(|f| {
            let (retry, dismiss) = (retry.clone(), dismiss.clone());
            let code = f.problem.code();
            let text = move || lang.get().failure(&f);
            view! {
                <div class="error" part="error" role="alert" data-code=code>
                    <p class="error-text" part="error-text">{text}</p>
                    <div class="error-actions">
                        <button type="button" class="retry-button" part="retry-button"
                            on:click=retry>
                            {move || lang.get().retry()}
                        </button>
                        <Show when=move || has_document.get()>
                            <button type="button" class="dismiss-button" part="dismiss-button"
                                on:click=dismiss.clone()>
                                {move || lang.get().dismiss()}
                            </button>
                        </Show>
                    </div>
                </div>
            }
        })
    }
}
