//! The composition root: the only place that knows every part. It loads the
//! CJK font, opens the store, makes sure the seal keys, the provider's
//! authorities and the demo records exist, builds the state,
//! and assembles the router, adding the fault layer only with
//! `--dev-faults`.

use std::sync::Arc;

use axum::Router;
use url::Url;

use crate::config::Config;
use crate::domain::Sealing;
use crate::error::StartError;
use crate::faults::FaultSwitches;
use crate::state::{AppState, Parts};
use crate::store::Store;

/// Opens (or creates) the database, makes sure keys and demo records exist,
/// and returns the complete application.
pub fn build_app(config: Config) -> Result<Router, StartError> {
    let extra_origins = config
        .allow_return
        .iter()
        .map(|o| parse_origin(o))
        .collect::<Result<Vec<_>, _>>()?;
    // Before the database: a missing font is a start error that says which
    // package to install, not a failed export later.
    let font = crate::pdf::load_font()?;
    let store = Store::open(&config.db)?;
    crate::seals::ensure_seals(&store)?;
    let pki = crate::certificates::ensure_pki(&store)?;
    let sealing = Sealing {
        store: &store,
        font: &font,
        pki: &pki,
        // Seeding is no request: the origin the server was started on.
        origin: config.origin.as_deref(),
    };
    crate::demo::seed::seed_missing(sealing).map_err(|e| StartError::Seed(e.to_string()))?;
    let faults = Arc::new(FaultSwitches::default());
    let parts = Parts {
        store,
        extra_origins,
        faults: faults.clone(),
        font,
        pki,
    };
    let state = AppState::new(config, parts);
    Ok(routes(state, faults))
}

fn routes(state: AppState, faults: Arc<FaultSwitches>) -> Router {
    let dev_faults = state.config().dev_faults;
    let dist = state.config().dist.clone();
    let mut api = crate::engine::routes();
    if dev_faults {
        // Inside CORS, so injected answers carry the same headers as real ones.
        api = api.route_layer(axum::middleware::from_fn_with_state(
            faults,
            crate::faults::layer::inject,
        ));
    }
    Router::new()
        .nest("/api", api.layer(crate::http::cors()))
        .merge(crate::service::routes())
        .merge(crate::provider::routes())
        .merge(crate::demo::routes())
        .merge(crate::revocation::routes())
        .merge(crate::dev::routes(dev_faults))
        .nest_service("/dist", crate::static_files::service(&dist))
        .fallback(crate::html::not_found)
        .with_state(state)
        .layer(axum::middleware::map_response(
            crate::html::security_headers,
        ))
        .layer(axum::middleware::from_fn(crate::logging::log_request))
}

fn parse_origin(raw: &str) -> Result<url::Origin, StartError> {
    let url = Url::parse(raw).map_err(|_| StartError::BadOrigin(raw.to_owned()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(StartError::BadOrigin(raw.to_owned()));
    }
    Ok(url.origin())
}
