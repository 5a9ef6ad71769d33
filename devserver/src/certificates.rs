//! The provider's certificates, kept in SQLite: the dev PKI (roots and TSA,
//! generated on first start) and one certificate per seal (issued on first
//! start or first use, CN the seal's name). A restart loads them, so a
//! document sealed yesterday still chains to the roots served today.

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

/// The stored PKI, or a new one stored now (first start).
pub fn ensure_pki(store: &Store) -> Result<DevPki, CertificateError> {
    let pems = store.pki_pems()?;
    if !pems.is_empty() {
        return Ok(DevPki::from_pems(&pems)?);
    }
    let pki = DevPki::generate(OffsetDateTime::now_utc())?;
    store.put_pki_pems(&pki.to_pems())?;
    Ok(pki)
}

/// Issues the certificates of the seals that have none yet.
pub fn ensure_seal_certificates(store: &Store, pki: &DevPki) -> Result<(), CertificateError> {
    for seal in store.seals()? {
        seal_certificate(store, pki, &seal)?;
    }
    Ok(())
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

/// The certificate (PEM) of `seal`, issued and stored on first use.
pub fn seal_certificate(
    store: &Store,
    pki: &DevPki,
    seal: &SealRow,
) -> Result<String, CertificateError> {
    if let Some(stored) = store.seal_certificate(&seal.id)? {
        return Ok(stored.cert_pem);
    }
    let issued = pki.issue_seal_certificate(
        key_kind(seal)?,
        &seal.public_pem,
        &seal.name,
        random_serial()?,
        OffsetDateTime::now_utc(),
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
