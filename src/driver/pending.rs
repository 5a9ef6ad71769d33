//! The pending sign requests, kept in `sessionStorage` across the trip to
//! the service: written when leaving (stamping), claimed when coming back
//! (returning, or the popup's message). Used by both parts, so it is a
//! leaf of its own.

use infoplus_signature_core::pending::PendingStore;

use crate::browser::session_storage;

/// Where pending sign requests are kept (one map for all controls).
const PENDING_KEY: &str = "infoplus-signature:pending";

/// Read the pending store from `sessionStorage`, change it and write it
/// back. `None` without storage (privacy modes): a return then cannot be
/// matched, and the control only re-reads S1.
pub(super) fn update_pending<T>(change: impl FnOnce(&mut PendingStore) -> T) -> Option<T> {
    let storage = session_storage().ok()?;
    let stored = storage.get_item(PENDING_KEY).ok().flatten();
    let mut store = PendingStore::from_json(stored.as_deref());
    let result = change(&mut store);
    let _ = storage.set_item(PENDING_KEY, &store.to_json());
    Some(result)
}
