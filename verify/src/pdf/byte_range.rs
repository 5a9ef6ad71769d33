//! What a signature's `/ByteRange` says about the file: `[a b c d]` signs
//! bytes `a..a+b` and `c..c+d`; the gap between holds `/Contents`.

/// Exactly four non-negative integers, the first 0, the two ranges in order
/// without overlap and inside a file of `file_len` bytes.
pub fn well_formed(range: &[i64], file_len: usize) -> bool {
    let &[a, b, c, d] = range else {
        return false;
    };
    let Ok(len) = i64::try_from(file_len) else {
        return false;
    };
    // Each number came from a 32-bit PDF integer, so no sum overflows; the
    // checked forms only keep that true should the parser ever widen.
    let first_end = a.checked_add(b);
    let second_end = c.checked_add(d);
    a == 0
        && b >= 0
        && c >= 0
        && d >= 0
        && first_end.is_some_and(|end| end <= c)
        && second_end.is_some_and(|end| end <= len)
}

/// Well formed and reaching the last byte: nothing was appended after this
/// signature (an incremental update after signing makes this false).
pub fn covers_whole_file(range: &[i64], file_len: usize) -> bool {
    well_formed(range, file_len)
        && match (range, i64::try_from(file_len)) {
            (&[_, _, c, d], Ok(len)) => c + d == len,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_over_the_whole_file() {
        assert!(well_formed(&[0, 100, 150, 50], 200));
        assert!(covers_whole_file(&[0, 100, 150, 50], 200));
    }

    #[test]
    fn bytes_after_the_second_range_mean_a_later_change() {
        assert!(well_formed(&[0, 100, 150, 50], 300));
        assert!(!covers_whole_file(&[0, 100, 150, 50], 300));
    }

    #[test]
    fn malformed_ranges() {
        let len = 200;
        for range in [
            &[0, 100, 150][..],
            &[0, 100, 150, 50, 0],
            &[],
            &[1, 99, 150, 50],
            &[0, -1, 150, 50],
            &[0, 100, -150, 50],
            &[0, 100, 150, -50],
            &[0, 160, 150, 40],
            &[0, 100, 150, 51],
            &[0, 100, i64::MAX, 1],
        ] {
            assert!(!well_formed(range, len), "{range:?}");
            assert!(!covers_whole_file(range, len), "{range:?}");
        }
    }

    #[test]
    fn an_empty_gap_is_still_well_formed() {
        assert!(well_formed(&[0, 100, 100, 100], 200));
    }
}
