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

/// Hash each planned (hash, ranges) of `whole` with WebCrypto and record
/// the results in `digests`. Hashes WebCrypto lacks (SM3) are left to the
/// core. The digests run in parallel inside the browser.
pub async fn fill(digests: &Digests, whole: &Uint8Array, plan: Vec<(Hash, Ranges)>) {
    let Some(subtle) = subtle() else { return };
    let mut pending = Vec::new();
    for (hash, ranges) in plan {
        let Some(name) = hash.webcrypto_name() else {
            continue;
        };
        let Some(data) = bytes_of(whole, &ranges) else {
            continue;
        };
        if let Ok(promise) = subtle.digest_with_str_and_js_u8_array(name, &data) {
            pending.push((hash, ranges, JsFuture::from(promise)));
        }
    }
    for (hash, ranges, answer) in pending {
        let Ok(value) = answer.await else { continue };
        let Ok(buffer) = value.dyn_into::<ArrayBuffer>() else {
            continue;
        };
        // `insert` refuses a value of the wrong length.
        digests.insert(hash, ranges, Uint8Array::new(&buffer).to_vec());
    }
}

/// The received chunks as one JavaScript array (for WebCrypto) and one
/// buffer in wasm memory (for the core).
pub fn concatenate(chunks: &js_sys::Array) -> (Uint8Array, Vec<u8>) {
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
    let bytes = whole.to_vec();
    (whole, bytes)
}
