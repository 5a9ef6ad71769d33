//! Shared application state: what the handlers need, built once by the
//! composition root (`app.rs`). Holds things; does nothing on its own.

use std::sync::Arc;

use crate::config::Config;
use crate::faults::FaultSwitches;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: Config,
    store: Store,
    /// `--allow-return` origins, parsed once (`scheme://host:port`).
    extra_origins: Vec<url::Origin>,
    /// Also held by the fault layer; all off without `--dev-faults`.
    faults: Arc<FaultSwitches>,
}

impl AppState {
    pub fn new(
        config: Config,
        store: Store,
        extra_origins: Vec<url::Origin>,
        faults: Arc<FaultSwitches>,
    ) -> AppState {
        AppState(Arc::new(Inner {
            config,
            store,
            extra_origins,
            faults,
        }))
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn extra_origins(&self) -> &[url::Origin] {
        &self.0.extra_origins
    }

    pub fn faults(&self) -> &FaultSwitches {
        &self.0.faults
    }
}
