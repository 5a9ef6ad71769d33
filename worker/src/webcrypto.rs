//! The digests the core will need, computed with WebCrypto
//! (`crypto.subtle.digest`: native code, several times faster than SHA-2
//! in wasm) before the core verifies. Where WebCrypto is missing (a worker
//! outside a secure context has no `crypto.subtle`) or refuses, nothing is
//! recorded and the core hashes in wasm: slower, same answer.
//!
//! Chromium hashes during the `digest` call itself, on the calling thread.
//! So the document's SHA-256 goes to the hasher, a nested worker started
//! by the worker's entry (`web/infoplus-signature-verify.js`), and is
//! computed there while this thread computes SM3, or a second SHA-2, over
//! the signed ranges: 20 MiB PAdES with SM2 costs the longer of the two,
//! not their sum.

use infoplus_signature_verify::{Digests, Hash, Ranges};
use js_sys::{ArrayBuffer, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
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

/// Digests being computed, here and on the hasher's thread, collected
/// once every one is asked for.
pub struct Hashing {
    subtle: Option<SubtleCrypto>,
    /// `(bytes, hash) → Promise<ArrayBuffer | null>`, from the entry;
    /// `None` where the worker could not start a hasher.
    hasher: Option<Function>,
    here: Vec<(Hash, Ranges, JsFuture)>,
    /// Digests of the whole document asked of the hasher.
    elsewhere: Vec<(Hash, Ranges, JsFuture)>,
}

impl Hashing {
    pub fn new(hasher: JsValue) -> Hashing {
        Hashing {
            subtle: subtle(),
            hasher: hasher.dyn_into().ok(),
            here: Vec::new(),
            elsewhere: Vec::new(),
        }
    }

    /// Hand `whole` (its buffer is transferred: copy it into wasm first)
    /// to the hasher, to be hashed with `hash`. Without a hasher it is
    /// hashed on this thread instead, or left to the core (no WebCrypto).
    pub fn start_elsewhere(&mut self, whole: Uint8Array, hash: Hash) {
        let ranges = vec![(0, whole.length() as usize)];
        let (Some(hasher), Some(_), Some(name)) =
            (&self.hasher, &self.subtle, hash.webcrypto_name())
        else {
            self.start_from(&whole, hash, ranges);
            return;
        };
        match hasher
            .call2(&JsValue::NULL, &whole, &name.into())
            .map(JsCast::dyn_into::<Promise>)
        {
            Ok(Ok(promise)) => self.elsewhere.push((hash, ranges, JsFuture::from(promise))),
            // The entry's function throws only before it transfers.
            _ => {
                self.start_from(&whole, hash, ranges);
            }
        }
    }

    /// Start hashing `ranges` of `document` (in wasm memory) on this
    /// thread; `false` when WebCrypto cannot: the core computes it.
    pub fn start_here(&mut self, document: &[u8], hash: Hash, ranges: Ranges) -> bool {
        // SAFETY: a view of wasm memory stays valid until the memory grows.
        // `start_from` only calls into JavaScript before `digest`, which copies
        // the bytes before it returns (WebCrypto: "get a copy of the bytes
        // held by data"); nothing allocates in wasm in between.
        let view = unsafe { Uint8Array::view(document) };
        self.start_from(&view, hash, ranges)
    }

    /// Start hashing `ranges` of `whole` on this thread; `false` when
    /// WebCrypto cannot: the core computes it.
    pub fn start_from(&mut self, whole: &Uint8Array, hash: Hash, ranges: Ranges) -> bool {
        let (Some(subtle), Some(name)) = (&self.subtle, hash.webcrypto_name()) else {
            return false;
        };
        let Some(data) = bytes_of(whole, &ranges) else {
            return false;
        };
        match subtle.digest_with_str_and_js_u8_array(name, &data) {
            Ok(promise) => {
                self.here.push((hash, ranges, JsFuture::from(promise)));
                true
            }
            Err(_) => false,
        }
    }

    /// Wait for every digest started and record it in `digests`. One the
    /// hasher could not give is hashed here after all, or left to the core.
    pub async fn finish(mut self, digests: &Digests, document: &[u8]) {
        for (hash, ranges, answer) in std::mem::take(&mut self.elsewhere) {
            let digest = answer
                .await
                .ok()
                .and_then(|d| d.dyn_into::<ArrayBuffer>().ok());
            match digest {
                Some(buffer) => digests.insert(hash, ranges, Uint8Array::new(&buffer).to_vec()),
                None => {
                    let _ = self.start_here(document, hash, ranges);
                }
            }
        }
        for (hash, ranges, answer) in self.here {
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
