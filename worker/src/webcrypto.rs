//! The digests the core will need, computed with WebCrypto
//! (`crypto.subtle.digest`: native code, several times faster than SHA-2
//! in wasm) before the core verifies. Where WebCrypto is missing (a worker
//! outside a secure context has no `crypto.subtle`) or refuses, nothing is
//! recorded and the core hashes in wasm: slower, same answer.

use infoplus_signature_core::verify::{Digests, Hash, Ranges};
use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{SubtleCrypto, WorkerGlobalScope};

/// The worker's `crypto.subtle`, if it has one.
fn subtle() -> Option<SubtleCrypto> {
    let scope: WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let crypto = scope.crypto().ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    subtle.dyn_into::<SubtleCrypto>().ok()
}

/// The bytes `ranges` name, as one JavaScript array: a view of `whole`
/// for one range (no copy), the ranges joined otherwise. `None` when a
/// range lies outside the document or runs backwards.
fn bytes_of(whole: &Uint8Array, ranges: &[(usize, usize)]) -> Option<Uint8Array> {
    let len = whole.length() as usize;
    let fits = |&(start, end): &(usize, usize)| start <= end && end <= len;
    if !ranges.iter().all(fits) {
        return None;
    }
    // Offsets fit in u32: they are within a JavaScript typed array.
    let view = |&(start, end): &(usize, usize)| whole.subarray(start as u32, end as u32);
    match ranges {
        [one] => Some(view(one)),
        _ => {
            let total: usize = ranges.iter().map(|(s, e)| e - s).sum();
            let joined = Uint8Array::new_with_length(u32::try_from(total).ok()?);
            let mut at = 0u32;
            for range in ranges {
                let part = view(range);
                joined.set(&part, at);
                at += part.length();
            }
            Some(joined)
        }
    }
}

/// Digests asked of WebCrypto, collected once every one is asked for.
/// (Chromium hashes during the `digest` call itself, on this thread; the
/// promises are settled by the time they are awaited.)
pub struct Pending {
    subtle: Option<SubtleCrypto>,
    running: Vec<(Hash, Ranges, JsFuture)>,
}

impl Pending {
    pub fn new() -> Pending {
        Pending {
            subtle: subtle(),
            running: Vec::new(),
        }
    }

    /// Start hashing `ranges` of `whole` with `hash`; `false` when
    /// WebCrypto cannot (no `crypto.subtle`, a hash it lacks such as SM3, a
    /// range outside the document): the core then computes it.
    pub fn start(&mut self, whole: &Uint8Array, hash: Hash, ranges: Ranges) -> bool {
        let (Some(subtle), Some(name)) = (&self.subtle, hash.webcrypto_name()) else {
            return false;
        };
        let Some(data) = bytes_of(whole, &ranges) else {
            return false;
        };
        match subtle.digest_with_str_and_js_u8_array(name, &data) {
            Ok(promise) => {
                self.running.push((hash, ranges, JsFuture::from(promise)));
                true
            }
            Err(_) => false,
        }
    }

    /// Wait for every digest started and record it in `digests`; one that
    /// failed is left to the core.
    pub async fn finish(self, digests: &Digests) {
        for (hash, ranges, answer) in self.running {
            let Ok(value) = answer.await else { continue };
            let Ok(buffer) = value.dyn_into::<ArrayBuffer>() else {
                continue;
            };
            // `insert` refuses a value of the wrong length.
            digests.insert(hash, ranges, Uint8Array::new(&buffer).to_vec());
        }
    }
}

/// The received chunks as one JavaScript array: the chunk itself when
/// there is one (no copy), else the chunks joined.
pub fn joined(chunks: &js_sys::Array) -> Uint8Array {
    if chunks.length() == 1 {
        if let Ok(one) = chunks.get(0).dyn_into::<Uint8Array>() {
            return one;
        }
    }
    let total: u32 = chunks
        .iter()
        .map(|c| Uint8Array::from(c).length())
        .fold(0u32, u32::saturating_add);
    let whole = Uint8Array::new_with_length(total);
    let mut at = 0u32;
    for chunk in chunks.iter() {
        let chunk = Uint8Array::from(chunk);
        if at.saturating_add(chunk.length()) > total {
            break;
        }
        whole.set(&chunk, at);
        at += chunk.length();
    }
    whole
}
