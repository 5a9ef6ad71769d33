//! PNG (10–15) and TIFF (2) predictors after Flate (ISO 32000-1 §7.4.4.4),
//! as cross-reference streams and images use them.

use super::error::CosError;
use super::object::Dict;

/// The layout `/DecodeParms` gives: bytes per pixel and per row.
struct Layout {
    pixel: usize,
    row: usize,
    bits: usize,
    colors: usize,
}

fn layout(parms: &Dict) -> Result<Layout, CosError> {
    let get = |key: &str, default: i64| parms.get_int(key).unwrap_or(default);
    let colors = usize::try_from(get("Colors", 1))
        .ok()
        .filter(|c| (1..=32).contains(c));
    let bits = usize::try_from(get("BitsPerComponent", 8))
        .ok()
        .filter(|b| matches!(b, 1 | 2 | 4 | 8 | 16));
    let columns = usize::try_from(get("Columns", 1))
        .ok()
        .filter(|c| (1..=1 << 24).contains(c));
    let (Some(colors), Some(bits), Some(columns)) = (colors, bits, columns) else {
        return Err(CosError::Filter("bad predictor parameters".into()));
    };
    // At most 32 × 16 × 2^24 bits: no overflow in usize (≥ 32 bits).
    let pixel_bits = colors * bits;
    Ok(Layout {
        pixel: pixel_bits.div_ceil(8),
        row: (pixel_bits * columns).div_ceil(8),
        bits,
        colors,
    })
}

/// Undo the predictor `/DecodeParms` names, if any.
pub(crate) fn unpredict(data: Vec<u8>, parms: Option<&Dict>) -> Result<Vec<u8>, CosError> {
    let Some(parms) = parms else { return Ok(data) };
    match parms.get_int("Predictor").unwrap_or(1) {
        1 => Ok(data),
        2 => tiff(data, &layout(parms)?),
        10..=15 => Ok(png(&data, &layout(parms)?)),
        _ => Err(CosError::Filter("unknown predictor".into())),
    }
}

