//! Entry points for the fuzz targets (`fuzz/`), only with the `fuzzing`
//! feature: nothing else calls them. Each takes any bytes and must return,
//! never panic.

use crate::cms::{self, Contents};
use crate::model::Signature;
use crate::run::{verify_all, Options};

/// Any bytes as a signature's `/Contents`: the CMS reader, then every
/// accessor a verifier calls on what it read, the timestamp tokens in the
/// unsigned attributes, and the TSTInfo reader on any content.
pub fn cms(bytes: &[u8]) {
    let _ = cms::tst_info(bytes);
    let _ = cms::has_trailing_bytes(bytes);
    let Ok(Contents::SignedData(sd)) = cms::parse(bytes) else {
        return;
    };
    let _ = (cms::is_timestamp_token(&sd), sd.content_type.to_string());
    for certificate in &sd.certificates {
        let _ = crate::pki::parse_certificate(certificate);
    }
    for signer in &sd.signers {
        let _ = (
            signer.content_type(),
            signer.message_digest(),
            signer.signing_time(),
            signer.signed_value(crate::oid::SIGNING_CERTIFICATE_V2.as_bytes()),
        );
        let _ = cms::hash_of(&signer.digest_algorithm);
        let _ = signer.signature_algorithm.oid.to_string();
        let _ = crate::algorithm::SignatureAlgorithm::from_cms(
            signer.signature_algorithm.oid.0,
            signer.signature_algorithm.parameters,
            signer.digest_algorithm.oid.0,
        );
        if let Some(token) = signer.timestamp_token() {
            let _ = cms::parse(token);
        }
    }
    if let Some(content) = &sd.content {
        let _ = cms::tst_info(content);
    }
}

/// Any bytes as a signature's `/Contents` that the SES reader takes (a
/// GB/T 38540 / GM/T 0031 electronic seal): read, then every check of §6d
/// (signer, dataHash, seal, maker, picture) under no trust.
pub fn ses(bytes: &[u8]) {
    crate::embedded::fuzz_ses(bytes);
}

/// Any bytes as a document: the whole verification of the PDF's own
/// signatures (nothing catches a panic: on wasm32 one would abort the
/// worker, so here it must show).
pub fn pdf(bytes: &[u8]) {
    let _ = verify_all(&Signature::default(), bytes, &Options::default());
}

/// Any bytes into the object-layer reader: open, then every object the
/// trailer reaches (each once, at most 2,000), every stream decoded, every
/// section's entries read as that section says, and the revision ends.
pub fn cos(bytes: &[u8]) {
    use crate::pdf::cos::{File, Object, Ref};
    let Ok(file) = File::open_with_budget(bytes, 10_000) else {
        return;
    };
    let mut seen = std::collections::HashSet::<Ref>::new();
    let mut queue: Vec<Object> = file.trailer().iter().map(|(_, v)| v.clone()).collect();
    while let Some(value) = queue.pop() {
        match value {
            Object::Ref(r) if seen.len() < 2_000 && seen.insert(r) => {
                if let Ok(v) = file.object(r) {
                    queue.push(v);
                }
            }
            Object::Array(items) => queue.extend(items),
            Object::Dict(d) => queue.extend(d.iter().map(|(_, v)| v.clone())),
            Object::Stream(s) => {
                let _ = file.decoded_stream(&s);
                queue.extend(s.dict.iter().map(|(_, v)| v.clone()));
            }
            _ => {}
        }
    }
    for section in file.sections() {
        for (&num, &entry) in &section.entries {
            let _ = file.object_at(Ref { num, gen: 0 }, entry);
        }
    }
    let _ = (file.revision_ends(), file.reconstructed(), file.exhausted());
}
