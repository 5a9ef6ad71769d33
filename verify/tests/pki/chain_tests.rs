//! Chain validation against OpenSSL 3's answers. The fixtures and
//! `chains/expected.txt` come from `tests/pki/make.sh`, which ran
//! `openssl verify -CAfile roots -untrusted pool -attime AT [-purpose
//! timestampsign]` on each case and wrote its error code beside the
//! identity we must find. Every identity of ours must agree with OpenSSL's
//! accept/reject, and with the kind of error OpenSSL named.
//!
//! Unit tests of the crate, included from `verify/src/pki/mod.rs`.

use std::path::PathBuf;

use base64::Engine;

use super::trust::pem_certificates;
use crate::pki::{parse_certificate, validate_chain, Certificate, Purpose, TrustStore};
use crate::verdict_pdf::{wire_name, Identity};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pki/chains")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_default()
}

fn certificates(name: &str) -> Vec<Certificate> {
    pem_certificates(&read(name))
        .into_iter()
        .map(|der| parse_certificate(&der.expect("PEM block")).expect("certificate"))
        .collect()
}

fn identity(word: &str) -> Identity {
    serde_json::from_str(&format!("\"{word}\"")).expect("an identity word")
}

/// The identity an OpenSSL verify error code stands for.
fn openssl_identity(code: &str) -> Identity {
    match code {
        "0" => Identity::Trusted,
        "18" => Identity::SelfSigned,
        "2" | "20" => Identity::UnknownIssuer,
        // "chain too long" (-verify_depth 6 = our MAX_PATH_DEPTH): no path
        // to a root within the bound.
        "22" => Identity::UnknownIssuer,
        "10" => Identity::Expired,
        "9" => Identity::NotYetValid,
        // signature failure, invalid CA, path length, purpose, key usage
        "7" | "24" | "25" | "26" | "32" | "79" => Identity::ChainInvalid,
        other => panic!("OpenSSL error {other} not mapped"),
    }
}

#[test]
fn every_case_agrees_with_openssl() {
    let expected = read("expected.txt");
    let mut cases = 0;
    for line in expected.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, purpose, at, code, ours, warnings] = fields[..] else {
            panic!("bad line {line:?}");
        };
        let leaf = certificates(&format!("{name}.leaf.pem"));
        let pool = certificates(&format!("{name}.pool.pem"));
        let mut trust = TrustStore::new();
        assert!(trust
            .add_roots_pem(&read(&format!("{name}.roots.pem")))
            .is_empty());
        let store_inter = read(&format!("{name}.store-inter.pem"));
        if !store_inter.is_empty() {
            assert!(trust.add_intermediates_pem(&store_inter).is_empty());
        }
        let purpose = match purpose {
            "timestamping" => Purpose::Timestamping,
            _ => Purpose::Signing,
        };
        let at: i64 = at.parse().expect("time");
        let result = validate_chain(&leaf[0], &pool, &trust, at, purpose);
        assert_eq!(result.identity, identity(ours), "{name}: our identity");
        assert_eq!(
            result.identity,
            openssl_identity(code),
            "{name}: OpenSSL said error {code}"
        );
        let mut want: Vec<&str> = warnings.split(',').filter(|w| *w != "-").collect();
        // Warnings are an enum now: compared by their wire names.
        let got: Vec<String> = result.warnings.iter().map(wire_name).collect();
        let mut got: Vec<&str> = got.iter().map(String::as_str).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{name}: warnings");
        if result.identity == Identity::Trusted {
            let last = result.chain.last().expect("a chain");
            assert!(trust.roots().contains(last), "{name}: ends at a root");
            assert_eq!(result.chain[0], leaf[0], "{name}: leaf first");
        }
        cases += 1;
    }
    assert!(cases >= 25, "only {cases} cases in expected.txt");
}

