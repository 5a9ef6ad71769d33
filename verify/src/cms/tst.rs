//! RFC 3161 TSTInfo, the eContent of a timestamp token (a SignedData with
//! eContentType id-ct-TSTInfo). Read for the time and the imprint; the
//! token's signature is checked like any SignerInfo's.

use super::der::{self, Reader, Tag};
use super::error::CmsError;
use super::oid::{self, Oid};
use super::primitive;
use super::signed_data::{algorithm, AlgorithmId, SignedData};
use crate::time;

/// The fields of a TSTInfo the verifier uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TstInfo<'a> {
    pub version: u32,
    pub policy: Oid<'a>,
    /// messageImprint.hashAlgorithm.
    pub hash_algorithm: AlgorithmId<'a>,
    /// messageImprint.hashedMessage: the digest of what was timestamped.
    pub hashed_message: &'a [u8],
    /// serialNumber's INTEGER content bytes.
    pub serial: &'a [u8],
    /// genTime, seconds since the epoch (a fraction is dropped).
    pub gen_time: i64,
    /// The TSA's name: the raw GeneralName TLV inside `[0]`.
    pub tsa: Option<&'a [u8]>,
    /// nonce's INTEGER content bytes.
    pub nonce: Option<&'a [u8]>,
}

/// Whether a SignedData is a timestamp token.
pub fn is_timestamp_token(sd: &SignedData<'_>) -> bool {
    sd.content_type == crate::oid::TST_INFO.as_bytes()
}

/// Reads a TSTInfo from a token's eContent. Trailing bytes are an error.
pub fn tst_info(content: &[u8]) -> Result<TstInfo<'_>, CmsError> {
    let mut outer = Reader::new(content);
    let sequence = outer.expect(der::SEQUENCE, "TSTInfo")?;
    outer.finish("TSTInfo")?;
    let mut fields = sequence.children("TSTInfo")?;
    let version = primitive::small_uint(&fields.read()?, "TSTInfo.version")?;
    let policy = oid::read(&fields.read()?, "TSTInfo.policy")?;
    let imprint = fields.expect(der::SEQUENCE, "TSTInfo.messageImprint")?;
    let mut imprint = imprint.children("messageImprint")?;
    let hash_algorithm = algorithm(&imprint.read()?, "messageImprint.hashAlgorithm")?;
    let hashed_message = imprint
        .expect(der::OCTET_STRING, "messageImprint.hashedMessage")?
        .content;
    imprint.finish("messageImprint")?;
    let serial = primitive::integer_bytes(&fields.read()?, "TSTInfo.serialNumber")?;
    let gen_time = fields.expect(der::GENERALIZED_TIME, "TSTInfo.genTime")?;
    let gen_time = time::generalized_time(gen_time.content).ok_or(CmsError::BadTime {
        what: "TSTInfo.genTime",
    })?;
    // accuracy and ordering: not used (genTime is taken as it is).
    fields.optional(der::SEQUENCE)?;
    fields.optional(der::BOOLEAN)?;
    let nonce = match fields.optional(der::INTEGER)? {
        Some(tlv) => Some(primitive::integer_bytes(&tlv, "TSTInfo.nonce")?),
        None => None,
    };
    // tsa is `[0] GeneralName`, explicit because GeneralName is a CHOICE.
    let tsa = match fields.optional(Tag::context(0, true))? {
        Some(explicit) => {
            let mut inner = explicit.children("TSTInfo.tsa")?;
            let name = inner.read()?.raw;
            inner.finish("TSTInfo.tsa")?;
            Some(name)
        }
        None => None,
    };
    fields.optional(Tag::context(1, true))?;
    fields.finish("TSTInfo")?;
    Ok(TstInfo {
        version,
        policy,
        hash_algorithm,
        hashed_message,
        serial,
        gen_time,
        tsa,
        nonce,
    })
}
