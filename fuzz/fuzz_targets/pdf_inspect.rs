//! Any bytes into PDF inspection (`infoplus_signature_verify::fuzzing::pdf`):
//! the unguarded reader, without the `catch_unwind` that would hide exactly
//! the panics this is here to find (and on wasm32 there is no unwinding to
//! catch them with), then the verification of what it read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    infoplus_signature_verify::fuzzing::pdf(data);
});
