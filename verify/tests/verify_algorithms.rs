//! Algorithm names (spec §6 table): canonical names, aliases, case; the
//! seal's algorithm as the run reads it.

#[path = "vectors/support.rs"]
mod support;

use infoplus_signature_core::{Seal, SealVerdict};
use infoplus_signature_verify::algorithm::{SignatureAlgorithm, ALGORITHMS};

/// The algorithm a seal naming `name` is checked with.
fn named(name: &str) -> Option<&'static str> {
    SignatureAlgorithm::for_seal(name).map(|a| a.name)
}

#[test]
fn every_alias_of_the_spec_table() {
    let table = [
        ("SM2withSM3", "SM2withSM3"),
        ("SM3withSM2", "SM2withSM3"),
        ("SM2", "SM2withSM3"),
        ("SHA256withECDSA", "SHA256withECDSA"),
        ("ES256", "SHA256withECDSA"),
        ("ECDSA", "SHA256withECDSA"),
        ("SHA256withRSA", "SHA256withRSA"),
        ("RS256", "SHA256withRSA"),
        ("RSA", "SHA256withRSA"),
        ("SHA256withRSA/PSS", "SHA256withRSA/PSS"),
        ("PS256", "SHA256withRSA/PSS"),
        ("Ed25519", "Ed25519"),
        ("EdDSA", "Ed25519"),
    ];
    for (name, algorithm) in table {
        assert_eq!(named(name), Some(algorithm), "{name}");
        assert_eq!(named(&name.to_lowercase()), Some(algorithm), "{name}");
        assert_eq!(named(&name.to_uppercase()), Some(algorithm), "{name}");
        assert_eq!(named(&format!("  {name}\n")), Some(algorithm), "{name}");
    }
}

#[test]
fn canonical_names() {
    // The five of §6 come first in the one table, in the spec's order.
    let names: Vec<&str> = ALGORITHMS[..5].iter().map(|a| a.name).collect();
    assert_eq!(
        names,
        [
            "SM2withSM3",
            "SHA256withECDSA",
            "SHA256withRSA",
            "SHA256withRSA/PSS",
            "Ed25519"
        ]
    );
    for algorithm in ALGORITHMS {
        assert_eq!(algorithm.to_string(), algorithm.name);
        assert_eq!(
            SignatureAlgorithm::for_seal(algorithm.name),
            Some(*algorithm)
        );
    }
}

#[test]
fn names_we_do_not_implement() {
    // "SHA1withRSA" and "Ed448" were here: the one table now has them (a
    // seal may name any algorithm of the table by its name).
    for name in [
        "",
        "SHA256",
        "ES384",
        "SM3",
        "RSA-PSS",
        "SM2 with SM3",
        "ECDSA256",
    ] {
        assert_eq!(named(name), None, "{name:?}");
    }
    assert_eq!(named("SHA1withRSA"), Some("SHA1withRSA"));
    assert_eq!(named("Ed448"), Some("Ed448"));
}

#[test]
fn an_unknown_algorithm_is_reported_as_written() {
    let seal = Seal {
        algorithm: Some(" GOST3410 ".into()),
        signature: Some("AAAA".into()),
        public_key: Some("AAAA".into()),
        ..Seal::default()
    };
    assert_eq!(
        support::verify_seal(&seal, b"%PDF-"),
        SealVerdict::Unsupported {
            algorithm: "GOST3410".into()
        }
    );
}
