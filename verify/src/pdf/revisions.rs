//! The revisions of a file: where each ends (after its `%%EOF`), and the
//! cross-reference entry a viewer uses for each object number (ISO 32000-1
//! §7.5.6: the newest section defining it wins), as our reader
//! (`super::cos`) keeps each section apart.

use std::collections::{BTreeMap, HashSet};

use super::byte_range;
use super::cos::{Entry, File};
use crate::verdict_pdf::Coverage;

/// Where the revisions of a file end, and its entries.
pub struct Chain {
    /// Offsets right after each revision's `%%EOF` (with and without the
    /// end-of-line marker after it).
    pub boundaries: HashSet<usize>,
    /// Object number → the entry a viewer uses (the newest section's).
    pub current: BTreeMap<u32, Entry>,
}

impl Chain {
    pub fn read(file: &File) -> Chain {
        let mut current = BTreeMap::new();
        for section in file.sections() {
            for (&num, &entry) in &section.entries {
                current.entry(num).or_insert(entry);
            }
        }
        Chain {
            boundaries: file.revision_ends().into_iter().collect(),
            current,
        }
    }

    /// Is the byte at `gap_start` inside object `num` as the file has it
    /// (the object starts before it, with no `endobj` in between)? `None`
    /// when the object's place is unknown.
    pub fn holds(&self, bytes: &[u8], num: u32, gap_start: usize) -> Option<bool> {
        let Entry::InFile { offset, .. } = self.current.get(&num)? else {
            // In an object stream its strings are compressed: never a gap.
            return Some(false);
        };
        let Some(between) = bytes.get(*offset..gap_start) else {
            return Some(false);
        };
        Some(memchr::memmem::find(between, b"endobj").is_none())
    }
}

/// What part of the file a `/ByteRange` covers (spec §6a). `gap_is_contents`:
/// the gap is exactly a hex string (`contents::in_gap`). `boundaries`: where
/// revisions end ([`Chain::boundaries`], or [`scanned_boundaries`]).
pub fn coverage(
    range: Option<&[i64]>,
    file_len: usize,
    gap_is_contents: bool,
    boundaries: &HashSet<usize>,
) -> Coverage {
    let Some(end) = range.and_then(|range| signed_end(range, file_len)) else {
        return Coverage::Unclear;
    };
    if !gap_is_contents {
        Coverage::Partial
    } else if end == file_len {
        Coverage::WholeFile
    } else if boundaries.contains(&end) {
        Coverage::Revision
    } else {
        Coverage::Partial
    }
}

/// `c + d` of a well-formed `[a b c d]`: where the signed bytes end.
pub fn signed_end(range: &[i64], file_len: usize) -> Option<usize> {
    if !byte_range::well_formed(range, file_len) {
        return None;
    }
    let &[_, _, c, d] = range else {
        return None;
    };
    usize::try_from(c.checked_add(d)?).ok()
}

/// The gap `[b, c)` of a well-formed `[a b c d]`.
pub fn gap(range: &[i64], file_len: usize) -> Option<(usize, usize)> {
    if !byte_range::well_formed(range, file_len) {
        return None;
    }
    let &[_, b, c, _] = range else {
        return None;
    };
    Some((usize::try_from(b).ok()?, usize::try_from(c).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_rules() {
        let boundaries = HashSet::from([300]);
        let range = [0, 100, 150, 150];
        assert_eq!(
            coverage(Some(&range), 300, true, &boundaries),
            Coverage::WholeFile
        );
        assert_eq!(
            coverage(Some(&range), 400, true, &boundaries),
            Coverage::Revision
        );
        assert_eq!(
            coverage(Some(&range), 300, false, &boundaries),
            Coverage::Partial
        );
        assert_eq!(
            coverage(Some(&[0, 100, 150, 149]), 400, true, &boundaries),
            Coverage::Partial
        );
        assert_eq!(
            coverage(Some(&[0, 100, 150]), 400, true, &boundaries),
            Coverage::Unclear
        );
        assert_eq!(
            coverage(Some(&[0, 100, 150, 251]), 400, true, &boundaries),
            Coverage::Unclear
        );
        assert_eq!(coverage(None, 400, true, &boundaries), Coverage::Unclear);
        assert_eq!(signed_end(&range, 300), Some(300));
        assert_eq!(gap(&range, 300), Some((100, 150)));
        assert_eq!(gap(&[1, 100, 150, 150], 300), None);
    }
}
