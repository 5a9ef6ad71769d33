//! The warning codes of an embedded signature's result (§6a `warnings`).
//! One list, so that the control's words (src/i18n/pdf.rs) and
//! seal-verify's output can be checked to cover every code the verifier
//! emits.

/// Revocation (CRL/OCSP) is never consulted; said on every signature
/// with a certificate.
pub const REVOCATION_NOT_CHECKED: &str = "revocation-not-checked";
/// An SM2 signature that verifies only with the empty distinguishing id.
pub const SM2_EMPTY_ID: &str = "sm2-empty-id";
/// A certificate in the chain is signed with SHA-1.
pub const SHA1_IN_CHAIN: &str = "sha1-in-chain";
/// The signer's certificate has no keyUsage extension.
pub const KEY_USAGE_MISSING: &str = "key-usage-missing";
/// The timestamp authority's certificate lacks the timeStamping EKU.
pub const TIMESTAMPING_EKU_MISSING: &str = "timestamping-eku-missing";
/// A certificate in the CMS could not be read.
pub const CERTIFICATE_UNREADABLE: &str = "certificate-unreadable";
/// The signature dictionary has no `/Contents`.
pub const CONTENTS_MISSING: &str = "contents-missing";
/// `/Contents` does not lie in the ByteRange's gap.
pub const CONTENTS_OUTSIDE_GAP: &str = "contents-outside-gap";
/// A document timestamp whose `/Contents` is not an RFC 3161 token.
pub const DOC_TIMESTAMP_NOT_A_TOKEN: &str = "doc-timestamp-not-a-token";
/// The CMS has no SignerInfo.
pub const NO_SIGNER: &str = "no-signer";
/// The CMS has more than one SignerInfo; the first is verified.
pub const SEVERAL_SIGNERS: &str = "several-signers";
/// The signature timestamp does not verify.
pub const TIMESTAMP_BROKEN: &str = "timestamp-broken";
/// The signature timestamp verifies but its authority is not trusted.
pub const TIMESTAMP_UNTRUSTED: &str = "timestamp-untrusted";
/// No timestamp, no signed signingTime and no `/M`.
pub const NO_SIGNING_TIME: &str = "no-signing-time";
/// Signed attributes without messageDigest.
pub const MESSAGE_DIGEST_MISSING: &str = "message-digest-missing";
/// Signed attributes without contentType.
pub const CONTENT_TYPE_MISSING: &str = "content-type-missing";
/// The document's revisions could not be told apart.
pub const REVISIONS_UNREADABLE: &str = "revisions-unreadable";

/// Every code above.
pub const ALL: [&str; 17] = [
    REVOCATION_NOT_CHECKED,
    SM2_EMPTY_ID,
    SHA1_IN_CHAIN,
    KEY_USAGE_MISSING,
    TIMESTAMPING_EKU_MISSING,
    CERTIFICATE_UNREADABLE,
    CONTENTS_MISSING,
    CONTENTS_OUTSIDE_GAP,
    DOC_TIMESTAMP_NOT_A_TOKEN,
    NO_SIGNER,
    SEVERAL_SIGNERS,
    TIMESTAMP_BROKEN,
    TIMESTAMP_UNTRUSTED,
    NO_SIGNING_TIME,
    MESSAGE_DIGEST_MISSING,
    CONTENT_TYPE_MISSING,
    REVISIONS_UNREADABLE,
];
