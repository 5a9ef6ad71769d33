//! Any bytes into PDF inspection. Calls the unguarded entry point: the
//! `catch_unwind` in `inspect` would hide exactly the panics this is here to
//! find (and on wasm32 there is no unwinding to catch them with).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = infoplus_signature_core::pdf::inspect_unguarded(data);
});
