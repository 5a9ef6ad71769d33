//! The standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4
//! for R6), opened with the empty user password only: RC4 40–128, AES-128
//! and AES-256 (R2–R6), crypt filters, per-object keys.

use super::cipher::{aes_cbc_decrypt, md5, rc4};
use super::error::CosError;
use super::keys::{key_r2_r4, key_r5_r6};
use super::object::{Dict, Name, Object, Ref};

/// How one kind of data (strings, streams, a named crypt filter) is
/// encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Identity,
    Rc4,
    Aes128,
    Aes256,
}

/// What decrypts this file's strings and streams.
#[derive(Debug, Clone)]
pub(crate) struct Crypt {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    /// The crypt filters of `/CF`, for streams that name one.
    named: Vec<(Name, Method)>,
    encrypt_metadata: bool,
    /// The encryption dictionary's own object: never decrypted.
    pub dict_ref: Option<Ref>,
}

fn method_of(filter: &Dict) -> Method {
    match filter.get_name("CFM").map(|n| n.0.as_slice()) {
        Some(b"V2") => Method::Rc4,
        Some(b"AESV2") => Method::Aes128,
        Some(b"AESV3") => Method::Aes256,
        _ => Method::Identity,
    }
}

impl Crypt {
    /// Open `encrypt` (its values already direct) with the empty user
    /// password. `id0` is the first string of the trailer's `/ID`.
    pub fn open(encrypt: &Dict, id0: &[u8], dict_ref: Option<Ref>) -> Result<Crypt, CosError> {
        if !encrypt.is("Filter", "Standard") {
            let name = encrypt
                .get_name("Filter")
                .map(|n| n.as_str().chars().take(32).collect::<String>());
            return Err(CosError::UnsupportedEncryption(match name {
                Some(n) => format!("the {n} security handler"),
                None => "no security handler named".into(),
            }));
        }
        let v = encrypt.get_int("V").unwrap_or(0);
        let r = encrypt.get_int("R").unwrap_or(0);
        let encrypt_metadata = !matches!(encrypt.get("EncryptMetadata"), Some(Object::Bool(false)));
        let (default, named) = match v {
            0..=2 => (Method::Rc4, Vec::new()),
            4 | 5 => {
                let named: Vec<(Name, Method)> = encrypt
                    .get("CF")
                    .and_then(Object::as_dict)
                    .map(|cf| {
                        cf.iter()
                            .filter_map(|(k, f)| Some((k.clone(), method_of(f.as_dict()?))))
                            .collect()
                    })
                    .unwrap_or_default();
                (Method::Identity, named)
            }
            _ => {
                return Err(CosError::UnsupportedEncryption(format!(
                    "version {v} of the standard handler"
                )))
            }
        };
        let pick = |key: &str| -> Method {
            if v < 4 {
                return default;
            }
            match encrypt.get_name(key) {
                Some(n) if n == "Identity" => Method::Identity,
                Some(n) => named
                    .iter()
                    .find(|(k, _)| k == n)
                    .map_or(Method::Identity, |(_, m)| *m),
                None => Method::Identity,
            }
        };
        let (strings, streams) = (pick("StrF"), pick("StmF"));
        let key = match r {
            2..=4 => key_r2_r4(encrypt, id0, r, v, encrypt_metadata)?,
            5 | 6 => key_r5_r6(encrypt, r)?,
            _ => {
                return Err(CosError::UnsupportedEncryption(format!(
                    "revision {r} of the standard handler"
                )))
            }
        };
        Ok(Crypt {
            key,
            strings,
            streams,
            named,
            encrypt_metadata,
            dict_ref,
        })
    }

    /// Decrypt a string of object `r`.
    pub fn string(&self, r: Ref, data: &[u8]) -> Vec<u8> {
        self.apply(self.strings, r, data)
    }

    /// Decrypt a stream of object `r`; `filter` is the crypt filter the
    /// stream names (`/Filter [/Crypt …]`), if any.
    pub fn stream(&self, r: Ref, dict: &Dict, data: &[u8], filter: Option<&Name>) -> Vec<u8> {
        let method = match filter {
            Some(name) if name == "Identity" => Method::Identity,
            Some(name) => self
                .named
                .iter()
                .find(|(k, _)| k == name)
                .map_or(Method::Identity, |(_, m)| *m),
            None if !self.encrypt_metadata && dict.is("Type", "Metadata") => Method::Identity,
            None => self.streams,
        };
        self.apply(method, r, data)
    }