#[test]
fn the_same_chain_at_other_times() {
    let leaf = certificates("rsa.leaf.pem");
    let pool = certificates("rsa.pool.pem");
    let mut trust = TrustStore::new();
    trust.add_roots_pem(&read("rsa.roots.pem"));
    let at = |t| validate_chain(&leaf[0], &pool, &trust, t, Purpose::Signing).identity;
    let root = &trust.roots()[0];
    // The intermediate was made a second before the leaf, with the same
    // lifetime: it expires first.
    let first_end = pool[0].not_after.min(leaf[0].not_after);
    assert_eq!(at(leaf[0].not_before), Identity::Trusted);
    assert_eq!(at(first_end), Identity::Trusted);
    assert_eq!(at(leaf[0].not_before - 1), Identity::NotYetValid);
    assert_eq!(at(first_end + 1), Identity::Expired);
    // The root (valid 20 years) is checked too, as Acrobat does.
    assert_eq!(at(root.not_after + 1), Identity::Expired);
}

#[test]
fn an_empty_store_trusts_nothing() {
    let leaf = certificates("rsa.leaf.pem");
    let pool = certificates("rsa.pool.pem");
    let roots = certificates("rsa.roots.pem");
    let trust = TrustStore::new();
    assert!(trust.roots().is_empty());
    let result = validate_chain(
        &leaf[0],
        &pool,
        &trust,
        leaf[0].not_before,
        Purpose::Signing,
    );
    assert_eq!(result.identity, Identity::UnknownIssuer);
    // The root in the CMS's own certificates is no anchor.
    let mut pool_with_root = pool.clone();
    pool_with_root.extend(roots);
    let result = validate_chain(
        &leaf[0],
        &pool_with_root,
        &trust,
        leaf[0].not_before,
        Purpose::Signing,
    );
    assert_eq!(result.identity, Identity::UnknownIssuer);
}

#[test]
fn a_pool_of_look_alikes_is_bounded() {
    // 200 copies of unrelated CA certificates with the intermediate's name
    // do not make the search explode, and the real path is still found
    // when it comes first.
    let leaf = certificates("rsa.leaf.pem");
    let mut pool = certificates("rsa.pool.pem");
    let fakes = certificates("inter-not-ca.pool.pem");
    for _ in 0..200 {
        pool.extend(fakes.iter().cloned());
    }
    let mut trust = TrustStore::new();
    trust.add_roots_pem(&read("rsa.roots.pem"));
    let result = validate_chain(
        &leaf[0],
        &pool,
        &trust,
        leaf[0].not_before,
        Purpose::Signing,
    );
    assert_eq!(result.identity, Identity::Trusted);
}

#[test]
fn certificate_fields_agree_with_openssl() {
    for name in ["leaf-rsa", "leaf-big-serial", "leaf-sm2", "tsa"] {
        let der = std::fs::read(dir().join(format!("{name}.der"))).expect("DER");
        let certificate = parse_certificate(&der).expect("certificate");
        let facts = read(&format!("{name}.txt"));
        let fact = |key: &str| {
            facts
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key} ")))
                .unwrap_or_default()
                .to_owned()
        };
        // OpenSSL prints the serial as a number: no leading zero byte.
        let serial = certificate.info.serial.trim_start_matches("00");
        assert_eq!(serial, fact("serial"), "{name}");
        assert_eq!(certificate.info.fingerprint, fact("fingerprint"), "{name}");
        assert_eq!(
            certificate.not_before.to_string(),
            fact("not_before"),
            "{name}"
        );
        assert_eq!(
            certificate.not_after.to_string(),
            fact("not_after"),
            "{name}"
        );
        assert_eq!(certificate.info.subject, fact("subject"), "{name}");
        assert_eq!(certificate.info.issuer, fact("issuer"), "{name}");
        assert!(certificate.matches_issuer_serial(&certificate.issuer_der, &certificate.serial));
        let mut padded = vec![0, 0];
        padded.extend(&certificate.serial);
        assert!(certificate.matches_issuer_serial(&certificate.issuer_der, &padded));
        assert!(!certificate.matches_issuer_serial(&certificate.subject_der, &certificate.serial));
        let ski = certificate.subject_key_id.clone().expect("SKI");
        assert!(certificate.matches_key_id(&ski));
        assert!(!certificate.matches_key_id(b"other"));
        assert_eq!(certificate.der, der);
    }
    let tsa = parse_certificate(&std::fs::read(dir().join("tsa.der")).unwrap()).unwrap();
    assert_eq!(tsa.key_usage, Some(1));
    assert_eq!(tsa.basic_constraints, Some((false, None)));
    assert_eq!(
        tsa.extended_key_usage,
        vec![vec![0x2b, 6, 1, 5, 5, 7, 3, 8]]
    );
}

