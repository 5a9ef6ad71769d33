//! The OCSP structures against DER that OpenSSL 3 wrote (an independent
//! encoder): requests from `openssl ocsp -reqout`, a response from its
//! `-index` responder; each decodes to what `openssl ocsp -resp_text`
//! showed and encodes back to the same bytes.

use der::asn1::{GeneralizedTime, Int, Null, OctetString};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::CrlReason;

use super::*;
use crate::pki::oids;

/// `openssl ocsp -issuer ca.pem -sha256 -cert ee.pem -no_nonce -reqout`,
/// for serial 0x1234 of a throwaway P-256 CA.
const REQUEST_SHA256: &str = "305f305d305b30593057300d060960864801650304020105000420ae34df07beb67ad6ecc3084c60627adc9c7137fa650ff3e44e1e0adca782b6d9042086213fb8e062c15950d504065f64fea955c6ebfa53465f1b6154c08e5a186afe02021234";

/// The same with OpenSSL's defaults: a SHA-1 CertID and a nonce.
const REQUEST_NONCE: &str = "30683066303f303d303b300906052b0e03021a0500041489e3ae50fb04f1f0f54735a1a53fd87ea68aab2804141e2788515c7dd6d565a19bcc79d7e97233c7cb8b02021234a2233021301f06092b0601050507300102041204101ef7d57089354e5ab1129d605a961b4e";

/// `openssl ocsp -index … -resp_key_id -resp_no_certs` answering
/// REQUEST_NONCE: revoked 2020-12-01 (keyCompromise), produced and updated
/// 2026-12-06 09:16:37, next update a day later, the nonce repeated.
const RESPONSE_REVOKED: &str = "308201410a0100a082013a3082013606092b060105050730010104820127308201233081cba21604141e2788515c7dd6d565a19bcc79d7e97233c7cb8b180f32303236313230363039313633375a307b3079303b300906052b0e03021a0500041489e3ae50fb04f1f0f54735a1a53fd87ea68aab2804141e2788515c7dd6d565a19bcc79d7e97233c7cb8b02021234a116180f32303230313230313030303030305aa0030a0101180f32303236313230363039313633375aa011180f32303236313230373039313633375aa1233021301f06092b0601050507300102041204101ef7d57089354e5ab1129d605a961b4e300a06082a8648ce3d0403020347003044022033b094933a1e76d9041541d54b688bed14e1f28c890f502bc5861fe6187aaea10220570cdce6a84281f1bef0e22d4523ea80c54adddec7e0bb99905739f320106e73";

/// SHA-1 of the fixture CA's public key bits (its issuerKeyHash and the
/// response's responder key id).
const CA_KEY_SHA1: &str = "1e2788515c7dd6d565a19bcc79d7e97233c7cb8b";

fn bytes(hex_text: &str) -> Vec<u8> {
    hex::decode(hex_text).expect("fixture hex")
}

fn time(unix: u64) -> GeneralizedTime {
    GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(unix)).expect("a time")
}

#[test]
fn openssl_requests_decode_and_encode_back_byte_for_byte() {
    let der = bytes(REQUEST_SHA256);
    let request = OcspRequest::from_der(&der).unwrap();
    assert_eq!(request.tbs_request.version, None);
    assert_eq!(request.tbs_request.request_extensions, None);
    let [single] = request.tbs_request.request_list.as_slice() else {
        panic!("one request: {request:?}");
    };
    let id = &single.req_cert;
    assert_eq!(id.hash_algorithm.oid, oids::SHA256);
    assert_eq!(id.issuer_name_hash.as_bytes().len(), 32);
    assert_eq!(id.serial_number.as_bytes(), [0x12, 0x34]);
    assert_eq!(request.to_der().unwrap(), der);

    let der = bytes(REQUEST_NONCE);
    let request = OcspRequest::from_der(&der).unwrap();
    let id = &request.tbs_request.request_list[0].req_cert;
    assert_eq!(id.hash_algorithm.oid, oids::SHA1);
    assert_eq!(hex::encode(id.issuer_key_hash.as_bytes()), CA_KEY_SHA1);
    let extensions = request.tbs_request.request_extensions.as_ref().unwrap();
    assert_eq!(extensions[0].extn_id, oids::OCSP_NONCE);
    assert_eq!(request.to_der().unwrap(), der);
}

