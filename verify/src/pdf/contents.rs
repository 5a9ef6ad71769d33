//! A signature's `/Contents`: the bytes a verifier hands to the CMS reader.
//!
//! The signer excluded exactly the `/ByteRange` gap from what it signed, so
//! the gap is where `/Contents` must be: `<hex>` filling it from its first
//! byte to its last. We read it from there, and compare it with what the
//! dictionary says (a file whose dictionary points elsewhere is suspicious).

/// The hex string that exactly fills `bytes[start..end]`, decoded; `None`
/// when the gap holds anything else (then the signature leaves out more than
/// its `/Contents`). Trailing zero padding is kept.
pub fn in_gap(bytes: &[u8], start: usize, end: usize) -> Option<Vec<u8>> {
    let gap = bytes.get(start..end)?;
    let inner = gap.strip_prefix(b"<")?.strip_suffix(b">")?;
    decode_hex(inner)
}

/// Hex digits only (no whitespace: a gap that is exactly `<hex>`); an odd
/// count ends in a digit that stands for its high nibble (ISO 32000-1
/// §7.3.4.3).
fn decode_hex(digits: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(digits.len().div_ceil(2));
    for pair in digits.chunks(2) {
        let high = super::cos::hex_value(*pair.first()?)?;
        let low = match pair.get(1) {
            Some(&digit) => super::cos::hex_value(digit)?,
            None => 0,
        };
        out.push(high << 4 | low);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_that_is_exactly_a_hex_string() {
        let file = b"xx<3082aB00>yy";
        assert_eq!(in_gap(file, 2, 12), Some(vec![0x30, 0x82, 0xab, 0x00]));
        assert_eq!(in_gap(b"<308>", 0, 5), Some(vec![0x30, 0x80]));
        assert_eq!(in_gap(b"<>", 0, 2), Some(vec![]));
    }

    #[test]
    fn anything_else_in_the_gap_is_refused() {
        let file = b"/Contents <3082> ";
        assert_eq!(in_gap(file, 0, file.len()), None);
        assert_eq!(in_gap(b"<30 82>", 0, 7), None);
        assert_eq!(in_gap(b"<30g2>", 0, 6), None);
        assert_eq!(in_gap(b"<3082>", 0, 5), None);
        assert_eq!(in_gap(b"<3082>", 3, 2), None);
        assert_eq!(in_gap(b"<3082>", 0, 60), None);
    }
}
