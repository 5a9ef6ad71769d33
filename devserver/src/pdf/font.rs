//! The CJK font the devserver writes its PDFs with, and the Type0 font
//! resource (CIDFontType2, Identity-H, subsetted FontFile2, `/W`,
//! `/ToUnicode`) built from it for one document or one seal appearance.
//!
//! The font is WenQuanYi Zen Hei from Debian's `fonts-wqy-zenhei`: TrueType
//! outlines, so `subsetter` can cut a CIDFontType2 subset from it. It is
//! read once at start-up; a missing font stops the server with a message
//! that names the package.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::writers::WMode;
use pdf_writer::{Chunk, Finish, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

/// Where the font is looked for, in order (Debian's package path first).
pub const FONT_PATHS: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/local/share/fonts/wqy-zenhei.ttc",
];

/// Face 0 of the collection is "WenQuanYi Zen Hei" (1 and 2 are the mono
/// and sharp variants).
const FACE_INDEX: u32 = 0;

/// Fonts larger than this are not read (the real one is 16 MiB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// Why no usable CJK font was found.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("CJK font not found: install fonts-wqy-zenhei (looked in {0})")]
    NotFound(String),
    #[error("CJK font {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("subsetting the CJK font failed: {0}")]
    Subset(String),
}

/// The font's bytes (shared: clones are cheap) and which face to use.
#[derive(Clone)]
pub struct CjkFont {
    data: Arc<[u8]>,
    index: u32,
    path: PathBuf,
}

impl std::fmt::Debug for CjkFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CjkFont").field("path", &self.path).finish()
    }
}

/// The first font of [`FONT_PATHS`] that exists and parses.
pub fn load_font() -> Result<CjkFont, FontError> {
    CjkFont::load()
}

impl CjkFont {
    /// See [`load_font`].
    pub fn load() -> Result<CjkFont, FontError> {
        match FONT_PATHS.iter().map(Path::new).find(|p| p.is_file()) {
            Some(path) => CjkFont::from_path(path),
            None => Err(FontError::NotFound(FONT_PATHS.join(", "))),
        }
    }

    pub fn from_path(path: &Path) -> Result<CjkFont, FontError> {
        let unreadable = |reason: String| FontError::Unreadable {
            path: path.to_owned(),
            reason,
        };
        let size = std::fs::metadata(path)
            .map_err(|e| unreadable(e.to_string()))?
            .len();
        if size > MAX_FONT_BYTES {
            return Err(unreadable(format!("{size} bytes is too large for a font")));
        }
        let data: Arc<[u8]> = std::fs::read(path)
            .map_err(|e| unreadable(e.to_string()))?
            .into();
        let font = CjkFont {
            data,
            index: FACE_INDEX,
            path: path.to_owned(),
        };
        // Parse once now so that later uses cannot fail on the face itself.
        font.face().map_err(|e| unreadable(e.to_string()))?;
        Ok(font)
    }

    fn face(&self) -> Result<Face<'_>, ttf_parser::FaceParsingError> {
        Face::parse(&self.data, self.index)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// One font resource in the making: the glyphs the text written with it
/// needs. CIDs are the glyph ids of the subset (Identity-H, no CIDToGIDMap).
pub(crate) struct FontSubset<'f> {
    font: &'f CjkFont,
    face: Face<'f>,
    remapper: GlyphRemapper,
    /// CID → (character it shows, advance in font units).
    used: BTreeMap<u16, (char, u16)>,
}

