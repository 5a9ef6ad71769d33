//! Seals that are PDF signatures (§6a, §6b): the seal's `signature` is the
//! value that sits in one of the document's `/Contents` — a CMS or an
//! electronic seal (its `privateKey` then the signer's certificate), or a
//! bare signature value
//! (its `privateKey` the key that checks it). Such a seal is verified as
//! that embedded signature, not as a raw §6 seal over the whole file.

use crate::algorithm::{Signed, Verification};
use crate::cms::{self, Contents};
use crate::digest::Digests;
use crate::hash::Hash;
use crate::key::read_seal_key;
use crate::model::Seal;
use crate::pdf::EmbeddedSignature;
use crate::pki;
use crate::seal::{seal_algorithm, signer_allowed};
use crate::text::{decode_base64, decode_pem};
use crate::verdict::{CertificateInfo, PdfSignature, SealVerdict, ValidSeal};
use crate::verdict_pdf::{SignatureFormat, SignatureStatus};

use super::check::signed_ranges;

/// Largest seal `signature` text read as a signature value (a CMS with a
/// chain and a timestamp token is a few KB; the CMS limit is 1 MiB).
const MAX_CMS_TEXT: usize = 2 * 1024 * 1024;

/// The bytes of the seal's `signature`.
fn seal_bytes(seal: &Seal) -> Option<Vec<u8>> {
    let text = seal.signature_text()?;
    if text.len() > MAX_CMS_TEXT {
        return None;
    }
    decode_base64(text)
}

/// `contents` is `value`, maybe followed by the zero padding PDF writers
/// leave in `/Contents`.
fn same_contents(contents: &[u8], value: &[u8]) -> bool {
    !value.is_empty()
        && contents
            .strip_prefix(value)
            .is_some_and(|rest| rest.iter().all(|&b| b == 0))
}

/// Which embedded signature a seal is: the index of the one whose
/// `/Contents` holds the seal's signature; `Some(None)` for a seal whose
/// signature is a CMS with a certificate as its key but that no signature
/// of the document holds; `None` for a raw §6 seal.
pub(crate) fn embedded_signature_of(
    seal: &Seal,
    signatures: &[EmbeddedSignature],
) -> Option<Option<usize>> {
    let bytes = seal_bytes(seal)?;
    let found = signatures.iter().position(|s| {
        s.contents
            .as_deref()
            .is_some_and(|c| same_contents(c, &bytes))
    });
    if found.is_some() {
        return Some(found);
    }
    let is_cms = match cms::parse(&bytes) {
        Ok(Contents::SignedData(_)) => true,
        Ok(Contents::Ses(ses)) => ses.is_ok(),
        Err(_) => false,
    };
    (is_cms && seal_certificate(seal).is_some()).then_some(None)
}

/// The certificate in the seal's `privateKey` (PEM or base64 DER), if it
/// holds one.
fn seal_certificate(seal: &Seal) -> Option<pki::Certificate> {
    let text = seal.public_key_text()?;
    let der = match decode_pem(text) {
        Some(Ok(pem)) if pem.label == "CERTIFICATE" => pem.der,
        Some(_) => return None,
        None => decode_base64(text)?,
    };
    pki::parse_certificate(&der).ok()
}

