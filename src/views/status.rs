//! Everything below the seals, from one model: a skeleton while the first
//! answer is awaited, the status line (the ARIA live region announcing
//! each change, with a progress bar while verifying), the error box with
//! Retry, and what the PDF says about itself after a verify.

use leptos::prelude::*;

use super::model::StatusModel;
use super::{verdict_views, Context, Intent};

pub fn status(cx: Context) -> impl IntoView {
    let (state, lang) = (cx.state, cx.lang);
    let model = Memo::new(move |_| {
        let lang = lang.get();
        state.with(|s| StatusModel::of(s, lang))
    });
    move || render(model.get(), cx.clone())
}

fn render(m: StatusModel, cx: Context) -> impl IntoView {
    let lang = m.lang;
    let progress = m.progress.map(|(received, total)| match total {
        Some(total) if total > 0 => view! {
            <progress part="progress" max=total.to_string() value=received.to_string()></progress>
        }
        .into_any(),
        _ => view! { <progress part="progress"></progress> }.into_any(),
    });
    let dismiss = {
        let cx = cx.clone();
        move |_| cx.send(Intent::Dismiss)
    };
    let notice_dismiss = m.notice.map(|_| {
        let dismiss = dismiss.clone();
        view! {
            <button type="button" class="dismiss-button" part="dismiss-button" on:click=dismiss>
                {lang.dismiss()}
            </button>
        }
    });
    let error = m.error.map(|(code, text, dismissable)| {
        let retry = {
            let cx = cx.clone();
            move |_| cx.send(Intent::Retry)
        };
        view! {
            <div class="error" part="error" role="alert" data-code=code>
                <p class="error-text" part="error-text">{text}</p>
                <div class="error-actions">
                    <button type="button" class="retry-button" part="retry-button" on:click=retry>
                        {lang.retry()}
                    </button>
                    {dismissable.then(|| view! {
                        <button type="button" class="dismiss-button" part="dismiss-button" on:click=dismiss>
                            {lang.dismiss()}
                        </button>
                    })}
                </div>
            </div>
        }
    });
    view! {
        {m.waiting.then(|| view! {
            <div class="placeholder" part="placeholder" aria-hidden="true">
                <span class="skeleton wide"></span>
                <span class="skeleton"></span>
            </div>
        })}
        <div class="status" part="status" role="status" aria-live="polite"
            data-notice=m.notice.unwrap_or("") data-busy=m.busy.to_string()>
            {m.busy.then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
            <span class="status-text" part="status-text">{m.text}</span>
            {progress}
            {notice_dismiss}
        </div>
        {error}
        {m.pdf.and_then(|pdf| verdict_views().map(|views| (views.pdf)(lang, &pdf.0, cx.audit.get())))}
    }
}
