//! Reading objects: from their place in the file or from an object
//! stream (decoded once and cached), decrypted, with fallbacks to the
//! scanned index where the table is wrong.

use std::borrow::Cow;
use std::rc::Rc;

use super::error::CosError;
use super::file::{File, MAX_CACHED};
use super::filters::{cap_for, decode};
use super::lexer::{Lexer, Token};
use super::object::{Dict, Name, Object, Ref, Stream};
use super::parser::{parse_indirect, parse_object, stream_extent};
use super::xref::Entry;

/// `Ref`s followed in a row by [`File::resolve`].
const MAX_HOPS: usize = 8;
/// Reads nested inside reads (see `File::nesting`).
const MAX_NESTING: u8 = 4;
/// Filters applied to one stream.
const MAX_FILTERS: usize = 16;

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

/// Counts a nested read for as long as it lives.
struct Nested<'f, 'a>(&'f File<'a>);

impl<'f, 'a> Nested<'f, 'a> {
    fn enter(file: &'f File<'a>) -> Option<Nested<'f, 'a>> {
        let depth = file.nesting.get();
        (depth < MAX_NESTING).then(|| {
            file.nesting.set(depth + 1);
            Nested(file)
        })
    }
}

impl Drop for Nested<'_, '_> {
    fn drop(&mut self) {
        self.0.nesting.set(self.0.nesting.get().saturating_sub(1));
    }
}

impl<'a> File<'a> {
    /// Object `r` (its generation is not checked: files get it wrong),
    /// decrypted. Counts against the budget.
    pub fn object(&self, r: Ref) -> Result<Object, CosError> {
        self.charge()?;
        let entry = self.entry(r.num);
        let first = match entry {
            Some(Entry::Free) | None => Err(CosError::Missing(r)),
            Some(e) => self.read_entry(r, e),
        };
        let error = match first {
            Ok(value) => return Ok(value),
            Err(CosError::Budget) => return Err(CosError::Budget),
            // Free or absent in a complete chain: the file says there is
            // no such object.
            Err(e) if self.chain_complete && matches!(entry, Some(Entry::Free) | None) => {
                return Err(e)
            }
            Err(e) => e,
        };
        // The table was wrong (or broke off): what the scan found.
        let Some(found) = self.index().and_then(|i| i.entries.get(&r.num).copied()) else {
            return Err(error);
        };
        if Some(found) == entry {
            return Err(error);
        }
        let value = self.read_entry(r, found)?;
        self.reconstructed.set(true);
        Ok(value)
    }

    /// Object `r` as `entry` says (for reading an older revision's
    /// version); no fallback. Counts against the budget.
    pub fn object_at(&self, r: Ref, entry: Entry) -> Result<Object, CosError> {
        self.charge()?;
        self.read_entry(r, entry)
    }

    /// `value`, or what its references lead to (at most 8 in a row). A
    /// reference to a missing object is null (ISO 32000-1 §7.3.10).
    pub fn resolve(&self, value: &Object) -> Result<Object, CosError> {
        let mut current = value.clone();
        for _ in 0..=MAX_HOPS {
            let Object::Ref(r) = current else {
                return Ok(current);
            };
            current = match self.object(r) {
                Err(CosError::Missing(_)) => Object::Null,
                other => other?,
            };
        }
        Err(CosError::syntax(0, "too many references in a row"))
    }

    fn read_entry(&self, r: Ref, entry: Entry) -> Result<Object, CosError> {
        match entry {
            Entry::Free => Err(CosError::Missing(r)),
            Entry::InStream { stream, index } => self.read_in_stream(stream, index, r),
            Entry::InFile { offset, .. } => match self.read_in_file(offset, r) {
                Err(CosError::Budget) => Err(CosError::Budget),
                Err(e) => {
                    // Offsets counted from the other origin (junk before
                    // the header, see `File::base`).
                    let other = if self.base == 0 {
                        offset.checked_add(self.header)
                    } else {
                        offset.checked_sub(self.header)
                    };
                    match other.filter(|_| self.header > 0) {
                        Some(at) => self.read_in_file(at, r).map_err(|_| e),
                        None => Err(e),
                    }
                }
                ok => ok,
            },
        }
    }

