//! What the server is told on the command line (see `main.rs`).

use std::path::PathBuf;

/// Server settings. `Default` gives the same values as the CLI defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// SQLite file; its parent directory is created on first start.
    pub db: PathBuf,
    /// Directory served at `/dist/` (the built control).
    pub dist: PathBuf,
    /// Enables `/dev/faults`, `/dev/tamper/{id}` and `/dev/reset`.
    pub dev_faults: bool,
    /// Origins besides the server's own that `/sign` may send users back to.
    pub allow_return: Vec<String>,
    /// This server as clients on this machine reach it (`http://host:port`),
    /// when known at start: the demo's seeded seals are stamped with no
    /// request to take it from, and their certificates name their OCSP
    /// responder and CRL there.
    pub origin: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: PathBuf::from("data/devserver.sqlite"),
            dist: PathBuf::from("dist"),
            dev_faults: false,
            allow_return: Vec::new(),
            origin: None,
        }
    }
}
