//! The ciphers and hashes of the standard security handler: RC4, AES-CBC
//! with the IV in front (ISO 32000-1 §7.6.2), and the R6 hash (ISO 32000-2
//! Algorithm 2.B).

use aes::{Aes128, Aes256};
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, InOutBuf, KeyIvInit};
use md5::{Digest, Md5};
use rc4::{KeyInit, Rc4, StreamCipher};
use sha2::{Sha256, Sha384, Sha512};

pub(crate) fn md5(parts: &[&[u8]]) -> [u8; 16] {
    let mut hasher = Md5::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// RC4 with `key` (1 to 256 bytes; another length leaves `data` as is).
pub(crate) fn rc4(key: &[u8], data: &mut [u8]) {
    if let Ok(mut cipher) = Rc4::new_from_slice(key) {
        cipher.apply_keystream(data);
    }
}

/// AES-CBC decryption of `iv ‖ ciphertext` (PKCS#7 padding removed when
/// it is well formed; a trailing partial block is dropped, as pdf.js does).
/// Data shorter than one block decrypts to nothing.
pub(crate) fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    let (Some(iv), Some(body)) = (data.get(..16), data.get(16..)) else {
        return Vec::new();
    };
    let mut out = body
        .get(..body.len() / 16 * 16)
        .unwrap_or_default()
        .to_vec();
    if !decrypt_blocks(key, iv, &mut out) {
        return Vec::new();
    }
    if let Some(&pad) = out.last() {
        let n = usize::from(pad);
        let well_formed = (1..=16).contains(&n)
            && out.len() >= n
            && out
                .get(out.len() - n..)
                .is_some_and(|tail| tail.iter().all(|b| *b == pad));
        if well_formed {
            out.truncate(out.len() - n);
        }
    }
    out
}

/// CBC-decrypt whole blocks in place with a 16- or 32-byte key.
pub(crate) fn decrypt_blocks(key: &[u8], iv: &[u8], buf: &mut [u8]) -> bool {
    let (blocks, _) = InOutBuf::from(buf).into_chunks();
    match key.len() {
        16 => match cbc::Decryptor::<Aes128>::new_from_slices(key, iv) {
            Ok(mut d) => d.decrypt_blocks_inout(blocks),
            Err(_) => return false,
        },
        32 => match cbc::Decryptor::<Aes256>::new_from_slices(key, iv) {
            Ok(mut d) => d.decrypt_blocks_inout(blocks),
            Err(_) => return false,
        },
        _ => return false,
    }
    true
}

/// ISO 32000-2 Algorithm 2.B: the hash of `password` with `salt` and
/// `udata` (empty for the user password). At least 64 rounds; then until
/// the last byte of E is ≤ round − 32, which holds by round 288 at most.
pub(crate) fn hash_2b(password: &[u8], salt: &[u8], udata: &[u8]) -> [u8; 32] {
    let mut k: Vec<u8> = sha256(&[password, salt, udata]).to_vec();
    let mut round = 0u32;
    let mut last = 0u8;
    while round < 64 || u32::from(last) + 32 > round {
        let unit = [password, &k, udata].concat();
        let mut e = unit.repeat(64);
        let (Some(key), Some(iv)) = (k.get(..16), k.get(16..32)) else {
            break;
        };
        let Ok(mut enc) = cbc::Encryptor::<Aes128>::new_from_slices(key, iv) else {
            break;
        };
        let (blocks, _) = InOutBuf::from(e.as_mut_slice()).into_chunks();
        enc.encrypt_blocks_inout(blocks);
        // The first 16 bytes as a number mod 3: 256 ≡ 1 (mod 3), so the
        // sum of the bytes mod 3.
        let pick = e.iter().take(16).map(|b| u32::from(*b)).sum::<u32>() % 3;
        k = match pick {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        last = e.last().copied().unwrap_or(0);
        round += 1;
        if round > 300 {
            break;
        }
    }
    let mut out = [0u8; 32];
    for (o, b) in out.iter_mut().zip(&k) {
        *o = *b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn rc4_known_answer() {
        // RFC 6229-style vector: key "Key", plaintext "Plaintext".
        let mut data = b"Plaintext".to_vec();
        rc4(b"Key", &mut data);
        assert_eq!(data, hex("bbf316e8d940af0ad3"));
        let mut same = b"x".to_vec();
        rc4(b"", &mut same);
        assert_eq!(same, b"x");
    }

    #[test]
    fn aes_round_trip_and_padding() {
        let key = [7u8; 16];
        let iv = [9u8; 16];
        // Encrypt "hello" + PKCS#7 padding with the same primitives.
        let mut block = b"hello\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b".to_vec();
        let (blocks, _) = InOutBuf::from(block.as_mut_slice()).into_chunks();
        cbc::Encryptor::<Aes128>::new_from_slices(&key, &iv)
            .unwrap()
            .encrypt_blocks_inout(blocks);
        let data = [iv.as_slice(), &block].concat();
        assert_eq!(aes_cbc_decrypt(&key, &data), b"hello");
        // A trailing partial block is dropped; too short gives nothing.
        let longer = [data.as_slice(), b"xyz"].concat();
        assert_eq!(aes_cbc_decrypt(&key, &longer), b"hello");
        assert!(aes_cbc_decrypt(&key, &data[..20]).is_empty());
        assert!(aes_cbc_decrypt(&[1; 5], &data).is_empty());
    }

    #[test]
    fn hash_2b_ends() {
        // Deterministic and 32 bytes; the password changes it.
        let a = hash_2b(b"", b"12345678", b"");
        assert_eq!(a, hash_2b(b"", b"12345678", b""));
        assert_ne!(a, hash_2b(b"x", b"12345678", b""));
    }
}
