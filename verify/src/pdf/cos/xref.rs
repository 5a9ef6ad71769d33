//! Cross-reference sections (ISO 32000-1 §7.5.4, §7.5.8): classic tables
//! and the rows of cross-reference streams.

use std::collections::BTreeMap;

use super::error::CosError;
use super::lexer::{is_white, Lexer};
use super::object::{Dict, Object};
use super::parser::parse_object;

/// Entries kept over all sections of a file (each costs ~40 bytes).
pub(crate) const MAX_ENTRIES: usize = 1 << 21;

/// Where object `num` is, as one section says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Deleted (or never used).
    Free,
    /// Written directly in the file, at this file offset.
    InFile { offset: usize, gen: u16 },
    /// The `index`-th object of object stream `stream`.
    InStream { stream: u32, index: u32 },
}

/// One cross-reference section: one revision of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Where `xref` or the cross-reference stream object starts.
    pub offset: usize,
    /// The entries this section defines (offsets are file offsets).
    pub entries: BTreeMap<u32, Entry>,
    /// Its trailer (a stream section: the stream's dictionary).
    pub trailer: Dict,
    /// Offsets right after the `%%EOF` that ends this revision, with and
    /// without the end-of-line after it.
    pub ends: Vec<usize>,
}

/// A table's entries, its trailer, and where the trailer ends.
pub(crate) struct Table {
    pub entries: BTreeMap<u32, Entry>,
    pub trailer: Dict,
    pub end: usize,
}

fn skip_white(bytes: &[u8], pos: &mut usize) {
    while bytes.get(*pos).copied().is_some_and(is_white) {
        *pos += 1;
    }
}

/// Decimal digits (at most 20, saturating) at `pos`.
fn digits(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let start = *pos;
    let mut value = 0u64;
    while let Some(d @ b'0'..=b'9') = bytes.get(*pos).copied() {
        value = value.saturating_mul(10).saturating_add(u64::from(d - b'0'));
        *pos += 1;
        if *pos - start > 20 {
            return None;
        }
    }
    (*pos > start).then_some(value)
}

/// One table entry `offset gen n|f`, white space between the fields read
/// leniently (entries of 19 or 21 bytes, tabs, extra spaces).
fn table_entry(bytes: &[u8], pos: &mut usize) -> Option<(u64, u64, u8)> {
    skip_white(bytes, pos);
    let offset = digits(bytes, pos)?;
    skip_white(bytes, pos);
    let gen = digits(bytes, pos)?;
    skip_white(bytes, pos);
    let kind = bytes
        .get(*pos)
        .copied()
        .filter(|k| matches!(k, b'n' | b'f'))?;
    *pos += 1;
    Some((offset, gen, kind))
}

/// The classic table at `at` (where `xref` is). `base` is added to every
/// offset; `budget` counts entries left over the whole file.
pub(crate) fn read_table(
    bytes: &[u8],
    at: usize,
    base: usize,
    budget: &mut usize,
) -> Result<Table, CosError> {
    let mut pos = at;
    skip_white(bytes, &mut pos);
    if !bytes.get(pos..).is_some_and(|b| b.starts_with(b"xref")) {
        return Err(CosError::syntax(at, "expected 'xref'"));
    }
    pos += 4;
    let mut entries = BTreeMap::new();
    loop {
        skip_white(bytes, &mut pos);
        if bytes.get(pos..).is_some_and(|b| b.starts_with(b"trailer")) {
            let mut lex = Lexer::new(bytes, pos + 7);
            return match parse_object(&mut lex)? {
                Object::Dict(trailer) => Ok(Table {
                    entries,
                    trailer,
                    end: lex.pos,
                }),
                _ => Err(CosError::syntax(pos, "the trailer is not a dictionary")),
            };
        }
        let header = pos;
        let first = digits(bytes, &mut pos);
        skip_white(bytes, &mut pos);
        let count = digits(bytes, &mut pos);
        let (Some(mut first), Some(count)) = (first, count) else {
            return Err(CosError::syntax(header, "bad cross-reference table"));
        };
        // Entries are read while they parse: a count larger than what is
        // written stops at the next subsection or `trailer` (never
        // allocated up front).
        for i in 0..count {
            let save = pos;
            let Some((offset, gen, kind)) = table_entry(bytes, &mut pos) else {
                pos = save;
                break;
            };
            // A table starting at 1 whose first entry is the head of the
            // free list really starts at 0 (pdf.js's repair).
            if i == 0 && first == 1 && kind == b'f' && offset == 0 && gen == 65535 {
                first = 0;
            }
            let Some(num) = first.checked_add(i).and_then(|n| u32::try_from(n).ok()) else {
                break;
            };
            *budget = budget
                .checked_sub(1)
                .ok_or(CosError::syntax(pos, "too many cross-reference entries"))?;
            let entry = match (kind, u16::try_from(gen)) {
                (b'f', _) => Entry::Free,
                (_, Ok(gen)) => {
                    let Some(offset) = usize::try_from(offset)
                        .ok()
                        .and_then(|o| o.checked_add(base))
                    else {
                        continue;
                    };
                    Entry::InFile { offset, gen }
                }
                _ => continue,
            };
            entries.entry(num).or_insert(entry);
        }
    }
}

