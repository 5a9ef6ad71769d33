//! Finding objects without a cross-reference table, as PDF readers do for
//! damaged files: every `N G obj`, every `trailer` dictionary, the objects
//! naming `/XRef`, `/ObjStm` or `/Catalog`, and every `%%EOF`. One linear
//! pass per keyword (memchr's searchers), fast on 20 MiB.

use memchr::memmem;

use super::lexer::{is_regular, is_white, Lexer};
use super::object::{Dict, Object, Ref};
use super::parser::parse_object;

/// What a scan of the whole file found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Every `num gen obj`, in file order: (offset of `num`, the object).
    pub objects: Vec<(usize, Ref)>,
    /// Classic trailers: (offset of `trailer`, its dictionary).
    pub trailers: Vec<(usize, Dict)>,
    /// Offsets of the objects whose text names `/XRef`, `/ObjStm` and
    /// `/Catalog` (candidates: the caller reads and checks them).
    pub xref_streams: Vec<usize>,
    pub object_streams: Vec<usize>,
    pub catalogs: Vec<usize>,
    /// Offsets right after every `%%EOF`, with and without its EOL.
    pub ends: Vec<usize>,
}

/// `%%EOF` at `at`: where the revision ends, without and with the EOL
/// after it (one value when none follows).
pub(crate) fn eof_ends(bytes: &[u8], at: usize) -> Vec<usize> {
    let end = at.saturating_add(5);
    let eol = match (bytes.get(end), bytes.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    };
    if eol == 0 {
        vec![end]
    } else {
        vec![end, end + eol]
    }
}

/// The header `num gen` that ends right before `obj` at `at`, if the
/// bytes there are one: white space, digits, white space, digits, and
/// before them the file's start or a byte that is not part of a token.
fn header_before(bytes: &[u8], at: usize) -> Option<(usize, Ref)> {
    let back = |mut i: usize, pred: fn(u8) -> bool, max: usize| -> Option<usize> {
        let start = i;
        while i > 0 && start - i < max && bytes.get(i - 1).copied().is_some_and(pred) {
            i -= 1;
        }
        (i < start).then_some(i)
    };
    let is_digit = |b: u8| b.is_ascii_digit();
    let gen_end = back(at, is_white, 32)?;
    let gen_start = back(gen_end, is_digit, 5)?;
    let num_end = back(gen_start, is_white, 32)?;
    let num_start = back(num_end, is_digit, 10)?;
    if num_start > 0
        && bytes
            .get(num_start - 1)
            .is_some_and(|b| is_regular(*b) || *b == b'/')
    {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u64> {
        bytes.get(from..to)?.iter().try_fold(0u64, |acc, d| {
            acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
    };
    let num = u32::try_from(number(num_start, num_end)?).ok()?;
    let gen = u16::try_from(number(gen_start, gen_end)?).ok()?;
    Some((num_start, Ref { num, gen }))
}

/// Does the keyword at `at..at + len` stand alone (no regular byte after)?
fn ends_token(bytes: &[u8], at: usize, len: usize) -> bool {
    bytes.get(at + len).is_none_or(|b| !is_regular(*b))
}

/// Scan `bytes`. `work` counts the lexing work of the trailers.
pub(crate) fn scan(bytes: &[u8], work: &mut u64) -> Scan {
    let mut found = Scan::default();
    for at in memmem::find_iter(bytes, b"obj") {
        if ends_token(bytes, at, 3) {
            if let Some(hit) = header_before(bytes, at) {
                found.objects.push(hit);
            }
        }
    }
    // A hit inside what the previous trailer's parse consumed is skipped:
    // each byte is lexed once, so `trailer[(` repeated cannot make this
    // quadratic.
    let mut parsed_to = 0;
    for at in memmem::find_iter(bytes, b"trailer") {
        let alone = at == 0 || bytes.get(at - 1).is_some_and(|b| !is_regular(*b));
        if at >= parsed_to && alone && ends_token(bytes, at, 7) {
            let mut lex = Lexer::new(bytes, at + 7);
            if let Ok(Object::Dict(d)) = parse_object(&mut lex) {
                found.trailers.push((at, d));
            }
            parsed_to = lex.pos;
            *work = work.saturating_add(lex.work);
        }
    }
    found.xref_streams = owners(bytes, &found.objects, b"/XRef");
    found.object_streams = owners(bytes, &found.objects, b"/ObjStm");
    found.catalogs = owners(bytes, &found.objects, b"/Catalog");
    for at in memmem::find_iter(bytes, b"%%EOF") {
        found.ends.extend(eof_ends(bytes, at));
    }
    found
}

/// The objects (their offsets) in whose text the name `name` appears.
fn owners(bytes: &[u8], objects: &[(usize, Ref)], name: &[u8]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for at in memmem::find_iter(bytes, name) {
        if !ends_token(bytes, at, name.len()) {
            continue;
        }
        let before = objects.partition_point(|(offset, _)| *offset <= at);
        let Some(&(offset, _)) = before.checked_sub(1).and_then(|i| objects.get(i)) else {
            continue;
        };
        if out.last() != Some(&offset) {
            out.push(offset);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_objects_trailers_and_ends() {
        let file = b"%PDF-1.4\n1 0 obj\n<</Type/Catalog>>\nendobj\n 12  3 obj [] endobj\nx2 0 obj\n(5 0 obj)/4 0 obj\n\
trailer\n<</Root 1 0 R>>\n%%EOF\r\n7 0 obj<</Type/XRef/W[1 1 1]>>stream\nendstream endobj 8 0 objx\n9 0 obj<</Type/ObjStm>>\n%%EOF";
        let mut work = 0;
        let scan = scan(file, &mut work);
        let refs: Vec<(u32, u16)> = scan.objects.iter().map(|(_, r)| (r.num, r.gen)).collect();
        assert_eq!(refs, vec![(1, 0), (12, 3), (5, 0), (7, 0), (9, 0)]);
        assert_eq!(&file[scan.objects[1].0..scan.objects[1].0 + 2], b"12");
        assert_eq!(scan.trailers.len(), 1);
        assert!(scan.trailers[0].1.get("Root").is_some());
        assert_eq!(scan.catalogs, vec![scan.objects[0].0]);
        assert_eq!(scan.xref_streams, vec![scan.objects[3].0]);
        assert_eq!(scan.object_streams, vec![scan.objects[4].0]);
        let first_eof = memmem::find(file, b"%%EOF").unwrap();
        assert_eq!(scan.ends[..2], [first_eof + 5, first_eof + 7]);
        assert_eq!(scan.ends[2..], [file.len()]);
    }

    #[test]
    fn headers_that_are_not() {
        let mut work = 0;
        for bad in [
            b"obj".as_slice(),
            b"0 obj",
            b" 1 0obj",
            b"99999999999 0 obj",
            b"1 999999 obj",
            b"1 70000 obj",
            b"a1 0 obj",
        ] {
            assert!(scan(bad, &mut work).objects.is_empty(), "{bad:?}");
        }
        assert_eq!(
            scan(b"0 0 obj", &mut work).objects,
            vec![(0, Ref { num: 0, gen: 0 })]
        );
        assert_eq!(eof_ends(b"%%EOF\n", 0), vec![5, 6]);
        assert_eq!(eof_ends(b"%%EOF", 0), vec![5]);
    }
}
