//! Any bytes into the CMS reader (`verify::cms`), then every accessor a
//! verifier calls on what it read, and the TSTInfo reader on any content
//! (`infoplus_signature_verify::fuzzing::cms`). The reader must answer
//! `Err`, never panic, whatever `/Contents` holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    infoplus_signature_verify::fuzzing::cms(data);
});