#[test]
fn an_openssl_response_decodes_and_encodes_back_byte_for_byte() {
    let der = bytes(RESPONSE_REVOKED);
    let response = OcspResponse::from_der(&der).unwrap();
    assert_eq!(response.response_status, OcspResponseStatus::Successful);
    let response_bytes = response.response_bytes.as_ref().unwrap();
    assert_eq!(response_bytes.response_type, oids::OCSP_BASIC);
    let basic = BasicOcspResponse::from_der(response_bytes.response.as_bytes()).unwrap();
    assert_eq!(basic.certs, None);
    let data = &basic.tbs_response_data;
    assert_eq!(data.version, None);
    let ResponderId::ByKey(key_hash) = &data.responder_id else {
        panic!("by key: {:?}", data.responder_id);
    };
    assert_eq!(hex::encode(key_hash.as_bytes()), CA_KEY_SHA1);
    // 2026-12-06T09:16:37Z, 2020-12-01T00:00:00Z.
    let produced = 1_796_548_597;
    assert_eq!(data.produced_at, time(produced));
    let [single] = data.responses.as_slice() else {
        panic!("one response: {data:?}");
    };
    assert_eq!(
        single.cert_status,
        CertStatus::Revoked(RevokedInfo {
            revocation_time: time(1_606_780_800),
            revocation_reason: Some(CrlReason::KeyCompromise),
        })
    );
    assert_eq!(single.this_update, time(produced));
    assert_eq!(single.next_update, Some(time(produced + 86_400)));
    let request = OcspRequest::from_der(&bytes(REQUEST_NONCE)).unwrap();
    assert_eq!(single.cert_id, request.tbs_request.request_list[0].req_cert);
    assert_eq!(
        data.response_extensions,
        request.tbs_request.request_extensions
    );
    assert_eq!(basic.to_der().unwrap(), response_bytes.response.as_bytes());
    assert_eq!(response.to_der().unwrap(), der);
}

fn cert_id() -> CertId {
    CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: oids::SHA1,
            parameters: None,
        },
        issuer_name_hash: OctetString::new([1u8; 20]).unwrap(),
        issuer_key_hash: OctetString::new([2u8; 20]).unwrap(),
        serial_number: Int::new(&[0x00, 0x80]).unwrap(),
    }
}

#[test]
fn statuses_and_responder_ids_are_tagged_as_rfc_6960_says() {
    // good [0] IMPLICIT NULL, unknown [2] IMPLICIT NULL.
    assert_eq!(CertStatus::Good(Null).to_der().unwrap(), [0x80, 0x00]);
    assert_eq!(CertStatus::Unknown(Null).to_der().unwrap(), [0x82, 0x00]);
    // revoked [1] IMPLICIT SEQUENCE, the reason [0] EXPLICIT ENUMERATED.
    let revoked = CertStatus::Revoked(RevokedInfo {
        revocation_time: time(0),
        revocation_reason: Some(CrlReason::Superseded),
    });
    let der = revoked.to_der().unwrap();
    assert_eq!(der[0], 0xa1);
    assert!(der.ends_with(&[0xa0, 0x03, 0x0a, 0x01, 0x04]), "{der:02x?}");
    // byKey [2] EXPLICIT OCTET STRING.
    let by_key = ResponderId::ByKey(OctetString::new([7u8; 20]).unwrap());
    assert_eq!(by_key.to_der().unwrap()[..4], [0xa2, 0x16, 0x04, 0x14]);
    // An unsuccessful response is the status alone.
    let malformed = OcspResponse {
        response_status: OcspResponseStatus::MalformedRequest,
        response_bytes: None,
    };
    assert_eq!(malformed.to_der().unwrap(), [0x30, 0x03, 0x0a, 0x01, 0x01]);
}

#[test]
fn a_basic_response_round_trips() {
    let single = |cert_status| SingleResponse {
        cert_id: cert_id(),
        cert_status,
        this_update: time(1_800_000_000),
        next_update: Some(time(1_800_086_400)),
        single_extensions: None,
    };
    let basic = BasicOcspResponse {
        tbs_response_data: ResponseData {
            version: None,
            responder_id: ResponderId::ByKey(OctetString::new([3u8; 20]).unwrap()),
            produced_at: time(1_800_000_000),
            responses: vec![
                single(CertStatus::Good(Null)),
                single(CertStatus::Unknown(Null)),
                single(CertStatus::Revoked(RevokedInfo {
                    revocation_time: time(1_700_000_000),
                    revocation_reason: None,
                })),
            ],
            response_extensions: None,
        },
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: oids::ECDSA_WITH_SHA256,
            parameters: None,
        },
        signature: der::asn1::BitString::from_bytes(&[0x30, 0x00]).unwrap(),
        certs: None,
    };
    let der = basic.to_der().unwrap();
    assert_eq!(BasicOcspResponse::from_der(&der).unwrap(), basic);
}

#[test]
fn what_is_not_an_ocsp_request_does_not_decode() {
    let der = bytes(REQUEST_NONCE);
    assert!(OcspRequest::from_der(&der[..der.len() - 1]).is_err());
    assert!(OcspRequest::from_der(b"GET / HTTP/1.1").is_err());
    assert!(OcspRequest::from_der(&[]).is_err());
    // A response is no request.
    assert!(OcspRequest::from_der(&bytes(RESPONSE_REVOKED)).is_err());
}
