//! The object model (ISO 32000-1 §7.3): what the parser produces.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

/// An indirect reference `num gen R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ref {
    pub num: u32,
    pub gen: u16,
}

/// A name: the bytes after `/`, with `#xx` escapes decoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Name(pub Vec<u8>);

impl Name {
    /// The name as text; bytes that are not UTF-8 become U+FFFD.
    pub fn as_str(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

/// A PDF value.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    /// A literal or hexadecimal string, as bytes (decrypted when the file
    /// is encrypted, except where the standard says strings are not).
    String(Vec<u8>),
    Name(Name),
    Array(Vec<Object>),
    Dict(Dict),
    Stream(Stream),
    Ref(Ref),
}

impl Object {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Object::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&Name> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&[u8]> {
        match self {
            Object::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The dictionary of a dictionary, or of a stream.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

/// A dictionary, entries in file order. A key written twice keeps both
/// entries here, and [`Dict::get`] answers with the last one, as pdf.js and
/// PDFBox do.
#[derive(Debug, Clone, Default)]
pub struct Dict(pub(crate) Vec<(Name, Object)>);

#[cfg(test)]
impl Dict {
    /// A dictionary from `(key, value)` pairs, for tests.
    pub(crate) fn of(entries: Vec<(&str, Object)>) -> Dict {
        Dict(
            entries
                .into_iter()
                .map(|(k, v)| (Name(k.as_bytes().to_vec()), v))
                .collect(),
        )
    }
}

impl Dict {
    pub fn new() -> Dict {
        Dict(Vec::new())
    }

    /// The value of `key`. A `null` value counts as absent (ISO 32000-1
    /// §7.3.7).
    pub fn get(&self, key: &str) -> Option<&Object> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Object::Null))
    }

    /// The name value of `key`, as text, when it is a name.
    pub fn get_name(&self, key: &str) -> Option<&Name> {
        self.get(key).and_then(Object::as_name)
    }

    pub fn get_int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Object::as_int)
    }

    /// Is `key`'s value the name `name`?
    pub fn is(&self, key: &str, name: &str) -> bool {
        self.get_name(key).is_some_and(|n| n == name)
    }

    /// The entries in file order, duplicates and nulls included.
    /// How many times `key` is written (a signature dictionary with two
    /// `/Contents` is ambiguous: which one did the signer mean?).
    pub fn count(&self, key: &str) -> usize {
        self.0.iter().filter(|(k, _)| *k == key).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Name, &Object)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn insert(&mut self, key: &str, value: Object) {
        self.0.retain(|(k, _)| k != key);
        self.0.push((Name(key.as_bytes().to_vec()), value));
    }

    /// The entries a reader sees: the last of each key, nulls left out.
    fn effective(&self) -> BTreeMap<&Name, &Object> {
        let mut seen = BTreeMap::new();
        for (k, v) in &self.0 {
            seen.insert(k, v);
        }
        seen.retain(|_, v| !matches!(v, Object::Null));
        seen
    }
}

/// Equal as maps: the order of the keys, repeated keys and null entries do
/// not matter.
impl PartialEq for Dict {
    fn eq(&self, other: &Dict) -> bool {
        self.effective() == other.effective()
    }
}

/// A stream: its dictionary and where its stored bytes are. Read the bytes
/// with `File::raw_stream` or `File::decoded_stream`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    /// The stored (still encoded, maybe encrypted) bytes, in file offsets.
    pub data: Range<usize>,
    /// The object this stream is: its key decrypts the data.
    pub owner: Option<Ref>,
    /// Stored in the clear even in an encrypted file (a cross-reference
    /// stream, or the encryption dictionary's own object).
    pub(crate) plain: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Name {
        Name(s.as_bytes().to_vec())
    }

    #[test]
    fn dict_get_takes_the_last_entry_and_skips_null() {
        let d = Dict(vec![
            (name("A"), Object::Int(1)),
            (name("B"), Object::Null),
            (name("A"), Object::Int(2)),
        ]);
        assert_eq!(d.get("A"), Some(&Object::Int(2)));
        assert_eq!(d.get("B"), None);
        assert_eq!(d.len(), 3);
        assert!(name("Sig") == "Sig");
    }

    #[test]
    fn dicts_compare_as_maps() {
        let a = Dict(vec![
            (name("A"), Object::Int(1)),
            (name("B"), Object::Bool(true)),
        ]);
        let b = Dict(vec![
            (name("B"), Object::Bool(true)),
            (name("C"), Object::Null),
            (name("A"), Object::Int(1)),
        ]);
        assert_eq!(a, b);
        let c = Dict(vec![(name("A"), Object::Int(1))]);
        assert_ne!(a, c);
    }

    #[test]
    fn lossy_names() {
        assert_eq!(Name(vec![b'A', 0xff]).as_str(), "A\u{fffd}");
    }
}
