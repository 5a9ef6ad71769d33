//! The provider's PKI as stored: the authorities' keys and certificates
//! (PEM, by name), each seal's certificate, and which file a signed
//! revision was appended to (so a delete can go back to it exactly).

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};

/// A seal's certificate as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealCertificate {
    pub seal_id: String,
    pub cert_pem: String,
}

impl Store {
    /// Every stored PKI piece as `(name, PEM)`; empty before the first start.
    pub fn pki_pems(&self) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT name, pem FROM pki ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores all pieces in one transaction: a half-written PKI would fail
    /// every later start.
    pub fn put_pki_pems(&self, pems: &[(String, String)]) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for (name, pem) in pems {
            tx.execute(
                "INSERT OR REPLACE INTO pki (name, pem) VALUES (?1, ?2)",
                params![name, pem],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores the pieces not stored yet, leaving stored ones as they are
    /// (a racing start that stored a piece first keeps it).
    pub fn add_pki_pems(&self, pems: &[(String, String)]) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for (name, pem) in pems {
            tx.execute(
                "INSERT OR IGNORE INTO pki (name, pem) VALUES (?1, ?2)",
                params![name, pem],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn seal_certificate(&self, seal_id: &str) -> Result<Option<SealCertificate>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT seal_id, cert_pem FROM seal_certificates WHERE seal_id = ?1",
                [seal_id],
                |r| {
                    Ok(SealCertificate {
                        seal_id: r.get(0)?,
                        cert_pem: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Every seal's certificate (seals never stamped have none).
    pub fn seal_certificates(&self) -> Result<Vec<SealCertificate>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT seal_id, cert_pem FROM seal_certificates ORDER BY seal_id")?;
        let rows = stmt.query_map([], |r| {
            Ok(SealCertificate {
                seal_id: r.get(0)?,
                cert_pem: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Keeps the first certificate stored for a seal (a second start racing
    /// the first must not replace it).
    pub fn insert_seal_certificate(&self, cert: &SealCertificate) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR IGNORE INTO seal_certificates (seal_id, cert_pem) VALUES (?1, ?2)",
            params![cert.seal_id, cert.cert_pem],
        )?;
        Ok(())
    }

    /// Records that file `key` is file `previous` with one signed revision
    /// appended.
    pub fn put_revision(&self, key: &str, previous: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO revisions (key, previous) VALUES (?1, ?2)",
            params![key, previous],
        )?;
        Ok(())
    }

    /// The file `key` was appended to, if it is a signed revision.
    pub fn previous_file(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT previous FROM revisions WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        assert!(store.pki_pems().unwrap().is_empty());
        let pems = vec![("a.crt".to_owned(), "A".to_owned())];
        store.put_pki_pems(&pems).unwrap();
        assert_eq!(store.pki_pems().unwrap(), pems);
        let more = vec![
            ("a.crt".to_owned(), "not kept".to_owned()),
            ("b.crt".to_owned(), "B".to_owned()),
        ];
        store.add_pki_pems(&more).unwrap();
        assert_eq!(
            store.pki_pems().unwrap(),
            vec![pems[0].clone(), more[1].clone()]
        );
        let cert = SealCertificate {
            seal_id: "s".into(),
            cert_pem: "C".into(),
        };
        store.insert_seal_certificate(&cert).unwrap();
        store
            .insert_seal_certificate(&SealCertificate {
                cert_pem: "other".into(),
                ..cert.clone()
            })
            .unwrap();
        assert_eq!(store.seal_certificate("s").unwrap(), Some(cert.clone()));
        assert_eq!(store.seal_certificates().unwrap(), vec![cert]);
        store.put_revision("new", "old").unwrap();
        assert_eq!(store.previous_file("new").unwrap().as_deref(), Some("old"));
        assert_eq!(store.previous_file("old").unwrap(), None);
    }
}
