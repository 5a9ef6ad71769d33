//! What each part of the control shows, computed from the machine's state
//! as plain data. Rendering is then a straight function of these models,
//! re-run only when a model changes; keeping the reactive surface this
//! small is what keeps the control's download small (every reactive
//! closure in Leptos is code of its own). Pure: tested natively.

use std::sync::Arc;

use infoplus_signature_core::machine::{Document, Phase, State};
use infoplus_signature_core::url::safe_url;
use infoplus_signature_core::verdict::{PdfReport, SealVerdict};
use infoplus_signature_core::Seal;

use crate::i18n::Lang;

/// How a seal's image may be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Image {
    /// Shown from this (http(s) or relative) address.
    Shown(String),
    /// The address had another scheme: not fetched, a warning instead.
    Refused,
}

/// One seal card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealModel {
    pub index: usize,
    pub lang: Lang,
    /// "Seal 1 · 申请人签章".
    pub title: String,
    /// What labels call it: placeholder, else signer, else "Seal n".
    pub name: String,
    pub signer: Option<String>,
    pub position: Option<String>,
    pub signed: bool,
    /// An operation on this seal is under way.
    pub busy: bool,
    pub image: Option<Image>,
    pub description: Option<String>,
    /// Which buttons exist, and whether they can be used right now.
    pub stamp: Option<bool>,
    pub verify: Option<bool>,
    pub delete: Option<bool>,
    /// No delete: a later PDF-signature seal builds on this one's revision
    /// (the engine would refuse with 409); the card says why instead.
    pub delete_blocked: bool,
    pub verdict: Option<SealVerdict>,
}

fn trimmed(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

/// Resolves a relative address (against the engine, in the browser).
pub type Resolve<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The image as it may be shown.
pub fn image_of(raw: Option<&str>, resolve: Resolve) -> Option<Image> {
    let raw = trimmed(raw)?;
    Some(match safe_url(raw).ok().and_then(|url| resolve(&url)) {
        Some(url) => Image::Shown(url),
        None => Image::Refused,
    })
}

impl SealModel {
    pub fn of(state: &State, index: usize, lang: Lang, resolve: Resolve) -> Option<SealModel> {
        let doc = state.document()?;
        let seal: &Seal = doc.signature.seals.get(index)?;
        let placeholder = trimmed(seal.place_holder.as_deref());
        let number = lang.seal_title(index);
        let name = placeholder
            .or(seal.signer_name())
            .map(str::to_owned)
            .unwrap_or_else(|| number.clone());
        let title = match placeholder {
            Some(p) => format!("{number} · {p}"),
            None => number,
        };
        let signer = match (seal.signer_name(), seal.signer_account()) {
            (Some(n), Some(a)) => Some(format!("{n} ({a})")),
            (Some(n), None) => Some(n.to_owned()),
            (None, Some(a)) => Some(a.to_owned()),
            (None, None) => None,
        };
        // The page the document shows it on, once a verification found
        // its PDF signature's widget; else the engine's x/y.
        let page = widget_page(doc, index);
        let position = match (&seal.x, &seal.y) {
            _ if page.is_some() => page.map(|page| lang.on_page(page)),
            // Through serde_json, not `Display` (which would pull in float
            // formatting), and its `to_string` as elsewhere in the control.
            (Some(x), Some(y)) => Some(lang.position(
                &serde_json::to_string(x).unwrap_or_default(),
                &serde_json::to_string(y).unwrap_or_default(),
            )),
            _ => None,
        };
        let signed = seal.is_signed();
        let settings = &state.settings;
        let may_change = !settings.readonly && !settings.disabled;
        let blocked = signed && may_change && state.delete_blocked(index);
        Some(SealModel {
            index,
            lang,
            title,
            name,
            signer,
            position,
            signed,
            busy: state.busy_seal() == Some(index),
            image: if signed {
                image_of(seal.image.as_deref(), resolve)
            } else {
                None
            },
            description: if signed {
                trimmed(seal.description.as_deref()).map(str::to_owned)
            } else {
                None
            },
            stamp: (!signed && may_change).then(|| state.can_stamp(index)),
            verify: (signed && !settings.disabled).then(|| state.can_verify(index)),
            delete: (signed && may_change && !blocked).then(|| state.can_delete(index)),
            delete_blocked: blocked,
            verdict: doc.verdicts.get(&index).cloned(),
        })
    }
}

/// The page of the widget of the PDF signature that seal `index` is, as
/// its verdict names it and the document's report places it.
fn widget_page(doc: &Document, index: usize) -> Option<u32> {
    let field = doc.verdicts.get(&index)?.pdf_signature()?;
    let PdfReport::Parsed { signatures, .. } = doc.pdf.as_deref()? else {
        return None;
    };
    signatures
        .iter()
        .find(|s| s.field.as_deref() == Some(field))
        .and_then(|s| s.widget)
        .map(|w| w.page)
}

/// The PDF report the state holds, compared by identity: a verification
/// replaces the report and never changes it, so a new report is a new
/// one to show, and comparing costs nothing (nor does it put a deep
/// comparison of reports into the first download).
#[derive(Debug, Clone)]
pub struct SharedPdf(pub Arc<PdfReport>);

impl PartialEq for SharedPdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedPdf {}

/// The status line and the error box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusModel {
    pub lang: Lang,
    /// The state in words (empty for failures: the error box says it).
    pub text: String,
    pub busy: bool,
    /// `data-notice`, and whether a dismiss button is offered.
    pub notice: Option<&'static str>,
    /// Bytes received and expected while verifying.
    pub progress: Option<(u64, Option<u64>)>,
    /// A failure: its code and words, and whether there is a document to go
    /// back to (then it can be dismissed).
    pub error: Option<(&'static str, String, bool)>,
    /// A skeleton is shown while nothing else can be.
    pub waiting: bool,
    pub pdf: Option<SharedPdf>,
}

impl StatusModel {
    pub fn of(state: &State, lang: Lang) -> StatusModel {
        let failure = state.failure();
        StatusModel {
            lang,
            text: if failure.is_some() {
                String::new()
            } else {
                lang.status(state)
            },
            busy: state.busy_seal().is_some() || matches!(state.phase, Phase::Loading { .. }),
            notice: state.notice().map(super::notice_kind),
            progress: match &state.phase {
                Phase::Verifying { progress, .. } => Some(*progress),
                _ => None,
            },
            error: failure.map(|f| {
                (
                    f.problem.code(),
                    lang.failure(f),
                    state.document().is_some(),
                )
            }),
            waiting: state.document().is_none()
                && !matches!(state.phase, Phase::Idle | Phase::Failed { .. }),
            pdf: state.document().and_then(|d| d.pdf.clone()).map(SharedPdf),
        }
    }
}
