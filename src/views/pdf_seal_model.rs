//! What the views show of an electronic seal (GB/T 38540, §6d) under the
//! signature that carries it: the seal's own picture, from the signature's
//! bytes (never from a URL, never as markup), its name, maker and
//! validity, and what checking it found.

use infoplus_signature_core::verdict_pdf::{Identity, SealReport};

use super::names::common_name;
use super::time::{local_time, Zone};
use crate::i18n::Lang;

/// Picture types an `<img>` is given; anything else is not shown. SVG is
/// safe there (an image document runs no script) and seals use it.
const SHOWN: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/bmp",
    "image/svg+xml",
];

/// One seal card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSealModel {
    /// A `data:` URL of the picture, when it is one of [`SHOWN`].
    pub picture: Option<String>,
    /// The picture's alternative text: the seal's name.
    pub alt: String,
    /// Its size as the seal asks (millimetres at CSS's 96 px per inch),
    /// in CSS pixels; the style caps it to the card's width.
    pub size_px: Option<(u32, u32)>,
    pub lines: Vec<String>,
}

impl PdfSealModel {
    pub fn of(seal: &SealReport, lang: Lang, zone: &dyn Zone) -> PdfSealModel {
        let picture = seal
            .image
            .as_ref()
            .filter(|image| SHOWN.contains(&image.mime.as_str()))
            .filter(|image| {
                image
                    .base64
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            })
            .map(|image| format!("data:{};base64,{}", image.mime, image.base64));
        let size_px = seal
            .image
            .as_ref()
            .and_then(|image| Some((image.width?, image.height?)))
            .filter(|&(w, h)| (5..=100).contains(&w) && (5..=100).contains(&h))
            .map(|(w, h)| (w * 96 * 10 / 254, h * 96 * 10 / 254));
        let mut lines = vec![lang.seal_name(&seal.name, seal.kind)];
        if let Some(maker) = &seal.maker {
            lines.push(lang.seal_maker(
                &common_name(maker),
                seal.maker_identity == Identity::Trusted,
            ));
        }
        if let (Some(from), Some(to)) = (&seal.valid_from, &seal.valid_to) {
            let (from, to) = (local_time(from, zone, lang), local_time(to, zone, lang));
            lines.push(lang.seal_validity(&from, &to, seal.valid_at_signing));
        }
        lines.push(lang.seal_checks(seal.intact, seal.signer_allowed));
        lines.push(lang.seal_standard(seal.version, &seal.id));
        PdfSealModel {
            picture,
            alt: lang.seal_picture_alt(&seal.name),
            size_px,
            lines,
        }
    }
}
