//! The file key from the empty user password, and its check against
//! `/U` (ISO 32000-1 §7.6.3.3–4 for R2–R4, ISO 32000-2 §7.6.4.3 for R5
//! and R6). A wrong password is `Encrypted { needs_password: true }`.

use super::cipher::{decrypt_blocks, hash_2b, md5, rc4, sha256};
use super::error::CosError;
use super::object::{Dict, Object};

/// The padding string of Algorithm 2 (ISO 32000-1 §7.6.3.3).
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

fn string<'d>(dict: &'d Dict, key: &str) -> Result<&'d [u8], CosError> {
    dict.get(key).and_then(Object::as_string).ok_or_else(|| {
        CosError::UnsupportedEncryption(format!("the encryption dictionary has no /{key}"))
    })
}

/// Algorithms 2, 4 and 5 (RC4 and AES-128 files, R2–R4).
pub(crate) fn key_r2_r4(
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
pub(crate) fn key_r5_r6(encrypt: &Dict, r: i64) -> Result<Vec<u8>, CosError> {
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
