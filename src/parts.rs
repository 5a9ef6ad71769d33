//! Parts of the control that are fetched on first use.
//!
//! Most people who meet a control only look at it, or stamp once. So the
//! code for verifying (fetching the document, talking to the worker, the
//! verdict views), for leaving for the service (form snapshot, pending
//! store, popup messages) and for coming back (claiming the return,
//! restoring the form) is split off the first download. The release build
//! (`scripts/build`, feature `split`) cuts the wasm module at the entry
//! points marked with `#[cfg_attr(feature = "split", wasm_split(..))]`
//! using Leptos's code splitting (`wasm_split_helpers`, the mechanism
//! behind `#[lazy]`), and each part is fetched the first time one of its
//! entry points is called. `#[lazy]` itself is not used because it panics
//! when a part cannot be fetched, which on wasm would take down every
//! control on the page; `fallible` turns that into [`PartMissing`].
//!
//! Without the feature (tests, the Leptos component in someone else's
//! build) the entry points are plain functions and [`part!`] calls them
//! directly.

use infoplus_signature_core::machine::Problem;

/// A part of the control could not be fetched (offline, server error).
/// Nothing is lost: the caller reports it and the next attempt fetches
/// the part again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartMissing;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

impl PartMissing {
    /// As a problem shown to the user: the network failed.
    pub fn problem(self) -> Problem {
        Problem::Network {
            detail: "part of the control could not be downloaded".to_owned(),
        }
    }
}

/// `part!(entry(args))`: a future of the entry point's result, fetching
/// its part first when the build is split.
macro_rules! part {
    ($call:expr) => {
        async move {
            #[cfg(feature = "split")]
            let result = $call.await;
            #[cfg(not(feature = "split"))]
            let result = $call;
            result
        }
    };
}
pub(crate) use part;
