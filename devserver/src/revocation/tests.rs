//! [`validation_data`] and the stored state checked natively: the OCSP
//! response decoded with our ASN.1, its signature verified with RustCrypto
//! against the responder's key, its CertID recomputed from the root; the
//! CRL's signature against the root's key. (OpenSSL checks the same over
//! HTTP in `tests/http/revocation.rs`.)

use der::{Decode, Encode};
use infoplus_signature_verify::Hash;
use signature::Verifier;
use spki::DecodePublicKey;
use time::Duration;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::Certificate;

use super::state::{ocsp_response, serial_key};
use super::*;
use crate::keys::{self, SM2_DISTID};
use crate::pki::ocsp_asn1::{
    BasicOcspResponse, CertStatus, OcspResponse, OcspResponseStatus, ResponderId, RevokedInfo,
};
use crate::pki::tests::{now, pki};
use crate::pki::{query_for_certificate, Issued, KeyKind, RootCa};
use crate::store::{Revocation, SealCertificate, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    (dir, store)
}

/// A seal certificate of `kind`, stored as seal `seal_id`'s when `stored`.
fn seal_certificate(store: &Store, kind: KeyKind, seal_id: &str, stored: bool) -> Issued {
    let pair = keys::generate(kind.algorithm()).unwrap();
    let serial = crate::certificates::random_serial().unwrap();
    let issued = pki()
        .issue_seal_certificate(kind, &pair.public_pem, seal_id, serial, now())
        .unwrap();
    if stored {
        store
            .insert_seal_certificate(&SealCertificate {
                seal_id: seal_id.to_owned(),
                cert_pem: issued.cert_pem.clone(),
            })
            .unwrap();
    }
    issued
}

/// Does `signature` over `message` hold under the certificate's key?
fn holds(kind: KeyKind, certificate: &Certificate, message: &[u8], signature: &[u8]) -> bool {
    let spki = certificate
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .unwrap();
    match kind {
        KeyKind::Sm2 => {
            let key = sm2::PublicKey::from_public_key_der(&spki).unwrap();
            let key = sm2::dsa::VerifyingKey::new(SM2_DISTID, key).unwrap();
            sm2::dsa::Signature::from_der(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
        }
        KeyKind::EcdsaP256 => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki).unwrap();
            p256::ecdsa::Signature::from_der(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok())
        }
        KeyKind::Rsa => {
            let key = rsa::RsaPublicKey::from_public_key_der(&spki).unwrap();
            let key = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key);
            rsa::pkcs1v15::Signature::try_from(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok())
        }
        KeyKind::Ed25519 => unreachable!("no Ed25519 authority"),
    }
}

/// A successful basic response whose signature holds under the responder
/// certificate it carries, which is `ca`'s.
fn signed_basic(ca: RootCa, der: &[u8]) -> BasicOcspResponse {
    let response = OcspResponse::from_der(der).unwrap();
    assert_eq!(response.response_status, OcspResponseStatus::Successful);
    let bytes = response.response_bytes.unwrap();
    assert_eq!(bytes.response_type.to_string(), "1.3.6.1.5.5.7.48.1.1");
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes()).unwrap();
    let certs = basic.certs.clone().unwrap();
    let responder = pki().responder(ca).certificate().unwrap();
    assert_eq!(certs, vec![responder.clone()]);
    let tbs = basic.tbs_response_data.to_der().unwrap();
    let signature = basic.signature.as_bytes().unwrap();
    assert!(holds(ca.kind(), &responder, &tbs, signature), "{ca:?}");
    let key_bits = responder
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    assert_eq!(
        basic.tbs_response_data.responder_id,
        ResponderId::ByKey(der::asn1::OctetString::new(Hash::Sha1.digest(&[key_bits])).unwrap())
    );
    basic
}

