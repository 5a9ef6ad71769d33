//! The chain of cross-reference sections: from `startxref` back through
//! `/Prev` (ISO 32000-1 §7.5.6), each section kept apart, with where its
//! revision ends. Hybrid files' `/XRefStm` entries belong to their table's
//! section (§7.5.8.4).

use std::collections::BTreeMap;

use memchr::memmem;

use super::error::CosError;
use super::filters::{cap_for, decode};
use super::lexer::{is_white, Lexer, Token};
use super::object::{Dict, Name, Object};
use super::parser::{parse_header, parse_indirect, stream_extent};
use super::scan::eof_ends;
use super::xref::{read_stream_rows, read_table, Entry, Section, MAX_ENTRIES};

/// Sections followed through `/Prev`.
pub(crate) const MAX_SECTIONS: usize = 64;
/// Lexer work (see `Lexer::work`) spent on the chain before it is cut:
/// 128 MiB lexed, where hostile trailers could each run to the file's end.
const MAX_CHAIN_WORK: u64 = 16 << 20;

/// The sections read, and whether the chain ended where the file says.
pub(crate) struct Chain {
    pub sections: Vec<Section>,
    /// What the file's offsets count from: 0, or the header's offset for a
    /// file shifted by junk in front.
    pub base: usize,
    /// `false` when a `/Prev` or `/XRefStm` led nowhere readable, or the
    /// limits cut the chain: objects it lacks must be found by scanning.
    pub complete: bool,
    /// Lexing work spent.
    pub work: u64,
}

/// The value after the last `startxref`.
pub(crate) fn startxref(bytes: &[u8]) -> Option<usize> {
    let at = memmem::rfind(bytes, b"startxref")?;
    let mut lex = Lexer::new(bytes, at + 9);
    match lex.next_token() {
        Token::Int(n) => usize::try_from(n).ok(),
        _ => None,
    }
}

/// Does a section start at `at` (`xref`, or an object header)?
fn section_at(bytes: &[u8], at: usize) -> bool {
    let mut pos = at;
    while bytes.get(pos).copied().is_some_and(is_white) {
        pos += 1;
    }
    if bytes.get(pos..).is_some_and(|b| b.starts_with(b"xref")) {
        return true;
    }
    at < bytes.len() && parse_header(&mut Lexer::new(bytes, at)).is_some()
}

/// The chain starting at `startxref`, or `None` when there is no
/// `startxref` or no section where it points (then the caller rebuilds).
pub(crate) fn read(bytes: &[u8], header: usize) -> Option<Chain> {
    let written = startxref(bytes)?;
    let base = if section_at(bytes, written) {
        0
    } else if header > 0 && section_at(bytes, written.checked_add(header)?) {
        header
    } else {
        return None;
    };
    let mut chain = Chain {
        sections: Vec::new(),
        base,
        complete: true,
        work: 0,
    };
    let mut budget = MAX_ENTRIES;
    let mut next = Some(written.checked_add(base)?);
    while let Some(at) = next.take() {
        if chain.sections.len() >= MAX_SECTIONS || chain.sections.iter().any(|s| s.offset == at) {
            // Too long, or a loop: what was read stands.
            chain.complete = chain.sections.len() < MAX_SECTIONS && chain.complete;
            break;
        }
        let Ok((mut section, end)) = read_section(bytes, at, base, &mut budget, &mut chain) else {
            if chain.sections.is_empty() {
                return None;
            }
            chain.complete = false;
            break;
        };
        section.ends = memmem::find(bytes.get(end..).unwrap_or_default(), b"%%EOF")
            .map(|found| eof_ends(bytes, end + found))
            .unwrap_or_default();
        // `/Prev 0`, or one past the end, is garbage: `section_at` below
        // fails there and the chain ends, incomplete.
        match section.trailer.get("Prev") {
            None => {}
            Some(Object::Int(p)) => {
                // As written from `base`, else from the other origin (a
                // writer that counted the junk in one update, not in
                // another).
                let p = usize::try_from(*p).ok();
                let other = if base == 0 { header } else { 0 };
                let found = [base, other]
                    .into_iter()
                    .filter_map(|origin| p?.checked_add(origin))
                    .find(|at| section_at(bytes, *at));
                match found {
                    Some(at) => next = Some(at),
                    None => chain.complete = false,
                }
            }
            Some(_) => chain.complete = false,
        }
        chain.sections.push(section);
        let lexed = end.saturating_sub(at) as u64 / 8;
        chain.work = chain.work.saturating_add(lexed);
        if chain.work > MAX_CHAIN_WORK && next.is_some() {
            chain.complete = false;
            break;
        }
    }
    Some(chain)
}

