//! An OCSP request (RFC 6960 §4.1.1) for one certificate, without nonce or
//! signature: `OCSPRequest { tbsRequest { requestList { Request { CertID {
//! sha1, issuerNameHash, issuerKeyHash, serialNumber } } } } }`. Encoded by
//! hand: four nested SEQUENCEs around values we already hold as bytes.

use crate::hash::Hash;
use crate::pki::Certificate;

/// SHA-1's AlgorithmIdentifier, `SEQUENCE { OID 1.3.14.3.2.26, NULL }`.
const SHA1_ALGORITHM: [u8; 11] = [
    0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00,
];

pub fn ocsp_request(subject: &Certificate, issuer: &Certificate) -> Result<Vec<u8>, String> {
    let key = key_bits(&issuer.spki_der).ok_or("the issuer's key does not read")?;
    let cert_id = tlv(
        0x30,
        &[
            SHA1_ALGORITHM.to_vec(),
            tlv(0x04, &[Hash::Sha1.digest(&[&issuer.subject_der])]),
            tlv(0x04, &[Hash::Sha1.digest(&[key])]),
            tlv(0x02, std::slice::from_ref(&subject.serial)),
        ],
    );
    let request = tlv(0x30, &[cert_id]);
    let list = tlv(0x30, &[request]);
    let tbs = tlv(0x30, &[list]);
    Ok(tlv(0x30, &[tbs]))
}

fn key_bits(spki: &[u8]) -> Option<&[u8]> {
    use spki::der::Decode;
    let info = spki::SubjectPublicKeyInfoRef::from_der(spki).ok()?;
    info.subject_public_key.as_bytes()
}

/// A DER TLV of `tag` around the concatenated `parts`.
fn tlv(tag: u8, parts: &[Vec<u8>]) -> Vec<u8> {
    let content: Vec<u8> = parts.concat();
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend(content);
    out
}
