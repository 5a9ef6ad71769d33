//! The reference provider's PDF writing, as pure functions over bytes (no
//! HTTP, no store):
//!
//! - [`export::render`]: the leave form as a one-page PDF, its text written
//!   with an embedded CJK font subset, one box per seal, and where each box
//!   is recorded in the catalog (`/InfoPlusSeals`);
//! - [`placement::find_placement`]: where a seal goes on a document;
//! - [`incremental::prepare_signature`]: one incremental update with a
//!   signature field, its visible seal and a `/Contents` gap, which
//!   [`incremental::Prepared::finish`] fills with the CMS from the caller
//!   (or an invisible document timestamp field);
//! - [`dss::append_dss`]: one incremental update with validation data.

pub mod appearance;
pub mod dss;
pub mod export;
pub mod font;
pub mod incremental;
pub mod placement;
mod previous;
mod revision;
mod signing_changes;
mod text_search;

pub use appearance::SealAppearance;
pub use font::{load_font, CjkFont, FontError, FONT_PATHS};
pub use incremental::{
    prepare_signature, ContentsFormat, Prepared, SignatureFields, CONTENTS_CAPACITY,
};
pub use placement::{find_placement, Placement};

/// The catalog key under which [`export::render`] records its seal boxes:
/// an array of `<< /Index i /Page ref /Rect [x1 y1 x2 y2] /PlaceHolder text >>`.
pub const SEALS_KEY: &[u8] = b"InfoPlusSeals";

/// Why a document could not be read or a signature revision not written.
#[derive(Debug, thiserror::Error)]
pub enum PdfWriteError {
    #[error("the document is not a readable PDF: {0}")]
    Unreadable(String),
    #[error("the document's cross-reference data is damaged; it cannot be updated incrementally")]
    DamagedXref,
    #[error("the document is encrypted; it cannot be sealed")]
    Encrypted,
    #[error("the document is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the document has no page {0}")]
    NoPage(usize),
    #[error("the document's structure is not usable: {0}")]
    Malformed(String),
    #[error("a signature field named {0:?} exists already")]
    DuplicateField(String),
    #[error("the signature is {need} bytes; the reserved space holds {capacity}")]
    SignatureTooLarge { need: usize, capacity: usize },
    #[error("{0}")]
    Font(#[from] FontError),
}

impl From<lopdf::Error> for PdfWriteError {
    fn from(e: lopdf::Error) -> Self {
        PdfWriteError::Unreadable(e.to_string())
    }
}