/// The verdict of a seal that is the embedded signature `checked` (its
/// report entry) found as `found`; `None` for one not in the document.
pub(crate) fn verdict(
    seal: &Seal,
    embedded: Option<(&PdfSignature, &EmbeddedSignature)>,
    document: &[u8],
    digests: &Digests,
) -> SealVerdict {
    let algorithm_named = seal.algorithm.clone().unwrap_or_default();
    let Some((signature, found)) = embedded else {
        return SealVerdict::Invalid {
            algorithm: algorithm_named,
            key_fingerprint: None,
            pdf_signature: None,
        };
    };
    let field = signature.field.clone().unwrap_or_default();
    let Some(check) = &signature.check else {
        return SealVerdict::Invalid {
            algorithm: algorithm_named,
            key_fingerprint: None,
            pdf_signature: Some(field),
        };
    };
    if check.format == SignatureFormat::Raw {
        return raw(seal, found, field, document, digests);
    }
    let Some(certificate) = seal_certificate(seal) else {
        return SealVerdict::Invalid {
            algorithm: algorithm_named,
            key_fingerprint: None,
            pdf_signature: Some(field),
        };
    };
    let algorithm = check.algorithm.clone().unwrap_or(algorithm_named);
    let key_fingerprint = hex::encode(Hash::Sha256.digest(&[&certificate.spki_der]));
    // The seal must name the certificate that signed: a seal carrying
    // another's certificate does not describe this signature.
    let same_signer = check
        .certificate
        .as_ref()
        .is_some_and(|c| c.fingerprint == certificate.info.fingerprint);
    match check.status {
        SignatureStatus::Valid if same_signer => SealVerdict::Valid(ValidSeal {
            algorithm,
            key_fingerprint,
            certificate: Some(certificate_info(&certificate)),
            signer_allowed: signer_allowed(seal),
            pdf_signature: Some(field),
        }),
        SignatureStatus::Indeterminate if same_signer => SealVerdict::Indeterminate {
            algorithm,
            pdf_signature: field,
        },
        _ => SealVerdict::Invalid {
            algorithm,
            key_fingerprint: Some(key_fingerprint),
            pdf_signature: Some(field),
        },
    }
}

fn certificate_info(certificate: &pki::Certificate) -> CertificateInfo {
    CertificateInfo {
        subject: certificate.info.subject.clone(),
        issuer: certificate.info.issuer.clone(),
        not_before: certificate.info.not_before.clone(),
        not_after: certificate.info.not_after.clone(),
    }
}

/// A bare signature value in `/Contents` that the seal carries the key
/// for: checked like a §6 seal, over that signature's ByteRange bytes.
fn raw(
    seal: &Seal,
    found: &EmbeddedSignature,
    field: String,
    document: &[u8],
    digests: &Digests,
) -> SealVerdict {
    let Some(algorithm) = seal_algorithm(seal) else {
        return SealVerdict::Unsupported {
            algorithm: seal.algorithm.clone().unwrap_or_default(),
        };
    };
    let key = match read_seal_key(seal.public_key_text(), algorithm) {
        Ok(key) => key,
        Err(problem) => return problem.into(),
    };
    let invalid = |fingerprint: String| SealVerdict::Invalid {
        algorithm: algorithm.name.to_owned(),
        key_fingerprint: Some(fingerprint),
        pdf_signature: Some(field.clone()),
    };
    let (Some(ranges), Some(value)) = (signed_ranges(found), seal_bytes(seal)) else {
        return invalid(key.fingerprint);
    };
    let signed = Signed::Ranges {
        document,
        ranges: &ranges,
        digests,
    };
    match algorithm.verify(&key.key, &signed, &value) {
        Ok(Verification::Valid) => SealVerdict::Valid(ValidSeal {
            algorithm: algorithm.name.to_owned(),
            key_fingerprint: key.fingerprint,
            certificate: key.certificate.as_ref().map(certificate_info),
            signer_allowed: signer_allowed(seal),
            pdf_signature: Some(field),
        }),
        Ok(_) => invalid(key.fingerprint),
        Err(problem) => problem.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_after_the_value_is_the_same_contents() {
        assert!(same_contents(&[0x30, 1, 2, 0, 0], &[0x30, 1, 2]));
        assert!(same_contents(&[0x30, 1, 2], &[0x30, 1, 2]));
        assert!(!same_contents(&[0x30, 1, 2, 0, 1], &[0x30, 1, 2]));
        assert!(!same_contents(&[0x30, 1], &[0x30, 1, 2]));
        assert!(!same_contents(&[0, 0], &[]));
    }

    #[test]
    fn a_raw_seal_is_not_a_pdf_signature() {
        let seal = Seal {
            signature: Some("MEUCIQ==".into()),
            public_key: Some("BAAA".into()),
            ..Seal::default()
        };
        assert_eq!(embedded_signature_of(&seal, &[]), None);
    }
}
