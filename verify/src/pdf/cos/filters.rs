//! Stream filters (ISO 32000-1 §7.4): Flate, ASCIIHex, ASCII85, and the
//! predictors. Each stage's output is capped, so a small bomb cannot
//! allocate without bound.

use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_IGNORE_ADLER32, TINFL_FLAG_PARSE_ZLIB_HEADER,
    TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::error::CosError;
use super::object::{Dict, Name};
use super::predictor::unpredict;

/// Decoded output never exceeds this, whatever the input.
pub(crate) const MAX_DECODED: usize = 64 << 20;

/// The cap for decoding `stored` bytes: 100× the input, but at least
/// 16 MiB (a 2.6 KB image of one colour legitimately inflates to 1.5 MB,
/// 600×: seen in EU DSS's test files), and at most [`MAX_DECODED`]. The
/// file's work budget counts every decoded byte, so repeated decoding of a
/// bomb stays bounded too.
pub(crate) fn cap_for(stored: usize) -> usize {
    stored.saturating_mul(100).clamp(16 << 20, MAX_DECODED)
}

/// Apply `filters` (name and its `/DecodeParms`) in order.
pub(crate) fn decode(
    data: &[u8],
    filters: &[(Name, Option<Dict>)],
    cap: usize,
) -> Result<Vec<u8>, CosError> {
    let mut current = data.to_vec();
    for (name, parms) in filters {
        current = match name.0.as_slice() {
            b"FlateDecode" | b"Fl" => unpredict(inflate(&current, cap)?, parms.as_ref())?,
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&current),
            b"ASCII85Decode" | b"A85" => ascii85(&current)?,
            other => {
                return Err(CosError::Filter(format!(
                    "{} is not supported",
                    short(other)
                )))
            }
        };
        if current.len() > cap {
            return Err(CosError::TooLarge);
        }
    }
    Ok(current)
}

/// A filter name for a message: at most 32 bytes of it.
fn short(name: &[u8]) -> String {
    let cut = name.get(..32).unwrap_or(name);
    let text = String::from_utf8_lossy(cut);
    if text.is_empty() {
        "an unnamed filter".into()
    } else {
        format!("the {text} filter")
    }
}

/// zlib data, leniently as pdf.js: a wrong or missing Adler-32 checksum is
/// ignored, truncated or damaged data keeps what inflated before the damage,
/// and data without the zlib header is tried as raw deflate.
pub(crate) fn inflate(data: &[u8], cap: usize) -> Result<Vec<u8>, CosError> {
    let zlib = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_IGNORE_ADLER32;
    let (out, status) = inflate_with(data, zlib, cap);
    match status {
        TINFLStatus::Done => Ok(out),
        TINFLStatus::HasMoreOutput => Err(CosError::TooLarge),
        _ if !out.is_empty() => Ok(out),
        _ => match inflate_with(data, 0, cap) {
            (out, TINFLStatus::Done) => Ok(out),
            (_, TINFLStatus::HasMoreOutput) => Err(CosError::TooLarge),
            (out, _) if !out.is_empty() => Ok(out),
            _ => Err(CosError::Filter("damaged compressed data".into())),
        },
    }
}

/// Inflate into a buffer that grows by doubling up to `cap`.
fn inflate_with(mut input: &[u8], flags: u32, cap: usize) -> (Vec<u8>, TINFLStatus) {
    let flags = flags | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(4).max(64).min(cap)];
    let mut state = Box::<DecompressorOxide>::default();
    let mut used = 0usize;
    loop {
        let (status, consumed, produced) = decompress(&mut state, input, &mut out, used, flags);
        used = used.saturating_add(produced).min(out.len());
        input = input.get(consumed..).unwrap_or_default();
        if status != TINFLStatus::HasMoreOutput {
            out.truncate(used);
            return (out, status);
        }
        if out.len() >= cap {
            out.truncate(used);
            return (out, TINFLStatus::HasMoreOutput);
        }
        let grown = out.len().saturating_mul(2).min(cap);
        out.resize(grown, 0);
    }
}

