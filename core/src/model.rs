//! The Signature structure of the InfoPlus SignatureAPI (seed 002, spec §3).
//!
//! Every field may be missing or null. Fields we do not know are kept in
//! `extra` and written back unchanged, so a round trip through the control
//! never loses what an engine or a newer spec version put there.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

/// The only document type a seal may be put on (seed 002: 仅支持 "application/pdf").
pub const PDF_MIME: &str = "application/pdf";

/// Fields outside the spec, kept verbatim.
pub type Extra = Map<String, Value>;

/// A Signature: the file to be sealed plus its seals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<i64>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub seals: Vec<Seal>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One seal to be stamped on the document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seal {
    /// Position on the page. Kept as the engine's own number so that `100`
    /// stays `100` and `12.5` stays `12.5` on the way back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_holder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<Permission>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// Seed 002 names this field `privateKey`, but its own comment says it
    /// holds the seal's *public* key (公钥). The wire name stays; in code it
    /// is what it is.
    #[serde(
        default,
        rename = "privateKey",
        skip_serializing_if = "Option::is_none"
    )]
    pub public_key: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who is expected to stamp a seal.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Signer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Which seals and which users may be used for a seal. Empty lists mean
/// "no restriction".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A string field counts only when it has something other than white space.
pub(crate) fn present(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Seal {
    /// A seal is signed once the engine holds a signature for it.
    pub fn is_signed(&self) -> bool {
        present(&self.signature).is_some()
    }

    pub fn signer_name(&self) -> Option<&str> {
        self.signer.as_ref().and_then(|s| present(&s.name))
    }

    pub fn signer_account(&self) -> Option<&str> {
        self.signer.as_ref().and_then(|s| present(&s.account))
    }

    /// The accounts allowed to stamp this seal; empty means anyone.
    pub fn allowed_signers(&self) -> &[String] {
        self.permission
            .as_ref()
            .and_then(|p| p.signers.as_deref())
            .unwrap_or(&[])
    }

    /// Forget everything a stamp wrote, keep what the form builder set
    /// (position, placeholder, signer, permission, template, extra fields).
    pub fn clear_stamp(&mut self) {
        self.image = None;
        self.description = None;
        self.algorithm = None;
        self.signature = None;
        self.public_key = None;
    }
}

impl Signature {
    /// Seed 002: "如果 Signature整个结构为空，则默认为只需要盖一个章". A
    /// structure without seals means one seal with the step's template.
    pub fn normalize(mut self) -> Self {
        if self.seals.is_empty() {
            self.seals.push(Seal::default());
        }
        self
    }

    /// The document (PDF) has been exported and stored by the engine.
    pub fn has_document(&self) -> bool {
        present(&self.uri).is_some()
    }

    /// Spec §4: unsigned when `uri` is empty or any seal lacks a signature.
    pub fn is_signed(&self) -> bool {
        self.has_document() && !self.seals.is_empty() && self.seals.iter().all(Seal::is_signed)
    }

    pub fn seal(&self, index: usize) -> Option<&Seal> {
        self.seals.get(index)
    }

    /// Compact JSON: the form value and the S2 body.
    pub fn to_json(&self) -> String {
        // Serializing plain data (strings, numbers, maps with string keys)
        // cannot fail; fall back to an empty object rather than panic anyway.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }
}
