//! Pure core of the InfoPlus signature control.
//!
//! No browser, no network, no clock, no randomness: everything here is a
//! function of its inputs, so it is tested natively and runs the same in the
//! control, in the verify worker, in the `seal-verify` CLI and in the devserver.

pub mod in_app;
mod json;
pub mod machine;
pub mod model;
pub mod pending;
pub mod redirect;
pub mod time;
pub mod url;
pub mod verdict;
mod verdict_json;
pub mod verdict_pdf;
mod verdict_pdf_json;
pub mod verify_protocol;
pub mod wire;

pub use model::{Permission, Seal, Signature, Signer, PDF_MIME};
pub use verdict::{SealReport, SealVerdict, VerifyReport};
pub use wire::{parse_signature, signature_from_str, signature_from_value, Response, WireError};