    /// The indirect object at `offset`, which must be object `r.num`.
    pub(crate) fn read_in_file(&self, offset: usize, r: Ref) -> Result<Object, CosError> {
        let mut tokens = 0;
        let parsed = parse_indirect(self.bytes, offset, &mut tokens);
        self.spend(tokens)?;
        let parsed = parsed?;
        if parsed.r.num != r.num {
            return Err(CosError::syntax(
                offset,
                "another object is where this one should be",
            ));
        }
        let me = parsed.r;
        let encrypt_dict = self
            .crypt
            .as_ref()
            .and_then(|c| c.dict_ref)
            .is_some_and(|d| d.num == me.num);
        let mut value = match (parsed.value, parsed.stream_start) {
            (Object::Dict(dict), Some(start)) => {
                let length = self.stream_length(&dict);
                let data = stream_extent(self.bytes, start, length)?;
                let plain = encrypt_dict || dict.is("Type", "XRef");
                Object::Stream(Stream {
                    dict,
                    data,
                    owner: Some(me),
                    plain,
                })
            }
            (value, _) => value,
        };
        // Cross-reference streams and the encryption dictionary are
        // stored in the clear (ISO 32000-1 §7.6.1).
        let xref_stream = value.as_dict().is_some_and(|d| d.is("Type", "XRef"));
        if let Some(crypt) = self
            .crypt
            .as_ref()
            .filter(|_| !encrypt_dict && !xref_stream)
        {
            crypt.strings_in(me, &mut value);
        }
        Ok(value)
    }

    /// A stream's `/Length`: direct, or an indirect object read without
    /// letting hostile references recurse.
    fn stream_length(&self, dict: &Dict) -> Option<usize> {
        match dict.get("Length")? {
            Object::Int(n) => usize::try_from(*n).ok(),
            Object::Ref(r) => {
                let _nested = Nested::enter(self)?;
                usize::try_from(self.object(*r).ok()?.as_int()?).ok()
            }
            _ => None,
        }
    }

    fn read_in_stream(&self, stream: u32, index: u32, r: Ref) -> Result<Object, CosError> {
        let objstm = self.objstm(stream)?;
        let at = objstm.find(index, r.num).ok_or(CosError::Missing(r))?;
        let mut lex = Lexer::new(&objstm.data, at);
        let value = parse_object(&mut lex);
        self.spend(lex.tokens)?;
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
        self.spend(lex.tokens)?;
        Ok(ObjStm { data, objects })
    }

    /// A stream's stored bytes, as in the file.
    pub fn raw_stream(&self, stream: &Stream) -> Result<&'a [u8], CosError> {
        self.bytes.get(stream.data.clone()).ok_or(CosError::syntax(
            stream.data.start,
            "stream data outside the file",
        ))
    }

    /// A stream's data: decrypted, then its filters applied. The output is
    /// capped (64 MiB, and 100× the stored size past the first MiB).
    pub fn decoded_stream(&self, stream: &Stream) -> Result<Vec<u8>, CosError> {
        let raw = self.raw_stream(stream)?;
        let mut filters = self.filters(&stream.dict)?;
        // A `/Crypt` filter (first, §7.4.10) picks the crypt filter by name.
        let mut crypt_filter = None;
        if filters.first().is_some_and(|(n, _)| n == "Crypt") {
            let (_, parms) = filters.remove(0);
            let name = parms.and_then(|p| p.get_name("Name").cloned());
            crypt_filter = Some(name.unwrap_or_else(|| Name(b"Identity".to_vec())));
        }
        filters.retain(|(n, _)| n != "Crypt");
        let data = match (&self.crypt, stream.owner) {
            (Some(crypt), Some(owner)) if !stream.plain => {
                Cow::Owned(crypt.stream(owner, &stream.dict, raw, crypt_filter.as_ref()))
            }
            _ => Cow::Borrowed(raw),
        };
        self.spend(data.len() as u64 / 16)?;
        let out = decode(&data, &filters, cap_for(raw.len()))?;
        self.spend(out.len() as u64 / 16)?;
        Ok(out)
    }

    /// `/Filter` and `/DecodeParms`, their references followed.
    fn filters(&self, dict: &Dict) -> Result<Vec<(Name, Option<Dict>)>, CosError> {
        let resolve = |v: Option<&Object>| -> Result<Object, CosError> {
            v.map_or(Ok(Object::Null), |v| self.resolve(v))
        };
        let names = match resolve(dict.get("Filter"))? {
            Object::Name(n) => vec![n],
            Object::Array(items) => items
                .iter()
                .take(MAX_FILTERS)
                .map(|f| match self.resolve(f)? {
                    Object::Name(n) => Ok(n),
                    _ => Err(CosError::Filter("a filter is not a name".into())),
                })
                .collect::<Result<_, _>>()?,
            Object::Null => Vec::new(),
            _ => return Err(CosError::Filter("a filter is not a name".into())),
        };
        let parms = resolve(dict.get("DecodeParms"))?;
        let mut out = Vec::with_capacity(names.len());
        for (i, name) in names.into_iter().enumerate() {
            let p = match &parms {
                Object::Dict(d) if i == 0 => Some(d.clone()),
                Object::Array(items) => match items.get(i).map(|p| self.resolve(p)).transpose()? {
                    Some(Object::Dict(d)) => Some(d),
                    _ => None,
                },
                _ => None,
            };
            out.push((name, p));
        }
        Ok(out)
    }
}
