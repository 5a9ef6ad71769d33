//! Turning the text fields of a seal into bytes: base64 in either alphabet,
//! hex, PEM. Engines and providers differ in all of these, so we accept every
//! common spelling and refuse only what is ambiguous.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use crate::error::CryptoError;

/// Padding optional, stray low bits after the last character tolerated:
/// what matters is the bytes, not how tidy the encoder was.
const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Text with every kind of white space removed, and the literal two-character
/// escapes `\n`, `\r` that appear when a PEM went through a JSON string twice.
fn compact(text: &str) -> String {
    text.replace("\\n", "")
        .replace("\\r", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Base64, standard (`+/`) or URL-safe (`-_`), padded or not, white space
/// anywhere. Mixing the two alphabets is refused.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text = compact(text);
    if text.is_empty() {
        return None;
    }
    let url_safe = text.contains(['-', '_']);
    if url_safe && text.contains(['+', '/']) {
        return None;
    }
    let engine = if url_safe { &URL_SAFE } else { &STANDARD };
    engine.decode(text.as_bytes()).ok()
}

/// Hex digits only (either case, optional `0x`, white space and `:` allowed
/// between bytes as `openssl` prints them).
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let text: String = compact(text).chars().filter(|c| *c != ':').collect();
    let text = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(&text);
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    hex::decode(text).ok()
}

/// One PEM block: its label and its decoded body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pem {
    pub label: String,
    pub der: Vec<u8>,
}

/// The first PEM block in `text`, if the text has a BEGIN line. A chain of
/// certificates is read as its first (leaf) certificate.
pub(crate) fn decode_pem(text: &str) -> Option<Result<Pem, CryptoError>> {
    pem_blocks(text).next()
}

/// Every PEM block of `text`, in order. Text between blocks (comments,
/// `Bundle of …` headers) is skipped; CRLF and blank lines are fine. A
/// block that cannot be decoded is an `Err` in its place, so one bad block
/// does not hide the others; a block without its END line ends the text.
pub(crate) fn pem_blocks(text: &str) -> impl Iterator<Item = Result<Pem, CryptoError>> + '_ {
    const BEGIN: &str = "-----BEGIN ";
    const DASHES: &str = "-----";
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest.take()?;
        let start = text.find(BEGIN)? + BEGIN.len();
        let after = text.get(start..).unwrap_or_default();
        let Some(label_end) = after.find(DASHES) else {
            return Some(Err(CryptoError::PemUnterminated));
        };
        let label = after.get(..label_end).unwrap_or_default().trim().to_owned();
        let body_and_rest = after.get(label_end + DASHES.len()..).unwrap_or_default();
        let end_line = format!("-----END {label}-----");
        let Some(body_end) = body_and_rest.find(&end_line) else {
            return Some(Err(CryptoError::PemUnterminated));
        };
        rest = body_and_rest.get(body_end + end_line.len()..);
        // RFC 1421 headers ("Proc-Type: …") never occur in keys or
        // certificates, but skip them rather than fail on them.
        let body: String = body_and_rest
            .get(..body_end)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.contains(':'))
            .collect();
        Some(match decode_base64(&body) {
            Some(der) => Ok(Pem { label, der }),
            None => Err(CryptoError::Pem(format!(
                "a {label} block that is not base64"
            ))),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_in_every_spelling() {
        let bytes = [0xfb, 0xff, 0x01, 0x02];
        for text in [
            "+/8BAg==",
            "+/8BAg",
            "-_8BAg==",
            "-_8BAg",
            " +/8B\nAg== ",
            "+/8B\\nAg==",
        ] {
            assert_eq!(decode_base64(text).as_deref(), Some(&bytes[..]), "{text}");
        }
        assert_eq!(decode_base64("+_8BAg"), None, "mixed alphabets");
        assert_eq!(decode_base64(""), None);
        assert_eq!(decode_base64("not base64!"), None);
    }

    #[test]
    fn hex_in_every_spelling() {
        assert_eq!(decode_hex("04aB"), Some(vec![4, 0xab]));
        assert_eq!(decode_hex("0x04AB"), Some(vec![4, 0xab]));
        assert_eq!(decode_hex("04:ab\n"), Some(vec![4, 0xab]));
        assert_eq!(decode_hex("04a"), None);
        assert_eq!(decode_hex("zz"), None);
    }

    #[test]
    fn pem_block() {
        let text = "junk\n-----BEGIN PUBLIC KEY-----\nAQID\nBA==\n-----END PUBLIC KEY-----\n";
        assert_eq!(
            decode_pem(text),
            Some(Ok(Pem {
                label: "PUBLIC KEY".to_owned(),
                der: vec![1, 2, 3, 4]
            }))
        );
        assert_eq!(decode_pem("AQID"), None);
        assert_eq!(
            decode_pem("-----BEGIN PUBLIC KEY-----\nAQID\n"),
            Some(Err(CryptoError::PemUnterminated))
        );
        assert_eq!(
            decode_pem("-----BEGIN PUBLIC KEY"),
            Some(Err(CryptoError::PemUnterminated))
        );
    }

    #[test]
    fn every_block_of_a_bundle() {
        let one = "-----BEGIN CERTIFICATE-----\r\nAQID\r\n-----END CERTIFICATE-----\r\n";
        let bad = "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n";
        let bundle = format!("# roots\n{one}{bad}between\n{one}");
        let blocks: Vec<_> = pem_blocks(&bundle).collect();
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].as_ref().map(|p| p.der.clone()), Ok(vec![1, 2, 3]));
        assert!(blocks[1].is_err());
        assert_eq!(
            blocks[2].as_ref().map(|p| p.label.as_str()),
            Ok("CERTIFICATE")
        );
    }
}
