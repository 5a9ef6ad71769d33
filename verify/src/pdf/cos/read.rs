//! Reading objects: from their place in the file (decrypted) or from an
//! object stream (`objstm.rs`), with fallbacks to the scanned index where
//! the table is wrong.

use super::error::CosError;
use super::file::File;
use super::object::{Dict, Object, Ref, Stream};
use super::parser::{parse_indirect, stream_extent};
use super::xref::Entry;

/// `Ref`s followed in a row by [`File::resolve`].
const MAX_HOPS: usize = 8;
/// Reads nested inside reads (see `File::nesting`).
const MAX_NESTING: u8 = 4;

/// Counts a nested read for as long as it lives.
pub(crate) struct Nested<'f, 'a>(&'f File<'a>);

impl<'f, 'a> Nested<'f, 'a> {
    pub(crate) fn enter(file: &'f File<'a>) -> Option<Nested<'f, 'a>> {
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
            // Deleted by the newest section that mentions it, or absent
            // from a complete chain: the file says there is no such object
            // (a scan would bring back what an update deleted).
            Err(e) if matches!(entry, Some(Entry::Free)) => return Err(e),
            Err(e) if self.chain_complete && entry.is_none() => return Err(e),
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

    #[cfg(any(test, feature = "fuzzing"))]
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

    pub(crate) fn read_entry(&self, r: Ref, entry: Entry) -> Result<Object, CosError> {
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
        let mut work = 0;
        let parsed = parse_indirect(self.bytes, offset, &mut work);
        self.spend(work)?;
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
}
