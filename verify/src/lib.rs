//! Verification, one engine for the verify worker, `seal-verify` and the
//! devserver: raw seals over the document bytes (spec §6), the PDF's own
//! signatures (§6a) and the documents the world makes (§6b). Verify-only,
//! no randomness, no clock: runs natively and in wasm, and never panics on
//! what a seal or a document contains.
//!
//! - [`algorithm`]: the one table of signature algorithms; [`oid`]: the
//!   one table of object identifiers; inside the crate, `key`: the one key
//!   reader, `pki`: the one certificate type, trust and chains, `cms` and
//!   `pdf`: the readers.
//! - [`run`]: one verification run (the document read once, each CMS
//!   parsed once, two steps merged in one place), what the worker and
//!   `seal-verify` do; [`verify_all`] for both steps at once.
//!
//! Only the entry points are public; everything else is the crate's own,
//! its tests included (unit tests beside what they test, integration tests
//! through [`verify_all`] and [`Run`]). The `fuzzing` feature adds the
//! entry points of the fuzz targets (`fuzz/`).

// The model and the report types live in the core, which the control
// shares without any of the crypto below.
pub(crate) use infoplus_signature_core::{model, verdict, verdict_pdf};

pub mod algorithm;
mod cms;
mod digest;
mod embedded;
mod error;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod hash;
mod key;
pub mod oid;
#[cfg(feature = "online")]
pub mod online;
mod pdf;
mod pki;
mod revocation;
pub mod run;
mod seal;
mod text;
/// One calendar for the verifier and the control (the core's).
pub use infoplus_signature_core::time;

pub use digest::{Digests, Ranges};
pub use embedded::ValidationTime;
pub use error::CryptoError;
pub use hash::Hash;
pub use pdf::dss::ValidationData;
pub use run::{
    report_without_document, seals_by_document_sha256, verify_all, Document, Options, Run,
    DEFAULT_MAX_DOCUMENT_BYTES,
};

/// The distinguishing id SM2 signatures are checked with (GM/T 0009, §6).
pub const SM2_DISTINGUISHING_ID: &str = "1234567812345678";