#[test]
fn validation_data_holds_the_chain_a_good_answer_and_an_empty_crl() {
    let (_dir, store) = store();
    let at = now();
    for (kind, ca) in [
        (KeyKind::Sm2, RootCa::Sm2),
        (KeyKind::EcdsaP256, RootCa::Ecdsa),
        (KeyKind::Rsa, RootCa::Rsa),
    ] {
        let issued = seal_certificate(&store, kind, ca.slug(), true);
        let data = validation_data(&store, pki(), &issued.cert_der, at).unwrap();
        let root = pki().root(ca);
        assert_eq!(
            data.certificates,
            vec![
                issued.cert_der.clone(),
                root.cert_der.clone(),
                pki().responder(ca).cert_der.clone()
            ]
        );
        let [ocsp] = data.ocsps.as_slice() else {
            panic!("one OCSP response");
        };
        let basic = signed_basic(ca, ocsp);
        let answer = &basic.tbs_response_data;
        let [single] = answer.responses.as_slice() else {
            panic!("one answer");
        };
        assert_eq!(single.cert_status, CertStatus::Good(der::asn1::Null));
        // The CertID, recomputed: SHA-1 of the root's name and key bits.
        let root = root.certificate().unwrap();
        let tbs = root.tbs_certificate();
        let id = &single.cert_id;
        assert_eq!(id.hash_algorithm.oid.to_string(), "1.3.14.3.2.26");
        let name_hash = Hash::Sha1.digest(&[&tbs.subject().to_der().unwrap()]);
        let key_bits = tbs.subject_public_key_info().subject_public_key.raw_bytes();
        assert_eq!(id.issuer_name_hash.as_bytes(), name_hash.as_slice());
        assert_eq!(
            id.issuer_key_hash.as_bytes(),
            Hash::Sha1.digest(&[key_bits]).as_slice()
        );
        let seal = issued.certificate().unwrap();
        let serial = seal.tbs_certificate().serial_number().as_bytes();
        assert_eq!(serial_key(id.serial_number.as_bytes()), serial_key(serial));
        let unix = |t: &der::asn1::GeneralizedTime| t.to_unix_duration().as_secs();
        let at_unix = u64::try_from(at.unix_timestamp()).unwrap();
        assert_eq!(unix(&answer.produced_at), at_unix);
        assert_eq!(unix(&single.this_update), at_unix);
        assert_eq!(
            single.next_update.as_ref().map(unix),
            Some(at_unix + 86_400)
        );

        let [crl] = data.crls.as_slice() else {
            panic!("one CRL");
        };
        let crl = CertificateList::<x509_cert::certificate::Rfc5280>::from_der(crl).unwrap();
        let tbs_crl = crl.tbs_cert_list.to_der().unwrap();
        let signature = crl.signature.as_bytes().unwrap();
        assert!(holds(ca.kind(), &root, &tbs_crl, signature), "{ca:?} CRL");
        assert_eq!(&crl.tbs_cert_list.issuer, tbs.subject());
        assert_eq!(crl.tbs_cert_list.revoked_certificates, None);
    }
}

#[test]
fn a_revoked_certificate_is_revoked_in_the_answer_and_the_crl() {
    let (_dir, store) = store();
    let issued = seal_certificate(&store, KeyKind::EcdsaP256, "seal", true);
    let seal = issued.certificate().unwrap();
    let serial = serial_key(seal.tbs_certificate().serial_number().as_bytes());
    let revoked_at = now() - Duration::days(5);
    store
        .put_revocation(&Revocation {
            ca: "ecdsa".into(),
            serial: serial.clone(),
            revoked_at: revoked_at.unix_timestamp(),
            reason: 1,
        })
        .unwrap();
    let data = validation_data(&store, pki(), &issued.cert_der, now()).unwrap();
    let basic = signed_basic(RootCa::Ecdsa, &data.ocsps[0]);
    let CertStatus::Revoked(RevokedInfo {
        revocation_time,
        revocation_reason,
    }) = &basic.tbs_response_data.responses[0].cert_status
    else {
        panic!("revoked: {basic:?}");
    };
    assert_eq!(
        revocation_time.to_unix_duration().as_secs(),
        u64::try_from(revoked_at.unix_timestamp()).unwrap()
    );
    assert_eq!(*revocation_reason, Some(CrlReason::KeyCompromise));
    let crl = CertificateList::<x509_cert::certificate::Rfc5280>::from_der(&data.crls[0]).unwrap();
    let entries = crl.tbs_cert_list.revoked_certificates.unwrap();
    let [entry] = entries.as_slice() else {
        panic!("one entry");
    };
    assert_eq!(&entry.serial_number, seal.tbs_certificate().serial_number());
    let reason = entry.crl_entry_extensions.as_ref().unwrap();
    assert_eq!(reason[0].extn_value.as_bytes(), [0x0a, 0x01, 0x01]);
}

