//! ContentInfo → SignedData → SignerInfo (RFC 5652 §3, §5), with the
//! GM/T 0010 content types read like the PKCS #7 ones. Every field keeps
//! its raw bytes; nothing is re-encoded.

use super::attributes::{self, Attribute, SignedAttributes};
use super::der::{self, Reader, Tag, Tlv};
use super::error::CmsError;
use super::oid::{self, Oid};
use super::primitive;
use super::revocation_info::RevocationValues;
use super::{MAX_CERTIFICATES, MAX_SIGNERS};

/// An AlgorithmIdentifier: the OID and the raw TLV of its parameters
/// (`None` when absent; a NULL is `Some(&[5, 0])`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgorithmId<'a> {
    pub oid: Oid<'a>,
    pub parameters: Option<&'a [u8]>,
}

/// How a SignerInfo names its certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerId<'a> {
    /// `issuer`: the Name's full raw TLV; `serial`: the INTEGER's content
    /// bytes (a leading 00 kept).
    IssuerSerial { issuer: &'a [u8], serial: &'a [u8] },
    /// The SubjectKeyIdentifier's octets.
    SubjectKeyId(&'a [u8]),
}

/// One SignerInfo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerInfo<'a> {
    pub version: u32,
    pub sid: SignerId<'a>,
    pub digest_algorithm: AlgorithmId<'a>,
    pub signed_attributes: Option<SignedAttributes<'a>>,
    pub signature_algorithm: AlgorithmId<'a>,
    pub signature: &'a [u8],
    pub unsigned_attributes: Vec<Attribute<'a>>,
}

/// A SignedData and what its ContentInfo said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedData<'a> {
    /// GM/T 0010 OIDs: the ContentInfo is GM/T signedData or the
    /// eContentType GM/T data.
    pub gm: bool,
    pub version: u32,
    pub digest_algorithms: Vec<AlgorithmId<'a>>,
    /// eContentType.
    pub content_type: Oid<'a>,
    /// eContent's octets (constructed BER pieces concatenated); `None`
    /// when the signature is detached.
    pub content: Option<Vec<u8>>,
    /// Raw Certificate TLVs; other CertificateChoices are skipped.
    pub certificates: Vec<&'a [u8]>,
    /// `crls` (RevocationInfoChoices, RFC 5652 §10.2.1; RFC 5940): CRLs
    /// and OCSP responses, raw TLVs.
    pub revocation: RevocationValues<'a>,
    pub signers: Vec<SignerInfo<'a>>,
}

const CERTIFICATES: Tag = Tag::context(0, true);
const CRLS: Tag = Tag::context(1, true);
const EXPLICIT_0: Tag = Tag::context(0, true);
const SUBJECT_KEY_ID: Tag = Tag::context(0, false);
const SIGNED_ATTRS: Tag = Tag::context(0, true);
const UNSIGNED_ATTRS: Tag = Tag::context(1, true);

/// `Some(gm)` if a ContentInfo's type is signed data, `gm` when it is the
/// GM/T 0010 OID; `None` for any other type.
pub(super) fn is_signed_data(content_type: Oid<'_>) -> Option<bool> {
    if content_type == crate::oid::SIGNED_DATA.as_bytes() {
        Some(false)
    } else if content_type == crate::oid::GM_SIGNED_DATA.as_bytes() {
        Some(true)
    } else {
        None
    }
}

/// The SignedData inside a ContentInfo whose type was read already.
/// `fields` is the ContentInfo's reader after contentType.
pub(super) fn read(mut fields: Reader<'_>, gm: bool) -> Result<SignedData<'_>, CmsError> {
    let explicit = fields.expect(EXPLICIT_0, "ContentInfo.content")?;
    fields.finish("ContentInfo")?;
    let mut inner = explicit.children("ContentInfo.content")?;
    let signed_data = inner.expect(der::SEQUENCE, "SignedData")?;
    inner.finish("ContentInfo.content")?;

    let mut fields = signed_data.children("SignedData")?;
    let version = primitive::small_uint(&fields.read()?, "SignedData.version")?;
    let digest_set = fields.expect(der::SET, "SignedData.digestAlgorithms")?;
    let mut digest_algorithms = Vec::new();
    let mut digests = digest_set.children("SignedData.digestAlgorithms")?;
    while !digests.is_empty() {
        if digest_algorithms.len() == MAX_SIGNERS {
            return Err(CmsError::TooMany {
                what: "digest algorithms",
                max: MAX_SIGNERS,
            });
        }
        digest_algorithms.push(algorithm(&digests.read()?, "digestAlgorithm")?);
    }
    let (content_type, content) = encapsulated(&fields.expect(der::SEQUENCE, "encapContentInfo")?)?;
    let certificates = match fields.optional(CERTIFICATES)? {
        Some(set) => certificates(&set)?,
        None => Vec::new(),
    };
    let revocation = match fields.optional(CRLS)? {
        Some(set) => super::revocation_info::choices(&set)?,
        None => RevocationValues::default(),
    };
    let signer_set = fields.expect(der::SET, "SignedData.signerInfos")?;
    fields.finish("SignedData")?;
    let mut signers = Vec::new();
    let mut reader = signer_set.children("SignedData.signerInfos")?;
    while !reader.is_empty() {
        if signers.len() == MAX_SIGNERS {
            return Err(CmsError::TooMany {
                what: "signers",
                max: MAX_SIGNERS,
            });
        }
        signers.push(signer_info(&reader.expect(der::SEQUENCE, "SignerInfo")?)?);
    }
    Ok(SignedData {
        gm: gm || content_type == crate::oid::GM_DATA.as_bytes(),
        version,
        digest_algorithms,
        content_type,
        content,
        certificates,
        revocation,
        signers,
    })
}

/// An AlgorithmIdentifier SEQUENCE.
pub(crate) fn algorithm<'a>(
    tlv: &Tlv<'a>,
    what: &'static str,
) -> Result<AlgorithmId<'a>, CmsError> {
    let mut fields = tlv.expect(der::SEQUENCE, what)?.children(what)?;
    let oid = oid::read(&fields.read()?, what)?;
    let parameters = if fields.is_empty() {
        None
    } else {
        Some(fields.read()?.raw)
    };
    fields.finish(what)?;
    Ok(AlgorithmId { oid, parameters })
}

