//! The electronic seal an SES signature carries (§6d `seal`): what the
//! seal says of itself and what checking it found. The picture travels as
//! data (its sniffed type and base64), never as markup.

use serde::{Deserialize, Serialize};

use super::Identity;

/// One seal, as read from a GB/T 38540 / GM/T 0031 signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SealReport {
    /// The seal's name (`SES_ESPropertyInfo.name`).
    pub name: String,
    /// `esID`: the seal's code.
    pub id: String,
    /// 1 official seal, 2 personal seal (GB/T 38540 §6.2.3); others as
    /// written.
    #[serde(rename = "type")]
    pub kind: u32,
    /// 4 for GB/T 38540-2020, 1 for GM/T 0031-2014.
    pub version: u8,
    /// RFC 3339 UTC; `None` when the seal's time does not read.
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// The maker's certificate subject (RFC 4514), when it reads.
    pub maker: Option<String>,
    pub image: Option<SealImage>,
    /// The maker's signature over the seal verifies.
    pub intact: bool,
    /// The seal was within its validity at the signing time.
    pub valid_at_signing: bool,
    /// The signer's certificate is among those the seal allows.
    pub signer_allowed: bool,
    /// The maker's chain at the signing time.
    pub maker_identity: Identity,
}

/// The seal's picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SealImage {
    /// A MIME type sniffed from the bytes (`image/png`, `image/jpeg`,
    /// `image/gif`, `image/svg+xml`); the seal's own word for it is
    /// `declared`.
    #[serde(rename = "type")]
    pub mime: String,
    pub declared: String,
    pub base64: String,
    /// Millimetres, as the seal asks it to be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}
