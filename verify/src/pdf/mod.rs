//! PDF inspection with the `pdf` crate (spec §6): does it parse, how many
//! pages, which embedded signatures and whether their `/ByteRange` covers the
//! whole file; and for verifying them (§6a, [`inspect_signatures`]) each
//! one's raw `/Contents`, kind, coverage against the revisions of the file,
//! the classes of the changes made after it, and its DocMDP permissions.
//! Never panics into its caller.
//!
//! The `pdf` crate panics on some malformed files (see `fuzz/` and
//! `tests/pdf/crashers/`). Natively [`inspect`] catches that; on wasm32 a
//! panic aborts the module instead, so `precheck` turns the inputs known to
//! reach those panics (or runaway allocations) away before the crate sees
//! them, and the work is capped (`document::MAX_OBJECTS`, the field walk's
//! limits, a per-inspection cache so no object stream is inflated twice).

mod byte_range;
mod changes;
mod changes_classify;
mod changes_roles;
mod changes_walks;
mod contents;
mod docmdp;
mod document;
mod encrypted;
mod fields;
mod inspection;
mod memo;
mod precheck;
mod revisions;
mod text;
mod xref_entry;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use inspection::{EmbeddedSignature, Inspection, SignatureKind};

/// Does this look like a PDF at all (`%PDF-` within the first 1024 bytes, as
/// readers accept)?
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Everything the file says about its signatures (§6a): per signature its
/// listing, raw `/Contents`, kind, coverage, later changes and DocMDP; or
/// why the file cannot be read, in words.
pub fn inspect_signatures(bytes: &[u8]) -> Result<Inspection, String> {
    catch_unwind(AssertUnwindSafe(|| inspection::unguarded(bytes))).unwrap_or_else(|_| {
        Err("the PDF reader failed on this file (an internal error in the `pdf` crate)".to_owned())
    })
}

/// [`inspect_signatures`] without catching panics (for the fuzzer).
#[cfg(feature = "fuzzing")]
pub fn inspect_signatures_unguarded(bytes: &[u8]) -> Result<Inspection, String> {
    inspection::unguarded(bytes)
}
