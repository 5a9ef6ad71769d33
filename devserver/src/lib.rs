//! Reference InfoPlus engine, signature service and sealing-provider
//! simulator for developing the `<infoplus-signature>` control.
//!
//! Everything runs in one process over one SQLite file so that a developer
//! (or a test) can start the whole world with `serve(config, listener)`.

mod config;
mod demo;
mod dev;
mod dev_documents;
mod engine;
mod error;
mod faults;
mod html;
mod ids;
mod keys;
pub mod leave;
mod logging;
pub mod pdf;
mod provider;
mod return_url;
mod seal_image;
mod seals;
mod service;
mod state;
mod static_files;
mod store;

use axum::Router;

pub use config::Config;
pub use error::StartError;

/// Opens (or creates) the database, makes sure keys and demo records exist,
/// and returns the complete application.
pub fn build_app(config: Config) -> Result<Router, StartError> {
    let state = state::AppState::start(config)?;
    Ok(routes(state))
}

/// Serves the application on an already bound listener until the process
/// ends. Tests bind `127.0.0.1:0` and pass the listener in.
pub async fn serve(config: Config, listener: tokio::net::TcpListener) -> Result<(), StartError> {
    let app = build_app(config)?;
    axum::serve(listener, app).await.map_err(StartError::Io)
}

fn routes(state: state::AppState) -> Router {
    let dist = state.config().dist.clone();
    Router::new()
        .nest("/api", engine::routes())
        .merge(service::routes())
        .merge(provider::routes())
        .merge(demo::routes())
        .merge(dev::routes(state.config().dev_faults))
        .nest_service("/dist", static_files::service(&dist))
        .fallback(html::not_found)
        .with_state(state)
        .layer(axum::middleware::map_response(html::security_headers))
        .layer(axum::middleware::from_fn(logging::log_request))
}
