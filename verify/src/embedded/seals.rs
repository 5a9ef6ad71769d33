//! Seals that are PDF signatures (§6a): the seal's `signature` is the
//! base64 CMS that sits in the document's `/Contents`, and its
//! `privateKey` the signer's certificate. Such a seal is verified as that
//! embedded signature: its verdict is the signature's status.

use sha2::{Digest, Sha256};

use crate::cms::{self, Contents};
use crate::model::Seal;
use crate::pki;
use crate::text::{decode_base64, decode_pem};
use crate::verdict::{CertificateInfo, PdfReport, SealVerdict, ValidSeal};
use crate::verdict_pdf::SignatureStatus;

/// Largest seal `signature` text read as a CMS (a CMS with a chain and a
/// timestamp token is a few KB; the §6a limit for CMS is 1 MiB).
const MAX_CMS_TEXT: usize = 2 * 1024 * 1024;

/// The CMS bytes of the seal's `signature`, if it is one.
fn seal_cms(seal: &Seal) -> Option<Vec<u8>> {
    let text = seal.signature_text()?;
    if text.len() > MAX_CMS_TEXT {
        return None;
    }
    let der = decode_base64(text)?;
    matches!(cms::parse(&der), Ok(Contents::SignedData(_))).then_some(der)
}

/// The certificate DER in the seal's `privateKey` (PEM or base64 DER), if
/// it holds one.
fn seal_certificate(seal: &Seal) -> Option<pki::Certificate> {
    let text = seal.public_key_text()?.trim();
    let der = match decode_pem(text) {
        Some(Ok(pem)) if pem.label == "CERTIFICATE" => pem.der,
        Some(_) => return None,
        None => decode_base64(text)?,
    };
    pki::parse_certificate(&der).ok()
}

/// Is this seal a PDF signature (base64 CMS SignedData in `signature`, a
/// certificate in `privateKey`)? Those are verified with the PDF, not as
/// raw §6 seals.
pub fn is_pdf_signature_seal(seal: &Seal) -> bool {
    seal_cms(seal).is_some() && seal_certificate(seal).is_some()
}

/// `contents` is this CMS, maybe followed by the zero padding PDF writers
/// leave in `/Contents`.
fn same_contents(contents: &[u8], cms: &[u8]) -> bool {
    contents
        .strip_prefix(cms)
        .is_some_and(|rest| rest.iter().all(|&b| b == 0))
}

/// The seal's verdict from the PDF report: the embedded signature with the
/// same `/Contents` (`contents[i]` is signature `i`'s).
pub(super) fn verdict(
    seal: &Seal,
    report: &PdfReport,
    contents: &[Option<Vec<u8>>],
) -> SealVerdict {
    let algorithm_named = seal.algorithm.clone().unwrap_or_default();
    let not_in_document = || SealVerdict::Invalid {
        algorithm: algorithm_named.clone(),
        key_fingerprint: None,
        pdf_signature: None,
    };
    let (Some(cms), Some(certificate), PdfReport::Parsed { signatures, .. }) =
        (seal_cms(seal), seal_certificate(seal), report)
    else {
        return not_in_document();
    };
    let found = contents
        .iter()
        .position(|c| c.as_deref().is_some_and(|c| same_contents(c, &cms)));
    let Some((signature, check)) = found
        .and_then(|i| signatures.get(i))
        .and_then(|s| s.check.as_ref().map(|check| (s, check)))
    else {
        return not_in_document();
    };
    let field = signature.field.clone().unwrap_or_default();
    let algorithm = check.algorithm.clone().unwrap_or(algorithm_named);
    let key_fingerprint = hex::encode(Sha256::digest(&certificate.spki_der));
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
            certificate: Some(CertificateInfo {
                subject: certificate.info.subject.clone(),
                issuer: certificate.info.issuer.clone(),
                not_before: certificate.info.not_before.clone(),
                not_after: certificate.info.not_after.clone(),
            }),
            signer_allowed: crate::signer_allowed(seal),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_after_the_cms_is_the_same_contents() {
        assert!(same_contents(&[0x30, 1, 2, 0, 0], &[0x30, 1, 2]));
        assert!(same_contents(&[0x30, 1, 2], &[0x30, 1, 2]));
        assert!(!same_contents(&[0x30, 1, 2, 0, 1], &[0x30, 1, 2]));
        assert!(!same_contents(&[0x30, 1], &[0x30, 1, 2]));
    }

    #[test]
    fn a_raw_seal_is_not_a_pdf_signature() {
        let seal = Seal {
            signature: Some("MEUCIQ==".into()),
            public_key: Some("BAAA".into()),
            ..Seal::default()
        };
        assert!(!is_pdf_signature_seal(&seal));
    }
}
