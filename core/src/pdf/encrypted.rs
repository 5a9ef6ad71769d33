//! Signature dictionaries in encrypted files. Every string of an encrypted
//! PDF is encrypted except a signature's `/Contents` (ISO 32000-1 §7.6.1),
//! but pdf 0.10 decrypts every string of an object it reads, so reading a
//! signature dictionary fails on the padding of the never-encrypted
//! `/Contents`. For those objects we parse the bytes again without
//! decryption and decrypt the text entries ourselves, one by one.

use pdf::backend::Backend;
use pdf::crypt::{CryptDict, Decoder};
use pdf::object::{Object, PlainRef, Resolve};
use pdf::parser::{parse_indirect_object, Lexer, ParseFlags};
use pdf::primitive::{Dictionary, Primitive};
use pdf::xref::{XRef, XRefTable};

/// What reading objects without decryption needs: where objects are, and the
/// key to decrypt their strings with (for the empty user password; a file
/// that needs another is not opened at all).
pub struct Plain {
    start: usize,
    refs: XRefTable,
    decoder: Decoder,
}

impl Plain {
    /// `None` when the file is not encrypted, or is in a way the crate
    /// cannot handle (then the normal read already said so).
    pub fn new(bytes: &[u8], trailer: &Dictionary, resolve: &impl Resolve) -> Option<Plain> {
        let crypt = trailer.get("Encrypt")?.clone();
        let id = match trailer.get("ID")? {
            Primitive::Array(ids) => match ids.first()? {
                Primitive::String(id) => id.as_bytes().to_vec(),
                _ => return None,
            },
            _ => return None,
        };
        let dict = CryptDict::from_primitive(crypt, resolve).ok()?;
        let decoder = Decoder::from_password(&dict, &id, b"").ok()?;
        let start = bytes.locate_start_offset().ok()?;
        let (refs, _) = bytes.read_xref_table_and_trailer(start, resolve).ok()?;
        Some(Plain {
            start,
            refs,
            decoder,
        })
    }

    /// Object `r` as written, strings still encrypted. Only objects stored
    /// directly in the file: inside an object stream the whole stream is
    /// encrypted, not each string, and the crate reads those correctly.
    pub fn read(&self, bytes: &[u8], r: PlainRef, resolve: &impl Resolve) -> Option<Dictionary> {
        let XRef::Raw { pos, .. } = self.refs.get(r.id).ok()? else {
            return None;
        };
        let at = self.start.checked_add(pos)?;
        let mut lexer = Lexer::with_offset(bytes.get(at..)?, at);
        match parse_indirect_object(&mut lexer, resolve, None, ParseFlags::ANY).ok()? {
            (found, Primitive::Dictionary(dict)) if found.id == r.id => Some(dict),
            _ => None,
        }
    }

    /// Decrypt one string of object `r`.
    pub fn decrypt(&self, r: PlainRef, encrypted: &[u8]) -> Option<Vec<u8>> {
        let mut data = encrypted.to_vec();
        self.decoder.decrypt(r, &mut data).ok().map(<[u8]>::to_vec)
    }
}
