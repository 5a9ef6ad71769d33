//! SQLite storage: Signature records, document files, form records, seals,
//! sign requests, provider sessions, the provider's PKI and which of its
//! certificates are revoked.
//!
//! One connection behind a mutex: every statement is a few microseconds, the
//! dev server serves one developer, and a single writer keeps compare-and-swap
//! updates simple.

mod pki;
mod records;
mod requests;
mod revocations;
mod seals;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

pub use pki::SealCertificate;
pub use records::{Record, WriteOutcome};
pub use requests::{Session, SignRequest};
pub use revocations::Revocation;
pub use seals::SealRow;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the database directory {path}: {source}")]
    Dir {
        path: String,
        source: std::io::Error,
    },
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored JSON is unreadable: {0}")]
    Json(String),
}

pub struct Store {
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS signatures (
    id TEXT PRIMARY KEY, json TEXT NOT NULL, etag TEXT NOT NULL, updated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    key TEXT PRIMARY KEY, signature_id TEXT NOT NULL, bytes BLOB NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS forms (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seals (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, seal_type TEXT NOT NULL, algorithm TEXT NOT NULL,
    owner TEXT NOT NULL, owner_name TEXT NOT NULL, holders TEXT NOT NULL,
    private_pem TEXT NOT NULL, public_pem TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sign_requests (
    token TEXT PRIMARY KEY, signature_id TEXT NOT NULL, seal INTEGER NOT NULL,
    return_url TEXT NOT NULL, state TEXT NOT NULL, created INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS pki (name TEXT PRIMARY KEY, pem TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seal_certificates (seal_id TEXT PRIMARY KEY, cert_pem TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revisions (key TEXT PRIMARY KEY, previous TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revocations (
    ca TEXT NOT NULL, serial TEXT NOT NULL, revoked_at INTEGER NOT NULL, reason INTEGER NOT NULL,
    PRIMARY KEY (ca, serial));
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, account TEXT NOT NULL, csrf TEXT NOT NULL, created INTEGER NOT NULL);
";

impl Store {
    /// Opens the database, creating its directory and tables on first start.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        // WAL: readers (another devserver, a sqlite3 shell) do not block us.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent
        // (statements are atomic), so a poisoned lock is still usable.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
