//! For the `verify_*` tests (included with `#[path]`; not a test target of
//! its own): the committed vectors (`files.rs`), and one seal's verdict as
//! the public run gives it.
#![allow(dead_code)]

#[path = "files.rs"]
mod files;

#[allow(unused_imports)]
pub use files::*;

use infoplus_signature_core::{Seal, SealVerdict, Signature};
use infoplus_signature_verify::{verify_all, Options};

/// The verdict of `seal` over `document`: the run (`verify_all`) over a
/// Signature holding that seal alone.
pub fn verify_seal(seal: &Seal, document: &[u8]) -> SealVerdict {
    let signature = Signature {
        seals: vec![seal.clone()],
        ..Signature::default()
    };
    let report = verify_all(&signature, document, &Options::default());
    match report.seals.as_slice() {
        [one] => one.verdict.clone(),
        other => panic!("one seal, one verdict; got {other:?}"),
    }
}
