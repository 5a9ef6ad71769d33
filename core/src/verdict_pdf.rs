//! What verifying a PDF's own signatures found (spec §6a), as data. Always
//! compiled: the control shows these and reads them back from the worker's
//! JSON; `verify::embedded` produces them. The JSON names are §6a's.

mod places;
mod revocation;
pub(crate) mod revocation_json;
mod seal;
pub(crate) mod seal_json;
pub mod warning;
mod wire_enum;

use serde::{Deserialize, Serialize};

pub use places::ChangedPlaces;
pub use revocation::{PadesLevel, RevocationReport, RevocationSource, RevocationStatus};
pub use seal::{SealImage, SealReport};
pub use warning::Warning;

crate::wire_enum! {
    /// One signature's (and the document's) overall answer; worst wins.
    pub enum SignatureStatus {
        /// Intact, trusted at signing time, nothing but permitted changes since.
        Valid,
        /// Intact, but who signed it or what changed since cannot be vouched for.
        Indeterminate,
        /// Altered, a signature that does not verify, or a forbidden change.
        Invalid,
    }
}

crate::wire_enum! {
    /// The document's verdict: the worst of its signatures', or `unsigned`.
    pub enum DocumentVerdict {
        Valid,
        Indeterminate,
        Invalid,
        Unsigned,
    }
}

crate::wire_enum! {
    /// Are the signed bytes as the signer signed them?
    pub enum Integrity {
        /// The digest matches and the signature verifies with the signer's key.
        Intact,
        /// The digest of the signed bytes differs from the signed one.
        Altered,
        /// The digest matches but the signature value does not verify.
        BadSignature,
        /// `/Contents` or its ASN.1 cannot be read, or the signer is missing.
        Malformed,
        /// A format or algorithm we do not verify.
        Unsupported,
    }
}

crate::wire_enum! {
    /// Who signed it, as far as the configured trust says.
    pub enum Identity {
        /// A chain to a configured root, every certificate valid at the time.
        Trusted,
        /// No chain to any configured root (or no roots configured).
        UnknownIssuer,
        /// The signer's certificate is its own issuer and not a configured root.
        SelfSigned,
        /// A certificate of the chain had expired at the validation time.
        Expired,
        /// A certificate of the chain was not yet valid at the validation time.
        NotYetValid,
        /// A chain exists but breaks a rule (a signature, basicConstraints,
        /// keyUsage, pathLen).
        ChainInvalid,
        /// The CMS carries no certificate for the signer.
        NoCertificate,
        /// A certificate of the chain was revoked before the signing time
        /// (§6c).
        Revoked,
    }
}

crate::wire_enum! {
    /// What part of the file the signature covers.
    pub enum Coverage {
        /// Everything but its own `/Contents`, up to the last byte.
        WholeFile,
        /// Up to a revision boundary; later revisions follow.
        Revision,
        /// A `/ByteRange` that leaves out more than its `/Contents`.
        Partial,
        /// A `/ByteRange` that cannot be read or makes no sense.
        Unclear,
    }
}

crate::wire_enum! {
    /// A class of change made by a revision after a signature.
    pub enum ChangeClass {
        /// Another signature (its field, widget, appearance and dictionary).
        Signing,
        /// A document timestamp or validation data (DSS, VRI).
        Timestamp,
        /// Form field values and their appearances.
        FormFill,
        /// Annotations (comments, markup) other than widgets.
        Annotation,
        /// The document information dictionary or XMP metadata.
        Metadata,
        /// Anything else: page content, resources, structure.
        Other,
    }
}

crate::wire_enum! {
    /// The format of `/Contents`, sniffed from its ASN.1.
    pub enum SignatureFormat {
        /// CMS SignedData with the PKCS#7 OIDs.
        Cms,
        /// CMS SignedData with the GM/T 0010 OIDs.
        CmsGm,
        /// GB/T 38540 / GM/T 0031 `SES_Signature`.
        Ses,
        /// `adbe.x509.rsa_sha1`: a PKCS#1 RSA signature, the certificate
        /// in `/Cert`.
        Pkcs1,
        /// A bare signature value with no structure around it (no
        /// certificate, nothing names the key).
        Raw,
        /// An RFC 3161 document timestamp (`ETSI.RFC3161`).
        Timestamp,
        Unknown,
    }
}

crate::wire_enum! {
    /// What a changed object is for, in the final file.
    pub enum ChangeRole {
        /// The document catalog.
        Catalog,
        /// The document information dictionary.
        Info,
        /// XMP metadata or developer extensions.
        Metadata,
        /// The interactive form dictionary.
        Form,
        /// A list of form fields (`/Fields`, `/Kids`).
        FieldList,
        /// A form field whose value a user fills in.
        Field,
        /// A widget: where a field shows on a page.
        Widget,
        /// A signature field or its widget.
        SignatureField,
        /// An appearance stream of a field or widget, or what it uses.
        Appearance,
        /// A signature dictionary and what it holds.
        Signature,
        /// The document security store (validation data).
        Dss,
        /// A page.
        Page,
        /// A node of the page tree above the pages.
        Pages,
        /// A page's list of annotations.
        Annotations,
        /// An annotation other than a widget.
        Annotation,
        /// What a page shows: its content streams and resources.
        PageContent,
        /// An image or a form XObject a page or an appearance draws.
        Xobject,
        /// A font.
        Font,
        /// Anything else (outlines, actions, names, unreferenced objects).
        Other,
    }
}

