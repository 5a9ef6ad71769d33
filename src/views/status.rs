//! What the control is doing, one view per state: a placeholder before
//! anything is shown (idle, first load), and the status line below the
//! seals, which is also the ARIA live region announcing every change.

use infoplus_signature_core::machine::{Notice, Phase};
use leptos::prelude::*;

use super::{Context, Intent};

/// A skeleton seal while the first answer is awaited (purely visual: the
/// status line says the same in words).
pub fn placeholder(cx: Context) -> impl IntoView {
    let state = cx.state;
    let waiting = Memo::new(move |_| {
        state.with(|s| s.document().is_none() && !matches!(s.phase, Phase::Idle | Phase::Failed { .. }))
    });
    view! {
        <Show when=move || waiting.get()>
            <div class="placeholder" part="placeholder" aria-hidden="true">
                <span class="skeleton wide"></span>
                <span class="skeleton"></span>
            </div>
        </Show>
    }
}

/// The line under the seals: state in words, a progress bar while
/// verifying, a dismiss button for notices. Never used for failures (the
/// error box is an alert of its own).
pub fn status_line(cx: Context) -> impl IntoView {
    let state = cx.state;
    let lang = cx.lang;
    let text = Memo::new(move |_| {
        state.with(|s| match s.phase {
            Phase::Failed { .. } => String::new(),
            _ => lang.get().status(s),
        })
    });
    let notice_kind = Memo::new(move |_| state.with(|s| s.notice().map(notice_kind)));
    let progress = Memo::new(move |_| {
        state.with(|s| match &s.phase {
            Phase::Verifying { progress, .. } => Some(*progress),
            _ => None,
        })
    });
    let busy = Memo::new(move |_| state.with(|s| s.busy_seal().is_some() || matches!(s.phase, Phase::Loading { .. })));
    let dismiss = {
        let cx = cx.clone();
        move |_| cx.send(Intent::Dismiss)
    };
    view! {
        <div class="status" part="status" role="status" aria-live="polite"
            data-notice=move || notice_kind.get().unwrap_or("")
            data-busy=move || busy.get().to_string()>
            <Show when=move || busy.get()>
                <span class="spinner" aria-hidden="true"></span>
            </Show>
            <span class="status-text" part="status-text">{move || text.get()}</span>
            {move || progress.get().map(|(received, total)| match total {
                Some(total) if total > 0 => view! {
                    <progress part="progress" max=total.to_string() value=received.to_string()></progress>
                }.into_any(),
                _ => view! { <progress part="progress"></progress> }.into_any(),
            })}
            <Show when=move || notice_kind.get().is_some()>
                <button type="button" class="dismiss-button" part="dismiss-button"
                    on:click=dismiss.clone()>
                    {move || lang.get().dismiss()}
                </button>
            </Show>
        </div>
    }
}

/// `data-notice` on the status line, for styling and tests.
fn notice_kind(notice: &Notice) -> &'static str {
    use infoplus_signature_core::redirect::ReturnStatus;
    match notice {
        Notice::Returned { status: ReturnStatus::Done, .. } => "done",
        Notice::Returned { status: ReturnStatus::Cancelled, .. } => "cancelled",
        Notice::Returned { status: ReturnStatus::Failed(_), .. } => "failed",
        Notice::NotSignedAfterReturn { .. } => "not-signed",
        Notice::PopupClosed { .. } => "popup-closed",
        Notice::PopupTimedOut { .. } => "popup-timeout",
        Notice::Deleted { .. } => "deleted",
        Notice::Conflict => "conflict",
        Notice::Verified { .. } => "verified",
    }
}
