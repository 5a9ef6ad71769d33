//! Algorithm names (spec §6 table): canonical names, aliases, case.

use infoplus_signature_core::{Seal, SealVerdict};
use infoplus_signature_verify::{canonical_algorithm, verify_seal, Algorithm};

#[test]
fn every_alias_of_the_spec_table() {
    let table = [
        ("SM2withSM3", Algorithm::Sm2WithSm3),
        ("SM3withSM2", Algorithm::Sm2WithSm3),
        ("SM2", Algorithm::Sm2WithSm3),
        ("SHA256withECDSA", Algorithm::EcdsaP256Sha256),
        ("ES256", Algorithm::EcdsaP256Sha256),
        ("ECDSA", Algorithm::EcdsaP256Sha256),
        ("SHA256withRSA", Algorithm::RsaPkcs1Sha256),
        ("RS256", Algorithm::RsaPkcs1Sha256),
        ("RSA", Algorithm::RsaPkcs1Sha256),
        ("SHA256withRSA/PSS", Algorithm::RsaPssSha256),
        ("PS256", Algorithm::RsaPssSha256),
        ("Ed25519", Algorithm::Ed25519),
        ("EdDSA", Algorithm::Ed25519),
    ];
    for (name, algorithm) in table {
        assert_eq!(canonical_algorithm(name), Some(algorithm), "{name}");
        assert_eq!(
            canonical_algorithm(&name.to_lowercase()),
            Some(algorithm),
            "{name}"
        );
        assert_eq!(
            canonical_algorithm(&name.to_uppercase()),
            Some(algorithm),
            "{name}"
        );
        assert_eq!(
            canonical_algorithm(&format!("  {name}\n")),
            Some(algorithm),
            "{name}"
        );
    }
}

#[test]
fn canonical_names() {
    let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.canonical_name()).collect();
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
    for algorithm in Algorithm::ALL {
        assert_eq!(algorithm.names()[0], algorithm.canonical_name());
        assert_eq!(algorithm.to_string(), algorithm.canonical_name());
        assert_eq!(
            canonical_algorithm(algorithm.canonical_name()),
            Some(algorithm)
        );
    }
}

#[test]
fn names_we_do_not_implement() {
    for name in [
        "",
        "SHA1withRSA",
        "SHA256",
        "ES384",
        "SM3",
        "RSA-PSS",
        "Ed448",
        "SM2 with SM3",
        "ECDSA256",
    ] {
        assert_eq!(canonical_algorithm(name), None, "{name:?}");
    }
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
        verify_seal(&seal, b"%PDF-"),
        SealVerdict::Unsupported {
            algorithm: "GOST3410".into()
        }
    );
}
