//! The exported document: a one-page A4 PDF of the leave application, its
//! text written as text in an embedded subset of the CJK font (so copy and
//! paste and `pdftotext` give the characters back), with one dashed box per
//! seal at its (x, y) holding the seal's `placeHolder`. Where each box was
//! drawn is recorded in the catalog (`/InfoPlusSeals`) so that the provider
//! finds it again when it seals ([`super::placement`]).

use infoplus_signature_core::Signature;
use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};

use super::font::{CjkFont, FontRefs, FontSubset};
use super::placement::{box_from_top_left, SEAL_BOX};
use super::{PdfWriteError, SEALS_KEY};
use crate::leave::LeaveForm;

pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;
const LEFT: f32 = 72.0;
const VALUE_X: f32 = 200.0;
const REASON_LINES: usize = 12;
const RED: (f32, f32, f32) = (0.8, 0.1, 0.1);
/// Height of the placeholder text's strip at the top of a seal box.
const LABEL_STRIP: f32 = 18.0;

/// Renders the document. `created` (ms since epoch) is printed in it, so two
/// exports are never byte-identical.
pub fn render(
    signature_id: &str,
    form: &LeaveForm,
    signature: &Signature,
    created: i64,
    font: &CjkFont,
) -> Result<Vec<u8>, PdfWriteError> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let contents = Ref::new(4);
    let info = Ref::new(5);
    let font_refs = FontRefs::starting_at(Ref::new(6));

    let mut subset = FontSubset::new(font)?;
    let mut c = Content::new();
    let mut y = PAGE_H - 72.0;
    c.set_fill_rgb(0.0, 0.0, 0.0).set_stroke_rgb(0.0, 0.0, 0.0);
    // No bold face in the font: the title is filled and stroked thinly.
    c.set_text_rendering_mode(TextRenderingMode::FillStroke)
        .set_line_width(0.4);
    text(
        &mut c,
        &mut subset,
        18.0,
        LEFT,
        y,
        "请假申请 / Leave Application",
    );
    c.set_text_rendering_mode(TextRenderingMode::Fill);
    y -= 36.0;
    let rows = [
        ("申请人 / Applicant", form.applicant.as_str()),
        ("部门 / Department", form.department.as_str()),
        ("开始 / From", form.from.as_str()),
        ("结束 / To", form.to.as_str()),
    ];
    for (label, value) in rows {
        text(&mut c, &mut subset, 11.0, LEFT, y, label);
        let line = wrap(&subset, value, 11.0, PAGE_W - VALUE_X - LEFT);
        text(
            &mut c,
            &mut subset,
            11.0,
            VALUE_X,
            y,
            line.first().map_or("", String::as_str),
        );
        y -= 20.0;
    }
    text(&mut c, &mut subset, 11.0, LEFT, y, "事由 / Reason");
    for line in wrap(&subset, &form.reason, 11.0, PAGE_W - VALUE_X - LEFT)
        .iter()
        .take(REASON_LINES)
    {
        text(&mut c, &mut subset, 11.0, VALUE_X, y, line);
        y -= 16.0;
    }
    y -= 12.0;
    let footer = format!(
        "签章编号 Signature id {signature_id} · 导出时间 Exported {}",
        export_time(created)
    );
    text(&mut c, &mut subset, 8.0, LEFT, y, &footer);

    let mut boxes = Vec::with_capacity(signature.seals.len());
    for (i, seal) in signature.seals.iter().enumerate() {
        let x = seal.x.as_ref().and_then(serde_json::Number::as_f64);
        let top = seal.y.as_ref().and_then(serde_json::Number::as_f64);
        let default_x = f64::from(LEFT + (i % 3) as f32 * (SEAL_BOX + 20.0));
        // The box: a strip with the placeholder text on top, the seal's
        // square under it. The square is what is recorded: the seal goes
        // there and leaves the text readable.
        let top = top.unwrap_or(600.0) + f64::from(LABEL_STRIP);
        let rect = box_from_top_left(x.unwrap_or(default_x), top, PAGE_W, PAGE_H);
        let [x1, y1, x2, y2] = rect;
        c.set_stroke_rgb(RED.0, RED.1, RED.2).set_line_width(0.8);
        c.set_dash_pattern([4.0, 3.0], 0.0);
        c.rect(x1, y1, x2 - x1, y2 + LABEL_STRIP - y1).stroke();
        c.set_dash_pattern([], 0.0);
        c.set_fill_rgb(RED.0, RED.1, RED.2);
        let label = seal.place_holder.as_deref().unwrap_or("签章 / Seal");
        let label_w = subset.width(label, 9.0);
        let label_x = x1 + ((x2 - x1 - label_w) / 2.0).max(4.0);
        text(&mut c, &mut subset, 9.0, label_x, y2 + 5.0, label);
        c.set_fill_rgb(0.4, 0.4, 0.4);
        let signer = seal.signer_name().unwrap_or("");
        let caption = format!("#{i} {signer}");
        text(&mut c, &mut subset, 7.0, x1 + 2.0, y1 - 9.0, &caption);
        boxes.push((i, rect, seal.place_holder.clone()));
    }
    let stream = c.finish();

    let mut pdf = Pdf::new();
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    let mut seals = cat.insert(Name(SEALS_KEY)).array();
    for (i, rect, place_holder) in &boxes {
        let mut entry = seals.push().dict();
        entry.pair(Name(b"Index"), i32::try_from(*i).unwrap_or(i32::MAX));
        entry.pair(Name(b"Page"), page_id);
        entry
            .insert(Name(b"Rect"))
            .array()
            .items(rect.iter().copied());
        if let Some(p) = place_holder {
            entry.pair(Name(b"PlaceHolder"), TextStr(p));
        }
    }
    seals.finish();
    cat.finish();
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
        .parent(tree)
        .contents(contents);
    page.resources().fonts().pair(Name(b"F1"), font_refs.type0);
    page.finish();
    pdf.stream(contents, &stream);
    subset.write(&mut pdf, font_refs)?;
    pdf.document_info(info)
        .title(TextStr("请假申请 Leave Application"))
        .producer(TextStr("infoplus-signature-devserver"));
    // A file identifier, as signing tools expect one (ISO 32000 14.4).
    let id = Sha256::digest(format!("{signature_id}\n{created}").as_bytes());
    let id = id.get(..16).unwrap_or_default().to_vec();
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

