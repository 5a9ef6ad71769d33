//! One object read at a given cross-reference entry, where the crate's own
//! merged table would give another (see `revisions.rs`): the crate's
//! parsers, called as its storage calls them.

use pdf::backend::Backend;
use pdf::object::{ObjectStream, Ref, Resolve};
use pdf::parser::{parse, parse_indirect_object, Lexer, ParseFlags};
use pdf::primitive::Primitive;
use pdf::xref::XRef;

/// Object `id` at cross-reference entry `entry`, without decryption (only
/// unencrypted files are corrected).
pub fn read_at(bytes: &[u8], resolve: &impl Resolve, id: u64, entry: XRef) -> Option<Primitive> {
    match entry {
        XRef::Raw { pos, .. } => {
            let start = bytes.locate_start_offset().ok()?;
            let at = start.checked_add(pos)?;
            let mut lexer = Lexer::with_offset(bytes.get(at..)?, at);
            match parse_indirect_object(&mut lexer, resolve, None, ParseFlags::ANY).ok()? {
                (found, object) if found.id == id => Some(object),
                _ => None,
            }
        }
        XRef::Stream { stream_id, index } => {
            let stream = resolve.get::<ObjectStream>(Ref::from_id(stream_id)).ok()?;
            let (data, range) = stream.get_object_slice(index, resolve).ok()?;
            parse(data.get(range)?, resolve, ParseFlags::ANY).ok()
        }
        _ => None,
    }
}