/// One section at `at`: its entries and trailer (ends left empty), and
/// where its data ends (to look for its `%%EOF` after).
fn read_section(
    bytes: &[u8],
    at: usize,
    base: usize,
    budget: &mut usize,
    chain: &mut Chain,
) -> Result<(Section, usize), CosError> {
    let mut pos = at;
    while bytes.get(pos).copied().is_some_and(is_white) {
        pos += 1;
    }
    if bytes.get(pos..).is_some_and(|b| b.starts_with(b"xref")) {
        let table = read_table(bytes, at, base, budget)?;
        let mut entries = table.entries;
        if let Some(Object::Int(stm)) = table.trailer.get("XRefStm") {
            // A hybrid file: the stream lists the objects in object streams
            // that the table leaves out or marks free. A table entry in use
            // wins; an unreadable stream is skipped (the caller then scans
            // for what is missing).
            let stream_at = usize::try_from(*stm).ok().and_then(|s| s.checked_add(base));
            let hidden = stream_at.ok_or(CosError::syntax(at, "bad /XRefStm"));
            let hidden =
                hidden.and_then(|s| read_xref_stream(bytes, s, base, budget, &mut chain.work));
            let hidden = match hidden {
                Ok((_, hidden, _)) => hidden,
                Err(_) => {
                    chain.complete = false;
                    BTreeMap::new()
                }
            };
            for (num, entry) in hidden {
                let slot = entries.entry(num).or_insert(entry);
                if *slot == Entry::Free {
                    *slot = entry;
                }
            }
        }
        let section = Section {
            offset: at,
            entries,
            trailer: table.trailer,
            ends: Vec::new(),
        };
        return Ok((section, table.end));
    }
    let (trailer, entries, end) = read_xref_stream(bytes, at, base, budget, &mut chain.work)?;
    let section = Section {
        offset: at,
        entries,
        trailer,
        ends: Vec::new(),
    };
    Ok((section, end))
}

/// The cross-reference stream at `at`: its dictionary, entries, and where
/// its data ends. Never encrypted (ISO 32000-1 §7.6.1); its `/Length` must
/// be direct (§7.5.8.2), else `endstream` is looked for.
pub(crate) fn read_xref_stream(
    bytes: &[u8],
    at: usize,
    base: usize,
    budget: &mut usize,
    work: &mut u64,
) -> Result<(Dict, BTreeMap<u32, Entry>, usize), CosError> {
    let indirect = parse_indirect(bytes, at, work)?;
    let (Object::Dict(dict), Some(start)) = (indirect.value, indirect.stream_start) else {
        return Err(CosError::syntax(at, "expected a cross-reference stream"));
    };
    if !(dict.is("Type", "XRef") || dict.get("W").is_some()) {
        return Err(CosError::syntax(at, "expected a cross-reference stream"));
    }
    let length = dict.get_int("Length").and_then(|n| usize::try_from(n).ok());
    let extent = stream_extent(bytes, start, length)?;
    let stored = bytes.get(extent.clone()).unwrap_or_default();
    let rows = decode(stored, &filters_of(&dict), cap_for(stored.len()))?;
    let entries = read_stream_rows(&dict, &rows, base, budget)?;
    Ok((dict, entries, extent.end))
}

/// `/Filter` and `/DecodeParms` of a dictionary whose values are direct
/// (cross-reference streams): name and parameters, in order.
pub(crate) fn filters_of(dict: &Dict) -> Vec<(Name, Option<Dict>)> {
    let parms = |i: usize| -> Option<Dict> {
        match dict.get("DecodeParms") {
            Some(Object::Dict(d)) if i == 0 => Some(d.clone()),
            Some(Object::Array(a)) => a.get(i).and_then(Object::as_dict).cloned(),
            _ => None,
        }
    };
    match dict.get("Filter") {
        Some(Object::Name(n)) => vec![(n.clone(), parms(0))],
        Some(Object::Array(a)) => a
            .iter()
            .take(16)
            .enumerate()
            .filter_map(|(i, f)| Some((f.as_name()?.clone(), parms(i))))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
#[path = "chain_tests.rs"]
mod tests;
