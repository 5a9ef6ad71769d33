use super::*;

fn b(o: oid::ObjectIdentifier) -> Vec<u8> {
    o.as_bytes().to_vec()
}

fn name(
    found: Result<&'static SignatureAlgorithm, CryptoError>,
) -> Result<&'static str, CryptoError> {
    found.map(|a| a.name)
}

/// RSASSA-PSS-params for SHA-256, MGF1-SHA-256, salt 32 (RFC 4055 form,
/// as OpenSSL writes it).
const PSS_SHA256: &str = "3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";

#[test]
fn cms_key_oids_take_the_hash_from_the_digest_algorithm() {
    let cases = [
        (oid::RSA_ENCRYPTION, oid::SHA256, "SHA256withRSA"),
        (oid::RSA_ENCRYPTION, oid::SHA512, "SHA512withRSA"),
        (oid::RSA_ENCRYPTION, oid::SHA3_256, "SHA3-256withRSA"),
        (oid::EC_PUBLIC_KEY, oid::SHA384, "SHA384withECDSA"),
        (oid::EC_PUBLIC_KEY, oid::SM3, "SM2withSM3"),
        (oid::SM2, oid::SM3, "SM2withSM3"),
        // A signature OID names its own hash, whatever the digest is.
        (oid::SHA384_WITH_RSA, oid::SHA256, "SHA384withRSA"),
        (oid::ECDSA_WITH_SHA512, oid::SHA256, "SHA512withECDSA"),
        (oid::SM2_WITH_SM3, oid::SM3, "SM2withSM3"),
        (oid::SM2_SIGN, oid::SM3, "SM2withSM3"),
        (oid::ED25519, oid::SHA512, "Ed25519"),
        (oid::ED448, oid::SHAKE256, "Ed448"),
        (
            oid::PLAIN_ECDSA_SHA256,
            oid::SHA256,
            "SHA256withPLAIN-ECDSA",
        ),
        (oid::ECDSA_WITH_SHA3_256, oid::SHA3_256, "SHA3-256withECDSA"),
    ];
    for (signature, digest, want) in cases {
        assert_eq!(
            name(SignatureAlgorithm::from_cms(
                &b(signature),
                None,
                &b(digest)
            )),
            Ok(want),
            "{signature} + {digest}"
        );
    }
    for (signature, digest) in [
        (oid::RSA_ENCRYPTION, oid::SM3),
        (oid::SM2, oid::SHA256),
        (oid::EC_PUBLIC_KEY, oid::MGF1),
    ] {
        assert!(matches!(
            SignatureAlgorithm::from_cms(&b(signature), None, &b(digest)),
            Err(CryptoError::Unsupported(_))
        ));
    }
    // An algorithm we do not know is unsupported, with its name when known.
    assert_eq!(
        SignatureAlgorithm::from_cms(&b(oid::DSA), None, &b(oid::SHA256)),
        Err(CryptoError::Unsupported(
            "signature algorithm DSA (1.2.840.10040.4.1)".to_owned()
        ))
    );
    assert!(SignatureAlgorithm::from_cms(b"\xff\xff", None, b"").is_err());
}

#[test]
fn pss_parameters_name_the_hash() {
    let params = hex::decode(PSS_SHA256).unwrap();
    let pss = b(oid::RSASSA_PSS);
    assert_eq!(
        name(SignatureAlgorithm::from_x509(&pss, Some(&params))),
        Ok("SHA256withRSA/PSS")
    );
    // Absent parameters (or NULL) are all defaults: SHA-1.
    assert_eq!(
        name(SignatureAlgorithm::from_x509(&pss, None)),
        Ok("SHA1withRSA/PSS")
    );
    assert_eq!(
        name(SignatureAlgorithm::from_x509(&pss, Some(&[5, 0]))),
        Ok("SHA1withRSA/PSS")
    );
    // Every truncation is an error, never a panic.
    for len in 1..params.len() {
        assert!(SignatureAlgorithm::from_x509(&pss, Some(&params[..len])).is_err());
    }
    // MGF1 over SHA-1 with a SHA-256 message hash: not what `rsa` does.
    let mixed = PSS_SHA256.replacen(
        "a11c301a06092a864886f70d010108300d06096086480165030402010500",
        "a118301606092a864886f70d010108300906052b0e03021a0500",
        1,
    );
    let mixed = hex::decode(mixed.replacen("3034", "3030", 1)).unwrap();
    assert_eq!(
        SignatureAlgorithm::from_x509(&pss, Some(&mixed)),
        Err(CryptoError::MixedPss {
            hash: Hash::Sha256,
            mgf: Hash::Sha1
        })
    );
}

#[test]
fn seals_name_algorithms_by_name_or_alias_in_any_case() {
    for (given, want) in [
        ("SM2withSM3", "SM2withSM3"),
        (" sm3withsm2 ", "SM2withSM3"),
        ("SM2", "SM2withSM3"),
        ("es256", "SHA256withECDSA"),
        ("ECDSA", "SHA256withECDSA"),
        ("RS256", "SHA256withRSA"),
        ("rsa", "SHA256withRSA"),
        ("PS256", "SHA256withRSA/PSS"),
        ("EdDSA", "Ed25519"),
        ("SHA384withECDSA", "SHA384withECDSA"),
    ] {
        assert_eq!(
            SignatureAlgorithm::for_seal(given).map(|a| a.name),
            Some(want),
            "{given}"
        );
    }
    for unknown in ["", "SHA1withDSA", "MD5withRSA", "SM2withSM3x"] {
        assert!(SignatureAlgorithm::for_seal(unknown).is_none(), "{unknown}");
    }
}