    fn apply(&self, method: Method, r: Ref, data: &[u8]) -> Vec<u8> {
        match method {
            Method::Identity => data.to_vec(),
            Method::Rc4 => {
                let mut out = data.to_vec();
                rc4(&self.object_key(r, false), &mut out);
                out
            }
            Method::Aes128 => aes_cbc_decrypt(&self.object_key(r, true), data),
            // AES-256 uses the file key itself (ISO 32000-2 §7.6.3.3).
            Method::Aes256 => aes_cbc_decrypt(&self.key, data),
        }
    }

    /// Algorithm 1: MD5(key ‖ num (3 bytes LE) ‖ gen (2 bytes LE) [‖ "sAlT"]),
    /// truncated to the key length + 5, at most 16.
    fn object_key(&self, r: Ref, aes: bool) -> Vec<u8> {
        let num = r.num.to_le_bytes();
        let gen = r.gen.to_le_bytes();
        let salt: &[u8] = if aes { b"sAlT" } else { b"" };
        let digest = md5(&[&self.key, num.get(..3).unwrap_or_default(), &gen, salt]);
        let n = (self.key.len() + 5).min(16);
        digest.get(..n).unwrap_or_default().to_vec()
    }

    /// Decrypt every string in `value`, object `r`'s value, except the
    /// `/Contents` of a dictionary with a `/ByteRange`: a signature's
    /// contents are never encrypted (ISO 32000-1 §7.6.1). The parser caps
    /// nesting, so this recursion is bounded.
    pub fn strings_in(&self, r: Ref, value: &mut Object) {
        match value {
            Object::String(s) => *s = self.string(r, s),
            Object::Array(items) => items.iter_mut().for_each(|item| self.strings_in(r, item)),
            Object::Dict(d) => self.strings_in_dict(r, d),
            Object::Stream(s) => self.strings_in_dict(r, &mut s.dict),
            _ => {}
        }
    }

    fn strings_in_dict(&self, r: Ref, dict: &mut Dict) {
        let signature = dict.0.iter().any(|(k, _)| k == "ByteRange");
        for (k, v) in dict.0.iter_mut() {
            if !(signature && k == "Contents") {
                self.strings_in(r, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_handlers_are_named() {
        let d = Dict::of(vec![(
            "Filter",
            Object::Name(Name(b"Adobe.PubSec".to_vec())),
        )]);
        let err = Crypt::open(&d, b"", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported encryption: the Adobe.PubSec security handler"
        );
        let d = Dict::of(vec![
            ("Filter", Object::Name(Name(b"Standard".to_vec()))),
            ("V", Object::Int(3)),
        ]);
        assert!(matches!(
            Crypt::open(&d, b"", None),
            Err(CosError::UnsupportedEncryption(_))
        ));
        let d = Dict::of(vec![
            ("Filter", Object::Name(Name(b"Standard".to_vec()))),
            ("V", Object::Int(2)),
            ("R", Object::Int(3)),
        ]);
        assert!(matches!(
            Crypt::open(&d, b"", None),
            Err(CosError::UnsupportedEncryption(_))
        ));
    }

    #[test]
    fn signature_contents_stay_as_written() {
        let crypt = Crypt {
            key: vec![1, 2, 3, 4, 5],
            strings: Method::Rc4,
            streams: Method::Rc4,
            named: Vec::new(),
            encrypt_metadata: true,
            dict_ref: None,
        };
        let r = Ref { num: 3, gen: 0 };
        let sig = Object::Dict(Dict::of(vec![
            ("ByteRange", Object::Array(vec![])),
            ("Contents", Object::String(b"raw".to_vec())),
            ("Name", Object::String(b"raw".to_vec())),
        ]));
        let mut read = sig.clone();
        crypt.strings_in(r, &mut read);
        let d = read.as_dict().unwrap();
        assert_eq!(d.get("Contents"), Some(&Object::String(b"raw".to_vec())));
        assert_ne!(d.get("Name"), Some(&Object::String(b"raw".to_vec())));
        // RC4 is its own inverse: decrypting twice gives the original.
        crypt.strings_in(r, &mut read);
        assert_eq!(read, sig);
    }
}
