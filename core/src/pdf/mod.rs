//! PDF inspection with the `pdf` crate (spec §6): does it parse, how many
//! pages, which embedded signatures and whether their `/ByteRange` covers the
//! whole file. Never panics into its caller.
//!
//! The `pdf` crate panics on some malformed files (see `fuzz/` and
//! `tests/pdf/crashers/`). Natively [`inspect`] catches that; on wasm32 a
//! panic aborts the module instead, so `precheck` turns the inputs known to
//! reach those panics (or runaway allocations) away before the crate sees
//! them, and the work is capped (`document::MAX_OBJECTS`, the field walk's
//! limits, a per-inspection cache so no object stream is inflated twice).

mod byte_range;
mod document;
mod encrypted;
mod fields;
mod memo;
mod precheck;
mod text;

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::verdict::PdfReport;
use document::{open_failure, Document, ReadError};

/// Does this look like a PDF at all (`%PDF-` within the first 1024 bytes, as
/// readers accept)?
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Read what the PDF says about itself: page count and embedded signatures,
/// or why it cannot be read.
pub fn inspect(bytes: &[u8]) -> PdfReport {
    catch_unwind(AssertUnwindSafe(|| inspect_unguarded(bytes))).unwrap_or_else(|_| {
        unreadable(
            "the PDF reader failed on this file (an internal error in the `pdf` crate)".to_owned(),
        )
    })
}

/// [`inspect`] without catching panics: for the fuzzer, which must see the
/// crate's panics to find them. Everyone else calls [`inspect`].
#[doc(hidden)]
pub fn inspect_unguarded(bytes: &[u8]) -> PdfReport {
    if let Err(reason) = precheck::check(bytes) {
        return unreadable(reason);
    }
    let doc = match Document::open(bytes) {
        Ok(doc) => doc,
        Err(error) => return unreadable(open_failure(&error)),
    };
    let catalog = match doc.trailer().get("Root") {
        Some(root) => doc.dictionary(root, "/Root"),
        None => Err(ReadError::Missing("/Root")),
    };
    let catalog = match catalog {
        Ok(catalog) => catalog,
        Err(error) => {
            return unreadable(format!(
                "its document catalog cannot be read: {}",
                error.describe()
            ))
        }
    };
    let pages = match page_count(&doc, &catalog) {
        Ok(pages) => pages,
        Err(error) => {
            return unreadable(format!(
                "its page tree cannot be read: {}",
                error.describe()
            ))
        }
    };
    PdfReport::Parsed {
        verdict: None,
        pages,
        signatures: fields::signatures(&doc, &catalog, bytes.len()),
    }
}

/// `/Count` of the page tree root: what PDF readers show as the page count.
fn page_count(doc: &Document, catalog: &pdf::primitive::Dictionary) -> Result<u32, ReadError> {
    let pages = match catalog.get("Pages") {
        Some(pages) => doc.dictionary(pages, "/Pages")?,
        None => return Err(ReadError::Missing("/Pages")),
    };
    match pages.get("Count").map(|count| doc.resolve(count)) {
        Some(Ok(pdf::primitive::Primitive::Integer(count))) => {
            u32::try_from(count).map_err(|_| ReadError::Missing("/Count"))
        }
        Some(Err(error)) => Err(error),
        _ => Err(ReadError::Missing("/Count")),
    }
}

fn unreadable(reason: String) -> PdfReport {
    PdfReport::Unreadable { reason }
}