#[test]
fn hostile_certificates_are_errors_not_panics() {
    let der = std::fs::read(dir().join("leaf-rsa.der")).expect("DER");
    for len in 0..der.len() {
        assert!(
            parse_certificate(&der[..len]).is_err(),
            "truncated at {len}"
        );
    }
    let mut trailing = der.clone();
    trailing.push(0);
    assert!(parse_certificate(&trailing).is_err());
    for garbage in [
        &b""[..],
        b"\x30",
        b"\x30\x80\x00\x00",
        b"\x30\x84\xff\xff\xff\xff",
        b"hello",
    ] {
        assert!(parse_certificate(garbage).is_err());
    }
    // Every single-byte change either reads or is refused; validating what
    // reads does not panic either.
    let mut trust = TrustStore::new();
    trust.add_roots_pem(&read("rsa.roots.pem"));
    let pool = certificates("rsa.pool.pem");
    for at in 0..der.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut bent = der.clone();
            bent[at] ^= flip;
            if let Ok(certificate) = parse_certificate(&bent) {
                let result =
                    validate_chain(&certificate, &pool, &trust, 1_800_000_000, Purpose::Signing);
                assert_ne!(result.identity, Identity::NoCertificate);
            }
        }
    }
}

#[test]
fn pem_bundles_with_crlf_comments_and_bad_blocks() {
    let rsa = read("rsa.roots.pem");
    let p256 = read("p256.roots.pem");
    let bundle = format!(
        "# our roots\r\n{}\r\nsome comment\r\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n{}\n-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
        rsa.replace('\n', "\r\n"),
        p256
    );
    let blocks = pem_certificates(&bundle);
    assert_eq!(blocks.len(), 3);
    assert!(blocks[0].is_ok() && blocks[1].is_ok() && blocks[2].is_err());
    let mut trust = TrustStore::new();
    let problems = trust.add_roots_pem(&bundle);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(trust.roots().len(), 2);
    // Adding the same root again changes nothing.
    assert!(trust.add_roots_pem(&rsa).is_empty());
    assert_eq!(trust.roots().len(), 2);
    assert_eq!(trust.add_roots_pem("nothing here").len(), 1);
    // A root given as one DER certificate (here in a PEM block of its own),
    // and junk refused.
    let der = trust.roots()[0].der.clone();
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64::engine::general_purpose::STANDARD.encode(&der)
    );
    let mut one = TrustStore::new();
    assert!(one.add_roots_pem(&pem).is_empty());
    assert_eq!(one.roots().len(), 1);
    let junk = "-----BEGIN CERTIFICATE-----\nanVuaw==\n-----END CERTIFICATE-----\n";
    assert_eq!(TrustStore::new().add_roots_pem(junk).len(), 1);
}

#[test]
fn a_pss_signed_certificate_names_its_hash() {
    use crate::algorithm::{Scheme, SignatureAlgorithm};
    use crate::Hash;
    let leaf = certificates("rsa-pss-leaf.leaf.pem");
    let (oid, parameters) = &leaf[0].signature_algorithm;
    let algorithm = SignatureAlgorithm::from_x509(oid, parameters.as_deref()).expect("PSS");
    assert_eq!(
        (algorithm.scheme, algorithm.hash),
        (Scheme::RsaPss, Hash::Sha384)
    );
    assert_eq!(algorithm.name, "SHA384withRSA/PSS");
}
