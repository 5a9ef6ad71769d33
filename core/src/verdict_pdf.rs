//! What verifying a PDF's own signatures found (spec §6a), as data. Always
//! compiled: the control shows these and reads them back from the worker's
//! JSON; `verify::embedded` produces them. The JSON names are §6a's.

pub mod warning;

use serde::{Deserialize, Serialize};

/// One signature's (and the document's) overall answer; worst wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// Intact, trusted at signing time, nothing but permitted changes since.
    Valid,
    /// Intact, but who signed it or what changed since cannot be vouched for.
    Indeterminate,
    /// Altered, a signature that does not verify, or a forbidden change.
    Invalid,
}

/// The document's verdict: the worst of its signatures', or `unsigned`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentVerdict {
    Valid,
    Indeterminate,
    Invalid,
    Unsigned,
}

/// Are the signed bytes as the signer signed them?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// Who signed it, as far as the configured trust says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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
}

/// What part of the file the signature covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// A class of change made by a revision after a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// The format of `/Contents`, sniffed from its ASN.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureFormat {
    /// CMS SignedData with the PKCS#7 OIDs.
    Cms,
    /// CMS SignedData with the GM/T 0010 OIDs.
    CmsGm,
    /// GB/T 38540 / GM/T 0031 `SES_Signature`.
    Ses,
    /// An RFC 3161 document timestamp (`ETSI.RFC3161`).
    Timestamp,
    Unknown,
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

/// Where the signing time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeSource {
    /// A verified signature timestamp from a timestamp authority.
    Timestamp,
    /// The signed `signingTime` attribute: the signer's own clock.
    SignedAttribute,
    /// The signature dictionary's `/M`: unsigned, the signer's clock.
    Dictionary,
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
    pub certification: Option<Certification>,
    pub format: SignatureFormat,
    /// Canonical name (`SM2withSM3`, `SHA384withECDSA`, …), when known.
    pub algorithm: Option<String>,
    pub certificate: Option<SignerCertificate>,
    pub signing_time: Option<SigningTime>,
    pub timestamp: Option<TimestampInfo>,
    /// Short codes (`sm2-empty-id`, `revocation-not-checked`, …).
    pub warnings: Vec<String>,
}

impl Default for SignatureCheck {
    fn default() -> Self {
        SignatureCheck {
            status: SignatureStatus::Invalid,
            integrity: Integrity::Malformed,
            identity: Identity::NoCertificate,
            coverage: Coverage::Unclear,
            changes_after: Vec::new(),
            certification: None,
            format: SignatureFormat::Unknown,
            algorithm: None,
            certificate: None,
            signing_time: None,
            timestamp: None,
            warnings: Vec::new(),
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
