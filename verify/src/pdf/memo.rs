//! A per-inspection cache for the `pdf` crate's storage. The crate's
//! `NoCache` recomputes everything: every object read from an object stream
//! inflates and parses that whole stream again, so a form whose fields sit in
//! one large (and highly compressible) object stream costs fields × stream
//! size. Remembering each object stream once makes it fields + stream size.

use std::cell::RefCell;
use std::collections::HashMap;

use pdf::file::Cache;
use pdf::object::PlainRef;

/// Lives as long as one [`super::document::Document`]; never shared.
pub struct Memo<T>(RefCell<HashMap<PlainRef, T>>);

impl<T> Memo<T> {
    pub fn new() -> Self {
        Memo(RefCell::new(HashMap::new()))
    }
}

impl<T: Clone> Cache<T> for Memo<T> {
    fn get_or_compute(&self, key: PlainRef, compute: impl FnOnce() -> T) -> T {
        if let Some(known) = self.0.borrow().get(&key) {
            return known.clone();
        }
        // Not borrowed while computing: `compute` may read other objects
        // through this same cache.
        let value = compute();
        self.0.borrow_mut().insert(key, value.clone());
        value
    }

    fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    fn remove(&self, key: PlainRef) {
        self.0.borrow_mut().remove(&key);
    }
}
