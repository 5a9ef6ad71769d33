//! The dev timestamp authority: RFC 3161 tokens made in-process (no
//! TimeStampReq/Resp over HTTP; the provider stamps its own signatures).

use cms::signed_data::EncapsulatedContentInfo;
use der::asn1::{GeneralizedTime, OctetString};
use der::{Any, Encode, Tag};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::ext::pkix::name::GeneralName;

use super::asn1::{Accuracy, MessageImprint, TstInfo};
use super::ca::{der_datetime, serial};
use super::cms::{build_signed_data, signing_certificate_attribute, Signed};
use super::signer::KeySigner;
use super::{oids, DevPki, KeyKind, PkiError};

/// A TimeStampToken (RFC 3161 §2.4.2): ContentInfo SignedData whose
/// eContent is a TSTInfo over `message_imprint_sha256`, signed by the dev
/// TSA's ECDSA P-256 key with signed attributes contentType (id-ct-TSTInfo),
/// messageDigest and signingCertificateV2 (RFC 3161 requires the ESS
/// attribute), the TSA's certificate included.
pub fn timestamp_token(
    pki: &DevPki,
    message_imprint_sha256: &[u8],
    gen_time: OffsetDateTime,
    serial_number: u64,
) -> Result<Vec<u8>, PkiError> {
    if message_imprint_sha256.len() != 32 {
        return Err(PkiError::Build {
            what: "timestamp",
            detail: format!(
                "a SHA-256 imprint has 32 bytes, not {}",
                message_imprint_sha256.len()
            ),
        });
    }
    let der_err = PkiError::der("TSTInfo");
    let certificate = pki.tsa.certificate()?;
    let tst_info = TstInfo {
        version: 1,
        policy: oids::DEV_TSA_POLICY,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: oids::SHA256,
                parameters: None,
            },
            hashed_message: OctetString::new(message_imprint_sha256).map_err(&der_err)?,
        },
        serial_number: serial(serial_number)?,
        gen_time: GeneralizedTime::from_date_time(der_datetime(gen_time)?),
        accuracy: Some(Accuracy { seconds: Some(1) }),
        tsa: Some(GeneralName::DirectoryName(
            certificate.tbs_certificate().subject().clone(),
        )),
    };
    let tst_der = tst_info.to_der().map_err(&der_err)?;
    let content = EncapsulatedContentInfo {
        econtent_type: oids::TST_INFO,
        econtent: Some(Any::new(Tag::OctetString, tst_der).map_err(&der_err)?),
    };
    let spki = certificate
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(PkiError::der("TSA key"))?;
    let signer = KeySigner::from_pem(KeyKind::EcdsaP256, &pki.tsa.key_pem, spki)?;
    let signed = Signed {
        content: &content,
        // The builder hashes the eContent itself.
        external_digest: None,
        digest_algorithm: AlgorithmIdentifierOwned {
            oid: oids::SHA256,
            parameters: None,
        },
        signer: &signer,
        signer_certificate: &certificate,
        certificates: std::slice::from_ref(&certificate),
        signed_attributes: vec![signing_certificate_attribute(
            &certificate,
            &pki.tsa.cert_der,
        )?],
    };
    build_signed_data(signed, |_| Ok(None))
}
