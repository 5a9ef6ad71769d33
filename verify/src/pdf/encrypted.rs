//! Encrypted files, where pdf 0.10 needs help twice.
//!
//! 1. Every string of an encrypted PDF is encrypted except a signature's
//!    `/Contents` (ISO 32000-1 §7.6.1), but the crate decrypts every string of
//!    an object it reads, so reading a signature dictionary fails on the
//!    padding of the never-encrypted `/Contents`. [`Plain`] parses such an
//!    object again without decryption and decrypts its text entries one by
//!    one.
//! 2. The crate panics on an encryption dictionary whose key is zero bytes
//!    long (`Rc4::new` asserts a non-empty key; a crypt filter's `/Length` is
//!    multiplied by 8 in `u32` and can wrap to 0). [`check_key_length`]
//!    reads that dictionary first, as the crate will.

use pdf::backend::Backend;
use pdf::crypt::{CryptDict, Decoder};
use pdf::object::{NoResolve, Object, PlainRef, Resolve};
use pdf::parser::{parse_indirect_object, Lexer, ParseFlags};
use pdf::primitive::{Dictionary, Primitive};
use pdf::xref::{XRef, XRefTable};

/// Objects read straight from the file through its cross-reference table,
/// without the crate's storage (and so without its decryption).
struct Raw<'a> {
    bytes: &'a [u8],
    start: usize,
    refs: XRefTable,
}

impl<'a> Raw<'a> {
    fn new(bytes: &'a [u8], resolve: &impl Resolve) -> Option<(Raw<'a>, Dictionary)> {
        let start = bytes.locate_start_offset().ok()?;
        let (refs, trailer) = bytes.read_xref_table_and_trailer(start, resolve).ok()?;
        Some((Raw { bytes, start, refs }, trailer))
    }

    /// Object `r` as written, strings still encrypted. Only objects stored
    /// directly in the file: inside an object stream the whole stream is
    /// encrypted, not each string, and the crate reads those correctly.
    fn object(&self, r: PlainRef, resolve: &impl Resolve) -> Option<Primitive> {
        let XRef::Raw { pos, .. } = self.refs.get(r.id).ok()? else {
            return None;
        };
        let at = self.start.checked_add(pos)?;
        let mut lexer = Lexer::with_offset(self.bytes.get(at..)?, at);
        match parse_indirect_object(&mut lexer, resolve, None, ParseFlags::ANY).ok()? {
            (found, object) if found.id == r.id => Some(object),
            _ => None,
        }
    }

    /// `value`, or the object it refers to (one hop: enough for the
    /// encryption dictionary and its numbers).
    fn direct(&self, value: &Primitive) -> Option<Primitive> {
        match value {
            Primitive::Reference(r) => self.object(*r, &NoResolve),
            other => Some(other.clone()),
        }
    }
}

/// What reading signature dictionaries without decryption needs: where
/// objects are, and the key for the empty user password (a file that needs
/// another is not opened at all).
pub struct Plain<'a> {
    raw: Raw<'a>,
    decoder: Decoder,
}

impl<'a> Plain<'a> {
    /// `None` when the file is not encrypted, or is in a way the crate
    /// cannot handle (then the normal read already said so).
    pub fn new(bytes: &'a [u8], trailer: &Dictionary, resolve: &impl Resolve) -> Option<Self> {
        let crypt = trailer.get("Encrypt")?.clone();
        let Primitive::Array(ids) = trailer.get("ID")? else {
            return None;
        };
        let Primitive::String(id) = ids.first()? else {
            return None;
        };
        let dict = CryptDict::from_primitive(crypt, resolve).ok()?;
        let decoder = Decoder::from_password(&dict, id.as_bytes(), b"").ok()?;
        let (raw, _) = Raw::new(bytes, resolve)?;
        Some(Plain { raw, decoder })
    }

    /// Dictionary `r` with its strings still encrypted.
    pub fn read(&self, r: PlainRef, resolve: &impl Resolve) -> Option<Dictionary> {
        match self.raw.object(r, resolve)? {
            Primitive::Dictionary(dict) => Some(dict),
            _ => None,
        }
    }

    /// Decrypt one string of object `r`.
    pub fn decrypt(&self, r: PlainRef, encrypted: &[u8]) -> Option<Vec<u8>> {
        let mut data = encrypted.to_vec();
        self.decoder.decrypt(r, &mut data).ok().map(<[u8]>::to_vec)
    }
}

/// `Err(reason)` when the file is encrypted with a key length the crate
/// would panic on, or with an encryption dictionary we cannot read to tell.
/// Files that are not encrypted, or whose cross-references the crate will
/// reject anyway, pass.
pub fn check_key_length(bytes: &[u8]) -> Result<(), &'static str> {
    // Cheap gate: no `/Encrypt` anywhere, nothing to check. It reads the
    // whole file, so a fast substring search (memchr's, not `windows`).
    if memchr::memmem::find(bytes, b"/Encrypt").is_none() {
        return Ok(());
    }
    let Some((raw, trailer)) = Raw::new(bytes, &NoResolve) else {
        return Ok(());
    };
    let Some(encrypt) = trailer.get("Encrypt") else {
        return Ok(());
    };
    let Some(Primitive::Dictionary(dict)) = raw.direct(encrypt) else {
        return Err("its encryption dictionary cannot be read");
    };
    let integer = |key: &str| match dict.get(key).and_then(|v| raw.direct(v)) {
        Some(Primitive::Integer(n)) => Some(i64::from(n)),
        _ => None,
    };
    // As `Decoder::from_password` picks the key length.
    let bits = match integer("V") {
        Some(4..=6) => match filter_length(&raw, &dict) {
            Some(bytes) => bytes.checked_mul(8).filter(|b| *b <= i64::from(u32::MAX)),
            None => Some(integer("Length").unwrap_or(40)),
        },
        Some(2) => Some(integer("Length").unwrap_or(40)),
        _ => Some(40),
    };
    match bits {
        Some(bits) if bits >= 8 => Ok(()),
        _ => Err("its encryption dictionary gives a key length of zero or out of range"),
    }
}

/// `/CF /<StmF> /Length` (bytes), where present.
fn filter_length(raw: &Raw, dict: &Dictionary) -> Option<i64> {
    let Some(Primitive::Name(name)) = dict.get("StmF").and_then(|v| raw.direct(v)) else {
        return None;
    };
    let Some(Primitive::Dictionary(filters)) = dict.get("CF").and_then(|v| raw.direct(v)) else {
        return None;
    };
    let Some(Primitive::Dictionary(filter)) =
        filters.get(name.as_str()).and_then(|v| raw.direct(v))
    else {
        return None;
    };
    match filter.get("Length").and_then(|v| raw.direct(v))? {
        Primitive::Integer(n) => Some(i64::from(n)),
        _ => None,
    }
}
