//! Stream data: as stored, or decrypted and decoded through its filters.

use std::borrow::Cow;

use super::error::CosError;
use super::file::File;
use super::filters::{cap_for, decode};
use super::object::{Dict, Name, Object, Stream};

/// Filters applied to one stream.
const MAX_FILTERS: usize = 16;

impl<'a> File<'a> {
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
