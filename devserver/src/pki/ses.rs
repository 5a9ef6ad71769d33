//! GB/T 38540-2020 electronic-seal signatures (`SES_Signature`, v4), as
//! Chinese seal systems put them in a PDF's `/Contents` (spec §6d): the seal
//! (`SESeal`: name, picture, validity, the certificates allowed to use it)
//! signed by its maker, and the signer's SM2 signature over the seal, the
//! time and the SM3 of the ByteRange bytes, with a dev TSA timestamp over
//! the signature value.
//!
//! The maker is the dev SM2 root: in this reference provider the authority
//! that certifies the seal keys also makes the seals (real seal systems
//! have a seal-making certificate of their own under such a root).
//! Declared with der's derive, so the encoding is der's.

use der::asn1::{BitString, GeneralizedTime, Ia5String, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use signature::Signer;
use sm3::Sm3;
use time::OffsetDateTime;
use x509_cert::Certificate;

use super::ca::der_datetime;
use super::{oids, tsa, DevPki, KeyKind, PkiError};
use crate::pki::signer::KeySigner;

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Header {
    id: Ia5String,
    version: u8,
    vid: Ia5String,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PropertyInfo {
    kind: u8,
    name: String,
    /// 1: `cert_list` holds certificates.
    cert_list_type: u8,
    cert_list: Vec<OctetString>,
    create_date: GeneralizedTime,
    valid_start: GeneralizedTime,
    valid_end: GeneralizedTime,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PictureInfo {
    kind: Ia5String,
    data: OctetString,
    width: u32,
    height: u32,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SealInfo {
    header: Header,
    es_id: Ia5String,
    property: PropertyInfo,
    picture: PictureInfo,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SESeal {
    info: SealInfo,
    cert: OctetString,
    sign_alg_id: ObjectIdentifier,
    signed_value: BitString,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TbsSign {
    version: u8,
    eseal: SESeal,
    time_info: GeneralizedTime,
    data_hash: BitString,
    property_info: Ia5String,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SesSignature {
    to_sign: TbsSign,
    cert: OctetString,
    signature_alg_id: ObjectIdentifier,
    signature: BitString,
    /// `[0] EXPLICIT`, as ofdrw writes it (the standard's module does not
    /// say; readers take both).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    time_stamp: Option<BitString>,
}

/// What to seal; see [`sign_ses`].
pub struct SesRequest<'a> {
    /// The bytes the PDF's /ByteRange names, in order.
    pub signed_parts: &'a [&'a [u8]],
    /// The seal's SM2 key (PKCS#8 PEM) and certificate (DER).
    pub key_pem: &'a str,
    pub certificate_der: &'a [u8],
    /// `esID` and the seal's name.
    pub seal_id: &'a str,
    pub seal_name: &'a str,
    /// 1 official seal, 2 personal seal.
    pub seal_kind: u8,
    /// The picture the form shows for this seal, and its size in mm.
    pub picture_svg: &'a [u8],
    pub picture_mm: u32,
    /// `propertyInfo`: what was sealed (ASCII: an IA5String).
    pub document_name: &'a str,
    pub signing_time: OffsetDateTime,
}

/// A DER `SES_Signature` (v4) over `request.signed_parts`, the seal valid
/// as long as its certificate, the timestamp from the dev TSA.
pub fn sign_ses(
    request: &SesRequest,
    pki: &DevPki,
    tsa_time: OffsetDateTime,
    tsa_serial: u64,
) -> Result<Vec<u8>, PkiError> {
    let der_err = PkiError::der("SES_Signature");
    let certificate =
        Certificate::from_der(request.certificate_der).map_err(PkiError::der("certificate"))?;
    let validity = certificate.tbs_certificate().validity();
    let time = |t: OffsetDateTime| der_datetime(t).map(GeneralizedTime::from_date_time);
    let ia5 = |text: &str| Ia5String::new(text).map_err(PkiError::der("IA5String"));
    let octets = |bytes: &[u8]| OctetString::new(bytes).map_err(PkiError::der("OCTET STRING"));
    let info = SealInfo {
        header: Header {
            id: ia5("ES")?,
            version: 4,
            vid: ia5("InfoPlus Dev")?,
        },
        es_id: ia5(request.seal_id)?,
        property: PropertyInfo {
            kind: request.seal_kind,
            name: request.seal_name.to_owned(),
            cert_list_type: 1,
            cert_list: vec![octets(request.certificate_der)?],
            create_date: GeneralizedTime::from_date_time(validity.not_before.to_date_time()),
            valid_start: GeneralizedTime::from_date_time(validity.not_before.to_date_time()),
            valid_end: GeneralizedTime::from_date_time(validity.not_after.to_date_time()),
        },
        picture: PictureInfo {
            kind: ia5("svg")?,
            data: octets(request.picture_svg)?,
            width: request.picture_mm,
            height: request.picture_mm,
        },
    };
    let (maker, maker_certificate) = pki.sm2_root.signer(KeyKind::Sm2)?;
    let maker_der = maker_certificate.to_der().map_err(&der_err)?;
    // The maker signs esealInfo's DER, as ofdrw and other open
    // implementations do (some read the standard as the SEQUENCE of
    // esealInfo, cert and signAlgID; our verifier takes both).
    let seal_signature = sign(&maker, &info.to_der().map_err(&der_err)?)?;
    let mut sm3 = Sm3::new();
    for part in request.signed_parts {
        sm3.update(part);
    }
    let to_sign = TbsSign {
        version: 4,
        eseal: SESeal {
            info,
            cert: octets(&maker_der)?,
            sign_alg_id: oids::SM2_WITH_SM3,
            signed_value: bits(&seal_signature)?,
        },
        time_info: time(request.signing_time)?,
        data_hash: bits(&sm3.finalize())?,
        property_info: ia5(request.document_name)?,
    };
    let spki = certificate
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(PkiError::der("certificate key"))?;
    let signer = KeySigner::from_pem(KeyKind::Sm2, request.key_pem, spki)?;
    let signature = sign(&signer, &to_sign.to_der().map_err(&der_err)?)?;
    let token = tsa::timestamp_token(pki, &Sha256::digest(&signature), tsa_time, tsa_serial)?;
    SesSignature {
        to_sign,
        cert: octets(request.certificate_der)?,
        signature_alg_id: oids::SM2_WITH_SM3,
        signature: bits(&signature)?,
        time_stamp: Some(bits(&token)?),
    }
    .to_der()
    .map_err(der_err)
}

fn sign(signer: &KeySigner, message: &[u8]) -> Result<Vec<u8>, PkiError> {
    signer
        .try_sign(message)
        .map(|s| s.0)
        .map_err(PkiError::build("SM2 signature"))
}

fn bits(bytes: &[u8]) -> Result<BitString, PkiError> {
    BitString::from_bytes(bytes).map_err(PkiError::der("BIT STRING"))
}
