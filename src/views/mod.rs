//! The control's views: the machine's state turns into plain models
//! (`model`), and each model into DOM. Text from the engine is always
//! rendered as text; only http(s)/relative image URLs are used. User
//! intents leave through one callback.

#[cfg(target_arch = "wasm32")]
mod document;
mod document_model;
mod model;
mod names;
mod pdf_model;
mod pdf_seal_model;
#[cfg(target_arch = "wasm32")]
mod pdfjs;
#[cfg(target_arch = "wasm32")]
mod preview;
pub mod preview_model;
#[cfg(target_arch = "wasm32")]
mod preview_region;
#[cfg(target_arch = "wasm32")]
mod seal;
#[cfg(target_arch = "wasm32")]
mod status;
#[cfg(target_arch = "wasm32")]
mod styles;
mod time;
#[cfg(target_arch = "wasm32")]
mod verdict;
#[cfg(target_arch = "wasm32")]
mod verdict_parts;
#[cfg(target_arch = "wasm32")]
mod zone;

pub use document_model::DocumentModel;
pub use model::{Image, SealModel, StatusModel};
pub use names::{common_name, name_and_organisation, FingerprintModel, NameModel};
pub use pdf_model::{document_verdict, BannerModel, SignatureModel, SignedVersion};
pub use pdf_seal_model::PdfSealModel;
pub use time::{local_time, parse_rfc3339, FixedZone, Zone};

use infoplus_signature_core::machine::Notice;
use infoplus_signature_core::redirect::ReturnStatus;

#[cfg(target_arch = "wasm32")]
pub use dom::*;

/// The Leptos side: the views proper.
#[cfg(target_arch = "wasm32")]
mod dom {
    use std::cell::Cell;

    use infoplus_signature_core::machine::State;
    use infoplus_signature_core::verdict::{PdfReport, SealVerdict};
    use leptos::prelude::*;

    use super::{document, seal, status};
    use crate::audit::Audit;
    use crate::i18n::Lang;

    pub use super::verdict::register as register_verdict_views;

    /// The verdict views, which live in the verify part (`crate::parts`):
    /// the first download only holds these two pointers, set when the
    /// verify part runs (always before there is a verdict to show).
    #[derive(Clone, Copy)]
    pub struct VerdictViews {
        pub seal: fn(Lang, SealVerdict) -> AnyView,
        pub pdf: fn(Lang, &PdfReport, Option<Audit>) -> AnyView,
    }

    thread_local! {
        static VERDICT_VIEWS: Cell<Option<VerdictViews>> = const { Cell::new(None) };
    }

    pub fn set_verdict_views(views: VerdictViews) {
        VERDICT_VIEWS.with(|v| v.set(Some(views)));
    }

    pub(super) fn verdict_views() -> Option<VerdictViews> {
        VERDICT_VIEWS.with(Cell::get)
    }

    /// What the user asked for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Intent {
        Stamp(usize),
        Verify(usize),
        Delete(usize),
        Retry,
        Dismiss,
    }

    /// Everything a view needs, cloned freely into closures.
    #[derive(Clone)]
    pub struct Context {
        pub state: Signal<State>,
        /// What the last verification added for an auditor.
        pub audit: Signal<Option<Audit>>,
        pub lang: Signal<Lang>,
        /// Base for relative image URLs (the engine).
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
        let seals_cx = cx.clone();
        view! {
            <div
                class="control"
                part="control"
                lang=move || lang.get().tag()
                data-state=move || state.with(|s| s.name())
            >
                {document::document_line(cx.clone())}
                <ul class="seals" part="seals">
                    // The cards are rebuilt only when the number of seals
                    // changes (a new structure); each card updates itself.
                    {move || {
                        (0..seal_count.get())
                            .map(|i| seal::seal_card(seals_cx.clone(), i))
                            .collect_view()
                    }}
                </ul>
                {status::status(cx)}
            </div>
        }
    }
}

/// `data-notice` on the status line, for styling and tests.
pub fn notice_kind(notice: &Notice) -> &'static str {
    match notice {
        Notice::Returned {
            status: ReturnStatus::Done,
            ..
        } => "done",
        Notice::Returned {
            status: ReturnStatus::Cancelled,
            ..
        } => "cancelled",
        Notice::Returned {
            status: ReturnStatus::Failed(_),
            ..
        } => "failed",
        Notice::NotSignedAfterReturn { .. } => "not-signed",
        Notice::PopupClosed { .. } => "popup-closed",
        Notice::PopupTimedOut { .. } => "popup-timeout",
        Notice::Deleted { .. } => "deleted",
        Notice::Conflict => "conflict",
        Notice::Verified { .. } => "verified",
    }
}
