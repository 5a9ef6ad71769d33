//! PDF inspection (spec §6, §6a, §6b): does it read, how many pages, which
//! embedded signatures; for verifying them, each one's raw `/Contents`,
//! kind, coverage against the revisions of the file, the changes made after
//! it, and its DocMDP permissions.
//!
//! The object layer is our own reader ([`cos`]): per-revision
//! cross-reference sections, a table rebuilt by scanning when it is wrong,
//! encryption with the empty user password, and bounded work on any input,
//! without panicking (on wasm32 a panic would abort the whole worker).

mod byte_range;
mod changes;
mod changes_classify;
mod changes_roles;
mod changes_walks;
mod contents;
pub(crate) mod cos;
mod docmdp;
mod document;
pub(crate) mod dss;
mod fields;
mod inspection;
mod paint;
mod places;
mod revisions;
mod text;

pub(crate) use inspection::{inspect_signatures, EmbeddedSignature, Inspection, SignatureKind};

/// Does this look like a PDF at all (`%PDF-` within the first 1024 bytes, as
/// readers accept)?
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}
