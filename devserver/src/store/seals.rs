//! The provider's seals and their key pairs.

use rusqlite::params;

use super::{Store, StoreError};

/// A seal as stored: who holds it and its keys (PEM).
#[derive(Debug, Clone, PartialEq)]
pub struct SealRow {
    pub id: String,
    pub name: String,
    pub seal_type: String,
    /// Canonical algorithm name (spec §6).
    pub algorithm: String,
    /// Account and display name of the seal's owner (shown on the image).
    pub owner: String,
    pub owner_name: String,
    /// Accounts that may use the seal.
    pub holders: Vec<String>,
    pub private_pem: String,
    pub public_pem: String,
}

impl Store {
    pub fn seals(&self) -> Result<Vec<SealRow>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, name, seal_type, algorithm, owner, owner_name, holders, private_pem, public_pem
             FROM seals ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                SealRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    seal_type: r.get(2)?,
                    algorithm: r.get(3)?,
                    owner: r.get(4)?,
                    owner_name: r.get(5)?,
                    holders: Vec::new(),
                    private_pem: r.get(7)?,
                    public_pem: r.get(8)?,
                },
                r.get::<_, String>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (mut seal, holders) = row?;
            seal.holders =
                serde_json::from_str(&holders).map_err(|e| StoreError::Json(e.to_string()))?;
            Ok(seal)
        })
        .collect()
    }

    pub fn seal(&self, id: &str) -> Result<Option<SealRow>, StoreError> {
        Ok(self.seals()?.into_iter().find(|s| s.id == id))
    }

    pub fn insert_seal(&self, seal: &SealRow) -> Result<(), StoreError> {
        let holders =
            serde_json::to_string(&seal.holders).map_err(|e| StoreError::Json(e.to_string()))?;
        self.conn().execute(
            "INSERT OR IGNORE INTO seals
             (id, name, seal_type, algorithm, owner, owner_name, holders, private_pem, public_pem)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                seal.id,
                seal.name,
                seal.seal_type,
                seal.algorithm,
                seal.owner,
                seal.owner_name,
                holders,
                seal.private_pem,
                seal.public_pem
            ],
        )?;
        Ok(())
    }
}
