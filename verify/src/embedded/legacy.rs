//! `/Contents` that is not a CMS (§6b): the legacy `adbe.x509.rsa_sha1`
//! (a DER OCTET STRING holding a PKCS#1 v1.5 RSA signature over the
//! ByteRange bytes, the signer's certificate first in `/Cert`), a bare
//! signature value (some Chinese signers put a raw SM2 `r‖s` there), or
//! something unreadable.

use crate::algorithm::{Scheme, SignatureAlgorithm, Signed, Verification};
use crate::cms::CmsError;
use crate::hash::Hash;
use crate::key::PublicKey;
use crate::pdf::EmbeddedSignature;
use crate::pki::{parse_certificate, Certificate};
use crate::verdict_pdf::{Identity, Integrity, SignatureCheck, SignatureFormat, Warning};

use super::Context;

/// The largest value read as a bare signature: an RSA-8192 signature is
/// 1 KB; a real CMS is larger (it carries a certificate).
const MAX_RAW_VALUE: usize = 1024;

/// The hashes an `adbe.x509.rsa_sha1` DigestInfo may name: SHA-1 as its
/// name says, and the SHA-2 ones some writers put there instead.
const PKCS1_HASHES: [Hash; 4] = [Hash::Sha1, Hash::Sha256, Hash::Sha384, Hash::Sha512];

/// Check `contents` that did not read as a CMS (`error` says why). Answers
/// the `/Cert` certificates, the signer's first.
pub(super) fn check(
    context: &Context,
    found: &EmbeddedSignature,
    contents: &[u8],
    ranges: Option<&[(usize, usize)]>,
    result: &mut SignatureCheck,
    error: &CmsError,
) -> Vec<Certificate> {
    let value = without_padding(contents);
    let x509 = found.listing.sub_filter.as_deref() == Some("adbe.x509.rsa_sha1");
    if x509 || !found.cert.is_empty() {
        result.format = SignatureFormat::Pkcs1;
        let certs = cert_entries(found, result);
        if let (Some(leaf), Some(ranges)) = (certs.first(), ranges) {
            pkcs1(
                context,
                leaf,
                octet_string(value).unwrap_or(value),
                ranges,
                result,
            );
        }
        return certs;
    }
    if value.is_empty() {
        result.warn(Warning::CmsUnreadable);
        result.detail = Some("the signature's /Contents is empty".into());
    } else if looks_like_a_bare_value(value) {
        result.format = SignatureFormat::Raw;
        result.integrity = Integrity::Unsupported;
        result.identity = Identity::NoCertificate;
        result.detail = Some(
            "a bare signature value: nothing in the document names its key (a seal that \
             carries the key can check it)"
                .into(),
        );
    } else {
        result.warn(Warning::CmsUnreadable);
        result.detail = Some(format!("the signature cannot be read: {error}"));
    }
    Vec::new()
}

/// The certificates of `/Cert`, in order.
fn cert_entries(found: &EmbeddedSignature, result: &mut SignatureCheck) -> Vec<Certificate> {
    let mut certs = Vec::new();
    for der in &found.cert {
        match parse_certificate(der) {
            Ok(certificate) => certs.push(certificate),
            Err(_) => result.warn(Warning::CertificateUnreadable),
        }
    }
    if certs.is_empty() {
        result.identity = Identity::NoCertificate;
        result.detail = Some("the signature has no readable certificate in /Cert".into());
    }
    certs
}

