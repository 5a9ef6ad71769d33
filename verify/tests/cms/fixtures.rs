//! The fixtures as OpenSSL made them: fields against OpenSSL's printouts,
//! signatures verified by OpenSSL over what we read.

use crate::cms::{self, Contents, SignerId, SignerInfo};
use crate::oid;
use crate::time::rfc3339;

use super::openssl_print::*;
use super::openssl_verify::openssl_verifies;
use super::{contains, signed_data, FIXTURES};

#[test]
fn every_field_matches_what_openssl_prints() {
    for (name, _) in FIXTURES {
        let bytes = fixture(&format!("{name}.der"));
        let sd = signed_data(&bytes);
        let print = text(&format!("{name}.print.txt"));
        let lines: Vec<&str> = print.lines().collect();
        let signer_lines = from(&lines, "signerInfos:");

        assert!(!sd.gm, "{name}");
        assert_eq!(sd.version.to_string(), value(&lines, "version:"), "{name}");
        assert_eq!(
            sd.content_type.to_string(),
            "1.2.840.113549.1.7.1",
            "{name}"
        );
        let detached = value(&lines, "eContent:") == "<ABSENT>";
        assert_eq!(sd.content.is_none(), detached, "{name}");
        if let Some(content) = &sd.content {
            assert_eq!(content, &fixture("content.txt"), "{name}");
        }
        let printed_certs = lines
            .iter()
            .filter(|l| l.trim() == "d.certificate:")
            .count();
        assert_eq!(sd.certificates.len(), printed_certs, "{name}");
        assert_eq!(
            sd.digest_algorithms[0].oid.to_string(),
            algorithm(&lines, "digestAlgorithms:"),
            "{name}"
        );

        let [signer] = sd.signers.as_slice() else {
            panic!("{name}: one signer");
        };
        assert_eq!(signer.version.to_string(), value(&signer_lines, "version:"));
        match signer.sid {
            SignerId::IssuerSerial { issuer, serial } => {
                let printed = hex_number(value(&signer_lines, "serialNumber:"));
                assert_eq!(unsigned(serial), printed.as_slice(), "{name}");
                assert!(contains(issuer, b"CMS fixtures CA"), "{name}");
            }
            SignerId::SubjectKeyId(ski) => {
                assert_eq!(ski, hex_dump(&signer_lines, "d.subjectKeyIdentifier:"));
            }
        }
        assert_eq!(
            signer.digest_algorithm.oid.to_string(),
            algorithm(&signer_lines, "digestAlgorithm:"),
            "{name}"
        );
        assert_eq!(
            signer.signature_algorithm.oid.to_string(),
            algorithm(&signer_lines, "signatureAlgorithm:"),
            "{name}"
        );
        assert!(signer.unsigned_attributes.is_empty());
        assert!(signer.timestamp_token().is_none());
        check_signed_attributes(name, signer, &signer_lines);
    }
}

fn check_signed_attributes(name: &str, signer: &SignerInfo<'_>, lines: &[&str]) {
    let Some(signed) = &signer.signed_attributes else {
        let after = from(lines, "signedAttrs:");
        assert_eq!(after.get(1).map(|l| l.trim()), Some("<ABSENT>"), "{name}");
        assert!(signer.message_digest().is_none() && signer.signing_time().is_none());
        return;
    };
    // One content-type and one message-digest attribute, each with one
    // value (RFC 5652 §5.3): the accessors the engine reads answer.
    assert!(signer.content_type().is_some(), "{name}");
    assert!(signer.message_digest().is_some(), "{name}");
    let printed_attrs = lines
        .iter()
        .take_while(|l| !l.contains("signatureAlgorithm:"))
        .filter(|l| l.trim().starts_with("object: "))
        .count();
    assert_eq!(signed.attributes.len(), printed_attrs, "{name}");
    assert_eq!(
        signer.content_type().map(|o| o.to_string()).as_deref(),
        Some("1.2.840.113549.1.7.1")
    );
    let hash = cms::hash_of(&signer.digest_algorithm).expect("known digest");
    let dgst_name = format!("{hash:?}").to_lowercase();
    assert_eq!(
        signer.message_digest(),
        Some(content_digest(&dgst_name).as_slice()),
        "{name}"
    );
    let printed_time = openssl_time(value(lines, "UTCTIME:"));
    assert_eq!(
        signer.signing_time().map(rfc3339),
        Some(printed_time),
        "{name}"
    );
    // What is signed is the transmitted field, A0 → 31.
    let first = signed.to_be_signed.first().copied();
    assert_eq!(first, Some(0x31), "{name}");
}

