//! Hostile input: truncations, byte flips, lengths past the end, deep
//! nesting, size limits, padding. Nothing may panic; broken input is an
//! `Err`, never a partly read structure.

use crate::cms::{self, CmsError, Contents, MAX_CMS_BYTES};

use super::openssl_print::fixture;
use super::FIXTURES;

fn all_fixtures() -> Vec<(String, Vec<u8>)> {
    FIXTURES
        .iter()
        .map(|(name, _)| name.to_string())
        .chain(["tst".to_string(), "sm2-gm".to_string()])
        .map(|name| {
            let bytes = fixture(&format!("{name}.der"));
            (name, bytes)
        })
        .collect()
}

/// Parse and touch everything a caller would.
fn exercise(bytes: &[u8]) -> bool {
    let Ok(Contents::SignedData(sd)) = cms::parse(bytes) else {
        return false;
    };
    for signer in &sd.signers {
        let _ = (
            signer.content_type(),
            signer.message_digest(),
            signer.signing_time(),
        );
        let _ = signer.timestamp_token();
        let _ = cms::hash_of(&signer.digest_algorithm);
        let _ = signer.signature_algorithm.oid.to_string();
    }
    if let Some(content) = &sd.content {
        let _ = cms::tst_info(content);
    }
    true
}

#[test]
fn every_truncation_is_an_error() {
    for (name, bytes) in all_fixtures() {
        for len in 0..bytes.len() {
            assert!(cms::parse(&bytes[..len]).is_err(), "{name} cut at {len}");
        }
        if name == "tst" {
            let sd = super::signed_data(&bytes);
            let content = sd.content.expect("eContent");
            for len in 0..content.len() {
                assert!(
                    cms::tst_info(&content[..len]).is_err(),
                    "TSTInfo cut at {len}"
                );
            }
        }
    }
}

use super::rng::Rng;

#[test]
fn random_byte_changes_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (_, bytes) in all_fixtures() {
        for _ in 0..3000 {
            let mut copy = bytes.clone();
            for _ in 0..1 + rng.next() % 4 {
                let at = (rng.next() % copy.len() as u64) as usize;
                copy[at] = rng.next() as u8;
            }
            exercise(&copy);
        }
    }
}

#[test]
fn every_byte_set_to_a_length_extreme_never_panics() {
    for (_, bytes) in all_fixtures() {
        for at in 0..bytes.len() {
            for value in [0x00, 0x7f, 0x80, 0x84, 0xff] {
                let mut copy = bytes.clone();
                copy[at] = value;
                exercise(&copy);
            }
        }
    }
}

#[test]
fn lengths_past_the_end_are_truncation_errors() {
    let bytes = fixture("rsa-pkcs1.der");
    // 30 82 hi lo: the outer length, one more than there is.
    assert_eq!(bytes[1], 0x82);
    let len = usize::from(bytes[2]) << 8 | usize::from(bytes[3]);
    let mut longer = bytes.clone();
    longer[2..4].copy_from_slice(&((len + 1) as u16).to_be_bytes());
    assert!(matches!(
        cms::parse(&longer),
        Err(CmsError::Truncated { .. })
    ));
    let mut huge = vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff];
    huge.extend_from_slice(&bytes[4..]);
    assert!(matches!(cms::parse(&huge), Err(CmsError::Truncated { .. })));
}

#[test]
fn deeply_nested_indefinite_values_are_refused() {
    let mut nested = [0x30, 0x80].repeat(100_000);
    nested.extend([0x00, 0x00].repeat(100_000));
    assert_eq!(cms::parse(&nested), Err(CmsError::TooDeep));
    let mut tagged = [0xa0, 0x80].repeat(100_000);
    tagged.extend([0x00, 0x00].repeat(100_000));
    assert_eq!(cms::parse(&tagged), Err(CmsError::TooDeep));
}

#[test]
fn zero_padding_is_accepted_up_to_the_size_limit_and_other_bytes_noticed() {
    for (name, bytes) in all_fixtures() {
        let mut padded = bytes.clone();
        padded.resize(MAX_CMS_BYTES, 0);
        assert!(exercise(&padded), "{name}");
        padded.push(0);
        assert_eq!(
            cms::parse(&padded),
            Err(CmsError::TooLarge {
                len: MAX_CMS_BYTES + 1,
                max: MAX_CMS_BYTES
            })
        );
        // Other bytes after the CMS are read past (§6b: a warning, not a
        // refusal), and noticed.
        assert!(!cms::has_trailing_bytes(&padded[..MAX_CMS_BYTES]), "{name}");
        let mut garbage = bytes.clone();
        garbage.extend([0, 0, 0, 7, 0]);
        assert!(exercise(&garbage), "{name}");
        assert!(cms::has_trailing_bytes(&garbage), "{name}");
    }
}
