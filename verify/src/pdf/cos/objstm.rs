//! Object streams (ISO 32000-1 §7.5.7): decoded once per file and cached
//! (a form with 1,000 objects in one stream inflates it once), their
//! objects parsed on demand.

use std::rc::Rc;

use super::error::CosError;
use super::file::{File, MAX_CACHED};
use super::lexer::{Lexer, Token};
use super::object::{Object, Ref, Stream};
use super::parser::parse_object;
use super::read::Nested;

/// A decoded object stream (ISO 32000-1 §7.5.7).
pub(crate) struct ObjStm {
    data: Vec<u8>,
    /// (object number, offset in `data`), in the stream's order.
    pub objects: Vec<(u32, usize)>,
}

impl ObjStm {
    /// Where object `num` starts: at position `index` as the table says,
    /// else wherever the stream lists it.
    fn find(&self, index: u32, num: u32) -> Option<usize> {
        let listed = usize::try_from(index)
            .ok()
            .and_then(|i| self.objects.get(i));
        match listed {
            Some(&(n, at)) if n == num => Some(at),
            _ => self
                .objects
                .iter()
                .find(|(n, _)| *n == num)
                .map(|(_, at)| *at),
        }
    }
}

impl<'a> File<'a> {
    pub(crate) fn read_in_stream(
        &self,
        stream: u32,
        index: u32,
        r: Ref,
    ) -> Result<Object, CosError> {
        let objstm = self.objstm(stream)?;
        let at = objstm.find(index, r.num).ok_or(CosError::Missing(r))?;
        let mut lex = Lexer::new(&objstm.data, at);
        let value = parse_object(&mut lex);
        self.spend(lex.work)?;
        value
    }

    /// Object stream `num`, decoded once and cached.
    pub(crate) fn objstm(&self, num: u32) -> Result<Rc<ObjStm>, CosError> {
        if let Some(found) = self
            .objstms
            .try_borrow()
            .ok()
            .and_then(|c| c.get(&num).cloned())
        {
            return Ok(found);
        }
        if let Some(error) = self
            .failed_objstms
            .try_borrow()
            .ok()
            .and_then(|f| f.get(&num).cloned())
        {
            return Err(error);
        }
        let decoded = self.load_objstm(num);
        if let (Err(error), Ok(mut failed)) = (&decoded, self.failed_objstms.try_borrow_mut()) {
            failed.insert(num, error.clone());
        }
        decoded
    }

    fn load_objstm(&self, num: u32) -> Result<Rc<ObjStm>, CosError> {
        let nested =
            Nested::enter(self).ok_or(CosError::syntax(0, "object streams nested too deeply"))?;
        let object = self.object(Ref { num, gen: 0 })?;
        drop(nested);
        let Object::Stream(stream) = object else {
            return Err(CosError::syntax(0, "expected an object stream"));
        };
        let objstm = Rc::new(self.decode_objstm(&stream)?);
        let size = objstm.data.len();
        if let Ok(mut cache) = self.objstms.try_borrow_mut() {
            if self.cached_bytes.get().saturating_add(size) > MAX_CACHED {
                cache.clear();
                self.cached_bytes.set(0);
            }
            cache.insert(num, objstm.clone());
            self.cached_bytes
                .set(self.cached_bytes.get().saturating_add(size));
        }
        Ok(objstm)
    }

    /// Decode an object stream and its header of `/N` pairs `num offset`
    /// (offsets from `/First`). Pairs are read while they parse: a hostile
    /// `/N` allocates nothing.
    pub(crate) fn decode_objstm(&self, stream: &Stream) -> Result<ObjStm, CosError> {
        let data = self.decoded_stream(stream)?;
        let first = stream
            .dict
            .get_int("First")
            .and_then(|f| usize::try_from(f).ok());
        let n = stream
            .dict
            .get_int("N")
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        let Some(first) = first.filter(|f| *f <= data.len()) else {
            return Err(CosError::syntax(stream.data.start, "bad object stream"));
        };
        let mut objects = Vec::new();
        let mut lex = Lexer::new(data.get(..first).unwrap_or_default(), 0);
        for _ in 0..n {
            let (Token::Int(num), Token::Int(offset)) = (lex.next_token(), lex.next_token()) else {
                break;
            };
            let at = usize::try_from(offset)
                .ok()
                .and_then(|o| o.checked_add(first));
            if let (Ok(num), Some(at)) = (u32::try_from(num), at.filter(|a| *a < data.len())) {
                objects.push((num, at));
            }
        }
        self.spend(lex.work)?;
        Ok(ObjStm { data, objects })
    }
}