#[test]
fn openssl_verifies_the_signature_over_to_be_signed() {
    for (name, cert) in FIXTURES {
        let bytes = fixture(&format!("{name}.der"));
        let sd = signed_data(&bytes);
        let signer = &sd.signers[0];
        let message = match &signer.signed_attributes {
            Some(signed) => signed.to_be_signed.clone(),
            None => fixture("content.txt"),
        };
        let Some(verified) = openssl_verifies(name, cert, signer, &message) else {
            return;
        };
        assert!(
            verified,
            "{name}: OpenSSL does not verify over what we read"
        );
        // And a changed message does not verify: the check can fail.
        let mut changed = message.clone();
        if let Some(last) = changed.last_mut() {
            *last ^= 1;
        }
        assert_eq!(
            openssl_verifies(name, cert, signer, &changed),
            Some(false),
            "{name}"
        );
    }
}

#[test]
fn a_gm_signed_data_with_sm2_reads_and_verifies() {
    // OpenSSL cannot print GM/T 0010 content types; make_assembled.py fixed
    // the facts (signing time) and OpenSSL's asn1parse shows the OIDs.
    let bytes = fixture("sm2-gm.der");
    let parsed = text("sm2-gm.asn1parse.txt");
    assert!(parsed.contains(":1.2.156.10197.6.1.4.2.2") && parsed.contains(":sm3"));
    let sd = signed_data(&bytes);
    assert!(sd.gm);
    assert_eq!(sd.content_type, oid::GM_DATA.as_bytes());
    assert_eq!(sd.certificates.len(), 1);
    let signer = &sd.signers[0];
    assert_eq!(signer.digest_algorithm.oid, oid::SM3.as_bytes());
    assert_eq!(
        cms::hash_of(&signer.digest_algorithm),
        Some(crate::Hash::Sm3)
    );
    assert_eq!(signer.signature_algorithm.oid, oid::SM2_WITH_SM3.as_bytes());
    assert_eq!(
        signer.content_type().map(|o| o.0),
        Some(oid::GM_DATA.as_bytes())
    );
    assert_eq!(
        signer.message_digest(),
        Some(content_digest("sm3").as_slice())
    );
    assert_eq!(
        signer.signing_time().map(rfc3339).as_deref(),
        Some("2026-11-30T12:34:56Z")
    );
    let tbs = &signer
        .signed_attributes
        .as_ref()
        .expect("signed attributes")
        .to_be_signed;
    if let Some(verified) = openssl_verifies("sm2", "sm2", signer, tbs) {
        assert!(
            verified,
            "OpenSSL does not verify the SM2 signature over to_be_signed"
        );
        let mut changed = tbs.clone();
        changed[5] ^= 1;
        assert_eq!(
            openssl_verifies("sm2", "sm2", signer, &changed),
            Some(false)
        );
    }
}

