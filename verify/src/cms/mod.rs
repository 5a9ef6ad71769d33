//! A lean reader of the CMS in a PDF signature's `/Contents` (spec §6a):
//! ContentInfo → SignedData → SignerInfo (RFC 5652), with the GM/T 0010
//! OIDs, RFC 3161 TSTInfo, and GB/T 38540 / GM/T 0031 `SES_Signature`.
//! It only reads; the signature checks live in `verify::pki`.
//!
//! Why by hand and not RustCrypto's `der`/`cms`:
//!
//! - `der` sorts SET OF when it decodes DER, and `cms 0.3.0-rc` re-encodes
//!   what it decoded, so the signed attributes would not be hashed as
//!   transmitted: a signer that did not sort them would fail to verify.
//!   Here every value keeps its raw bytes, and
//!   [`attributes::SignedAttributes::to_be_signed`] is those bytes with `A0` → `31`.
//! - Real PDF signers stream their CMS with BER indefinite lengths, which
//!   `der` refuses; this reader accepts them (and non-minimal lengths).
//! - It is small, for the wasm verify worker.
//!
//! Bounds: at most [`MAX_CMS_BYTES`] of input, [`MAX_CERTIFICATES`]
//! certificates, [`MAX_SIGNERS`] signers, [`attributes::MAX_ATTRIBUTES`]
//! attributes per set, nesting depth [`der::MAX_DEPTH`]. Nothing panics on
//! any input; everything answers `Result`.

mod attributes;
pub(crate) mod der;
mod error;
pub mod oid;
pub(crate) mod primitive;
mod revocation_info;
mod ses;
mod signed_data;
mod tst;

pub use error::CmsError;
pub use revocation_info::RevocationValues;
pub use ses::{AllowedSigners, Picture, SesSignature};
pub(crate) use signed_data::algorithm;
pub use signed_data::{AlgorithmId, SignedData, SignerId, SignerInfo};
pub use tst::{is_timestamp_token, tst_info};

use crate::Hash;

/// The largest `/Contents` (decoded) this reader accepts.
pub const MAX_CMS_BYTES: usize = 1 << 20;
/// The most certificates a SignedData may carry.
pub const MAX_CERTIFICATES: usize = 50;
/// The most signers (and digest algorithms) a SignedData may have.
pub const MAX_SIGNERS: usize = 16;

/// What a signature's `/Contents` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents<'a> {
    /// A CMS SignedData (PKCS #7 or GM/T 0010 OIDs), including RFC 3161
    /// timestamp tokens (see [`is_timestamp_token`]).
    SignedData(SignedData<'a>),
    /// A GB/T 38540 / GM/T 0031 `SES_Signature` (recognised by its shape),
    /// read, or why it could not be.
    Ses(Box<Result<SesSignature<'a>, CmsError>>),
}

/// Reads the hex-decoded `/Contents` of a signature. PDF writers pad it
/// with zero bytes up to the reserved size: the outer value's own length
/// decides where it ends, and what follows is not read (zeros are normal;
/// anything else, see [`has_trailing_bytes`], is worth a warning, not a
/// refusal: §6b).
pub fn parse(contents: &[u8]) -> Result<Contents<'_>, CmsError> {
    if contents.len() > MAX_CMS_BYTES {
        return Err(CmsError::TooLarge {
            len: contents.len(),
            max: MAX_CMS_BYTES,
        });
    }
    let mut reader = der::Reader::new(contents);
    let outer = reader.read()?;
    if ses::is_ses_signature(&outer) {
        return Ok(Contents::Ses(Box::new(ses::read(&outer))));
    }
    let mut fields = outer
        .expect(der::SEQUENCE, "ContentInfo")?
        .children("ContentInfo")?;
    let content_type = oid::read(&fields.read()?, "ContentInfo.contentType")?;
    let Some(gm) = signed_data::is_signed_data(content_type) else {
        return Err(CmsError::NotSignedData {
            content_type: content_type.to_string(),
        });
    };
    signed_data::read(fields, gm).map(Contents::SignedData)
}

/// Are there bytes other than zero padding after the outer structure?
pub fn has_trailing_bytes(contents: &[u8]) -> bool {
    let mut reader = der::Reader::new(contents);
    reader.read().is_ok() && reader.rest().iter().any(|&b| b != 0)
}

/// The digest a digestAlgorithm (or messageImprint.hashAlgorithm) names;
/// old signers write a signature OID there (sha1WithRSAEncryption), whose
/// hash it is then.
pub fn hash_of(algorithm: &AlgorithmId<'_>) -> Option<Hash> {
    Hash::from_algorithm(algorithm.oid.0, algorithm.parameters).or_else(|| {
        crate::algorithm::SignatureAlgorithm::from_x509(algorithm.oid.0, algorithm.parameters)
            .ok()
            .map(|a| a.hash)
    })
}

#[cfg(test)]
mod tests;

/// The reader against the CMS that OpenSSL and pyHanko made (fixtures in
/// `verify/tests/cms/`).
#[cfg(test)]
#[path = "../../tests/cms/mod.rs"]
mod fixture_tests;