/// The entries of a cross-reference stream: `dict` is its dictionary,
/// `rows` its decoded data.
pub(crate) fn read_stream_rows(
    dict: &Dict,
    rows: &[u8],
    base: usize,
    budget: &mut usize,
) -> Result<BTreeMap<u32, Entry>, CosError> {
    let bad = || CosError::syntax(0, "bad cross-reference stream");
    let widths: Vec<usize> = dict
        .get("W")
        .and_then(Object::as_array)
        .ok_or_else(bad)?
        .iter()
        .map(|w| {
            w.as_int()
                .and_then(|w| usize::try_from(w).ok())
                .filter(|w| *w <= 8)
        })
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    let &[w0, w1, w2] = widths.as_slice() else {
        return Err(bad());
    };
    let row = w0 + w1 + w2;
    let mut entries = BTreeMap::new();
    if row == 0 {
        return Ok(entries);
    }
    let size = dict.get_int("Size").unwrap_or(0);
    let default_index = [Object::Int(0), Object::Int(size)];
    let index = dict
        .get("Index")
        .and_then(Object::as_array)
        .unwrap_or(&default_index);
    let mut chunks = rows.chunks_exact(row);
    for pair in index.chunks(2) {
        let (Some(first), Some(count)) = (
            pair.first().and_then(Object::as_int),
            pair.get(1).and_then(Object::as_int),
        ) else {
            return Err(bad());
        };
        let (Ok(first), Ok(count)) = (u32::try_from(first), u64::try_from(count)) else {
            return Err(bad());
        };
        // Rows run out long before a hostile count does.
        for i in 0..count {
            let Some(data) = chunks.next() else {
                return Ok(entries);
            };
            let Some(num) = u32::try_from(i).ok().and_then(|i| first.checked_add(i)) else {
                break;
            };
            *budget = budget.checked_sub(1).ok_or_else(bad)?;
            let (a, rest) = data.split_at(w0.min(data.len()));
            let (b, c) = rest.split_at(w1.min(rest.len()));
            let kind = if w0 == 0 { 1 } else { be(a) };
            let entry = match kind {
                0 => Entry::Free,
                1 => {
                    let offset = usize::try_from(be(b))
                        .ok()
                        .and_then(|o| o.checked_add(base));
                    match (offset, u16::try_from(be(c))) {
                        (Some(offset), Ok(gen)) => Entry::InFile { offset, gen },
                        _ => continue,
                    }
                }
                2 => match (u32::try_from(be(b)), u32::try_from(be(c))) {
                    (Ok(stream), Ok(index)) => Entry::InStream { stream, index },
                    _ => continue,
                },
                // Other types are references to the null object (§7.5.8.3).
                _ => continue,
            };
            entries.entry(num).or_insert(entry);
        }
    }
    Ok(entries)
}

/// A big-endian field of at most 8 bytes.
fn be(field: &[u8]) -> u64 {
    field.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b))
}

#[cfg(test)]
#[path = "xref_tests.rs"]
mod tests;