/// One object a later revision added or changed, what it is for, and how
/// that change is classed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub object: u32,
    pub role: ChangeRole,
    pub class: ChangeClass,
    /// The page it shows on (1-based), when it is a page, its content or an
    /// annotation on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The form field it belongs to (its full name), when it is one, one
    /// of its widgets or their appearance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A certification signature's DocMDP permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    /// DocMDP `/P`: 1 no changes, 2 form fill and signing, 3 also annotations.
    pub permissions: u8,
    /// Every change after it is one `/P` permits.
    pub permitted: bool,
}

/// The signer's certificate, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignerCertificate {
    /// RFC 4514 (`CN=…,O=…,C=…`).
    pub subject: String,
    pub issuer: String,
    /// Lowercase hex of the serial number's bytes.
    pub serial: String,
    /// RFC 3339 UTC.
    pub not_before: String,
    pub not_after: String,
    /// SHA-256 of the certificate's DER, lowercase hex.
    pub fingerprint: String,
}

crate::wire_enum! {
    /// Where the signing time came from.
    pub enum TimeSource {
        /// A verified signature timestamp from a timestamp authority.
        Timestamp,
        /// The signed `signingTime` attribute: the signer's own clock.
        SignedAttribute,
        /// The signature dictionary's `/M`: unsigned, the signer's clock.
        Dictionary,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningTime {
    /// RFC 3339 UTC.
    pub time: String,
    pub source: TimeSource,
}

/// A signature timestamp (id-aa-signatureTimeStampToken), or for a
/// document timestamp the token itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimestampInfo {
    /// `genTime`, RFC 3339 UTC.
    pub time: String,
    /// The TSA certificate's subject (or the token's `tsa` name).
    pub authority: Option<String>,
    /// The token's own signature verifies and its imprint matches.
    pub intact: bool,
    /// The TSA's chain reaches a configured root.
    pub trusted: bool,
}

/// What verifying one embedded signature found (§6a). `Default` is what a
/// signature gets before anything could be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureCheck {
    pub status: SignatureStatus,
    pub integrity: Integrity,
    pub identity: Identity,
    pub coverage: Coverage,
    pub changes_after: Vec<ChangeClass>,
    /// The objects behind `changes_after` (at most [`MAX_CHANGES_LISTED`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    pub certification: Option<Certification>,
    pub format: SignatureFormat,
    /// Canonical name (`SM2withSM3`, `SHA384withECDSA`, …), when known.
    pub algorithm: Option<String>,
    /// The signer's key: `RSA-2048`, `P-256`, `brainpoolP384r1`, `SM2`,
    /// `Ed25519`, `Ed448`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub certificate: Option<SignerCertificate>,
    pub signing_time: Option<SigningTime>,
    pub timestamp: Option<TimestampInfo>,
    pub warnings: Vec<Warning>,
    /// The PAdES level (§6c); `None` for a document timestamp or what was
    /// not understood.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<PadesLevel>,
    /// "LTV enabled": the document holds what validating it later needs
    /// (the chain and its revocation data).
    #[serde(default)]
    pub ltv: bool,
    /// What the revocation data says; `None` when there was none usable.
    #[serde(default)]
    pub revocation: Option<RevocationReport>,
    /// The electronic seal of an SES signature (§6d).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Box<SealReport>>,
    /// Why the signature is not intact or not understood, in a sentence
    /// (an unsupported algorithm, an unreadable CMS), when that helps.
    /// (Not `reason`: that is the signature dictionary's `/Reason`, beside
    /// it in the same JSON object.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Most changed objects one signature lists.
pub const MAX_CHANGES_LISTED: usize = 200;

impl Default for SignatureCheck {
    fn default() -> Self {
        SignatureCheck {
            status: SignatureStatus::Invalid,
            integrity: Integrity::Malformed,
            identity: Identity::NoCertificate,
            coverage: Coverage::Unclear,
            changes_after: Vec::new(),
            changes: Vec::new(),
            certification: None,
            format: SignatureFormat::Unknown,
            algorithm: None,
            key: None,
            certificate: None,
            signing_time: None,
            timestamp: None,
            warnings: Vec::new(),
            level: None,
            ltv: false,
            revocation: None,
            seal: None,
            detail: None,
        }
    }
}

impl SignatureCheck {
    /// Add `warning` unless it is there already.
    pub fn warn(&mut self, warning: Warning) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}

impl DocumentVerdict {
    /// The worst of the statuses, or `Unsigned` for none.
    pub fn of(statuses: impl IntoIterator<Item = SignatureStatus>) -> DocumentVerdict {
        match statuses.into_iter().max() {
            None => DocumentVerdict::Unsigned,
            Some(SignatureStatus::Valid) => DocumentVerdict::Valid,
            Some(SignatureStatus::Indeterminate) => DocumentVerdict::Indeterminate,
            Some(SignatureStatus::Invalid) => DocumentVerdict::Invalid,
        }
    }
}

/// The kebab-case JSON name of a unit enum variant (`Integrity::BadSignature`
/// → `bad-signature`), for text and for reading the JSON back.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
