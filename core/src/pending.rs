//! Sign requests that left for the service and have not come back yet.
//!
//! The browser keeps this map in `sessionStorage` (one tab, survives the
//! round trip to the service). Each entry is single use and expires after
//! [`NONCE_TTL_MS`]. Several controls on one page share the map, so a
//! return is only claimed by the control whose Signature it belongs to.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::json::Fields;
use crate::redirect::{Nonce, NONCE_TTL_MS};

/// One host-form field saved before leaving, as `FormData` would list it
/// (name, value). Checkboxes and radios appear only when checked.
pub type FormEntry = (String, String);

/// What the control remembers about a click that left for the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The Signature id the seal belongs to.
    pub id: String,
    /// Which seal was being stamped.
    pub seal: usize,
    /// When the user left, ms since the epoch.
    pub time: i64,
    /// The host form's fields at that moment, so that nothing typed is lost.
    pub form: Vec<FormEntry>,
}

/// What a returned `sig_state` turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Ours: removed from the store (single use).
    Mine(Pending),
    /// Stored, but for another control's Signature: left for that control.
    Other,
    /// Stored, but older than 30 minutes: removed.
    Expired,
    /// Not stored: never issued here, already used, or from another tab.
    Unknown,
}

/// The pending map as stored: `{"<nonce>": {"id", "seal", "time", "form":
/// [[name, value]…]}}`. Read by walking JSON values, like the Signature, so
/// the control carries one small JSON reader rather than serde's derived
/// ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PendingStore(BTreeMap<Nonce, Pending>);

impl Pending {
    fn from_value(value: Value) -> Option<Pending> {
        let mut f = Fields::of(value, "").ok()??;
        let form = match f.raw("form") {
            Value::Array(entries) => entries
                .into_iter()
                .filter_map(|entry| match entry {
                    Value::Array(pair) => match <[Value; 2]>::try_from(pair) {
                        Ok([Value::String(k), Value::String(v)]) => Some((k, v)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(Pending {
            id: f.string("id").ok()??,
            seal: usize::try_from(f.unsigned("seal").ok()??).ok()?,
            time: f.integer("time").ok()??,
            form,
        })
    }

    fn to_value(&self) -> Value {
        let form = self
            .form
            .iter()
            .map(|(k, v)| Value::Array(vec![k.clone().into(), v.clone().into()]))
            .collect();
        let mut map = Map::new();
        map.insert("id".into(), self.id.clone().into());
        map.insert("seal".into(), self.seal.into());
        map.insert("time".into(), self.time.into());
        map.insert("form".into(), Value::Array(form));
        Value::Object(map)
    }
}

impl PendingStore {
    /// Read the stored JSON. Anything unreadable counts as empty: losing a
    /// pending return only costs a refresh, never the user's data.
    pub fn from_json(text: Option<&str>) -> Self {
        let Some(Value::Object(map)) = text.and_then(|t| serde_json::from_slice(t.as_bytes()).ok())
        else {
            return PendingStore::default();
        };
        PendingStore(
            map.into_iter()
                .filter_map(|(nonce, v)| Some((Nonce(nonce), Pending::from_value(v)?)))
                .collect(),
        )
    }

    pub fn to_json(&self) -> String {
        let map: Map<String, Value> = self
            .0
            .iter()
            .map(|(nonce, p)| (nonce.as_str().to_owned(), p.to_value()))
            .collect();
        Value::Object(map).to_string()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Remember a request, dropping expired ones on the way.
    pub fn insert(&mut self, nonce: Nonce, pending: Pending) {
        self.purge(pending.time);
        self.0.insert(nonce, pending);
    }

    /// Forget a request that never left (the host cancelled the redirect).
    pub fn remove(&mut self, nonce: &Nonce) -> Option<Pending> {
        self.0.remove(nonce)
    }

    /// Drop every entry older than the TTL.
    pub fn purge(&mut self, now: i64) {
        self.0.retain(|_, p| !expired(p, now));
    }

    /// Claim a returned state for the control showing `signature_id`.
    pub fn claim(&mut self, state: &str, signature_id: &str, now: i64) -> Claim {
        let key = Nonce::from_stored(state);
        let Some(pending) = self.0.get(&key) else {
            return Claim::Unknown;
        };
        if expired(pending, now) {
            self.0.remove(&key);
            return Claim::Expired;
        }
        if pending.id != signature_id {
            return Claim::Other;
        }
        match self.0.remove(&key) {
            Some(p) => Claim::Mine(p),
            None => Claim::Unknown,
        }
    }

    /// Whether any control on the page may still claim this state.
    pub fn contains(&self, state: &str) -> bool {
        self.0.contains_key(&Nonce::from_stored(state))
    }
}

/// A time in the future (clock skew, a tampered store) is as suspect as an
/// old one.
fn expired(pending: &Pending, now: i64) -> bool {
    let age = now - pending.time;
    !(0..=NONCE_TTL_MS).contains(&age)
}

impl Nonce {
    /// A nonce as read back from a URL or the store (not checked for
    /// length: it is only ever compared with ones we issued).
    pub(crate) fn from_stored(text: &str) -> Self {
        Nonce(text.to_owned())
    }
}
