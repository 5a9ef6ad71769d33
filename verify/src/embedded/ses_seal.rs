//! The seal of an SES signature, checked (§6d): the maker's signature over
//! the seal, the seal's validity at the signing time, the signer among
//! those the seal allows, the maker's chain; and its picture, handed on as
//! data with a type sniffed from the bytes.

use base64::Engine;

use crate::algorithm::Verification;
use crate::cms::{AllowedSigners, Picture, SesSignature};
use crate::hash::Hash;
use crate::pki::{parse_certificate, validate_chain, Certificate, Purpose};
use crate::time;
use crate::verdict_pdf::{Identity, SealImage, SealReport, SignatureCheck, Warning};

use super::ses::{algorithm, signed_by};
use super::{Context, ValidationTime};

/// Check the seal of `ses`, signed by `signer` at `at` (when known).
pub(super) fn check(
    context: &Context,
    ses: &SesSignature<'_>,
    signer: &Certificate,
    at: Option<i64>,
    result: &mut SignatureCheck,
) -> SealReport {
    let seal = &ses.seal;
    let maker = parse_certificate(&seal.maker_certificate).ok();
    let intact = maker.as_ref().is_some_and(|maker| {
        algorithm(seal.maker_algorithm.0).is_some_and(|algorithm| {
            seal.maker_signed.iter().any(|signed| {
                matches!(
                    signed_by(maker, algorithm, signed, seal.maker_signature),
                    Ok(Verification::Valid | Verification::ValidWithEmptySm2Id)
                )
            })
        })
    });
    let valid_at_signing = match (at, seal.valid_from, seal.valid_to) {
        (Some(at), Some(from), Some(to)) => from <= at && at <= to,
        _ => false,
    };
    let signer_allowed = allows(&seal.signers, signer);
    let maker_identity = match &maker {
        None => Identity::NoCertificate,
        Some(maker) => {
            let at = match context.at {
                ValidationTime::At(at) => at,
                ValidationTime::Signing => at.unwrap_or(maker.not_before),
            };
            validate_chain(maker, &[], context.trust, at, Purpose::Signing).identity
        }
    };
    if !intact {
        result.warn(Warning::SealSignatureInvalid);
    }
    if !valid_at_signing {
        result.warn(Warning::SealOutsideValidity);
    }
    if !signer_allowed {
        result.warn(Warning::SealSignerNotAllowed);
    }
    if maker_identity != Identity::Trusted {
        result.warn(Warning::SealMakerUntrusted);
    }
    let image = image(&seal.picture);
    if image.is_none() {
        result.warn(Warning::SealPictureUnreadable);
    }
    SealReport {
        name: seal.name.clone(),
        id: seal.id.clone(),
        kind: seal.kind,
        version: ses.version.number(),
        valid_from: seal.valid_from.map(time::rfc3339),
        valid_to: seal.valid_to.map(time::rfc3339),
        maker: maker.map(|m| m.info.subject),
        image,
        intact,
        valid_at_signing,
        signer_allowed,
        maker_identity,
    }
}

/// Is `signer` one of the certificates the seal names, or has it one of
/// the digests the seal lists (under the hash each names)?
fn allows(signers: &AllowedSigners, signer: &Certificate) -> bool {
    match signers {
        AllowedSigners::Certificates(certificates) => certificates.contains(&signer.der),
        AllowedSigners::Digests(digests) => digests.iter().any(|(name, value)| {
            hash_named(name).is_some_and(|hash| hash.digest(&[&signer.der]) == *value)
        }),
    }
}

/// A hash by the name a seal writes (`sm3`, `SHA-256`, `sha1`, …).
fn hash_named(name: &str) -> Option<Hash> {
    let plain: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Hash::ALL.into_iter().find(|hash| {
        let label: String = hash
            .label()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        label.eq_ignore_ascii_case(&plain)
    })
}

/// The picture as data for an `<img>`, if its bytes are a format browsers
/// show: the type comes from the bytes, not from what the seal says.
fn image(picture: &Picture<'_>) -> Option<SealImage> {
    let mime = sniff(picture.data)?;
    Some(SealImage {
        mime: mime.to_owned(),
        declared: picture.kind.clone(),
        base64: base64::engine::general_purpose::STANDARD.encode(picture.data),
        width: picture.width,
        height: picture.height,
    })
}

fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if data.starts_with(&[0xff, 0xd8, 0xff]) {
        return Some("image/jpeg");
    }
    if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        return Some("image/gif");
    }
    if data.starts_with(b"BM") && data.len() > 14 {
        return Some("image/bmp");
    }
    // SVG shown through <img> runs no script; it is still only data here.
    let head = &data[..data.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if (text.starts_with("<?xml") || text.starts_with("<svg")) && text.contains("<svg") {
        return Some("image/svg+xml");
    }
    None
}