/// RSA PKCS#1 v1.5 with the leaf's key over the ByteRange bytes, under
/// whichever hash the DigestInfo names.
fn pkcs1(
    context: &Context,
    leaf: &Certificate,
    signature: &[u8],
    ranges: &[(usize, usize)],
    result: &mut SignatureCheck,
) {
    result.certificate = Some(leaf.info.clone());
    let key = match PublicKey::from_spki(&leaf.spki_der) {
        Ok(key) => key,
        Err(error) => {
            result.integrity = Integrity::Unsupported;
            result.detail = Some(error.to_string());
            return;
        }
    };
    result.key = Some(key.name());
    let signed = Signed::Ranges {
        document: context.document,
        ranges,
        digests: context.digests,
    };
    let mut verdict = Integrity::Altered;
    for hash in PKCS1_HASHES {
        let Some(algorithm) = SignatureAlgorithm::of(Scheme::RsaPkcs1, hash) else {
            continue;
        };
        match algorithm.verify(&key, &signed, signature) {
            Ok(Verification::Valid) => {
                result.algorithm = Some(algorithm.name.to_owned());
                verdict = Integrity::Intact;
                break;
            }
            Err(error) if !error.is_signature_shape() => {
                result.detail = Some(error.to_string());
                verdict = Integrity::Malformed;
                break;
            }
            Err(_) => verdict = Integrity::BadSignature,
            Ok(_) => {}
        }
    }
    result
        .algorithm
        .get_or_insert_with(|| "SHA1withRSA".to_owned());
    if result.algorithm.as_deref() == Some("SHA1withRSA") {
        result.warn(Warning::WeakAlgorithm);
    }
    result.integrity = verdict;
}

/// The content of a DER OCTET STRING that is exactly `bytes`.
fn octet_string(bytes: &[u8]) -> Option<&[u8]> {
    let (&tag, rest) = bytes.split_first()?;
    if tag != 0x04 {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81 => (usize::from(*rest.first()?), rest.get(1..)?),
        0x82 => (
            usize::from(*rest.first()?) << 8 | usize::from(*rest.get(1)?),
            rest.get(2..)?,
        ),
        _ => return None,
    };
    (rest.len() == len).then_some(rest)
}

/// `contents` without the zero padding writers leave after the value.
fn without_padding(contents: &[u8]) -> &[u8] {
    let end = contents.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    contents.get(..end).unwrap_or_default()
}

/// The sizes a bare value comes in: `r‖s` on 256-, 384- and 521-bit
/// curves, and RSA signatures of 1024 to 8192 bits.
const BARE_VALUE_SIZES: [usize; 9] = [64, 96, 132, 128, 256, 384, 512, 768, 1024];

/// A short value that is no CMS: DER `SEQUENCE { INTEGER, INTEGER }`
/// (ECDSA, SM2) or a value of a signature's width (`r‖s`, RSA). Anything
/// else (say 1,008 bytes of noise under `adbe.pkcs7.detached`) is broken.
fn looks_like_a_bare_value(value: &[u8]) -> bool {
    value.len() <= MAX_RAW_VALUE && (two_integers(value) || BARE_VALUE_SIZES.contains(&value.len()))
}

fn two_integers(value: &[u8]) -> bool {
    use spki::der::asn1::UintRef;
    use spki::der::{Decode, Reader, SliceReader};
    let Ok(mut reader) = SliceReader::new(value) else {
        return false;
    };
    let read = reader.sequence(|inner| {
        UintRef::decode(inner)?;
        UintRef::decode(inner)?;
        Ok::<_, spki::der::Error>(())
    });
    read.is_ok() && reader.finish().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octet_strings_and_padding() {
        assert_eq!(octet_string(&[4, 2, 9, 9]), Some(&[9, 9][..]));
        assert_eq!(octet_string(&[4, 3, 9, 9]), None);
        assert_eq!(octet_string(&[4, 0x81, 1, 7]), Some(&[7][..]));
        assert_eq!(octet_string(&[3, 1, 7]), None);
        assert_eq!(without_padding(&[1, 0, 2, 0, 0]), &[1, 0, 2]);
        assert_eq!(without_padding(&[0, 0]), &[] as &[u8]);
    }

    #[test]
    fn bare_values() {
        assert!(looks_like_a_bare_value(&[0x30, 6, 2, 1, 5, 2, 1, 7]));
        assert!(looks_like_a_bare_value(&[0x5a; 64]));
        assert!(looks_like_a_bare_value(&[0x5a; 256]));
        assert!(!looks_like_a_bare_value(&[0x30, 3, 1, 2, 3]));
        assert!(!looks_like_a_bare_value(&[0x5a; 1008]));
        assert!(!looks_like_a_bare_value(&[0x5a; 2000]));
    }
}
