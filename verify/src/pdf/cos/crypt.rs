//! The standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4
//! for R6), opened with the empty user password only: RC4 40–128, AES-128
//! and AES-256 (R2–R6), crypt filters, per-object keys.

use super::cipher::{aes_cbc_decrypt, decrypt_blocks, hash_2b, md5, rc4, sha256};
use super::error::CosError;
use super::object::{Dict, Name, Object, Ref};

/// The padding string of Algorithm 2 (ISO 32000-1 §7.6.3.3).
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

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

fn string<'d>(dict: &'d Dict, key: &str) -> Result<&'d [u8], CosError> {
    dict.get(key).and_then(Object::as_string).ok_or_else(|| {
        CosError::UnsupportedEncryption(format!("the encryption dictionary has no /{key}"))
    })
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

/// Algorithms 2, 4 and 5 (RC4 and AES-128 files, R2–R4).
fn key_r2_r4(
    encrypt: &Dict,
    id0: &[u8],
    r: i64,
    v: i64,
    encrypt_metadata: bool,
) -> Result<Vec<u8>, CosError> {
    let o = string(encrypt, "O")?.get(..32);
    let u = string(encrypt, "U")?.get(..32);
    let (Some(o), Some(u)) = (o, u) else {
        return Err(CosError::UnsupportedEncryption(
            "a damaged encryption dictionary".into(),
        ));
    };
    let p = encrypt.get_int("P").unwrap_or(0) as u32; // written signed or unsigned: the low 32 bits
                                                      // /Length is in bits; some writers give bytes. V1 is always 40 bits.
    let n = match encrypt.get_int("Length") {
        _ if v == 1 || r == 2 => 5,
        Some(bits @ 40..=128) => usize::try_from(bits / 8).unwrap_or(5),
        Some(bytes @ 5..=16) => usize::try_from(bytes).unwrap_or(5),
        Some(_) => 5,
        None if v == 4 => 16,
        None => 5,
    };
    let metadata: &[u8] = if r >= 4 && !encrypt_metadata {
        &[0xff; 4]
    } else {
        &[]
    };
    let mut hash = md5(&[&PAD, o, &p.to_le_bytes(), id0, metadata]);
    if r >= 3 {
        for _ in 0..50 {
            hash = md5(&[hash.get(..n).unwrap_or_default()]);
        }
    }
    let key = hash.get(..n).unwrap_or_default().to_vec();
    // Algorithm 6: the empty user password is right when U matches.
    let matches = if r == 2 {
        let mut check = PAD;
        rc4(&key, &mut check);
        check == u
    } else {
        let mut check = md5(&[&PAD, id0]);
        for i in 0..20u8 {
            let round: Vec<u8> = key.iter().map(|b| b ^ i).collect();
            rc4(&round, &mut check);
        }
        check.get(..16) == u.get(..16)
    };
    if matches {
        Ok(key)
    } else {
        Err(CosError::Encrypted {
            needs_password: true,
        })
    }
}

/// Algorithms 2.A, 11 and 2.B (AES-256, R5 and R6) for the empty password.
fn key_r5_r6(encrypt: &Dict, r: i64) -> Result<Vec<u8>, CosError> {
    let u = string(encrypt, "U")?;
    let ue = string(encrypt, "UE")?;
    let (Some(hash), Some(validation), Some(key_salt), Some(ue)) =
        (u.get(..32), u.get(32..40), u.get(40..48), ue.get(..32))
    else {
        return Err(CosError::UnsupportedEncryption(
            "a damaged encryption dictionary".into(),
        ));
    };
    let digest = |salt: &[u8]| {
        if r == 5 {
            sha256(&[salt])
        } else {
            hash_2b(b"", salt, b"")
        }
    };
    if digest(validation) != hash {
        return Err(CosError::Encrypted {
            needs_password: true,
        });
    }
    let mut key = ue.to_vec();
    if !decrypt_blocks(&digest(key_salt), &[0; 16], &mut key) {
        return Err(CosError::UnsupportedEncryption(
            "a damaged encryption dictionary".into(),
        ));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(entries: Vec<(&str, Object)>) -> Dict {
        Dict(
            entries
                .into_iter()
                .map(|(k, v)| (Name(k.as_bytes().to_vec()), v))
                .collect(),
        )
    }

    #[test]
    fn other_handlers_are_named() {
        let d = dict(vec![(
            "Filter",
            Object::Name(Name(b"Adobe.PubSec".to_vec())),
        )]);
        let err = Crypt::open(&d, b"", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported encryption: the Adobe.PubSec security handler"
        );
        let d = dict(vec![
            ("Filter", Object::Name(Name(b"Standard".to_vec()))),
            ("V", Object::Int(3)),
        ]);
        assert!(matches!(
            Crypt::open(&d, b"", None),
            Err(CosError::UnsupportedEncryption(_))
        ));
        let d = dict(vec![
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
        let sig = Object::Dict(dict(vec![
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