/// ASCIIHexDecode: up to `>`; other bytes skipped; an odd last digit is
/// followed by 0.
pub(super) fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high = None;
    for &b in data.iter().take_while(|b| **b != b'>') {
        let Some(v) = super::lexer::hex_value(b) else {
            continue;
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// ASCII85Decode: up to `~>`, white space skipped, `z` for four zeros, a
/// short last group padded with `u`; an optional leading `<~`.
fn ascii85(data: &[u8]) -> Result<Vec<u8>, CosError> {
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0usize;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                if let Some(slot) = group.get_mut(n) {
                    *slot = b - b'!';
                }
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&group_value(&group)?.to_be_bytes());
                    n = 0;
                }
            }
            _ if super::lexer::is_white(b) => {}
            _ => return Err(CosError::Filter("bad ASCII85 data".into())),
        }
    }
    if n > 1 {
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let bytes = group_value(&group)?.to_be_bytes();
        out.extend_from_slice(bytes.get(..n - 1).unwrap_or_default());
    }
    Ok(out)
}

fn group_value(group: &[u8; 5]) -> Result<u32, CosError> {
    let value = group.iter().fold(0u64, |acc, d| acc * 85 + u64::from(*d));
    u32::try_from(value).map_err(|_| CosError::Filter("bad ASCII85 data".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> (Name, Option<Dict>) {
        (Name(name.as_bytes().to_vec()), None)
    }

    /// zlib of "hello hello hello hello" (made with Python's zlib).
    const HELLO: &[u8] = b"x\x9c\xcbH\xcd\xc9\xc9W\xc8@'\x01h\x03\x08\xb1";

    #[test]
    fn flate() {
        let out = decode(HELLO, &[named("FlateDecode")], 1000).unwrap();
        assert_eq!(out, b"hello hello hello hello");
        // A wrong checksum is ignored, truncated data keeps what inflated.
        let mut bad_sum = HELLO.to_vec();
        let last = bad_sum.len() - 1;
        bad_sum[last] ^= 0xff;
        assert_eq!(inflate(&bad_sum, 1000).unwrap(), b"hello hello hello hello");
        let cut = inflate(&HELLO[..HELLO.len() - 6], 1000).unwrap();
        assert!(b"hello hello hello hello".starts_with(&cut) && !cut.is_empty());
        // Raw deflate without the zlib header.
        assert_eq!(
            inflate(&HELLO[2..], 1000).unwrap(),
            b"hello hello hello hello"
        );
        assert!(inflate(b"", 1000).is_err());
        assert!(inflate(b"\xff\xff\xff", 1000).is_err());
        // Past the cap.
        assert_eq!(inflate(HELLO, 10), Err(CosError::TooLarge));
    }

    #[test]
    fn hex_and_85() {
        assert_eq!(
            decode(b"48 65 6c6c6f7>", &[named("AHx")], 100).unwrap(),
            b"Hellop"
        );
        let a85 = b"<~87cURD]i,\"Ebo7~>";
        assert_eq!(
            decode(a85, &[named("ASCII85Decode")], 100).unwrap(),
            b"Hello World"
        );
        assert_eq!(ascii85(b"z!!~>").unwrap(), vec![0, 0, 0, 0, 0]);
        assert!(ascii85(b"uuuuu").is_err());
        assert!(ascii85(b"\x7f").is_err());
        // A chain: hex of zlib.
        let hex: String = HELLO.iter().map(|b| format!("{b:02x}")).collect();
        let out = decode(
            hex.as_bytes(),
            &[named("ASCIIHexDecode"), named("FlateDecode")],
            1000,
        )
        .unwrap();
        assert_eq!(out, b"hello hello hello hello");
    }

    #[test]
    fn unsupported_filters_are_named() {
        let err = decode(b"x", &[named("DCTDecode")], 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stream data could not be decoded: the DCTDecode filter is not supported"
        );
        assert!(decode(b"x", &[named(&"L".repeat(100))], 100).is_err());
        assert_eq!(cap_for(10), 16 << 20);
        assert_eq!(cap_for(usize::MAX), MAX_DECODED);
    }
}
