//! An OCSP request (RFC 6960 §4.1.1) for one certificate, without nonce or
//! signature: `OCSPRequest { tbsRequest { requestList { Request { CertID {
//! sha1, issuerNameHash, issuerKeyHash, serialNumber } } } } }`. Encoded by
//! hand: four nested SEQUENCEs around values we already hold as bytes.

use crate::cms::der::encode;
use crate::hash::Hash;
use crate::pki::Certificate;

/// SHA-1's AlgorithmIdentifier, `SEQUENCE { OID 1.3.14.3.2.26, NULL }`.
const SHA1_ALGORITHM: [u8; 11] = [
    0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00,
];

pub fn ocsp_request(subject: &Certificate, issuer: &Certificate) -> Result<Vec<u8>, String> {
    let key = issuer.key_bits().ok_or("the issuer's key does not read")?;
    let name_hash = encode(0x04, &[&Hash::Sha1.digest(&[&issuer.subject_der])]);
    let key_hash = encode(0x04, &[&Hash::Sha1.digest(&[key])]);
    let serial = encode(0x02, &[&subject.serial]);
    let cert_id = encode(0x30, &[&SHA1_ALGORITHM, &name_hash, &key_hash, &serial]);
    let request = encode(0x30, &[&cert_id]);
    let list = encode(0x30, &[&request]);
    let tbs = encode(0x30, &[&list]);
    Ok(encode(0x30, &[&tbs]))
}
