//! What can be wrong with a CMS structure. Every reader in this module
//! answers with one of these instead of panicking: the input is whatever a
//! PDF's `/Contents` holds.

use thiserror::Error;

/// Why a CMS (or TSTInfo) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CmsError {
    /// A header or a length runs past the end of the data.
    #[error("CMS data ends early ({what})")]
    Truncated { what: &'static str },
    /// A length form BER does not have or that we do not read (more than
    /// four length bytes, or the reserved `FF`).
    #[error("unreadable ASN.1 length")]
    BadLength,
    /// A tag number that is wider than 28 bits or written in the long form
    /// although it fits the short one.
    #[error("unreadable ASN.1 tag")]
    BadTag,
    /// An indefinite length on a primitive value, or an end-of-contents
    /// marker where none may be.
    #[error("misplaced indefinite length or end-of-contents")]
    BadIndefinite,
    /// Values nested deeper than [`super::der::MAX_DEPTH`].
    #[error("ASN.1 nested too deeply")]
    TooDeep,
    /// A value that is not the one the structure has at this place.
    #[error("unexpected ASN.1 value in {what}")]
    Unexpected { what: &'static str },
    /// An element after the last one the structure has.
    #[error("extra data at the end of {what}")]
    Extra { what: &'static str },
    /// An OBJECT IDENTIFIER that is empty or ends in the middle of an arc.
    #[error("malformed object identifier")]
    BadOid,
    /// An INTEGER that is empty, negative or too wide where a small count is
    /// expected (versions).
    #[error("malformed or out-of-range integer in {what}")]
    BadInteger { what: &'static str },
    /// A UTCTime or GeneralizedTime that is not a real time.
    #[error("malformed time in {what}")]
    BadTime { what: &'static str },
    /// The input is larger than [`super::MAX_CMS_BYTES`].
    #[error("CMS data of {len} bytes is larger than the limit of {max}")]
    TooLarge { len: usize, max: usize },
    /// More elements of a kind than the limit (certificates, signers,
    /// attributes).
    #[error("more than {max} {what}")]
    TooMany { what: &'static str, max: usize },
    /// A ContentInfo of another type than signed data, and not a
    /// SES_Signature either.
    #[error("not a CMS SignedData (content type {content_type})")]
    NotSignedData { content_type: String },
}
