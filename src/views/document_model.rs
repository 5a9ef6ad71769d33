//! The document line: the name and size of the document being sealed (or
//! sealed), and a link that opens it in a new tab. Only an http(s) or
//! relative address is linked (spec §8); any other is named but not
//! linked. Pure: tested natively.

use infoplus_signature_core::machine::State;
use infoplus_signature_core::url::safe_url;

use super::model::Resolve;
use crate::i18n::{human_bytes, Lang};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentModel {
    /// The Signature's `name`, else the last path segment of its `uri`.
    pub name: String,
    /// "88 KB", when the engine said.
    pub size: Option<String>,
    /// The resolved address to open; `None` when there is none or it was
    /// refused.
    pub href: Option<String>,
    /// The address had a scheme other than http(s): not linked.
    pub refused: bool,
    /// The link's accessible name: "Open leave.pdf (88 KB) in a new tab".
    pub label: String,
}

impl DocumentModel {
    /// Without a `uri` (before the first export, which stamping does), a
    /// line saying the document comes with the first stamp, when there is
    /// a seal to stamp; otherwise `None`.
    pub fn of(state: &State, lang: Lang, resolve: Resolve) -> Option<DocumentModel> {
        let signature = &state.document()?.signature;
        let uri = signature
            .uri
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let Some(uri) = uri else {
            let stampable = (0..signature.seals.len()).any(|i| state.can_stamp(i));
            return stampable.then(|| DocumentModel {
                name: lang.document_at_stamp().to_owned(),
                size: None,
                href: None,
                refused: false,
                label: String::new(),
            });
        };
        let safe = safe_url(uri).ok();
        let href = safe.as_deref().and_then(resolve);
        let name = signature
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .or_else(|| safe.as_deref().and_then(last_segment))
            .unwrap_or_else(|| lang.document().to_owned());
        let size = signature.size.map(human_bytes);
        let label = lang.open_document(&name, size.as_deref());
        Some(DocumentModel {
            name,
            size,
            refused: safe.is_none(),
            href,
            label,
        })
    }
}

/// `leave.pdf` of `/api/files/leave.pdf?x=1`; `None` for an empty one.
fn last_segment(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let segment = path.rsplit('/').next()?.trim();
    (!segment.is_empty()).then(|| segment.to_owned())
}
