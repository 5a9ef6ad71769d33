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

/// Names longer than this go around the ring.
const ARC_FROM_CHARS: usize = 4;

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
    let name: String = seal.name.chars().take(MAX_NAME_CHARS).collect();
    let arc = name.chars().count() > ARC_FROM_CHARS;
    // With a name around the ring the star is smaller, as on official seals.
    let star_scale = if arc { 0.8 } else { 1.0 };
    for (i, &(x, y)) in STAR.iter().enumerate() {
        let (x, y) = p(
            100.0 + (x - 100.0) * star_scale,
            95.0 + (y - 95.0) * star_scale,
        );
        if i == 0 {
            c.move_to(x, y);
        } else {
            c.line_to(x, y);
        }
    }
    c.close_path().fill_nonzero();

    // Filled and stroked: the font has no bold face.
    c.set_text_rendering_mode(TextRenderingMode::FillStroke);
    let kind = seal.kind_label.as_deref().unwrap_or("");
    // A short name goes under the star with its kind ("张三之印"); a long
    // one (an organisation) around the upper ring, as on an official seal,
    // with the kind alone under the star.
    let under = if arc {
        along_arc(&mut c, subset, &name, (cx, cy), s);
        kind.to_owned()
    } else {
        format!("{name}{kind}")
    };
    if !under.is_empty() {
        // 26 units high, narrowed to fit the ring's chord at that height.
        let mut size = 26.0 * s;
        let room = 104.0 * s;
        let w = subset.width(&under, size);
        if w > room {
            size *= room / w;
        }
        let w = subset.width(&under, size);
        let (_, baseline) = p(100.0, 162.0);
        let codes = subset.encode(&under);
        c.set_line_width(size * 0.04);
        c.begin_text()
            .set_font(Name(b"F1"), size)
            .next_line(cx - w / 2.0, baseline)
            .show(Str(&codes))
            .end_text();
    }
    c.restore_state();
    c.finish().into_vec()
}

/// `text` one character at a time around the upper part of the ring
/// (centre `centre`, SVG units scaled by `s`), each upright towards the
/// outside, spread over at most 240°.
fn along_arc(c: &mut Content, subset: &mut FontSubset, text: &str, centre: (f32, f32), s: f32) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len().max(1) as f32;
    let radius = 70.0 * s;
    let span = (n * 26.0).min(230.0).to_radians();
    let step = span / n;
    // Glyph size: the arc length a character gets, capped at 26 units.
    let size = (radius * step * 0.92).min(26.0 * s);
    c.set_line_width(size * 0.04);
    let mut buf = [0u8; 4];
    for (i, ch) in chars.iter().enumerate() {
        let theta = std::f32::consts::FRAC_PI_2 + span / 2.0 - (i as f32 + 0.5) * step;
        let phi = theta - std::f32::consts::FRAC_PI_2;
        let glyph = ch.encode_utf8(&mut buf);
        let w = subset.width(glyph, size);
        // Baseline centre a little inside the text radius, start half a
        // glyph back along the tangent.
        let base = radius - size * 0.35;
        let x = centre.0 + base * theta.cos() - w / 2.0 * phi.cos();
        let y = centre.1 + base * theta.sin() - w / 2.0 * phi.sin();
        let codes = subset.encode(glyph);
        c.begin_text()
            .set_font(Name(b"F1"), size)
            .set_text_matrix([phi.cos(), phi.sin(), -phi.sin(), phi.cos(), x, y])
            .show(Str(&codes))
            .end_text();
    }
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
