//! Does a content stream paint an area (fill a path, paint a shading or an
//! inline image)? A field whose appearance starts painting one after a
//! signature, over what the signed page shows, is the "replace via
//! overlay" shadow attack (Mainka et al., NDSS 2021); a filled-in text
//! field only draws text. The operators are found with a small tokenizer
//! that skips strings, names, numbers, arrays and dictionaries, so no
//! text inside a string is taken for an operator.

/// Operators that paint an area (ISO 32000-1 Tables 60, 77, 92).
const AREA_PAINTERS: &[&[u8]] = &[b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"BI"];

/// Tokens looked at in one stream: an appearance is a few hundred.
const MAX_TOKENS: usize = 100_000;

/// Does `content` (a decoded content stream) paint an area?
pub fn paints_an_area(content: &[u8]) -> bool {
    let mut at = 0;
    let mut tokens = 0;
    while at < content.len() && tokens < MAX_TOKENS {
        tokens += 1;
        let Some(&byte) = content.get(at) else {
            break;
        };
        match byte {
            b'(' => at = after_literal_string(content, at),
            b'<' | b'>' | b'[' | b']' | b'{' | b'}' => at += 1,
            b'%' => at = after_line(content, at),
            b'/' => at = after_regular(content, at + 1),
            _ if is_white(byte) => at += 1,
            _ => {
                let end = after_regular(content, at);
                let word = content.get(at..end).unwrap_or_default();
                if AREA_PAINTERS.contains(&word) {
                    return true;
                }
                at = end.max(at + 1);
            }
        }
    }
    false
}

fn is_white(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | 0x0c | 0)
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn after_regular(content: &[u8], from: usize) -> usize {
    let mut at = from;
    while content
        .get(at)
        .is_some_and(|&b| !is_white(b) && !is_delimiter(b))
    {
        at += 1;
    }
    at
}

fn after_line(content: &[u8], from: usize) -> usize {
    let mut at = from;
    while content.get(at).is_some_and(|&b| b != b'\n' && b != b'\r') {
        at += 1;
    }
    at
}

/// After a `( … )` string: nested parentheses, backslash escapes.
fn after_literal_string(content: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(&byte) = content.get(at) {
        match byte {
            b'\\' => at += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_shadings_and_images_paint_text_does_not() {
        assert!(paints_an_area(b"q 1 g 0 0 300 30 re f 0 g BT (x) Tj ET Q"));
        assert!(paints_an_area(b"/Sh0 sh"));
        assert!(paints_an_area(b"0 0 m 10 10 l b*"));
        assert!(paints_an_area(b"BI /W 1 /H 1 ID x EI"));
        assert!(!paints_an_area(
            b"/Tx BMC q BT /Helv 12 Tf 2 5 Td (Alice Example) Tj ET Q EMC"
        ));
        assert!(!paints_an_area(b"/Tx BMC EMC"));
        // Operators inside strings, names and comments do not count.
        assert!(!paints_an_area(b"BT (a f b \\) B* sh) Tj ET /f /B % f\n"));
        assert!(!paints_an_area(b"0 0 10 10 re S"));
        assert!(!paints_an_area(b""));
    }
}
