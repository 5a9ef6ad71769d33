//! The revisions of a file: its cross-reference sections, from `startxref`
//! back through `/Prev`, where each revision ends, and which object numbers
//! each section defines.
//!
//! The sections are read with the crate's own parser
//! (`pdf::parser::read_xref_and_trailer_at`), the very code that already
//! read them when the document was opened, so nothing new runs on the
//! input. We walk the chain ourselves because the crate keeps only the
//! merged table, privately, and merges it differently from ISO 32000-1
//! (`XRefTable::add_entries_from` lets an older section replace a newer
//! entry that points into an object stream): we need each section apart,
//! and the entries a viewer would use, newest first.

use std::collections::{BTreeMap, HashSet};

use pdf::backend::Backend;
use pdf::parser::{read_xref_and_trailer_at, Lexer};
use pdf::primitive::Primitive;
use pdf::xref::{XRef, XRefSection, XRefTable};

use super::byte_range;
use super::document::Document;
use crate::verdict_pdf::Coverage;

/// Sections followed through `/Prev` (as `precheck` allows).
const MAX_SECTIONS: usize = 64;

/// Entries kept over all sections: a file with more is not analysed.
const MAX_ENTRIES: usize = 1_000_000;

/// One cross-reference section.
struct Section {
    /// Where it starts (`xref` or the xref stream object), in file bytes.
    offset: usize,
    /// The entries it defines, by object number.
    entries: Vec<(u64, XRef)>,
}

/// Where the revisions of a file end, and its entries.
pub struct Chain {
    /// Where `%PDF-` is: cross-reference offsets count from there.
    header: usize,
    /// Offsets right after each section's `%%EOF` (with and without the
    /// end-of-line marker after it).
    pub boundaries: HashSet<usize>,
    /// Object number → the entry a viewer uses (the newest section's).
    pub current: BTreeMap<u64, XRef>,
    /// Object numbers whose entry the crate resolves differently (see the
    /// module note): reading those through the crate gives an older object.
    pub misread: HashSet<u64>,
}

impl Chain {
    /// `None` when a section cannot be read again or the chain is too long
    /// (the crate read them a moment ago, so this is a file whose sections
    /// only the crate's more lenient merge accepted).
    pub fn read(doc: &Document) -> Option<Chain> {
        let bytes = doc.bytes();
        // Where the chain starts, found as the crate finds it: the same
        // sections it read when the document was opened, no others.
        let header = bytes.locate_start_offset().ok()?;
        let resolver = doc.resolver();
        let mut next = Some(bytes.locate_xref_offset().ok()?);
        let mut sections: Vec<Section> = Vec::new();
        let mut total = 0usize;
        let mut size = 0u64;
        while let Some(offset) = next {
            let at = offset.checked_add(header)?;
            if sections.iter().any(|s| s.offset == at) || sections.len() >= MAX_SECTIONS {
                return None;
            }
            let mut lexer = Lexer::with_offset(bytes.get(at..)?, at);
            let (parts, trailer) = read_xref_and_trailer_at(&mut lexer, &resolver).ok()?;
            if sections.is_empty() {
                size = match trailer.get("Size") {
                    Some(Primitive::Integer(n)) => u64::try_from(*n).ok()?,
                    _ => return None,
                };
            }
            let mut entries = Vec::new();
            for part in &parts {
                for (id, entry) in part.entries() {
                    total += 1;
                    if total > MAX_ENTRIES {
                        return None;
                    }
                    entries.push((u64::try_from(id).ok()?, *entry));
                }
            }
            sections.push(Section {
                offset: at,
                entries,
            });
            next = match trailer.get("Prev") {
                Some(Primitive::Integer(prev)) => Some(usize::try_from(*prev).ok()?),
                Some(_) => return None,
                None => None,
            };
        }
        let boundaries = sections
            .iter()
            .flat_map(|s| revision_end(bytes, s.offset))
            .collect();
        let current = newest_entries(&sections);
        let misread = misread(&sections, &current, size);
        Some(Chain {
            header,
            boundaries,
            current,
            misread,
        })
    }
}

impl Chain {
    /// Is the byte at `gap_start` inside object `id` as the file has it
    /// (the object starts before it, with no `endobj` in between)? `None`
    /// when the object's place is unknown.
    pub fn holds(&self, bytes: &[u8], id: u64, gap_start: usize) -> Option<bool> {
        let XRef::Raw { pos, .. } = self.current.get(&id)? else {
            // In an object stream its strings are compressed: never a gap.
            return Some(false);
        };
        let start = self.header.checked_add(*pos)?;
        let Some(between) = bytes.get(start..gap_start) else {
            return Some(false);
        };
        Some(!between.windows(6).any(|w| w == b"endobj"))
    }

