//! Objects from work (ISO 32000-1 §7.3), without recursion: arrays and
//! dictionaries are built on an explicit stack, so hostile nesting costs a
//! bounded `Vec`, never the call stack.

use std::ops::Range;

use super::error::CosError;
use super::lexer::{is_white, Lexer, Token};
use super::object::{Dict, Name, Object, Ref};

/// Containers open at once inside one object.
pub(crate) const MAX_DEPTH: usize = 64;
/// Values in one object, all containers together.
pub(crate) const MAX_ELEMENTS: usize = 1 << 20;

enum Frame {
    Array(Vec<Object>),
    /// Entries, and the key waiting for its value.
    Dict(Vec<(Name, Object)>, Option<Name>),
}

impl Frame {
    fn close(self) -> Object {
        match self {
            Frame::Array(items) => Object::Array(items),
            Frame::Dict(entries, _) => Object::Dict(Dict(entries)),
        }
    }
}

/// Keywords that cannot be inside an object: one that appears in an open
/// container ends the object there (a `>>` or `]` was left out).
fn ends_object(word: &[u8]) -> bool {
    matches!(
        word,
        b"endobj" | b"stream" | b"endstream" | b"obj" | b"xref" | b"trailer" | b"startxref"
    )
}

/// Close every open container: the outermost one, with the others inside.
fn unwind(stack: &mut Vec<Frame>) -> Object {
    let mut value = Object::Null;
    let mut first = true;
    while let Some(frame) = stack.pop() {
        let mut frame = frame;
        if !first {
            deliver(&mut frame, value);
        }
        first = false;
        value = frame.close();
    }
    value
}

/// Put a finished value into the container being built. A dictionary key
/// that is not a name is dropped (as pdf.js does).
fn deliver(frame: &mut Frame, value: Object) {
    match frame {
        Frame::Array(items) => items.push(value),
        Frame::Dict(entries, key) => match key.take() {
            Some(k) => entries.push((k, value)),
            None => {
                if let Object::Name(n) = value {
                    *key = Some(n);
                }
            }
        },
    }
}

/// `num gen R` after an integer already read, or the lexer left as it was.
fn reference(lex: &mut Lexer<'_>, num: i64) -> Option<Ref> {
    let num = u32::try_from(num).ok()?;
    let save = lex.pos;
    if let Token::Int(gen) = lex.next_token() {
        if let Ok(gen) = u16::try_from(gen) {
            if lex.next_token() == Token::Keyword(b"R") {
                return Some(Ref { num, gen });
            }
        }
    }
    lex.pos = save;
    None
}

/// The next object. Tolerates unclosed containers (closed where the object
/// visibly ends), stray `]`, and unknown keywords (read as null).
pub(crate) fn parse_object(lex: &mut Lexer<'_>) -> Result<Object, CosError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut count = 0usize;
    loop {
        let start = lex.pos;
        count += 1;
        if count > MAX_ELEMENTS {
            return Err(CosError::syntax(start, "object too large"));
        }
        let value = match lex.next_token() {
            Token::Int(n) => match reference(lex, n) {
                Some(r) => Object::Ref(r),
                None => Object::Int(n),
            },
            Token::Real(x) => Object::Real(x),
            Token::Name(n) => Object::Name(Name(n)),
            Token::String(s) => Object::String(s),
            Token::ArrayOpen | Token::DictOpen if stack.len() >= MAX_DEPTH => {
                return Err(CosError::syntax(start, "objects nested too deeply"));
            }
            Token::ArrayOpen => {
                stack.push(Frame::Array(Vec::new()));
                continue;
            }
            Token::DictOpen => {
                stack.push(Frame::Dict(Vec::new(), None));
                continue;
            }
            Token::ArrayClose => match stack.pop() {
                Some(frame @ Frame::Array(_)) => frame.close(),
                Some(frame) => {
                    // A stray `]` inside a dictionary: ignored.
                    stack.push(frame);
                    continue;
                }
                None => return Err(CosError::syntax(start, "unexpected ']'")),
            },
            Token::DictClose => match stack.pop() {
                Some(frame @ Frame::Dict(..)) => frame.close(),
                Some(frame) => {
                    // `[1 2 >>`: the array ends here; read `>>` again for
                    // the dictionary around it.
                    lex.pos = start;
                    frame.close()
                }
                None => return Err(CosError::syntax(start, "unexpected '>>'")),
            },
            Token::Keyword(b"true") => Object::Bool(true),
            Token::Keyword(b"false") => Object::Bool(false),
            Token::Keyword(b"null") => Object::Null,
            Token::Keyword(word) if ends_object(word) && !stack.is_empty() => {
                lex.pos = start;
                return Ok(unwind(&mut stack));
            }
            Token::Keyword(_) if stack.is_empty() => {
                return Err(CosError::syntax(start, "expected an object"));
            }
            Token::Keyword(_) => Object::Null,
            Token::Eof if stack.is_empty() => {
                return Err(CosError::syntax(start, "unexpected end of data"));
            }
            Token::Eof => return Ok(unwind(&mut stack)),
        };
        match stack.last_mut() {
            None => return Ok(value),
            Some(frame) => deliver(frame, value),
        }
    }
}

