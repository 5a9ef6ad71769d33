//! The roots' delegated OCSP responders, checked by OpenSSL; and a
//! database from before them gets them on load.

use super::{now, openssl, pki, seal_key, write};
use crate::pki::{DevPki, KeyKind, RootCa};

#[test]
fn each_root_delegates_ocsp_signing_to_a_responder_openssl_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    for ca in RootCa::ALL {
        write(dir.path(), "root.pem", &pki.root(ca).cert_pem);
        write(dir.path(), "ocsp.pem", &pki.responder(ca).cert_pem);
        // `-purpose ocsphelper`: OpenSSL's check for a delegated responder.
        let mut args = vec!["verify", "-purpose", "ocsphelper"];
        if ca == RootCa::Sm2 {
            args.extend(["-vfyopt", "distid:1234567812345678"]);
        }
        args.extend(["-CAfile", "root.pem", "ocsp.pem"]);
        let out = openssl(dir.path(), &args);
        assert!(out.contains("ocsp.pem: OK"), "{ca:?}: {out}");
        let text = openssl(
            dir.path(),
            &[
                "x509", "-in", "ocsp.pem", "-noout", "-text", "-nameopt", "utf8",
            ],
        );
        let name = format!("CN=InfoPlus Dev {} OCSP Responder", ca.label());
        assert!(text.contains(&name), "{text}");
        assert!(text.contains("OCSP Signing"), "{text}");
        assert!(text.contains("OCSP No Check"), "{text}");
        assert!(text.contains("X509v3 Key Usage: critical"), "{text}");
        assert!(text.contains("Digital Signature\n"), "{text}");
        // Its key is of the root's algorithm, and not the root's.
        let key = pki.responder(ca).certificate().unwrap();
        let spki = key.tbs_certificate().subject_public_key_info();
        assert!(ca.kind().holds(spki), "{ca:?}");
        let root = pki.root(ca).certificate().unwrap();
        assert_ne!(spki, root.tbs_certificate().subject_public_key_info());
        // It does not outlive its root.
        assert_eq!(
            key.tbs_certificate().validity().not_after,
            root.tbs_certificate().validity().not_after
        );
    }
}

#[test]
fn a_pki_stored_without_responders_gets_them_on_load() {
    let pki = pki();
    let old: Vec<_> = pki
        .to_pems()
        .into_iter()
        .filter(|(name, _)| !name.contains("-ocsp."))
        .collect();
    assert_eq!(old.len(), 8);
    let loaded = DevPki::from_pems(&old, now()).unwrap();
    assert_eq!(loaded.sm2_root, pki.sm2_root);
    assert_eq!(loaded.tsa, pki.tsa);
    for ca in RootCa::ALL {
        // New responders, under the same roots.
        assert_ne!(loaded.responder(ca), pki.responder(ca));
        let responder = loaded.responder(ca).certificate().unwrap();
        assert_eq!(loaded.issuer_of(&responder), Some(ca));
    }
    // Stored, they load as they are.
    let again = DevPki::from_pems(&loaded.to_pems(), now()).unwrap();
    assert_eq!(again, loaded);
}

#[test]
fn seal_certificates_name_their_roots_responder_and_crl_at_the_origin() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    for (kind, slug) in [
        (KeyKind::Sm2, "sm2"),
        (KeyKind::EcdsaP256, "ecdsa"),
        (KeyKind::Rsa, "rsa"),
        (KeyKind::Ed25519, "ecdsa"),
    ] {
        let pair = seal_key(kind);
        let issued = pki
            .issue_seal_certificate_for_origin(
                kind,
                &pair.public_pem,
                "张三",
                77,
                now(),
                Some("http://127.0.0.1:8080"),
            )
            .unwrap();
        write(dir.path(), "seal.pem", &issued.cert_pem);
        let text = openssl(dir.path(), &["x509", "-in", "seal.pem", "-noout", "-text"]);
        let ocsp = format!("OCSP - URI:http://127.0.0.1:8080/ocsp/{slug}");
        let crl = format!("URI:http://127.0.0.1:8080/crl/{slug}.crl");
        assert!(text.contains(&ocsp), "{kind:?}: {text}");
        assert!(text.contains("X509v3 CRL Distribution Points"), "{text}");
        assert!(text.contains(&crl), "{kind:?}: {text}");
        let certificate = issued.certificate().unwrap();
        assert_eq!(pki.issuer_of(&certificate), Some(RootCa::for_kind(kind)));
    }
    // Without an origin, neither extension.
    let pair = seal_key(KeyKind::EcdsaP256);
    let issued = pki
        .issue_seal_certificate(KeyKind::EcdsaP256, &pair.public_pem, "x", 78, now())
        .unwrap();
    write(dir.path(), "seal.pem", &issued.cert_pem);
    let text = openssl(dir.path(), &["x509", "-in", "seal.pem", "-noout", "-text"]);
    assert!(!text.contains("Authority Information Access"), "{text}");
    assert!(!text.contains("CRL Distribution"), "{text}");
}