/// PNG rows: a filter-type byte, then the row. A short last row is decoded
/// as far as it goes; an unknown filter type is taken as "None".
fn png(data: &[u8], layout: &Layout) -> Vec<u8> {
    // /Columns can claim rows far longer than the data: never allocate more
    // than the data holds.
    let row_len = layout.row.min(data.len());
    let bpp = layout.pixel;
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let Some((&kind, row)) = chunk.split_first() else {
            break;
        };
        let mut cur = vec![0u8; row.len()];
        for (i, &raw) in row.iter().enumerate() {
            let left = if i >= bpp {
                cur.get(i - bpp).copied().unwrap_or(0)
            } else {
                0
            };
            let up = prev.get(i).copied().unwrap_or(0);
            let up_left = if i >= bpp {
                prev.get(i - bpp).copied().unwrap_or(0)
            } else {
                0
            };
            let predicted = match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            };
            if let Some(c) = cur.get_mut(i) {
                *c = raw.wrapping_add(predicted);
            }
        }
        out.extend_from_slice(&cur);
        for (p, c) in prev.iter_mut().zip(&cur) {
            *p = *c;
        }
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia + ib - ic;
    let (pa, pb, pc) = ((p - ia).abs(), (p - ib).abs(), (p - ic).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// TIFF predictor 2: each sample is the difference from the sample of the
/// same colour before it in the row. 8- and 16-bit samples.
fn tiff(mut data: Vec<u8>, layout: &Layout) -> Result<Vec<u8>, CosError> {
    match layout.bits {
        8 => {
            for row in data.chunks_mut(layout.row) {
                for i in layout.pixel..row.len() {
                    let left = row.get(i - layout.pixel).copied().unwrap_or(0);
                    if let Some(b) = row.get_mut(i) {
                        *b = b.wrapping_add(left);
                    }
                }
            }
            Ok(data)
        }
        16 => {
            let step = layout.colors * 2;
            for row in data.chunks_mut(layout.row) {
                let mut i = step;
                while i + 1 < row.len() {
                    let get = |at: usize| row.get(at).copied().unwrap_or(0);
                    let left = u16::from_be_bytes([get(i - step), get(i - step + 1)]);
                    let value = u16::from_be_bytes([get(i), get(i + 1)]).wrapping_add(left);
                    if let Some(pair) = row.get_mut(i..i + 2) {
                        pair.copy_from_slice(&value.to_be_bytes());
                    }
                    i += 2;
                }
            }
            Ok(data)
        }
        _ => Err(CosError::Filter(
            "TIFF predictor with fewer than 8 bits per sample not supported".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::object::{Name, Object};
    use super::*;

    fn parms(entries: &[(&str, i64)]) -> Dict {
        Dict(
            entries
                .iter()
                .map(|(k, v)| (Name(k.as_bytes().to_vec()), Object::Int(*v)))
                .collect(),
        )
    }

    #[test]
    fn png_rows_of_each_type() {
        let p = parms(&[("Predictor", 12), ("Columns", 3)]);
        // None, Sub, Up, Average, Paeth, and an unknown type (as None).
        let data = [
            0, 1, 2, 3, //
            1, 1, 1, 1, //
            2, 1, 1, 1, //
            3, 0, 0, 0, //
            4, 1, 0, 0, //
            9, 7, 7, 7,
        ];
        let out = unpredict(data.to_vec(), Some(&p)).unwrap();
        assert_eq!(
            out,
            vec![1, 2, 3, 1, 2, 3, 2, 3, 4, 1, 2, 3, 2, 2, 3, 7, 7, 7]
        );
        // A short last row.
        let out = unpredict(vec![0, 1, 2, 3, 2, 1], Some(&p)).unwrap();
        assert_eq!(out, vec![1, 2, 3, 2]);
        assert_eq!(unpredict(vec![], Some(&p)).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn xref_stream_rows() {
        // /W [1 2 1], /Columns 4, PNG Up: the usual xref-stream layout.
        let p = parms(&[("Predictor", 12), ("Columns", 4)]);
        let data = [2, 1, 0, 10, 0, 2, 0, 0, 5, 0];
        let out = unpredict(data.to_vec(), Some(&p)).unwrap();
        assert_eq!(out, vec![1, 0, 10, 0, 1, 0, 15, 0]);
    }

    #[test]
    fn tiff() {
        let p = parms(&[("Predictor", 2), ("Columns", 3), ("Colors", 1)]);
        assert_eq!(
            unpredict(vec![1, 1, 1, 5, 1, 1], Some(&p)).unwrap(),
            vec![1, 2, 3, 5, 6, 7]
        );
        let p = parms(&[("Predictor", 2), ("Columns", 2), ("BitsPerComponent", 16)]);
        assert_eq!(
            unpredict(vec![0, 1, 0xff, 0xff], Some(&p)).unwrap(),
            vec![0, 1, 0, 0]
        );
        let p = parms(&[("Predictor", 2), ("BitsPerComponent", 1)]);
        assert!(unpredict(vec![1], Some(&p)).is_err());
    }

    #[test]
    fn bad_parameters() {
        assert_eq!(unpredict(vec![1], None).unwrap(), vec![1]);
        assert_eq!(unpredict(vec![1], Some(&parms(&[]))).unwrap(), vec![1]);
        for bad in [
            parms(&[("Predictor", 12), ("Columns", 0)]),
            parms(&[("Predictor", 12), ("Columns", i64::MAX)]),
            parms(&[("Predictor", 12), ("Colors", -1)]),
            parms(&[("Predictor", 12), ("BitsPerComponent", 3)]),
            parms(&[("Predictor", 7)]),
        ] {
            assert!(unpredict(vec![1, 2], Some(&bad)).is_err());
        }
    }
}
