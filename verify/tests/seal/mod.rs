//! Raw seals (§6) over messages that are not PDFs: the standard's SM2
//! example and Project Wycheproof's ECDSA cases. Unit tests of the crate
//! (a seal over a non-PDF message is never verified by the public run,
//! which refuses documents without a PDF header), included from
//! `verify/src/seal.rs`.

#[path = "../vectors/files.rs"]
mod support;

#[path = "sm2_standard.rs"]
mod sm2_standard;
#[path = "wycheproof.rs"]
mod wycheproof;

use infoplus_signature_core::{Seal, SealVerdict};

use crate::Digests;

/// One seal over the exact bytes of `message`, as the run checks a raw seal.
fn verify_seal(seal: &Seal, message: &[u8]) -> SealVerdict {
    crate::seal::verify_seal(seal, message, &Digests::new())
}
