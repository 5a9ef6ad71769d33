//! Signature records (the engine's truth), document bytes and form records.

use infoplus_signature_core::Signature;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::{Store, StoreError};
use crate::ids::now_ms;

/// A stored Signature and its version.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub signature: Signature,
    /// Strong, quoted entity tag: a hash of the stored JSON, so identical
    /// content always has the identical tag.
    pub etag: String,
}

/// The result of a conditional write.
#[derive(Debug)]
pub enum WriteOutcome {
    Written(Record),
    /// The stored version was not the expected one.
    Conflict,
}

/// The canonical stored form of a Signature.
pub fn to_stored_json(signature: &Signature) -> Result<String, StoreError> {
    serde_json::to_string(signature).map_err(|e| StoreError::Json(e.to_string()))
}

pub fn etag_of(json: &str) -> String {
    format!("\"{}\"", hex::encode(Sha256::digest(json.as_bytes())))
}

fn parse(json: &str) -> Result<Signature, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Json(e.to_string()))
}

impl Store {
    pub fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let row: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT json, etag FROM signatures WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(json, etag)| {
            Ok(Record {
                signature: parse(&json)?,
                etag,
            })
        })
        .transpose()
    }

    /// The record, allocating an empty one (one default seal) on first read:
    /// the engine owns the field from the moment anyone asks for it.
    pub fn record_or_allocate(&self, id: &str) -> Result<Record, StoreError> {
        if let Some(record) = self.record(id)? {
            return Ok(record);
        }
        let empty = Signature {
            id: Some(id.to_owned()),
            ..Signature::default()
        }
        .normalize();
        let json = to_stored_json(&empty)?;
        self.conn().execute(
            "INSERT OR IGNORE INTO signatures (id, json, etag, updated) VALUES (?1, ?2, ?3, ?4)",
            params![id, json, etag_of(&json), now_ms()],
        )?;
        // Re-read: a concurrent first read may have inserted first.
        self.record(id)?
            .ok_or_else(|| StoreError::Json("record vanished after insert".to_owned()))
    }

    /// Writes `signature` if the stored version is still `expected_etag`
    /// (compare-and-swap), or unconditionally when `None`.
    pub fn write_record(
        &self,
        id: &str,
        signature: &Signature,
        expected_etag: Option<&str>,
    ) -> Result<WriteOutcome, StoreError> {
        let json = to_stored_json(signature)?;
        let etag = etag_of(&json);
        let changed = match expected_etag {
            Some(expected) => self.conn().execute(
                "UPDATE signatures SET json = ?2, etag = ?3, updated = ?4 WHERE id = ?1 AND etag = ?5",
                params![id, json, etag, now_ms(), expected],
            )?,
            None => self.conn().execute(
                "INSERT INTO signatures (id, json, etag, updated) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET json = ?2, etag = ?3, updated = ?4",
                params![id, json, etag, now_ms()],
            )?,
        };
        if changed == 0 {
            return Ok(WriteOutcome::Conflict);
        }
        Ok(WriteOutcome::Written(Record {
            signature: signature.clone(),
            etag,
        }))
    }

    pub fn put_file(&self, key: &str, signature_id: &str, bytes: &[u8]) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO files (key, signature_id, bytes, created) VALUES (?1, ?2, ?3, ?4)",
            params![key, signature_id, bytes, now_ms()],
        )?;
        Ok(())
    }

    pub fn file(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT bytes FROM files WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Replaces the bytes of an existing file (tampering on purpose).
    pub fn replace_file_bytes(&self, key: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        let changed = self.conn().execute(
            "UPDATE files SET bytes = ?2 WHERE key = ?1",
            params![key, bytes],
        )?;
        Ok(changed > 0)
    }

    /// The form data the engine exports for a Signature (JSON object).
    pub fn form(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT json FROM forms WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }

    pub fn put_form(&self, id: &str, json: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO forms (id, json) VALUES (?1, ?2)",
            params![id, json],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("sub/db.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn allocate_then_compare_and_swap() {
        let (_dir, store) = store();
        let first = store.record_or_allocate("x").unwrap();
        assert_eq!(first.signature.seals.len(), 1);
        assert_eq!(first, store.record_or_allocate("x").unwrap());
        let mut changed = first.signature.clone();
        changed.name = Some("a.pdf".into());
        let WriteOutcome::Written(second) = store
            .write_record("x", &changed, Some(&first.etag))
            .unwrap()
        else {
            panic!("expected a write");
        };
        assert_ne!(second.etag, first.etag);
        assert!(matches!(
            store
                .write_record("x", &changed, Some(&first.etag))
                .unwrap(),
            WriteOutcome::Conflict
        ));
        assert_eq!(store.record("x").unwrap().unwrap().etag, second.etag);
    }
}
