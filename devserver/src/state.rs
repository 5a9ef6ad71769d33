//! Shared application state: what the handlers need, built once by the
//! composition root (`app.rs`). Holds things; does nothing on its own.

use std::sync::Arc;

use crate::config::Config;
use crate::domain::Sealing;
use crate::faults::FaultSwitches;
use crate::pdf::CjkFont;
use crate::pki::DevPki;
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
    /// The CJK font the exported documents and seals are written with.
    font: CjkFont,
    /// The provider's roots and TSA (kept in the store).
    pki: DevPki,
}

/// What `AppState::new` holds besides the configuration.
pub struct Parts {
    pub store: Store,
    pub extra_origins: Vec<url::Origin>,
    pub faults: Arc<FaultSwitches>,
    pub font: CjkFont,
    pub pki: DevPki,
}

impl AppState {
    pub fn new(config: Config, parts: Parts) -> AppState {
        let Parts {
            store,
            extra_origins,
            faults,
            font,
            pki,
        } = parts;
        AppState(Arc::new(Inner {
            config,
            store,
            extra_origins,
            faults,
            font,
            pki,
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

    pub fn font(&self) -> &CjkFont {
        &self.0.font
    }

    pub fn pki(&self) -> &DevPki {
        &self.0.pki
    }

    /// Everything stamping and exporting need, for the domain layer.
    pub fn sealing(&self) -> Sealing<'_> {
        self.sealing_from(None)
    }

    /// [`AppState::sealing`] for a request that reached the devserver at
    /// `origin` (see `revocation::request_origin`).
    pub fn sealing_from<'a>(&'a self, origin: Option<&'a str>) -> Sealing<'a> {
        Sealing {
            store: &self.0.store,
            font: &self.0.font,
            pki: &self.0.pki,
            origin,
        }
    }
}
