//! A bounded BER/DER TLV reader over a byte slice. It keeps every value's
//! raw bytes (header included), so callers can hash what was transmitted;
//! it reads BER's indefinite lengths (real PDF signers stream their CMS)
//! and is lenient about non-minimal definite lengths, which BER allows.
//! Nothing here indexes past the slice or recurses deeper than
//! [`MAX_DEPTH`].

use super::error::CmsError;

/// How deep values may nest. A CMS with certificates needs about 12; the
/// limit only keeps hostile input (thousands of nested indefinite
/// values) from costing stack.
pub const MAX_DEPTH: usize = 32;

/// The class bits of an identifier octet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Universal,
    Application,
    Context,
    Private,
}

/// A tag: class, primitive/constructed and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    pub class: Class,
    pub constructed: bool,
    pub number: u32,
}

impl Tag {
    pub const fn universal(number: u32, constructed: bool) -> Tag {
        Tag {
            class: Class::Universal,
            constructed,
            number,
        }
    }

    pub const fn context(number: u32, constructed: bool) -> Tag {
        Tag {
            class: Class::Context,
            constructed,
            number,
        }
    }
}

pub const BOOLEAN: Tag = Tag::universal(1, false);
pub const INTEGER: Tag = Tag::universal(2, false);
pub const OCTET_STRING: Tag = Tag::universal(4, false);
pub const OBJECT_IDENTIFIER: Tag = Tag::universal(6, false);
pub const IA5_STRING: Tag = Tag::universal(22, false);
pub const UTC_TIME: Tag = Tag::universal(23, false);
pub const GENERALIZED_TIME: Tag = Tag::universal(24, false);
pub const SEQUENCE: Tag = Tag::universal(16, true);
pub const SET: Tag = Tag::universal(17, true);

/// One value: its tag, its raw bytes and its content.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    pub tag: Tag,
    /// Header, content and (for an indefinite length) the end-of-contents
    /// octets: the value exactly as transmitted.
    pub raw: &'a [u8],
    /// The content octets (without the end-of-contents octets).
    pub content: &'a [u8],
    /// Whether the length was BER's indefinite form.
    pub indefinite: bool,
    /// The nesting depth of this value (0 for the outermost).
    depth: usize,
}

impl<'a> Tlv<'a> {
    /// A reader over the elements of a constructed value.
    pub fn children(&self, what: &'static str) -> Result<Reader<'a>, CmsError> {
        if !self.tag.constructed {
            return Err(CmsError::Unexpected { what });
        }
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(CmsError::TooDeep);
        }
        Ok(Reader {
            data: self.content,
            pos: 0,
            depth,
        })
    }

    /// Fails unless the value has this tag.
    pub fn expect(self, tag: Tag, what: &'static str) -> Result<Tlv<'a>, CmsError> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(CmsError::Unexpected { what })
        }
    }
}

/// Reads consecutive values from a slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    depth: usize,
}

/// A definite length or BER's indefinite form.
enum Length {
    Definite(usize),
    Indefinite,
}

impl<'a> Reader<'a> {
    /// A reader over a whole input (depth 0).
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader {
            data,
            pos: 0,
            depth: 0,
        }
    }

    /// No values left.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or(&[])
    }

    /// The tag of the next value, if one starts here and its tag reads.
    pub fn peek_tag(&self) -> Option<Tag> {
        read_tag(self.rest()).ok().map(|(tag, _)| tag)
    }

    /// The next value.
    pub fn read(&mut self) -> Result<Tlv<'a>, CmsError> {
        let rest = self.rest();
        if rest.is_empty() {
            return Err(CmsError::Truncated { what: "value" });
        }
        let tlv = read_tlv(rest, self.depth)?;
        self.pos += tlv.raw.len();
        Ok(tlv)
    }

    /// The next value, which must have this tag.
    pub fn expect(&mut self, tag: Tag, what: &'static str) -> Result<Tlv<'a>, CmsError> {
        if self.is_empty() {
            return Err(CmsError::Unexpected { what });
        }
        self.read()?.expect(tag, what)
    }

    /// The next value if it has this tag; nothing is consumed otherwise.
    pub fn optional(&mut self, tag: Tag) -> Result<Option<Tlv<'a>>, CmsError> {
        if self.peek_tag() == Some(tag) {
            self.read().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Fails if anything is left.
    pub fn finish(&self, what: &'static str) -> Result<(), CmsError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(CmsError::Extra { what })
        }
    }
}

