//! Reference InfoPlus engine, signature service and sealing-provider
//! simulator for developing the `<infoplus-signature>` control.
//!
//! Everything runs in one process over one SQLite file so that a developer
//! (or a test) can start the whole world with `serve(config, listener)`.

mod app;
mod certificates;
mod config;
mod demo;
mod dev;
mod dev_documents;
mod domain;
mod engine;
mod error;
mod faults;
mod html;
mod http;
mod ids;
mod keys;
pub mod leave;
mod logging;
pub mod pdf;
mod pki;
mod provider;
mod return_url;
mod revocation;
mod seal_image;
mod seals;
mod service;
mod state;
mod static_files;
mod store;

pub use app::build_app;
pub use config::Config;
pub use error::StartError;
pub use revocation::{validation_data, RevocationError, ValidationData};

/// Serves the application on an already bound listener until the process
/// ends. Tests bind `127.0.0.1:0` and pass the listener in.
pub async fn serve(config: Config, listener: tokio::net::TcpListener) -> Result<(), StartError> {
    let app = build_app(config)?;
    axum::serve(listener, app).await.map_err(StartError::Io)
}
