//! Long-term validation in the report (§6c): whether the signer's chain was
//! revoked, where that answer came from, and the signature's PAdES level.

use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// What the revocation data says of the signer's chain.
    pub enum RevocationStatus {
        /// Every certificate of the chain (but the root) is good.
        Good,
        /// A certificate of the chain is revoked (see `revokedAt`).
        Revoked,
        /// Data was found, but it answers for none or only part of the chain.
        Unknown,
    }
}

crate::wire_enum! {
    /// Where the revocation data came from.
    pub enum RevocationSource {
        /// The document security store's `/OCSPs` and `/CRLs`.
        Dss,
        /// The DSS's per-signature `/VRI` entry.
        Vri,
        /// The CMS: `adbe-revocationInfoArchival`, `revocationInfoChoices`.
        Cms,
        /// Fetched when verifying (`seal-verify --online`).
        Online,
    }
}

crate::wire_enum! {
    /// The signature's PAdES baseline level (ETSI EN 319 142-1), or
    /// `PKCS7` for a non-ETSI subfilter.
    pub enum PadesLevel {
        /// Basic: a signature and its signed attributes.
        #[serde(rename = "B-B")]
        BB,
        /// B-B plus a verified signature timestamp.
        #[serde(rename = "B-T")]
        BT,
        /// B-T plus, in the document, the chain's certificates and
        /// revocation data.
        #[serde(rename = "B-LT")]
        BLt,
        /// B-LT plus a document timestamp over that data.
        #[serde(rename = "B-LTA")]
        BLta,
        /// `adbe.pkcs7.detached`, `adbe.pkcs7.sha1`, `adbe.x509.rsa_sha1`.
        #[serde(rename = "PKCS7")]
        Pkcs7,
    }
}

/// The revocation answer for one signature's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevocationReport {
    pub status: RevocationStatus,
    pub source: RevocationSource,
    /// When the newest datum used was produced (OCSP `producedAt`, CRL
    /// `thisUpdate`), RFC 3339.
    pub produced_at: Option<String>,
    /// When the revoked certificate was revoked, RFC 3339.
    pub revoked_at: Option<String>,
    /// RFC 5280's reason, in its ASN.1 name (`keyCompromise`), when given.
    pub reason: Option<String>,
}