fn text(c: &mut Content, subset: &mut FontSubset, size: f32, x: f32, y: f32, value: &str) {
    let codes = subset.encode(value);
    c.begin_text()
        .set_font(Name(b"F1"), size)
        .next_line(x, y)
        .show(Str(&codes))
        .end_text();
}

/// Lines of `value` no wider than `width` at `size`: breaks at newlines,
/// after the last space that fits, or between any two characters (Chinese
/// has no spaces).
fn wrap(subset: &FontSubset, value: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in value.lines() {
        let mut line = String::new();
        for ch in paragraph.chars() {
            line.push(ch);
            if subset.width(&line, size) <= width || line.chars().count() == 1 {
                continue;
            }
            line.pop();
            let rest = match line.rfind(' ') {
                Some(at) if at > 0 => {
                    let rest = line.split_off(at);
                    rest.trim_start().to_owned()
                }
                _ => String::new(),
            };
            lines.push(std::mem::replace(&mut line, rest));
            line.push(ch);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_pdf_with_its_seal_boxes_recorded() {
        let font = super::super::load_font().unwrap();
        let sig = infoplus_signature_core::signature_from_str(
            r#"{"seals":[{"x":380,"y":620,"placeHolder":"申请人签章"}, {}]}"#,
        )
        .unwrap();
        let bytes = render("demo", &LeaveForm::sample(), &sig, 1, &font).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/InfoPlusSeals"));
        assert!(text.contains("/CIDFontType2"));
        assert!(text.contains("/FontFile2"));
        assert!(!text.contains("Helvetica"));
    }

    #[test]
    fn wraps_words_and_chinese() {
        let font = super::super::load_font().unwrap();
        let subset = FontSubset::new(&font).unwrap();
        let one = subset.width("a", 10.0);
        let lines = wrap(&subset, "aa bb cc", 10.0, one * 5.5);
        assert_eq!(lines, vec!["aa bb", "cc"]);
        let han = subset.width("请", 10.0);
        let lines = wrap(&subset, "请假申请", 10.0, han * 2.5);
        assert_eq!(lines, vec!["请假", "申请"]);
        assert_eq!(wrap(&subset, "", 10.0, 100.0), vec![String::new()]);
        assert_eq!(wrap(&subset, "a\nb", 10.0, 100.0), vec!["a", "b"]);
    }
}

/// The export's time as people read it on the paper: a date and a clock
/// in China Standard Time (the forms' zone; no daylight saving), the zone
/// named. `created` is ms since the epoch.
fn export_time(created: i64) -> String {
    const CST: time::UtcOffset = time::macros::offset!(+8);
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let when = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(created) * 1_000_000)
        .map(|t| t.to_offset(CST))
        .ok()
        .and_then(|t| t.format(&format).ok());
    match when {
        Some(when) => format!("{when} UTC+08:00 (北京时间 China Standard Time)"),
        None => format!("{created} ms after 1970-01-01 UTC"),
    }
}

#[cfg(test)]
mod export_time_tests {
    #[test]
    fn a_date_and_a_clock_with_the_zone() {
        // 2026-12-05T03:00:37.123Z
        assert_eq!(
            super::export_time(1_796_439_637_123),
            "2026-12-05 11:00:37 UTC+08:00 (北京时间 China Standard Time)"
        );
    }
}
