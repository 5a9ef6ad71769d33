//! ECDSA and SM2 signature values: DER `SEQUENCE { r, s }` (what CMS and
//! X.509 carry) or raw `r‖s` (what Chinese providers, WebCrypto and "plain"
//! ECDSA produce), turned into the fixed-width `r‖s` the curve crates
//! read. Strict DER: negative or non-minimal integers are refused.

use spki::der::asn1::UintRef;
use spki::der::{Decode, Reader, SliceReader};

use crate::error::CryptoError;

/// A signature value as numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EcValue {
    /// `r‖s`, each left-padded to the curve's width.
    Scalars(Vec<u8>),
    /// Well-formed DER, but r or s is wider than the curve: it cannot be a
    /// valid signature (invalid, not malformed).
    OutOfRange,
}

/// Read `signature` for a curve whose r and s are `width` bytes: strict DER
/// (unless `raw_only`), else exactly `2 × width` raw bytes.
pub(super) fn ec_value(
    signature: &[u8],
    width: usize,
    raw_only: bool,
    algorithm: &'static str,
) -> Result<EcValue, CryptoError> {
    if !raw_only {
        if let Some((r, s)) = der_integers(signature) {
            return Ok(match (pad(r, width), pad(s, width)) {
                (Some(mut rs), Some(s)) => {
                    rs.extend(s);
                    EcValue::Scalars(rs)
                }
                _ => EcValue::OutOfRange,
            });
        }
    }
    if signature.len() == 2 * width {
        return Ok(EcValue::Scalars(signature.to_vec()));
    }
    Err(CryptoError::SignatureShape {
        algorithm,
        len: signature.len(),
    })
}

/// The two unsigned INTEGERs of a strict-DER sequence, with nothing after.
fn der_integers(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
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

/// Left-pad to `width`; `None` when the number needs more.
fn pad(number: &[u8], width: usize) -> Option<Vec<u8>> {
    let start = number.iter().position(|b| *b != 0).unwrap_or(number.len());
    let digits = number.get(start..)?;
    let mut out = vec![0u8; width.checked_sub(digits.len())?];
    out.extend_from_slice(digits);
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
        let want = Ok(EcValue::Scalars(raw.clone()));
        assert_eq!(ec_value(&der, 32, false, "X"), want);
        assert_eq!(ec_value(&raw, 32, false, "X"), want);
        // Plain ECDSA reads r‖s only.
        assert!(ec_value(&der, 32, true, "X").is_err());
        assert_eq!(ec_value(&raw, 32, true, "X"), want);
    }

    #[test]
    fn short_integers_are_padded_and_wide_ones_out_of_range() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07];
        let mut rs = vec![0; 64];
        rs[31] = 5;
        rs[63] = 7;
        assert_eq!(ec_value(&der, 32, false, "X"), Ok(EcValue::Scalars(rs)));
        let mut wide = vec![0x30, 0x26, 0x02, 0x21, 0x01];
        wide.extend([0; 32]);
        wide.extend([0x02, 0x01, 0x07]);
        assert_eq!(ec_value(&wide, 32, false, "X"), Ok(EcValue::OutOfRange));
    }

    #[test]
    fn trailing_data_negative_numbers_and_odd_lengths_are_malformed() {
        let trailing = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x00];
        let negative = [0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x07];
        let ber_length = [0x30, 0x81, 0x06, 2, 1, 1, 2, 1, 1];
        for bytes in [
            &trailing[..],
            &negative,
            &ber_length,
            &[0x30],
            &[],
            &[1; 63],
        ] {
            assert!(
                matches!(
                    ec_value(bytes, 32, false, "X"),
                    Err(CryptoError::SignatureShape { .. })
                ),
                "{bytes:02x?}"
            );
        }
    }
}