/// EncapsulatedContentInfo: eContentType and the optional eContent.
fn encapsulated<'a>(tlv: &Tlv<'a>) -> Result<(Oid<'a>, Option<Vec<u8>>), CmsError> {
    let mut fields = tlv.children("encapContentInfo")?;
    let content_type = oid::read(&fields.read()?, "eContentType")?;
    let content = match fields.optional(EXPLICIT_0)? {
        Some(explicit) => {
            let mut inner = explicit.children("eContent")?;
            let octets = primitive::octets(&inner.read()?, "eContent")?;
            inner.finish("eContent")?;
            Some(octets)
        }
        None => None,
    };
    fields.finish("encapContentInfo")?;
    Ok((content_type, content))
}

/// The Certificate TLVs of a CertificateSet; the other choices (tagged
/// `[0]`…`[3]`: attribute and "other" certificates) are counted against
/// the limit but not returned.
fn certificates<'a>(set: &Tlv<'a>) -> Result<Vec<&'a [u8]>, CmsError> {
    let mut reader = set.children("certificates")?;
    let mut out = Vec::new();
    let mut seen = 0usize;
    while !reader.is_empty() {
        seen += 1;
        if seen > MAX_CERTIFICATES {
            return Err(CmsError::TooMany {
                what: "certificates",
                max: MAX_CERTIFICATES,
            });
        }
        let choice = reader.read()?;
        if choice.tag == der::SEQUENCE {
            out.push(choice.raw);
        }
    }
    Ok(out)
}

fn signer_info<'a>(tlv: &Tlv<'a>) -> Result<SignerInfo<'a>, CmsError> {
    let mut fields = tlv.children("SignerInfo")?;
    let version = primitive::small_uint(&fields.read()?, "SignerInfo.version")?;
    let sid = signer_id(&fields.read()?)?;
    let digest_algorithm = algorithm(&fields.read()?, "SignerInfo.digestAlgorithm")?;
    let signed_attributes = match fields.optional(SIGNED_ATTRS)? {
        Some(field) => Some(attributes::read_signed(&field)?),
        None => None,
    };
    let signature_algorithm = algorithm(&fields.read()?, "SignerInfo.signatureAlgorithm")?;
    // A primitive OCTET STRING only: a signature split into BER pieces
    // would need copying, and no signer we know does that.
    let signature = fields
        .expect(der::OCTET_STRING, "SignerInfo.signature")?
        .content;
    let unsigned_attributes = match fields.optional(UNSIGNED_ATTRS)? {
        Some(field) => attributes::read_set(&field)?,
        None => Vec::new(),
    };
    fields.finish("SignerInfo")?;
    Ok(SignerInfo {
        version,
        sid,
        digest_algorithm,
        signed_attributes,
        signature_algorithm,
        signature,
        unsigned_attributes,
    })
}

/// IssuerAndSerialNumber or `[0]` SubjectKeyIdentifier.
fn signer_id<'a>(tlv: &Tlv<'a>) -> Result<SignerId<'a>, CmsError> {
    if tlv.tag == SUBJECT_KEY_ID {
        return Ok(SignerId::SubjectKeyId(tlv.content));
    }
    let mut fields = tlv
        .expect(der::SEQUENCE, "SignerInfo.sid")?
        .children("sid")?;
    let issuer = fields.expect(der::SEQUENCE, "sid.issuer")?.raw;
    let serial = primitive::integer_bytes(&fields.read()?, "sid.serialNumber")?;
    fields.finish("sid")?;
    Ok(SignerId::IssuerSerial { issuer, serial })
}