#[test]
fn the_timestamp_token_matches_openssl_ts() {
    let bytes = fixture("tst.der");
    let sd = signed_data(&bytes);
    assert!(cms::is_timestamp_token(&sd));
    assert_eq!(sd.content_type.to_string(), "1.2.840.113549.1.9.16.1.4");
    let content = sd.content.as_deref().expect("a token has content");
    let tst = cms::tst_info(content).expect("TSTInfo");
    let printed = text("tst.text.txt");
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(tst.version.to_string(), value(&lines, "Version:"));
    // `tsa_policy1` is OpenSSL's name for the 1.2.3.4.1 make.sh configures.
    assert_eq!(value(&lines, "Policy OID:"), "tsa_policy1");
    assert_eq!(tst.policy.to_string(), "1.2.3.4.1");
    assert_eq!(tst.hash_algorithm.oid, oid::SHA256.as_bytes());
    assert_eq!(value(&lines, "Hash Algorithm:"), "sha256");
    assert_eq!(tst.hashed_message, hex_dump(&lines, "Message data:"));
    assert_eq!(tst.hashed_message, content_digest("sha256"));
    assert_eq!(
        unsigned(tst.serial),
        hex_number(value(&lines, "Serial number:"))
    );
    assert_eq!(
        rfc3339(tst.gen_time),
        openssl_time(value(&lines, "Time stamp:"))
    );
    assert_eq!(
        tst.nonce.map(|n| unsigned(n).to_vec()),
        Some(hex_number(value(&lines, "Nonce:")))
    );
    assert_eq!(value(&lines, "TSA:"), "DirName:/CN=CMS fixtures tsa");
    let tsa = tst.tsa.expect("tsa name");
    assert_eq!(tsa.first(), Some(&0xa4), "directoryName");
    assert!(contains(tsa, b"CMS fixtures tsa"));

    // The token's own signer: TSTInfo digest in the signed attributes,
    // and the signature verifies over to_be_signed.
    let signer = &sd.signers[0];
    assert_eq!(
        signer.content_type().map(|o| o.0),
        Some(oid::TST_INFO.as_bytes())
    );
    let hash = cms::hash_of(&signer.digest_algorithm).expect("digest");
    assert_eq!(
        signer.message_digest(),
        Some(hash.digest(&[content]).as_slice())
    );
    assert!(signer
        .signed_attributes
        .as_ref()
        .unwrap()
        .attributes
        .iter()
        .any(|a| a.oid == oid::SIGNING_CERTIFICATE_V2.as_bytes()));
    let tbs = &signer.signed_attributes.as_ref().unwrap().to_be_signed;
    if let Some(verified) = openssl_verifies("tst", "tsa", signer, tbs) {
        assert!(verified);
    }
}

#[test]
fn every_crasher_is_read_without_panicking() {
    let dir = super::openssl_print::dir().join("crashers");
    for entry in std::fs::read_dir(&dir).expect("crashers dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("crasher");
        if let Ok(Contents::SignedData(sd)) = cms::parse(&bytes) {
            if let Some(content) = &sd.content {
                let _ = cms::tst_info(content);
            }
        }
    }
}

#[test]
fn sorting_unsorted_attributes_would_break_the_signature() {
    // Why to_be_signed is never re-encoded: the same attributes in DER's
    // SET OF order are not what this signer signed.
    let bytes = fixture("rsa-unsorted.der");
    let sd = signed_data(&bytes);
    let signer = &sd.signers[0];
    let signed = signer
        .signed_attributes
        .as_ref()
        .expect("signed attributes");
    let first = signed.attributes.first().map(|a| a.oid);
    assert_eq!(
        first,
        Some(cms::oid::Oid(oid::MESSAGE_DIGEST.as_bytes())),
        "the fixture is unsorted"
    );
    let mut elements = Vec::new();
    let mut rest = &signed.to_be_signed[2..];
    while !rest.is_empty() {
        let len = usize::from(rest[1]) + 2;
        elements.push(&rest[..len]);
        rest = &rest[len..];
    }
    elements.sort();
    let mut sorted = signed.to_be_signed[..2].to_vec();
    sorted.extend(elements.concat());
    assert_ne!(sorted, signed.to_be_signed);
    if let Some(verified) = openssl_verifies("sorted", "rsa", signer, &sorted) {
        assert!(!verified, "the sorted re-encoding must not verify");
    }
}
