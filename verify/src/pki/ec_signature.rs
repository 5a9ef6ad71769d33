//! ECDSA and SM2 signature values: DER `SEQUENCE { r, s }` (what CMS and
//! X.509 carry) or raw `r‖s` (what Chinese providers and WebCrypto make),
//! turned into the fixed-width `r‖s` the curve crates read. Strict DER:
//! negative or non-minimal integers are refused.

use spki::der::asn1::UintRef;
use spki::der::{Decode, Reader, SliceReader};

/// `r‖s`, each left-padded to `width`, from strict DER
/// `SEQUENCE { INTEGER r, INTEGER s }` or from raw `r‖s` of `2 × width`
/// bytes (what Chinese providers and WebCrypto produce). `None` when it is
/// neither, or a number is wider than the curve.
pub(crate) fn ec_scalars(signature: &[u8], width: usize) -> Option<Vec<u8>> {
    if let Some((r, s)) = der_integers(signature) {
        let mut rs = pad(r, width)?;
        rs.extend(pad(s, width)?);
        return Some(rs);
    }
    (signature.len() == 2 * width).then(|| signature.to_vec())
}

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
    fn der_and_raw_forms() {
        // SEQUENCE { INTEGER 1, INTEGER 0x00ff } (the 00 keeps it positive).
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0xff];
        let mut want = vec![0; 8];
        want[3] = 1;
        want[7] = 0xff;
        assert_eq!(ec_scalars(&der, 4), Some(want));
        assert_eq!(ec_scalars(&[7; 8], 4), Some(vec![7; 8]));
        // Too wide for the curve, trailing bytes, negative, BER length.
        assert_eq!(ec_scalars(&der, 0), None);
        assert_eq!(ec_scalars(&[0x30, 0x06, 2, 1, 1, 2, 1, 1, 0], 4), None);
        // (width 5, so that the 8 bytes are not taken as raw r‖s either)
        assert_eq!(ec_scalars(&[0x30, 0x06, 2, 1, 0x81, 2, 1, 1], 5), None);
        assert_eq!(ec_scalars(&[0x30, 0x81, 0x06, 2, 1, 1, 2, 1, 1], 4), None);
        for len in 0..der.len() {
            assert_eq!(ec_scalars(&der[..len], 5), None);
        }
    }
}
