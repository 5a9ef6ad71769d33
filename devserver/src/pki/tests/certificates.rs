//! Roots, seal certificates and the TSA certificate, checked by OpenSSL.

use super::{now, openssl, openssl_fails, pki, seal_key, write};
use crate::pki::{DevPki, KeyKind, PkiError};

const SM2_VFY: &str = "distid:1234567812345678";

/// The `-vfyopt` an SM2 signature needs (OpenSSL's default id is empty).
fn verify_args<'a>(kind: KeyKind, ca: &'a str, cert: &'a str) -> Vec<&'a str> {
    let mut args = vec!["verify"];
    if kind == KeyKind::Sm2 {
        args.extend(["-vfyopt", SM2_VFY]);
    }
    args.extend(["-CAfile", ca, cert]);
    args
}

#[test]
fn every_root_is_a_self_signed_ca_openssl_trusts() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    for (kind, root, cn) in [
        (KeyKind::Sm2, &pki.sm2_root, "InfoPlus Dev SM2 Root CA"),
        (
            KeyKind::EcdsaP256,
            &pki.ecdsa_root,
            "InfoPlus Dev ECDSA Root CA",
        ),
        (KeyKind::Rsa, &pki.rsa_root, "InfoPlus Dev RSA Root CA"),
    ] {
        write(dir.path(), "root.pem", &root.cert_pem);
        let out = openssl(dir.path(), &verify_args(kind, "root.pem", "root.pem"));
        assert!(out.contains("root.pem: OK"), "{out}");
        let text = openssl(
            dir.path(),
            &[
                "x509", "-in", "root.pem", "-noout", "-text", "-nameopt", "utf8",
            ],
        );
        assert!(text.contains(&format!("CN={cn}")), "{text}");
        assert!(
            text.contains("O=InfoPlus Dev") && text.contains("C=CN"),
            "{text}"
        );
        assert!(text.contains("CA:TRUE"), "{text}");
        assert!(text.contains("Certificate Sign, CRL Sign"), "{text}");
    }
    // The bundle served to the control holds the three roots.
    let bundle = pki.roots_pem();
    assert_eq!(bundle.matches("-----BEGIN CERTIFICATE-----").count(), 3);
    assert!(bundle.contains(&pki.sm2_root.cert_pem));
}

#[test]
fn seal_certificates_chain_to_their_root() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    let cases = [
        (KeyKind::Sm2, "人事处 official seal", 7_u64),
        (KeyKind::EcdsaP256, "张三 ECDSA", 8),
        (KeyKind::Rsa, "李四 RSA", 9),
        (KeyKind::Ed25519, "王五 Ed25519", 10),
    ];
    for (kind, name, serial) in cases {
        let pair = seal_key(kind);
        let issued = pki
            .issue_seal_certificate(kind, &pair.public_pem, name, serial, now())
            .unwrap();
        assert!(issued.key_pem.is_empty());
        let root = pki.root_for(kind);
        write(dir.path(), "root.pem", &root.cert_pem);
        write(dir.path(), "seal.pem", &issued.cert_pem);
        let out = openssl(dir.path(), &verify_args(kind, "root.pem", "seal.pem"));
        assert!(out.contains("seal.pem: OK"), "{kind:?}: {out}");

        let text = openssl(
            dir.path(),
            &[
                "x509", "-in", "seal.pem", "-noout", "-text", "-nameopt", "utf8",
            ],
        );
        assert!(text.contains(&format!("CN={name}")), "{text}");
        assert!(
            text.contains(&format!("Serial Number: {serial} ")),
            "{text}"
        );
        assert!(text.contains("X509v3 Key Usage: critical"), "{text}");
        assert!(
            text.contains("Digital Signature, Non Repudiation"),
            "{text}"
        );
        // The AKI names the root's SKI.
        let root_text = openssl(dir.path(), &["x509", "-in", "root.pem", "-noout", "-text"]);
        let root_ski = after(&root_text, "X509v3 Subject Key Identifier:");
        assert_eq!(after(&text, "X509v3 Authority Key Identifier:"), root_ski);
        assert_ne!(after(&text, "X509v3 Subject Key Identifier:"), root_ski);
        if kind == KeyKind::Sm2 {
            assert!(text.contains("Signature Algorithm: SM2-with-SM3"), "{text}");
            assert!(text.contains("ASN1 OID: SM2"), "{text}");
        }
    }
}

