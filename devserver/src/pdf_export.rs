//! The exported document: a one-page A4 PDF of the leave application with a
//! box per seal at its (x, y). Written with `pdf-writer` and the standard
//! Helvetica font; Chinese text is transliterated to pinyin, because no CJK
//! font is guaranteed on the machine and the standard fonts cannot show it.

use infoplus_signature_core::Signature;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use pinyin::ToPinyin;

use crate::leave::LeaveForm;

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const SEAL_BOX: f32 = 110.0;

/// Renders the document. `created` (ms since epoch) is printed in it, so two
/// exports are never byte-identical.
pub fn render(
    signature_id: &str,
    form: &LeaveForm,
    signature: &Signature,
    created: i64,
) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let font = Ref::new(4);
    let bold = Ref::new(5);
    let contents = Ref::new(6);
    let info = Ref::new(7);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
        .parent(tree)
        .contents(contents);
    page.resources()
        .fonts()
        .pair(Name(b"F1"), font)
        .pair(Name(b"F2"), bold);
    page.finish();
    for (id, name) in [(font, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    let mut c = Content::new();
    let mut y = PAGE_H - 72.0;
    text(
        &mut c,
        b"F2",
        18.0,
        72.0,
        y,
        "Leave Application / Qing Jia Shen Qing (请假申请)",
    );
    y -= 36.0;
    let rows = [
        ("Applicant", form.applicant.as_str()),
        ("Department", form.department.as_str()),
        ("From", form.from.as_str()),
        ("To", form.to.as_str()),
    ];
    for (label, value) in rows {
        text(&mut c, b"F2", 11.0, 72.0, y, label);
        text(&mut c, b"F1", 11.0, 170.0, y, value);
        y -= 20.0;
    }
    text(&mut c, b"F2", 11.0, 72.0, y, "Reason");
    for line in wrap(&latin(&form.reason), 70).iter().take(12) {
        text_bytes(&mut c, b"F1", 11.0, 170.0, y, line);
        y -= 16.0;
    }
    y -= 12.0;
    let footer =
        format!("Signature id {signature_id}, exported at {created} ms since 1970-01-01 UTC");
    text(&mut c, b"F1", 8.0, 72.0, y, &footer);

    for (i, seal) in signature.seals.iter().enumerate() {
        let (x, top) = seal_position(i, seal.x.as_ref(), seal.y.as_ref());
        let bottom = PAGE_H - top - SEAL_BOX;
        c.set_stroke_rgb(0.8, 0.1, 0.1).set_line_width(1.0);
        c.set_dash_pattern([4.0, 3.0], 0.0);
        c.rect(x, bottom, SEAL_BOX, SEAL_BOX).stroke();
        let label = seal.place_holder.as_deref().unwrap_or("Seal");
        text(&mut c, b"F1", 8.0, x + 4.0, bottom + SEAL_BOX - 12.0, label);
        let signer = seal.signer_name().unwrap_or("");
        text(
            &mut c,
            b"F1",
            8.0,
            x + 4.0,
            bottom + 6.0,
            &format!("#{i} {signer}"),
        );
    }

    let stream = c.finish();
    pdf.stream(contents, &stream);
    pdf.document_info(info)
        .title(TextStr("请假申请 Leave Application"))
        .producer(TextStr("infoplus-signature-devserver"));
    pdf.finish()
}

/// Top-left corner of a seal box, in points from the page's top-left. The
/// engine's x/y are taken as points; missing ones are laid out in a row.
fn seal_position(
    index: usize,
    x: Option<&serde_json::Number>,
    y: Option<&serde_json::Number>,
) -> (f32, f32) {
    let default_x = 72.0 + (index as f32 % 3.0) * (SEAL_BOX + 20.0);
    let clamp = |v: f64, max: f32| (v as f32).clamp(0.0, max - SEAL_BOX);
    (
        x.and_then(|n| n.as_f64())
            .map_or(default_x, |v| clamp(v, PAGE_W)),
        y.and_then(|n| n.as_f64())
            .map_or(600.0, |v| clamp(v, PAGE_H)),
    )
}

fn text(c: &mut Content, font: &[u8], size: f32, x: f32, y: f32, value: &str) {
    text_bytes(c, font, size, x, y, &latin(value));
}

fn text_bytes(c: &mut Content, font: &[u8], size: f32, x: f32, y: f32, value: &[u8]) {
    c.set_fill_rgb(0.0, 0.0, 0.0);
    c.begin_text()
        .set_font(Name(font), size)
        .next_line(x, y)
        .show(Str(value))
        .end_text();
}

/// WinAnsi bytes for `value`: Latin-1 kept, Chinese as capitalised pinyin
/// syllables, common full-width punctuation mapped, anything else `?`.
pub fn latin(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    let mut last_was_han = false;
    for ch in value.chars() {
        if let Some(py) = ch.to_pinyin() {
            if !out.is_empty() && !matches!(out.last(), Some(b' ' | b'(' | b'/')) {
                out.push(b' ');
            }
            let plain = py.plain();
            let mut letters = plain.chars();
            if let Some(first) = letters.next() {
                out.push(first.to_ascii_uppercase() as u8);
                out.extend(letters.map(|l| l as u8));
            }
            last_was_han = true;
            continue;
        }
        let mapped = match ch {
            '\n' | '\r' | '\t' => ' ',
            '，' | '、' => ',',
            '。' => '.',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '！' => '!',
            '？' => '?',
            c if (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c) => c,
            _ => '?',
        };
        if last_was_han && mapped.is_alphanumeric() {
            out.push(b' ');
        }
        last_was_han = false;
        // In range by construction: ASCII or Latin-1.
        out.push(u8::try_from(u32::from(mapped)).unwrap_or(b'?'));
    }
    out
}

/// Greedy word wrap of WinAnsi bytes at `width` characters.
fn wrap(bytes: &[u8], width: usize) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in bytes.split(|b| *b == b' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(b' ');
        }
        line.extend_from_slice(&word[..word.len().min(width)]);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_pinyin() {
        assert_eq!(latin("张三 / Zhang San"), b"Zhang San / Zhang San".to_vec());
        assert_eq!(latin("人事处"), b"Ren Shi Chu".to_vec());
        assert_eq!(latin("a（b）"), b"a(b)".to_vec());
        assert_eq!(latin("é☃"), vec![0xe9, b'?']);
    }

    #[test]
    fn renders_a_pdf() {
        let sig = infoplus_signature_core::signature_from_str(
            r#"{"seals":[{"x":380,"y":620,"placeHolder":"申请人签章"}, {}]}"#,
        )
        .unwrap();
        let bytes = render("demo", &LeaveForm::sample(), &sig, 1);
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.ends_with(b"%%EOF") || bytes.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("Shen Qing Ren Qian Zhang"),
            "placeholder in pinyin"
        );
    }

    #[test]
    fn wraps() {
        assert_eq!(
            wrap(b"aa bb cc", 5),
            vec![b"aa bb".to_vec(), b"cc".to_vec()]
        );
        assert_eq!(wrap(b"", 5), vec![Vec::<u8>::new()]);
    }
}