/// An indirect object's header `num gen obj`.
pub(crate) fn parse_header(lex: &mut Lexer<'_>) -> Option<Ref> {
    let Token::Int(num) = lex.next_token() else {
        return None;
    };
    let Token::Int(gen) = lex.next_token() else {
        return None;
    };
    let r = Ref {
        num: u32::try_from(num).ok()?,
        gen: u16::try_from(gen).ok()?,
    };
    lex.eat_keyword(b"obj").then_some(r)
}

/// An indirect object as written: its header, its value, and where its
/// stream data starts when it has one (the extent needs `/Length`, which
/// the caller resolves).
pub(crate) struct Indirect {
    pub r: Ref,
    pub value: Object,
    pub stream_start: Option<usize>,
}

/// The indirect object starting at `at` (a missing `endobj` is tolerated).
pub(crate) fn parse_indirect(
    bytes: &[u8],
    at: usize,
    work: &mut u64,
) -> Result<Indirect, CosError> {
    let mut lex = Lexer::new(bytes, at);
    let result = parse_indirect_with(&mut lex, at);
    *work = work.saturating_add(lex.work);
    result
}

fn parse_indirect_with(lex: &mut Lexer<'_>, at: usize) -> Result<Indirect, CosError> {
    let r = parse_header(lex).ok_or(CosError::syntax(at, "expected an object header"))?;
    let value = parse_object(lex)?;
    let mut stream_start = None;
    if matches!(value, Object::Dict(_)) && lex.eat_keyword(b"stream") {
        stream_start = Some(after_stream_keyword(lex.bytes(), lex.pos));
    }
    Ok(Indirect {
        r,
        value,
        stream_start,
    })
}

/// Where the data starts after `stream`: past CR LF or LF (§7.3.8.1), or a
/// lone CR, and past spaces some writers put before the EOL.
fn after_stream_keyword(bytes: &[u8], pos: usize) -> usize {
    let mut at = pos;
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => at + 2,
        (Some(b'\r' | b'\n'), _) => at + 1,
        // No EOL at all: the spaces were data.
        _ => pos,
    }
}

/// Does `endstream` follow `at`, after white space?
fn endstream_at(bytes: &[u8], mut at: usize) -> bool {
    while bytes.get(at).copied().is_some_and(is_white) {
        at += 1;
    }
    bytes
        .get(at..)
        .is_some_and(|rest| rest.starts_with(b"endstream"))
}

/// The stored bytes of a stream whose data starts at `start`: `length`
/// bytes when `endstream` follows them, else up to the next `endstream`
/// (less the EOL before it), as pdf.js does for wrong lengths.
pub(crate) fn stream_extent(
    bytes: &[u8],
    start: usize,
    length: Option<usize>,
) -> Result<Range<usize>, CosError> {
    let declared = length
        .and_then(|n| start.checked_add(n))
        .filter(|end| *end <= bytes.len());
    if let Some(end) = declared.filter(|end| endstream_at(bytes, *end)) {
        return Ok(start..end);
    }
    let rest = bytes.get(start..).unwrap_or_default();
    match memchr::memmem::find(rest, b"endstream") {
        Some(found) => {
            let mut end = start + found;
            if end > start && bytes.get(end - 1) == Some(&b'\n') {
                end -= 1;
            }
            if end > start && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
            Ok(start..end)
        }
        None => declared
            .map(|end| start..end)
            .ok_or(CosError::syntax(start, "stream without an end")),
    }
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
