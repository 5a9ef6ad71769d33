//! Finding a placeholder's text on the pages of a document that carries no
//! record of its seal boxes: the content streams are read with lopdf, text
//! is decoded through each font's encoding or `/ToUnicode` CMap (lopdf's
//! `get_font_encoding`), and the text matrix and CTM are followed far enough
//! to know where each text-showing operation starts.
//!
//! Approximate by design: the position is that of the showing operation
//! (advanced by an estimate when the text starts inside it), which is
//! enough to put a seal on a label.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};

use super::previous::Previous;

const MAX_PAGES: usize = 200;
const MAX_OPERATIONS: usize = 500_000;
const MAX_CONTENT_BYTES: usize = 16 * 1024 * 1024;
const MAX_STACK: usize = 64;

/// Where a text was found: the start of its baseline in user space, its
/// effective font size, and how many characters it has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub chars: usize,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row vectors, as PDF composes them).
fn mul(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// The first occurrence of `needle` on the document's pages, in order.
pub(crate) fn find_text(previous: &Previous, needle: &str) -> Option<Found> {
    if needle.is_empty() {
        return None;
    }
    let doc = &previous.doc;
    for (index, page) in doc.page_iter().take(MAX_PAGES).enumerate() {
        let Ok(content) = doc.get_page_content_with_limit(page, MAX_CONTENT_BYTES) else {
            continue;
        };
        let Ok(content) = Content::decode(&content) else {
            continue;
        };
        let fonts = doc.get_page_fonts(page).unwrap_or_default();
        let encodings: Vec<(Vec<u8>, Encoding)> = fonts
            .iter()
            .filter_map(|(name, font)| Some((name.clone(), font.get_font_encoding(doc).ok()?)))
            .collect();
        if let Some(found) = search_page(&content.operations, &encodings, needle) {
            return Some(Found {
                page: index,
                ..found
            });
        }
    }
    None
}

fn search_page(
    operations: &[lopdf::content::Operation],
    encodings: &[(Vec<u8>, Encoding)],
    needle: &str,
) -> Option<Found> {
    let mut ctm = IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut font: Option<&Encoding> = None;
    let (mut size, mut leading) = (0.0f32, 0.0f32);
    for op in operations.iter().take(MAX_OPERATIONS) {
        let n = numbers(&op.operands);
        let mut shown: Option<String> = None;
        match op.operator.as_str() {
            "q" if stack.len() < MAX_STACK => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" if n.len() == 6 => ctm = mul([n[0], n[1], n[2], n[3], n[4], n[5]], ctm),
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                font =
                    name.and_then(|name| encodings.iter().find(|(n, _)| n == name).map(|(_, e)| e));
                size = n.first().copied().unwrap_or(0.0);
            }
            "TL" => leading = n.first().copied().unwrap_or(0.0),
            "Td" | "TD" if n.len() == 2 => {
                if op.operator == "TD" {
                    leading = -n[1];
                }
                tlm = mul([1.0, 0.0, 0.0, 1.0, n[0], n[1]], tlm);
                tm = tlm;
            }
            "Tm" if n.len() == 6 => {
                tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                tm = tlm;
            }
            "T*" => {
                tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -leading], tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -leading], tlm);
                    tm = tlm;
                }
                shown = font.map(|e| decode(e, &op.operands));
            }
            _ => {}
        }
        let Some(text) = shown else { continue };
        let Some(at) = text.find(needle) else {
            continue;
        };
        let m = mul(tm, ctm);
        let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
        let effective = size * scale;
        // Characters before the needle, at an estimated half-em (Latin) or
        // full em (CJK) each.
        let before: f32 = text
            .get(..at)
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum();
        return Some(Found {
            page: 0,
            x: m[4] + before * effective,
            y: m[5],
            size: effective,
            chars: needle.chars().count(),
        });
    }
    None
}

/// The text of a showing operation's strings.
fn decode(encoding: &Encoding, operands: &[Object]) -> String {
    let mut text = String::new();
    let mut push = |o: &Object| {
        if let Ok(bytes) = o.as_str() {
            if let Ok(s) = Document::decode_text(encoding, bytes) {
                text.push_str(&s);
            }
        }
    };
    for operand in operands {
        match operand {
            Object::Array(items) => items.iter().for_each(&mut push),
            other => push(other),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::{Content as Draw, Name, Pdf, Rect, Ref, Str};

    fn latin_document() -> Vec<u8> {
        let mut pdf = Pdf::new();
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
        let mut page = pdf.page(Ref::new(3));
        page.parent(Ref::new(2))
            .media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
            .contents(Ref::new(4));
        page.resources().fonts().pair(Name(b"F1"), Ref::new(5));
        drop(page);
        let mut c = Draw::new();
        c.save_state().transform([1.0, 0.0, 0.0, 1.0, 10.0, 20.0]);
        c.begin_text()
            .set_font(Name(b"F1"), 12.0)
            .next_line(300.0, 200.0)
            .show(Str(b"Signed: here"))
            .end_text();
        c.restore_state();
        pdf.stream(Ref::new(4), &c.finish());
        pdf.type1_font(Ref::new(5))
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.finish()
    }

    #[test]
    fn finds_latin_text_through_the_ctm() {
        let previous = Previous::load(&latin_document()).unwrap();
        let found = find_text(&previous, "Signed").unwrap();
        assert_eq!(
            (found.page, found.x, found.y, found.size),
            (0, 310.0, 220.0, 12.0)
        );
        let later = find_text(&previous, "here").unwrap();
        assert!(later.x > 310.0, "advanced past \"Signed: \"");
        assert!(find_text(&previous, "absent").is_none());
    }

    #[test]
    fn finds_chinese_text_through_to_unicode() {
        let font = super::super::load_font().unwrap();
        let sig = infoplus_signature_core::signature_from_str(
            r#"{"seals":[{"x":300,"y":520,"placeHolder":"审批人签章"}]}"#,
        )
        .unwrap();
        let pdf =
            super::super::export::render("t", &crate::leave::LeaveForm::sample(), &sig, 0, &font)
                .unwrap();
        let previous = Previous::load(&pdf).unwrap();
        let found = find_text(&previous, "审批人签章").unwrap();
        // The label's baseline: 5 pt above the seal square (842 - 538).
        assert_eq!(found.y, 309.0);
        assert!((300.0..410.0).contains(&found.x), "{found:?}");
        assert!(find_text(&previous, "请假申请").is_some());
    }
}
