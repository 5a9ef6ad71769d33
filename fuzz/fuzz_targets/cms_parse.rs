//! Any bytes into the CMS reader (`verify::cms`), then every accessor a
//! verifier calls on what it read, and the TSTInfo reader on any content.
//! The reader must answer `Err`, never panic, whatever `/Contents` holds.
#![no_main]

use infoplus_signature_core::verify::cms::{self, Contents};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cms::tst_info(data);
    let Ok(Contents::SignedData(sd)) = cms::parse(data) else {
        return;
    };
    let _ = cms::is_timestamp_token(&sd);
    for signer in &sd.signers {
        let _ = (signer.content_type(), signer.message_digest(), signer.signing_time());
        let _ = (signer.attribute_count_ok(), cms::hash_of(&signer.digest_algorithm.oid));
        let _ = signer.signature_algorithm.oid.to_string();
        if let Some(token) = signer.timestamp_token() {
            let _ = cms::parse(token);
        }
    }
    if let Some(content) = &sd.content {
        let _ = cms::tst_info(content);
    }
});