/// The identifier octets at the start of `data`: the tag and its length.
fn read_tag(data: &[u8]) -> Result<(Tag, usize), CmsError> {
    let &first = data.first().ok_or(CmsError::Truncated { what: "tag" })?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::Context,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let low = u32::from(first & 0x1f);
    if low != 0x1f {
        let tag = Tag {
            class,
            constructed,
            number: low,
        };
        return Ok((tag, 1));
    }
    // High tag number: base-128 digits, at most four (28 bits), the first
    // not 0x80 (a leading zero digit), the number not one the short form
    // could carry.
    let mut number: u32 = 0;
    for (i, &byte) in data.iter().enumerate().skip(1).take(4) {
        if i == 1 && byte == 0x80 {
            return Err(CmsError::BadTag);
        }
        number = (number << 7) | u32::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            if number < 0x1f {
                return Err(CmsError::BadTag);
            }
            let tag = Tag {
                class,
                constructed,
                number,
            };
            return Ok((tag, i + 1));
        }
    }
    if data.len() < 6 {
        Err(CmsError::Truncated { what: "tag" })
    } else {
        Err(CmsError::BadTag)
    }
}

/// The length octets at the start of `data` and how many there are.
fn read_length(data: &[u8]) -> Result<(Length, usize), CmsError> {
    let &first = data.first().ok_or(CmsError::Truncated { what: "length" })?;
    match first {
        0..=0x7f => Ok((Length::Definite(usize::from(first)), 1)),
        0x80 => Ok((Length::Indefinite, 1)),
        0x81..=0x84 => {
            let count = usize::from(first & 0x7f);
            let bytes = data
                .get(1..=count)
                .ok_or(CmsError::Truncated { what: "length" })?;
            // Four bytes fit u32; on 32-bit targets usize is u32 too.
            let value = bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            let value = usize::try_from(value).map_err(|_| CmsError::BadLength)?;
            Ok((Length::Definite(value), 1 + count))
        }
        _ => Err(CmsError::BadLength),
    }
}

/// One value at the start of `data`, at nesting depth `depth`.
fn read_tlv(data: &[u8], depth: usize) -> Result<Tlv<'_>, CmsError> {
    if data.starts_with(&[0, 0]) {
        // An end-of-contents marker is only read by `indefinite_length`.
        return Err(CmsError::BadIndefinite);
    }
    let (tag, tag_len) = read_tag(data)?;
    if tag.class == Class::Universal && tag.number == 0 {
        return Err(CmsError::BadTag);
    }
    let after_tag = data.get(tag_len..).unwrap_or(&[]);
    let (length, length_len) = read_length(after_tag)?;
    let header_len = tag_len + length_len;
    let body = data.get(header_len..).unwrap_or(&[]);
    match length {
        Length::Definite(len) => {
            let content = body
                .get(..len)
                .ok_or(CmsError::Truncated { what: "value" })?;
            let raw = data
                .get(..end_of(header_len, len, 0)?)
                .ok_or(CmsError::Truncated { what: "value" })?;
            Ok(Tlv {
                tag,
                raw,
                content,
                indefinite: false,
                depth,
            })
        }
        Length::Indefinite => {
            if !tag.constructed {
                return Err(CmsError::BadIndefinite);
            }
            let len = indefinite_length(body, depth + 1)?;
            let content = body
                .get(..len)
                .ok_or(CmsError::Truncated { what: "value" })?;
            let raw = data
                .get(..end_of(header_len, len, 2)?)
                .ok_or(CmsError::Truncated { what: "value" })?;
            Ok(Tlv {
                tag,
                raw,
                content,
                indefinite: true,
                depth,
            })
        }
    }
}

/// `header + len + eoc` without overflow (a four-byte length plus a header
/// passes `usize::MAX` on 32-bit wasm).
fn end_of(header: usize, len: usize, eoc: usize) -> Result<usize, CmsError> {
    header
        .checked_add(len)
        .and_then(|n| n.checked_add(eoc))
        .ok_or(CmsError::Truncated { what: "value" })
}

/// The length of indefinite-length content starting at `data`: the offset
/// of the end-of-contents octets that close it. Walks the children (their
/// elements are at `depth`), descending only into indefinite ones.
fn indefinite_length(data: &[u8], depth: usize) -> Result<usize, CmsError> {
    if depth > MAX_DEPTH {
        return Err(CmsError::TooDeep);
    }
    let mut pos = 0;
    loop {
        let rest = data.get(pos..).unwrap_or(&[]);
        if rest.starts_with(&[0, 0]) {
            return Ok(pos);
        }
        if rest.is_empty() {
            return Err(CmsError::Truncated {
                what: "end-of-contents",
            });
        }
        // Every child is at least two bytes long, so this ends.
        pos += read_tlv(rest, depth)?.raw.len();
    }
}

/// DER of one value with a one-byte `tag` around the concatenated `parts`,
/// its length in the minimal definite form: what a signer hashed when it
/// built the structure we only received in pieces (signed attributes sent
/// as `[0]` or with an indefinite length, a seal's maker input, an OCSP
/// request).
pub fn encode(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let be = (len as u64).to_be_bytes();
        let skip = be.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (be.len() - skip) as u8);
        out.extend_from_slice(&be[skip..]);
    }
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}
