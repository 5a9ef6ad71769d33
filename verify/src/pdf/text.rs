//! PDF text strings (ISO 32000-1 §7.9.2.2): what `/Name`, `/Reason` and a
//! field's `/T` hold. UTF-16BE when they start with the byte order mark
//! FE FF, UTF-8 when they start with EF BB BF (PDF 2.0), PDFDocEncoding
//! otherwise.

/// Longest text we pass on, in characters. Names and reasons are a line on
/// screen; a megabyte-long `/Reason` must not travel to the UI.
pub const MAX_CHARS: usize = 256;

/// Decode a PDF text string, replacing what cannot be decoded with U+FFFD
/// and cutting it at [`MAX_CHARS`] (marked with `…`).
pub fn decode(bytes: &[u8]) -> String {
    // Enough bytes for MAX_CHARS characters in any of the encodings (and a
    // language tag): the rest is never shown, so never decoded.
    let bytes = &bytes[..bytes.len().min(8 * MAX_CHARS)];
    let full: String = if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        without_language_marks(utf16be(rest)).collect()
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| pdf_doc_char(b)).collect()
    };
    match full.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &full[..cut]),
        None => full,
    }
}

fn utf16be(bytes: &[u8]) -> impl Iterator<Item = char> + '_ {
    // An odd trailing byte is not half a character worth showing: dropped.
    let units = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
}

/// UTF-16 text strings may embed a language tag between two U+001B marks
/// (ISO 32000-1 §7.9.2.2): not text, so not shown.
fn without_language_marks(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    let mut in_tag = false;
    chars.filter(move |&c| {
        if c == '\u{1B}' {
            in_tag = !in_tag;
            return false;
        }
        !in_tag
    })
}

/// One byte of PDFDocEncoding (ISO 32000-1 Annex D.2). It is Latin-1 except
/// for 0x18–0x1F (spacing accents), 0x80–0xA0 (typographic marks), and the
/// undefined codes 0x7F, 0x9F and 0xAD.
fn pdf_doc_char(byte: u8) -> char {
    const ACCENTS: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const MARKS: [char; 32] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', //
        '’', '‚', '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
    ];
    match byte {
        0x18..=0x1F => ACCENTS[usize::from(byte - 0x18)],
        0x80..=0x9F => MARKS[usize::from(byte - 0x80)],
        0xA0 => '€',
        0x7F | 0xAD => char::REPLACEMENT_CHARACTER,
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_doc_encoding_is_latin1_with_typographic_marks() {
        assert_eq!(decode(b"Alice M\xFCller"), "Alice Müller");
        assert_eq!(decode(b"\x8Dquoted\x8E \x84 \xA0 \x92"), "“quoted” — € ™");
        assert_eq!(decode(b"\x18\x1F"), "˘˜");
        assert_eq!(decode(b"\x7F\x9F\xAD"), "\u{FFFD}\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn utf16be_with_byte_order_mark() {
        assert_eq!(decode(b"\xFE\xFF\x5F\x20\x4E\x09"), "张三");
        // A lone surrogate and an odd trailing byte.
        assert_eq!(decode(b"\xFE\xFF\xD8\x00\x00A\x00"), "\u{FFFD}A");
    }

    #[test]
    fn utf16be_language_tag_is_dropped() {
        let tagged = b"\xFE\xFF\x00\x1B\x00e\x00n\x00\x1B\x00H\x00i";
        assert_eq!(decode(tagged), "Hi");
    }

    #[test]
    fn utf8_with_byte_order_mark() {
        assert_eq!(decode("\u{FEFF}同意".as_bytes()), "同意");
    }

    #[test]
    fn long_text_is_cut() {
        let long = vec![b'x'; 10_000];
        let text = decode(&long);
        assert_eq!(text.chars().count(), MAX_CHARS + 1);
        assert!(text.ends_with('…'));
    }
}
