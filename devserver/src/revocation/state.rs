//! One root's revocation state as the PKI's pure builders need it: which
//! serials it issued (the stored seal certificates, the TSA's and the OCSP
//! responders') and which of them are revoked, read from the store for each
//! answer, so a revocation shows at once.

use std::collections::{HashMap, HashSet};

use der::{Decode, DecodePem};
use time::OffsetDateTime;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::Certificate;

use super::{reason, RevocationError};
use crate::pki::{CrlEntry, DevPki, OcspQuery, RootCa, SerialStatus};
use crate::store::Store;

/// The text a serial is stored under: lowercase hex of its magnitude,
/// without leading zeros.
pub fn serial_key(magnitude: &[u8]) -> String {
    let start = magnitude
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(magnitude.len());
    hex::encode(&magnitude[start..])
}

pub(crate) struct CaState {
    issued: HashSet<String>,
    revoked: HashMap<String, (OffsetDateTime, CrlReason)>,
}

impl CaState {
    pub fn load(store: &Store, pki: &DevPki, ca: RootCa) -> Result<CaState, RevocationError> {
        let mut certificates = Vec::new();
        for stored in store.seal_certificates()? {
            let certificate = Certificate::from_pem(&stored.cert_pem).map_err(|e| {
                RevocationError::Stored(format!("seal {}'s certificate: {e}", stored.seal_id))
            })?;
            certificates.push(certificate);
        }
        for authority in [&pki.tsa, &pki.sm2_ocsp, &pki.ecdsa_ocsp, &pki.rsa_ocsp] {
            certificates.push(Certificate::from_der(&authority.cert_der).map_err(|e| {
                RevocationError::Stored(format!("an authority's certificate: {e}"))
            })?);
        }
        let issued = certificates
            .iter()
            .filter(|c| pki.issuer_of(c) == Some(ca))
            .map(|c| serial_key(c.tbs_certificate().serial_number().as_bytes()))
            .collect();
        let mut revoked = HashMap::new();
        for row in store.revocations(ca.slug())? {
            let at = OffsetDateTime::from_unix_timestamp(row.revoked_at).map_err(|e| {
                RevocationError::Stored(format!("revocation of {}: {e}", row.serial))
            })?;
            revoked.insert(row.serial, (at, reason::from_code(row.reason)));
        }
        Ok(CaState { issued, revoked })
    }

    /// The status of a serial (big-endian magnitude).
    pub fn status(&self, serial: &[u8]) -> SerialStatus {
        let key = serial_key(serial);
        if let Some((at, reason)) = self.revoked.get(&key) {
            SerialStatus::Revoked {
                at: *at,
                reason: *reason,
            }
        } else if self.issued.contains(&key) {
            SerialStatus::Good
        } else {
            SerialStatus::Unknown
        }
    }

    /// The CRL's entries, oldest revocation first.
    pub fn crl_entries(&self) -> Result<Vec<CrlEntry>, RevocationError> {
        let mut entries = Vec::with_capacity(self.revoked.len());
        for (serial, (at, reason)) in &self.revoked {
            entries.push(CrlEntry {
                serial: hex::decode(serial).map_err(|e| {
                    RevocationError::Stored(format!("revoked serial {serial:?}: {e}"))
                })?,
                revoked_at: *at,
                reason: *reason,
            });
        }
        entries.sort_by(|a, b| (a.revoked_at, &a.serial).cmp(&(b.revoked_at, &b.serial)));
        Ok(entries)
    }
}

/// A signed OCSPResponse of `ca` answering `query` with the stored state.
pub(crate) fn ocsp_response(
    store: &Store,
    pki: &DevPki,
    ca: RootCa,
    query: &OcspQuery,
    now: OffsetDateTime,
) -> Result<Vec<u8>, RevocationError> {
    let state = CaState::load(store, pki, ca)?;
    Ok(crate::pki::respond(pki, ca, query, now, &|serial| {
        state.status(serial)
    })?)
}

/// `ca`'s CRL (DER) with every stored revocation.
pub(crate) fn crl(
    store: &Store,
    pki: &DevPki,
    ca: RootCa,
    now: OffsetDateTime,
) -> Result<Vec<u8>, RevocationError> {
    let entries = CaState::load(store, pki, ca)?.crl_entries()?;
    Ok(crate::pki::crl(pki, ca, &entries, now)?)
}