#[test]
fn serials_the_root_did_not_issue_and_other_roots_are_unknown() {
    let (_dir, store) = store();
    // Issued but never stored: not a certificate the provider knows.
    let stray = seal_certificate(&store, KeyKind::EcdsaP256, "stray", false);
    let data = validation_data(&store, pki(), &stray.cert_der, now()).unwrap();
    let basic = signed_basic(RootCa::Ecdsa, &data.ocsps[0]);
    let status = &basic.tbs_response_data.responses[0].cert_status;
    assert_eq!(*status, CertStatus::Unknown(der::asn1::Null));
    // A CertID naming the SM2 root, asked of the ECDSA responder.
    let known = seal_certificate(&store, KeyKind::Sm2, "known", true);
    let certificate = known.certificate().unwrap();
    let query = query_for_certificate(pki(), RootCa::Sm2, &certificate, Hash::Sha256).unwrap();
    let der = ocsp_response(&store, pki(), RootCa::Ecdsa, &query, now()).unwrap();
    let basic = signed_basic(RootCa::Ecdsa, &der);
    let status = &basic.tbs_response_data.responses[0].cert_status;
    assert_eq!(*status, CertStatus::Unknown(der::asn1::Null));
    // The SM2 responder knows it, by SHA-256 CertID too.
    let der = ocsp_response(&store, pki(), RootCa::Sm2, &query, now()).unwrap();
    let basic = signed_basic(RootCa::Sm2, &der);
    let status = &basic.tbs_response_data.responses[0].cert_status;
    assert_eq!(*status, CertStatus::Good(der::asn1::Null));
    // The authorities' own certificates are the roots' too.
    let tsa = pki().tsa.certificate().unwrap();
    let query = query_for_certificate(pki(), RootCa::Ecdsa, &tsa, Hash::Sha1).unwrap();
    let der = ocsp_response(&store, pki(), RootCa::Ecdsa, &query, now()).unwrap();
    let basic = signed_basic(RootCa::Ecdsa, &der);
    let status = &basic.tbs_response_data.responses[0].cert_status;
    assert_eq!(*status, CertStatus::Good(der::asn1::Null));
}

#[test]
fn what_is_not_a_dev_seal_certificate_is_refused() {
    let (_dir, store) = store();
    assert!(matches!(
        validation_data(&store, pki(), b"not DER", now()),
        Err(RevocationError::Certificate(_))
    ));
    // A certificate with our ECDSA root's name as issuer, from another key
    // (as another devserver's database would have).
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt"])
        .args(["ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem"])
        .args([
            "-subj",
            "/C=CN/O=InfoPlus Dev/CN=InfoPlus Dev ECDSA Root CA",
        ])
        .args(["-outform", "DER", "-out", "c.der"])
        .current_dir(dir.path())
        .output()
        .expect("run openssl");
    assert!(out.status.success(), "{out:?}");
    let foreign = std::fs::read(dir.path().join("c.der")).unwrap();
    let certificate = Certificate::from_der(&foreign).unwrap();
    let ours = pki().ecdsa_root.certificate().unwrap();
    assert_eq!(
        certificate.tbs_certificate().issuer(),
        ours.tbs_certificate().subject()
    );
    assert!(matches!(
        validation_data(&store, pki(), &foreign, now()),
        Err(RevocationError::NotADevRoot(_))
    ));
}
