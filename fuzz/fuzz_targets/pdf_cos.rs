//! Any bytes into our object-layer reader (`verify/src/pdf/cos/`, through
//! the `fuzzing` feature): open, then every object the trailer reaches,
//! every stream decoded, every section's entries read as that section
//! says, and the revision ends. The reader has no `catch_unwind` and must
//! need none: any panic is a bug to fix there.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    infoplus_signature_verify::fuzzing::cos(data);
});
