//! The driver's entry points into the parts fetched on first use (see
//! `crate::parts`): everything reachable only from here leaves the first
//! download. They take the driver weakly: a control removed while its
//! part downloads simply does nothing.

use std::rc::Weak;

#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;

use infoplus_signature_core::machine::{Mode, RequestId};
use infoplus_signature_core::pending::Pending;
use infoplus_signature_core::redirect::{Nonce, ReturnParams};
use infoplus_signature_core::Signature;

use super::start::ReturnCheck;
use super::Driver;
use crate::parts::PartMissing;

/// Leave for the service: `signature-before-redirect`, the form snapshot,
/// the pending store, then the redirect or the popup's address.
#[cfg_attr(
    feature = "split",
    wasm_split(trip, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_trip))
)]
pub(super) fn trip_part(
    driver: Weak<Driver>,
    url: String,
    nonce: Nonce,
    pending: Pending,
    mode: Mode,
) -> Result<(), PartMissing> {
    if let Some(driver) = driver.upgrade() {
        driver.go_to_service(&url, nonce, pending, mode);
    }
    Ok(())
}

/// Start fetching the trip part while the document is generated (EX), so
/// that the click costs one round trip, not two. A failure here is not
/// reported: the trip itself fetches the part again and reports.
pub(super) fn prefetch_trip() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = preload_trip().await;
    });
}

/// Fetch the document and verify in the worker; answers `Event::Verified`.
#[cfg_attr(feature = "split", wasm_split(verify, wasm_split_path = ::leptos::wasm_split, fallible))]
pub(super) fn verify_part(
    driver: Weak<Driver>,
    request: RequestId,
    signature: Signature,
    seals: Vec<usize>,
) -> Result<(), PartMissing> {
    // The verdict views come with this part; the verdict is shown by them.
    crate::views::verdict_slot::register();
    if let Some(driver) = driver.upgrade() {
        driver.fetch_and_verify(request, signature, seals);
    }
    Ok(())
}

/// Back from the service: claim the return, clean the URL, restore the
/// host form (or, inside our popup, hand the result to the opener).
#[cfg_attr(feature = "split", wasm_split(back, wasm_split_path = ::leptos::wasm_split, fallible))]
pub(super) fn return_part(
    driver: Weak<Driver>,
    url: String,
    params: ReturnParams,
) -> Result<Option<ReturnCheck>, PartMissing> {
    Ok(driver
        .upgrade()
        .map(|driver| driver.take_return(&url, params)))
}
