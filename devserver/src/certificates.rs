//! The provider's certificates, kept in SQLite: the dev PKI (roots, TSA and
//! OCSP responders, generated on first start) and one certificate per seal
//! (issued when the seal is first used, CN the seal's name). A restart
//! loads them, so a document sealed yesterday still chains to the roots
//! served today.
//!
//! A seal's certificate is issued at its first stamp, not at start-up,
//! because only then is the devserver's origin known (the stamping
//! request's Host): the certificate's AIA and CRLDP name the OCSP responder
//! and the CRL there. A certificate issued outside a request (the demo
//! records seeded on first start) has neither.

use time::OffsetDateTime;

use crate::keys::KeyError;
use crate::pki::{DevPki, KeyKind, PkiError};
use crate::store::{SealCertificate, SealRow, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the provider's PKI: {0}")]
    Pki(#[from] PkiError),
    #[error("seal {seal}: unknown algorithm {algorithm:?}")]
    Algorithm { seal: String, algorithm: String },
    #[error("no randomness for a serial number: {0}")]
    NoRandomness(String),
}

impl From<KeyError> for CertificateError {
    fn from(e: KeyError) -> Self {
        CertificateError::Pki(PkiError::Key(e))
    }
}

/// The stored PKI, or a new one stored now (first start). A database from
/// before the OCSP responders gets them now.
pub fn ensure_pki(store: &Store) -> Result<DevPki, CertificateError> {
    let now = OffsetDateTime::now_utc();
    let pems = store.pki_pems()?;
    if pems.is_empty() {
        let pki = DevPki::generate(now)?;
        store.put_pki_pems(&pki.to_pems())?;
        return Ok(pki);
    }
    let pki = DevPki::from_pems(&pems, now)?;
    let added: Vec<_> = pki
        .to_pems()
        .into_iter()
        .filter(|(name, _)| !pems.iter().any(|(stored, _)| stored == name))
        .collect();
    if added.is_empty() {
        return Ok(pki);
    }
    // Stored only where still missing, then read back: a second devserver
    // starting on the same file at the same moment may have stored its own
    // responders first, and then theirs are the ones both use.
    store.add_pki_pems(&added)?;
    Ok(DevPki::from_pems(&store.pki_pems()?, now)?)
}

/// A seal's key kind, from its stored canonical algorithm name.
pub fn key_kind(seal: &SealRow) -> Result<KeyKind, CertificateError> {
    crate::keys::Algorithm::from_canonical(&seal.algorithm)
        .map(KeyKind::from)
        .ok_or_else(|| CertificateError::Algorithm {
            seal: seal.id.clone(),
            algorithm: seal.algorithm.clone(),
        })
}

/// The certificate (PEM) of `seal`, issued and stored on first use; then
/// with revocation URLs at `origin` (`http://host:port`), when known.
pub fn seal_certificate(
    store: &Store,
    pki: &DevPki,
    seal: &SealRow,
    origin: Option<&str>,
) -> Result<String, CertificateError> {
    if let Some(stored) = store.seal_certificate(&seal.id)? {
        return Ok(stored.cert_pem);
    }
    let issued = pki.issue_seal_certificate_for_origin(
        key_kind(seal)?,
        &seal.public_pem,
        &seal.name,
        random_serial()?,
        OffsetDateTime::now_utc(),
        origin,
    )?;
    store.insert_seal_certificate(&SealCertificate {
        seal_id: seal.id.clone(),
        cert_pem: issued.cert_pem,
    })?;
    // Read back: if another writer was first, its certificate is the one.
    store
        .seal_certificate(&seal.id)?
        .map(|c| c.cert_pem)
        .ok_or_else(|| CertificateError::Store(StoreError::Json("certificate not stored".into())))
}

/// A random positive serial (63 bits, so it stays positive in DER).
pub fn random_serial() -> Result<u64, CertificateError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| CertificateError::NoRandomness(e.to_string()))?;
    Ok((u64::from_be_bytes(bytes) >> 1).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_from_before_the_responders_gets_them_stored_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        let pki = ensure_pki(&store).unwrap();
        assert_eq!(store.pki_pems().unwrap().len(), 14);
        // As an older devserver stored it: roots and TSA only.
        let old: Vec<_> = pki
            .to_pems()
            .into_iter()
            .filter(|(name, _)| !name.contains("-ocsp."))
            .collect();
        let older = Store::open(&dir.path().join("old.sqlite")).unwrap();
        older.put_pki_pems(&old).unwrap();
        let loaded = ensure_pki(&older).unwrap();
        assert_eq!(loaded.sm2_root, pki.sm2_root);
        assert_ne!(loaded.sm2_ocsp, pki.sm2_ocsp);
        let mut stored = older.pki_pems().unwrap();
        let mut expected = loaded.to_pems();
        stored.sort();
        expected.sort();
        assert_eq!(stored, expected);
        // The next start loads the same responders.
        assert_eq!(ensure_pki(&older).unwrap(), loaded);
    }
}
