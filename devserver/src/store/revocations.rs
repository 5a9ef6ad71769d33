//! Which of the provider's certificates are revoked: per issuing root and
//! serial, when and why. Written by `/dev/revoke`, read by the OCSP
//! responder and the CRLs; kept across restarts like everything else.

use rusqlite::params;

use super::{Store, StoreError};

/// One revoked certificate as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    /// The issuing root's name in URLs (`sm2`, `ecdsa`, `rsa`).
    pub ca: String,
    /// The serial in lowercase hex, big-endian without leading zeros.
    pub serial: String,
    /// Unix seconds; may lie before the revocation was recorded.
    pub revoked_at: i64,
    /// RFC 5280's CRLReason code.
    pub reason: u32,
}

impl Store {
    /// Records a revocation; revoking the same certificate again replaces
    /// its time and reason (a dev route: the latest call is what a test
    /// meant).
    pub fn put_revocation(&self, revocation: &Revocation) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO revocations (ca, serial, revoked_at, reason)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                revocation.ca,
                revocation.serial,
                revocation.revoked_at,
                revocation.reason
            ],
        )?;
        Ok(())
    }

    /// Forgets every revocation (`/dev/reset`: back to a fresh state, so
    /// one test's revoked certificate is not the next test's).
    pub fn clear_revocations(&self) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM revocations", [])?;
        Ok(())
    }

    /// Every revocation of root `ca`, oldest first.
    pub fn revocations(&self, ca: &str) -> Result<Vec<Revocation>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT ca, serial, revoked_at, reason FROM revocations
             WHERE ca = ?1 ORDER BY revoked_at, serial",
        )?;
        let rows = stmt.query_map([ca], |r| {
            Ok(Revocation {
                ca: r.get(0)?,
                serial: r.get(1)?,
                revoked_at: r.get(2)?,
                reason: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revocations_are_kept_per_root_and_a_second_one_replaces_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let store = Store::open(&path).unwrap();
        assert!(store.revocations("sm2").unwrap().is_empty());
        let first = Revocation {
            ca: "sm2".into(),
            serial: "1234".into(),
            revoked_at: 1_800_000_000,
            reason: 1,
        };
        store.put_revocation(&first).unwrap();
        let other_root = Revocation {
            ca: "rsa".into(),
            ..first.clone()
        };
        store.put_revocation(&other_root).unwrap();
        let again = Revocation {
            revoked_at: 1_700_000_000,
            reason: 4,
            ..first.clone()
        };
        store.put_revocation(&again).unwrap();
        assert_eq!(store.revocations("sm2").unwrap(), vec![again.clone()]);
        assert_eq!(store.revocations("rsa").unwrap(), vec![other_root]);
        drop(store);
        // Kept in the file.
        let reopened = Store::open(&path).unwrap();
        assert_eq!(reopened.revocations("sm2").unwrap(), vec![again]);
    }
}