#[test]
fn an_sm2_certificate_does_not_verify_with_the_empty_distid() {
    // Proves the signature really uses Z with 1234567812345678.
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    let pair = seal_key(KeyKind::Sm2);
    let issued = pki
        .issue_seal_certificate(KeyKind::Sm2, &pair.public_pem, "张三 personal", 1, now())
        .unwrap();
    write(dir.path(), "root.pem", &pki.sm2_root.cert_pem);
    write(dir.path(), "seal.pem", &issued.cert_pem);
    openssl_fails(dir.path(), &["verify", "-CAfile", "root.pem", "seal.pem"]);
}

#[test]
fn the_tsa_certificate_is_for_timestamping_only() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    write(dir.path(), "root.pem", &pki.ecdsa_root.cert_pem);
    write(dir.path(), "tsa.pem", &pki.tsa.cert_pem);
    let out = openssl(
        dir.path(),
        &[
            "verify",
            "-purpose",
            "timestampsign",
            "-CAfile",
            "root.pem",
            "tsa.pem",
        ],
    );
    assert!(out.contains("tsa.pem: OK"), "{out}");
    let text = openssl(dir.path(), &["x509", "-in", "tsa.pem", "-noout", "-text"]);
    assert!(
        text.contains("X509v3 Extended Key Usage: critical"),
        "{text}"
    );
    assert!(text.contains("Time Stamping"), "{text}");
}

#[test]
fn a_key_of_another_kind_is_refused() {
    let pair = seal_key(KeyKind::EcdsaP256);
    let result = pki().issue_seal_certificate(KeyKind::Sm2, &pair.public_pem, "x", 1, now());
    assert!(
        matches!(result, Err(PkiError::KeyMismatch { .. })),
        "{result:?}"
    );
}

#[test]
fn the_pki_round_trips_through_pem() {
    let pki = pki();
    let pems = pki.to_pems();
    assert_eq!(pems.len(), 14);
    assert!(pems.iter().all(|(_, pem)| pem.starts_with("-----BEGIN ")));
    let back = DevPki::from_pems(&pems, now()).unwrap();
    assert_eq!(&back, pki);

    let without_tsa_key: Vec<_> = pems
        .iter()
        .filter(|(n, _)| n != "tsa.key")
        .cloned()
        .collect();
    assert!(matches!(
        DevPki::from_pems(&without_tsa_key, now()),
        Err(PkiError::Missing(name)) if name == "tsa.key"
    ));
    // A key that does not parse as its kind is refused on load.
    let swapped: Vec<_> = pems
        .iter()
        .map(|(n, pem)| match n.as_str() {
            "rsa-root.key" => (n.clone(), pki.sm2_root.key_pem.clone()),
            _ => (n.clone(), pem.clone()),
        })
        .collect();
    assert!(matches!(
        DevPki::from_pems(&swapped, now()),
        Err(PkiError::PrivateKey { .. })
    ));
    // So is a key of the right kind that is not the certificate's.
    let swapped: Vec<_> = pems
        .iter()
        .map(|(n, pem)| match n.as_str() {
            "tsa.key" => (n.clone(), pki.ecdsa_root.key_pem.clone()),
            _ => (n.clone(), pem.clone()),
        })
        .collect();
    assert!(matches!(
        DevPki::from_pems(&swapped, now()),
        Err(PkiError::NotTheCertifiedKey { .. })
    ));
}

/// The line after `label` in `openssl x509 -text` output, trimmed.
fn after<'a>(text: &'a str, label: &str) -> &'a str {
    let mut lines = text.lines();
    lines.find(|l| l.contains(label)).expect(label);
    lines.next().expect(label).trim()
}
