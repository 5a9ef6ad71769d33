//! The Signature structure of the InfoPlus SignatureAPI (seed 002, spec §3).
//!
//! Every field may be missing or null. Fields we do not know are kept in
//! `extra` and written back unchanged, so a round trip through the control
//! never loses what an engine or a newer spec version put there.

use serde_json::{Map, Number, Value};

/// The only document type a seal may be put on (seed 002: 仅支持 "application/pdf").
pub const PDF_MIME: &str = "application/pdf";

/// Fields outside the spec, kept verbatim.
pub type Extra = Map<String, Value>;

/// A Signature: the file to be sealed plus its seals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    pub id: Option<String>,
    pub name: Option<String>,
    pub size: Option<u64>,
    pub uri: Option<String>,
    pub mime: Option<String>,
    pub create_time: Option<i64>,
    pub seals: Vec<Seal>,
    pub extra: Extra,
}

/// One seal to be stamped on the document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seal {
    /// Position on the page. Kept as the engine's own number so that `100`
    /// stays `100` and `12.5` stays `12.5` on the way back.
    pub x: Option<Number>,
    pub y: Option<Number>,
    pub place_holder: Option<String>,
    pub signer: Option<Signer>,
    pub permission: Option<Permission>,
    pub template: Option<String>,
    pub image: Option<String>,
    pub description: Option<String>,
    pub algorithm: Option<String>,
    pub signature: Option<String>,
    /// Seed 002 names this field `privateKey`, but its own comment says it
    /// holds the seal's *public* key (公钥). The wire name stays; in code it
    /// is what it is.
    pub public_key: Option<String>,
    pub extra: Extra,
}

/// Who is expected to stamp a seal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signer {
    pub account: Option<String>,
    pub name: Option<String>,
    pub extra: Extra,
}

/// Which seals and which users may be used for a seal. Empty lists mean
/// "no restriction".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Permission {
    pub seal_types: Option<Vec<String>>,
    pub seal_ids: Option<Vec<String>>,
    pub signers: Option<Vec<String>>,
    pub extra: Extra,
}

/// A string field counts only when it has something other than white space.
pub(crate) fn present(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The extra field in which a provider records the PDF revision a seal's
/// signature made.
pub const PDF_REVISION: &str = "pdfRevision";

impl Seal {
    /// A seal is signed once the engine holds a signature for it.
    pub fn is_signed(&self) -> bool {
        present(&self.signature).is_some()
    }

    /// The seal's `signature`, when it holds more than white space.
    pub fn signature_text(&self) -> Option<&str> {
        present(&self.signature)
    }

    /// The seal's public key (wire name `privateKey`, spec §3), when it
    /// holds more than white space.
    pub fn public_key_text(&self) -> Option<&str> {
        present(&self.public_key)
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

    /// Which revision of the PDF this seal's signature made (1 for the
    /// first), when it is a PDF signature (§6a) and the provider said so.
    pub fn pdf_revision(&self) -> Option<u64> {
        self.extra
            .get(PDF_REVISION)
            .and_then(serde_json::Value::as_u64)
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
        // `serde_json::to_string`, not `Display`: the control's other JSON
        // goes through it too, and `Display` would be a second serializer
        // (and a pretty one) in its wasm. Same text.
        serde_json::to_string(&self.to_value()).unwrap_or_default()
    }
}
