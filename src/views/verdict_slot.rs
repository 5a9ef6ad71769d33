//! The verdict views (`verdict.rs`) and their texts, reached only through
//! here: they are needed only after a verify, so they are in the verify
//! part (see `crate::parts`), not in the first download. The verify part
//! registers them when it first runs ([`register`], called from
//! `driver::parts::verify_part`), before any verdict can exist; the seal
//! cards and the status line then render them like any other view. Until
//! then there is no verdict to show, and [`seal`]/[`pdf`] render nothing.

use std::cell::Cell;

use infoplus_signature_core::verdict::{PdfReport, SealVerdict};
use leptos::prelude::*;

use super::verdict;
use crate::i18n::Lang;

#[derive(Clone, Copy)]
struct Views {
    seal: fn(Lang, SealVerdict) -> AnyView,
    pdf: fn(Lang, PdfReport) -> AnyView,
}

thread_local! {
    static VIEWS: Cell<Option<Views>> = const { Cell::new(None) };
}

/// Make the verdict views available (the verify part calls this).
pub fn register() {
    VIEWS.with(|v| {
        v.set(Some(Views {
            seal: |lang, v| verdict::seal_verdict(lang)(v),
            pdf: |lang, r| verdict::pdf_report(lang)(r),
        }))
    });
}

fn views() -> Option<Views> {
    VIEWS.with(Cell::get)
}

/// A seal's verdict under its card.
pub fn seal(lang: Lang) -> impl Fn(SealVerdict) -> Option<AnyView> {
    move |v| views().map(|views| (views.seal)(lang, v))
}

/// What the PDF says about itself, below the seals.
pub fn pdf(lang: Lang) -> impl Fn(PdfReport) -> Option<AnyView> {
    move |r| views().map(|views| (views.pdf)(lang, r))
}
