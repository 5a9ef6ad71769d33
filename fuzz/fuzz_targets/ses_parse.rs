//! Any bytes as an electronic seal's `/Contents` (GB/T 38540 / GM/T 0031
//! `SES_Signature`): read, then every §6d check under no trust
//! (`infoplus_signature_verify::fuzzing::ses`). Must answer, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    infoplus_signature_verify::fuzzing::ses(data);
});