    /// Make `doc` (over the same bytes) read every object the crate would
    /// take from an older revision at the entry a viewer uses; `false` when
    /// that cannot be done: in an encrypted file, whose corrected reads
    /// could not decrypt (then [`Self::misread`] objects read wrong).
    pub fn correct(&self, doc: &Document) -> bool {
        if self.misread.is_empty() {
            return true;
        }
        if doc.trailer().get("Encrypt").is_some() {
            return false;
        }
        let entries = self
            .misread
            .iter()
            .filter_map(|id| Some((*id, *self.current.get(id)?)))
            .collect();
        doc.correct(entries);
        true
    }
}

/// Where the revision whose section starts at `offset` ends: after the
/// first `%%EOF` behind it, with or without the line end that follows.
fn revision_end(bytes: &[u8], offset: usize) -> Vec<usize> {
    let Some(after) = bytes.get(offset..) else {
        return Vec::new();
    };
    let Some(at) = after.windows(5).position(|w| w == b"%%EOF") else {
        return Vec::new();
    };
    let end = offset + at + 5;
    let eol = match (bytes.get(end), bytes.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    };
    vec![end, end + eol]
}

/// ISO 32000-1 §7.5.6: the newest section defining an object wins.
fn newest_entries(sections: &[Section]) -> BTreeMap<u64, XRef> {
    let mut current = BTreeMap::new();
    for section in sections {
        for &(id, entry) in &section.entries {
            current.entry(id).or_insert(entry);
        }
    }
    current
}

/// Object numbers where the crate's merged table (rebuilt here with its own
/// `add_entries_from`) differs from [`newest_entries`].
fn misread(sections: &[Section], current: &BTreeMap<u64, XRef>, size: u64) -> HashSet<u64> {
    let mut table = XRefTable::new(size);
    for section in sections {
        for &(id, entry) in &section.entries {
            // Numbers past u32 come only from a section starting near it;
            // the crate's table (at most /Size ≤ 1,000,000) skips them too.
            let Ok(first_id) = u32::try_from(id) else {
                continue;
            };
            let part = XRefSection {
                first_id,
                entries: vec![entry],
            };
            if table.add_entries_from(part).is_err() {
                return current.keys().copied().collect();
            }
        }
    }
    current
        .iter()
        .filter(|(id, entry)| match (table.get(**id), entry) {
            (Ok(XRef::Raw { pos: a, .. }), XRef::Raw { pos: b, .. }) => a != *b,
            (
                Ok(XRef::Stream {
                    stream_id: a,
                    index: i,
                }),
                XRef::Stream {
                    stream_id: b,
                    index: j,
                },
            ) => a != *b || i != *j,
            (Ok(XRef::Free { .. }), XRef::Free { .. }) => false,
            // Beyond the trailer's /Size the crate reads nothing at all.
            (Err(_), XRef::Free { .. }) => false,
            _ => true,
        })
        .map(|(id, _)| *id)
        .collect()
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

/// Ends of revisions found by scanning for `%%EOF`: only when the chain of
/// sections cannot be read again (then no changes can be analysed either).
pub fn scanned_boundaries(bytes: &[u8]) -> HashSet<usize> {
    let mut found = HashSet::new();
    let mut from = 0;
    while let Some(at) = bytes
        .get(from..)
        .and_then(|rest| rest.windows(5).position(|w| w == b"%%EOF"))
    {
        let start = from + at;
        found.extend(revision_end(bytes, start));
        from = start + 5;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_ends_after_its_eof_marker_and_line_end() {
        let file = b"1 0 obj\nxref\ntrailer\nstartxref\n2\n%%EOF\r\nmore";
        assert_eq!(revision_end(file, 8), vec![38, 40]);
        assert_eq!(revision_end(b"xref %%EOF\n", 0), vec![10, 11]);
        assert_eq!(revision_end(b"xref %%EOF\r", 0), vec![10, 11]);
        assert_eq!(revision_end(b"xref %%EOF", 0), vec![10, 10]);
        assert_eq!(revision_end(b"xref", 0), Vec::<usize>::new());
        assert_eq!(revision_end(b"xref", 99), Vec::<usize>::new());
    }

    #[test]
    fn scanning_finds_every_marker() {
        let file = b"a%%EOF\nb%%EOF";
        let found = scanned_boundaries(file);
        assert_eq!(found, HashSet::from([6, 7, 13]));
    }

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
