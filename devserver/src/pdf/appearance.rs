//! The visible seal: the appearance stream (`/AP /N`) of a signature
//! widget. Drawn like `seal_image.rs`'s SVG: a red ring, a five-pointed
//! star, and the seal's name with its kind ("之印", "专用章") under the star,
//! in an embedded subset of the CJK font.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Chunk, Content, Finish, Name, Rect, Ref, Str};

use super::font::{CjkFont, FontRefs, FontSubset};
use super::PdfWriteError;

/// What the seal shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealAppearance {
    /// The owner's name, e.g. "张三" or "人事处".
    pub name: String,
    /// Written after the name, e.g. "之印" or "专用章".
    pub kind_label: Option<String>,
}

/// The seal's red (`#d0021b`, as in the SVG).
const RED: [f32; 3] = [0.816, 0.008, 0.106];

/// The name is shortened to this many characters (a seal is small).
const MAX_NAME_CHARS: usize = 24;

/// Writes the appearance XObject `id` (and its font objects, numbered from
/// `font_first`) for a widget of `width` × `height` points.
pub(crate) fn write(
    chunk: &mut Chunk,
    id: Ref,
    font_first: Ref,
    width: f32,
    height: f32,
    seal: &SealAppearance,
    font: &CjkFont,
) -> Result<(), PdfWriteError> {
    let refs = FontRefs::starting_at(font_first);
    let mut subset = FontSubset::new(font)?;
    let content = draw(&mut subset, width, height, seal);
    let mut form = chunk.form_xobject(id, &content);
    form.bbox(Rect::new(0.0, 0.0, width, height));
    form.resources().fonts().pair(Name(b"F1"), refs.type0);
    form.finish();
    subset.write(chunk, refs)?;
    Ok(())
}

/// The drawing, in the SVG's 200 × 200 coordinates scaled to the widget's
/// shorter side and centred.
fn draw(subset: &mut FontSubset, width: f32, height: f32, seal: &SealAppearance) -> Vec<u8> {
    let side = width.min(height).max(1.0);
    let s = side / 200.0;
    let (ox, oy) = ((width - side) / 2.0, (height - side) / 2.0);
    // SVG (x, y) with y downwards → PDF user space of the form.
    let p = |x: f32, y: f32| (ox + x * s, oy + (200.0 - y) * s);

    let mut c = Content::new();
    c.save_state();
    let [r, g, b] = RED;
    c.set_fill_rgb(r, g, b).set_stroke_rgb(r, g, b);

    // Ring: centre (100, 100), radius 92, stroke 8; four Bézier quarters.
    let (cx, cy) = p(100.0, 100.0);
    let rad = 92.0 * s;
    let k = 0.552_284_8 * rad;
    c.set_line_width(8.0 * s);
    c.move_to(cx + rad, cy);
    c.cubic_to(cx + rad, cy + k, cx + k, cy + rad, cx, cy + rad);
    c.cubic_to(cx - k, cy + rad, cx - rad, cy + k, cx - rad, cy);
    c.cubic_to(cx - rad, cy - k, cx - k, cy - rad, cx, cy - rad);
    c.cubic_to(cx + k, cy - rad, cx + rad, cy - k, cx + rad, cy);
    c.close_path().stroke();

    // Star: the SVG's polygon.
    const STAR: [(f32, f32); 10] = [
        (100.0, 48.0),
        (111.0, 82.0),
        (147.0, 82.0),
        (118.0, 103.0),
        (129.0, 137.0),
        (100.0, 116.0),
        (71.0, 137.0),
        (82.0, 103.0),
        (53.0, 82.0),
        (89.0, 82.0),
    ];
    for (i, &(x, y)) in STAR.iter().enumerate() {
        let (x, y) = p(x, y);
        if i == 0 {
            c.move_to(x, y);
        } else {
            c.line_to(x, y);
        }
    }
    c.close_path().fill_nonzero();

    // Name and kind under the star: 26 units high, narrowed to fit the
    // ring's chord at that height.
    let name: String = seal.name.chars().take(MAX_NAME_CHARS).collect();
    let label = format!("{name}{}", seal.kind_label.as_deref().unwrap_or(""));
    if !label.is_empty() {
        let mut size = 26.0 * s;
        let room = 104.0 * s;
        let w = subset.width(&label, size);
        if w > room {
            size *= room / w;
        }
        let w = subset.width(&label, size);
        let (_, baseline) = p(100.0, 162.0);
        let codes = subset.encode(&label);
        // Filled and stroked: the font has no bold face.
        c.set_text_rendering_mode(TextRenderingMode::FillStroke)
            .set_line_width(size * 0.04);
        c.begin_text()
            .set_font(Name(b"F1"), size)
            .next_line(cx - w / 2.0, baseline)
            .show(Str(&codes))
            .end_text();
    }
    c.restore_state();
    c.finish().into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_ring_star_and_name() {
        let font = super::super::load_font().unwrap();
        let mut subset = FontSubset::new(&font).unwrap();
        let seal = SealAppearance {
            name: "张三".into(),
            kind_label: Some("之印".into()),
        };
        let content = String::from_utf8_lossy(&draw(&mut subset, 110.0, 110.0, &seal)).into_owned();
        assert!(content.contains(" c\n"), "ring curves");
        assert!(content.contains("f\n"), "star filled");
        assert!(content.contains("Tj"), "name shown");
        // 张 三 之 印: four glyphs in the subset besides .notdef.
        assert_eq!(subset.encode("张三之印"), vec![0, 1, 0, 2, 0, 3, 0, 4]);
    }
}
