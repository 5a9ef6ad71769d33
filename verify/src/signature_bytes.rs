//! Reading a seal's `signature`: base64 (standard or URL-safe) of the
//! signature bytes; for ECDSA and SM2 those are DER `SEQUENCE { r, s }` or the
//! raw 64-byte `r‖s` that Chinese providers and WebCrypto produce.

use spki::der::asn1::UintRef;
use spki::der::{Decode, Reader, SliceReader};

use super::error::Problem;
use super::text::decode_base64;

/// Longer than the base64 of any signature we support (an 8192-bit RSA
/// signature is 1366 characters); refusing early bounds the work.
const MAX_SIGNATURE_TEXT: usize = 16 * 1024;

/// Width of r and s on P-256 and the SM2 curve.
const SCALAR_BYTES: usize = 32;

/// The signature bytes from the seal's text.
pub(crate) fn read_signature(text: &str) -> Result<Vec<u8>, Problem> {
    if text.len() > MAX_SIGNATURE_TEXT {
        return Err(Problem::SignatureTooLong(text.len()));
    }
    decode_base64(text).ok_or(Problem::SignatureEncoding)
}

/// An ECDSA or SM2 signature as two big-endian 32-byte numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EcSignature {
    Scalars {
        r: [u8; SCALAR_BYTES],
        s: [u8; SCALAR_BYTES],
    },
    /// Well-formed DER, but r or s is wider than the curve order: it cannot
    /// be a valid signature (invalid, not malformed).
    OutOfRange,
}

/// Read DER `SEQUENCE { INTEGER r, INTEGER s }` or raw `r‖s`.
pub(crate) fn read_ec_signature(
    bytes: &[u8],
    algorithm: &'static str,
) -> Result<EcSignature, Problem> {
    if bytes.first() == Some(&0x30) {
        if let Some((r, s)) = der_integers(bytes) {
            return Ok(match (fixed(r), fixed(s)) {
                (Some(r), Some(s)) => EcSignature::Scalars { r, s },
                _ => EcSignature::OutOfRange,
            });
        }
    }
    if bytes.len() == 2 * SCALAR_BYTES {
        let (r, s) = bytes.split_at(SCALAR_BYTES);
        if let (Some(r), Some(s)) = (fixed(r), fixed(s)) {
            return Ok(EcSignature::Scalars { r, s });
        }
    }
    Err(Problem::SignatureShape {
        algorithm,
        len: bytes.len(),
    })
}

/// The two unsigned INTEGERs of a strict-DER sequence, with nothing after.
/// Negative or non-minimal integers (BER) are refused, as DER requires.
fn der_integers(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut reader = SliceReader::new(bytes).ok()?;
    let (r, s) = reader
        .sequence(|inner| {
            let r = UintRef::decode(inner)?;
            let s = UintRef::decode(inner)?;
            Ok::<_, spki::der::Error>((r, s))
        })
        .ok()?;
    reader.finish().ok()?;
    Some((r.as_bytes(), s.as_bytes()))
}

/// Left-pad to 32 bytes; `None` when the number needs more.
fn fixed(number: &[u8]) -> Option<[u8; SCALAR_BYTES]> {
    let number = match number.iter().position(|b| *b != 0) {
        Some(first) => &number[first..],
        None => &[],
    };
    let mut out = [0u8; SCALAR_BYTES];
    let start = SCALAR_BYTES.checked_sub(number.len())?;
    out[start..].copy_from_slice(number);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_and_raw_give_the_same_numbers() {
        let mut der = vec![0x30, 0x45, 0x02, 0x20];
        der.extend([0x11; 32]);
        der.extend([0x02, 0x21, 0x00]);
        der.extend([0xee; 32]);
        let mut raw = vec![0x11; 32];
        raw.extend([0xee; 32]);
        let want = EcSignature::Scalars {
            r: [0x11; 32],
            s: [0xee; 32],
        };
        assert_eq!(read_ec_signature(&der, "X"), Ok(want.clone()));
        assert_eq!(read_ec_signature(&raw, "X"), Ok(want));
    }

    #[test]
    fn short_integers_are_padded_and_wide_ones_out_of_range() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07];
        let mut r = [0; 32];
        r[31] = 5;
        let mut s = [0; 32];
        s[31] = 7;
        assert_eq!(
            read_ec_signature(&der, "X"),
            Ok(EcSignature::Scalars { r, s })
        );
        let mut wide = vec![0x30, 0x26, 0x02, 0x21, 0x01];
        wide.extend([0; 32]);
        wide.extend([0x02, 0x01, 0x07]);
        assert_eq!(read_ec_signature(&wide, "X"), Ok(EcSignature::OutOfRange));
    }

    #[test]
    fn trailing_data_negative_numbers_and_odd_lengths_are_malformed() {
        let trailing = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x00];
        let negative = [0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x07];
        let three = [
            0x30, 0x09, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x02, 0x01, 0x07,
        ];
        for bytes in [&trailing[..], &negative, &three, &[0x30], &[], &[1; 63]] {
            assert!(
                matches!(
                    read_ec_signature(bytes, "X"),
                    Err(Problem::SignatureShape { .. })
                ),
                "{bytes:02x?}"
            );
        }
    }
}
