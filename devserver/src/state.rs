//! Shared application state.

use std::sync::Arc;

use url::Url;

use crate::config::Config;
use crate::error::StartError;
use crate::faults::FaultSwitches;
use crate::pdf::CjkFont;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: Config,
    store: Store,
    /// `--allow-return` origins, parsed once (`scheme://host:port`).
    extra_origins: Vec<url::Origin>,
    faults: FaultSwitches,
    /// The CJK font the exported documents and seals are written with.
    font: CjkFont,
}

impl AppState {
    /// Opens the database and makes sure seals and demo records exist.
    pub fn start(config: Config) -> Result<AppState, StartError> {
        let extra_origins = config
            .allow_return
            .iter()
            .map(|o| parse_origin(o))
            .collect::<Result<Vec<_>, _>>()?;
        let font = crate::pdf::load_font()?;
        let store = Store::open(&config.db)?;
        crate::seals::ensure_seals(&store)?;
        let state = AppState(Arc::new(Inner {
            config,
            store,
            extra_origins,
            faults: FaultSwitches::default(),
            font,
        }));
        crate::demo::seed::seed_missing(&state).map_err(|e| StartError::Seed(e.to_string()))?;
        Ok(state)
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
}

fn parse_origin(raw: &str) -> Result<url::Origin, StartError> {
    let url = Url::parse(raw).map_err(|_| StartError::BadOrigin(raw.to_owned()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(StartError::BadOrigin(raw.to_owned()));
    }
    Ok(url.origin())
}
