//! Verification runs in a Web Worker with its own wasm module (see
//! `worker/`), downloaded on the first verify. This side turns a download
//! into a report.

use infoplus_signature_core::machine::Problem;
use infoplus_signature_core::verdict::{SealReport, SealVerdict, VerifyReport};
use infoplus_signature_core::Signature;

use super::document::Fetched;

thread_local! {
    /// Where the control's files are (the worker sits next to them).
    static ASSET_BASE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

pub fn set_asset_base(base: Option<String>) {
    ASSET_BASE.with(|b| *b.borrow_mut() = base);
}

/// A report that says the same thing for every seal asked about.
fn same_for_all(seals: &[usize], verdict: SealVerdict) -> VerifyReport {
    VerifyReport {
        seals: seals
            .iter()
            .map(|&index| SealReport {
                index,
                verdict: verdict.clone(),
            })
            .collect(),
        pdf: None,
    }
}

pub async fn verify(
    fetched: Fetched,
    _signature: &Signature,
    seals: &[usize],
    limit: u64,
) -> Result<VerifyReport, Problem> {
    match fetched {
        Fetched::Unavailable(reason) => {
            Ok(same_for_all(seals, SealVerdict::Unavailable { reason }))
        }
        Fetched::TooLarge { size } => {
            Ok(same_for_all(seals, SealVerdict::TooLarge { limit, size }))
        }
        Fetched::Bytes { .. } => Err(Problem::Verifier {
            detail: "verification is not available yet".to_owned(),
        }),
    }
}