impl<'f> FontSubset<'f> {
    pub fn new(font: &'f CjkFont) -> Result<FontSubset<'f>, FontError> {
        let face = font.face().map_err(|e| FontError::Unreadable {
            path: font.path.clone(),
            reason: e.to_string(),
        })?;
        Ok(FontSubset {
            font,
            face,
            remapper: GlyphRemapper::new(),
            used: BTreeMap::new(),
        })
    }

    /// The characters that are drawn: controls become spaces.
    fn drawn(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars().map(|c| if c.is_control() { ' ' } else { c })
    }

    fn glyph(&self, c: char) -> (GlyphId, u16) {
        let gid = self.face.glyph_index(c).unwrap_or(GlyphId(0));
        (gid, self.face.glyph_hor_advance(gid).unwrap_or(0))
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = Self::drawn(text).map(|c| u32::from(self.glyph(c).1)).sum();
        units as f32 * size / f32::from(self.face.units_per_em().max(1))
    }

    /// `text` as Identity-H codes (two bytes per CID), its glyphs added to
    /// the subset. A character the font lacks shows as `.notdef`.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in Self::drawn(text) {
            let (gid, advance) = self.glyph(c);
            let cid = self.remapper.remap(gid.0);
            if gid.0 != 0 {
                self.used.entry(cid).or_insert((c, advance));
            }
            out.extend_from_slice(&cid.to_be_bytes());
        }
        out
    }

    /// Writes the Type0 font as `refs.type0` (plus four more objects) into
    /// `chunk`.
    pub fn write(self, chunk: &mut Chunk, refs: FontRefs) -> Result<(), FontError> {
        let subset = subsetter::subset(&self.font.data, self.font.index, &self.remapper)
            .map_err(|e| FontError::Subset(e.to_string()))?;
        let em = f32::from(self.face.units_per_em().max(1));
        let scale = |v: f32| v * 1000.0 / em;
        let base = format!("{}+WenQuanYiZenHei", subset_tag(&self.used));
        let base = Name(base.as_bytes());
        let info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };

        chunk
            .type0_font(refs.type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid)
            .to_unicode(refs.to_unicode);

        let mut cid = chunk.cid_font(refs.cid);
        cid.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(info)
            .font_descriptor(refs.descriptor)
            .default_width(1000.0);
        let mut widths = cid.widths();
        for (&id, &(_, advance)) in &self.used {
            widths.consecutive(id, [scale(f32::from(advance))]);
        }
        widths.finish();
        cid.finish();

        let bbox = self.face.global_bounding_box();
        chunk
            .font_descriptor(refs.descriptor)
            .name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                scale(f32::from(bbox.x_min)),
                scale(f32::from(bbox.y_min)),
                scale(f32::from(bbox.x_max)),
                scale(f32::from(bbox.y_max)),
            ))
            .italic_angle(0.0)
            .ascent(scale(f32::from(self.face.ascender())))
            .descent(scale(f32::from(self.face.descender())))
            .cap_height(scale(f32::from(
                self.face.capital_height().unwrap_or(self.face.ascender()),
            )))
            .stem_v(80.0)
            .font_file2(refs.file);
        chunk.stream(refs.file, &subset).pair(
            Name(b"Length1"),
            i32::try_from(subset.len()).unwrap_or(i32::MAX),
        );

        let mut cmap = pdf_writer::types::UnicodeCmap::with_writing_mode(
            Name(b"Custom"),
            info,
            WMode::Horizontal,
        );
        for (&id, &(c, _)) in &self.used {
            cmap.pair(id, c);
        }
        chunk.cmap(refs.to_unicode, &cmap.finish());
        Ok(())
    }
}

/// The five objects of one Type0 font resource.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FontRefs {
    pub type0: Ref,
    pub cid: Ref,
    pub descriptor: Ref,
    pub file: Ref,
    pub to_unicode: Ref,
}

impl FontRefs {
    /// Five consecutive objects from `first` on.
    pub fn starting_at(first: Ref) -> FontRefs {
        let n = first.get();
        FontRefs {
            type0: first,
            cid: Ref::new(n + 1),
            descriptor: Ref::new(n + 2),
            file: Ref::new(n + 3),
            to_unicode: Ref::new(n + 4),
        }
    }

    pub const COUNT: i32 = 5;
}

/// The six capital letters before `+` in a subset font's name (ISO 32000
/// 9.6.4): derived from the glyphs, so the same subset gets the same tag.
fn subset_tag(used: &BTreeMap<u16, (char, u16)>) -> String {
    // FNV-1a: no cryptographic need, only a stable spread.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (&cid, &(c, _)) in used {
        for byte in cid
            .to_be_bytes()
            .into_iter()
            .chain(u32::from(c).to_be_bytes())
        {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_font_names_the_package() {
        let e = FontError::NotFound(FONT_PATHS.join(", "));
        assert!(e
            .to_string()
            .starts_with("CJK font not found: install fonts-wqy-zenhei"));
    }

    #[test]
    fn encodes_cids_in_order_and_measures() {
        let font = load_font().unwrap();
        let mut subset = FontSubset::new(&font).unwrap();
        assert_eq!(subset.encode("请假请"), vec![0, 1, 0, 2, 0, 1]);
        assert!(subset.width("请假", 10.0) > 15.0);
        let mut chunk = Chunk::new();
        subset
            .write(&mut chunk, FontRefs::starting_at(Ref::new(1)))
            .unwrap();
        let text = String::from_utf8_lossy(chunk.as_bytes());
        assert!(text.contains("/Identity-H"));
        assert!(text.contains("<0001> <8BF7>"), "ToUnicode maps CID 1 to 请");
    }

    #[test]
    fn tags_are_six_capitals() {
        let tag = subset_tag(&BTreeMap::from([(1, ('a', 500))]));
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
    }
}
