//! The electronic seal (spec §6d): stamping with "张三 电子印章 (GB/T 38540)"
//! puts a GB/T 38540 `SES_Signature` in the PDF whose picture is the one the
//! form shows. OpenSSL checks its two SM2 signatures and its dataHash from
//! the bytes (read with RustCrypto's `der`, not with our reader); our
//! verifier calls it valid with the dev roots and hands the seal on.

use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use infoplus_signature_core::Signature;
use infoplus_signature_verify::{verify_all, Options};
use serde_json::Value;

use crate::common::{param, start};
use crate::openssl::trust_roots;
use crate::pdfsig::signatures;

/// The elements of a SEQUENCE, each as its whole TLV.
fn elements(der: &[u8]) -> Vec<Vec<u8>> {
    let sequence = AnyRef::from_der(der).expect("DER");
    assert_eq!(sequence.tag(), Tag::Sequence);
    let mut reader = SliceReader::new(sequence.value()).unwrap();
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(reader.tlv_bytes().unwrap().to_vec());
    }
    out
}

fn value(tlv: &[u8]) -> Vec<u8> {
    AnyRef::from_der(tlv).unwrap().value().to_vec()
}

/// A BIT STRING's bits (no unused bits).
fn bits(tlv: &[u8]) -> Vec<u8> {
    let content = value(tlv);
    assert_eq!(content[0], 0, "no unused bits");
    content[1..].to_vec()
}

/// `openssl pkeyutl -verify` of an SM2 signature (DER) over `message` with
/// the key of `certificate` (DER), GM/T 0009's distinguishing id.
fn sm2_verifies(dir: &Path, certificate: &[u8], message: &[u8], signature: &[u8]) -> String {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let cert = write("cert.der", certificate);
    let pem = dir.join("cert.pem");
    let out = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-in"])
        .arg(&cert)
        .arg("-out")
        .arg(&pem)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = Command::new("openssl")
        .args(["pkeyutl", "-verify", "-certin", "-inkey"])
        .arg(&pem)
        .args([
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            "distid:1234567812345678",
            "-in",
        ])
        .arg(write("message.bin", message))
        .arg("-sigfile")
        .arg(write("signature.der", signature))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[tokio::test]
async fn an_electronic_seal_is_a_gbt_38540_signature_with_the_forms_picture() {
    let server = start(false).await;
    server.export("ses").await;
    let back = server
        .stamp("zhangsan", "ses", 0, "seal-zhangsan-ses")
        .await;
    assert_eq!(
        param(&back, "sig_status").as_deref(),
        Some("done"),
        "{back}"
    );
    let sig = server.s1("ses").await.0;
    let pdf = server.bytes(sig["uri"].as_str().unwrap()).await;
    let found = signatures(&pdf);
    assert_eq!(found.len(), 1);
    let ses = &found[0].cms;
    let seal = &sig["seals"][0];
    assert_eq!(
        STANDARD
            .decode(seal["signature"].as_str().unwrap())
            .unwrap(),
        *ses
    );
    let image_path = seal["image"].as_str().unwrap();
    let form_picture = server.bytes(image_path).await;

    // SES_Signature { TBS_Sign, cert, signatureAlgID, signature, [0] timeStamp }.
    let outer = elements(ses);
    assert_eq!(outer.len(), 5, "v4 with a timestamp");
    assert_eq!(outer[4][0], 0xa0, "timeStamp [0] EXPLICIT");
    let tbs = elements(&outer[0]);
    let eseal = elements(&tbs[1]);
    let info = elements(&eseal[0]);
    let picture = elements(&info[3]);
    assert_eq!(value(&picture[0]), b"svg");
    assert_eq!(
        value(&picture[1]),
        form_picture,
        "the picture the form shows"
    );
    let property = elements(&info[2]);
    assert_eq!(
        String::from_utf8(value(&property[1])).unwrap(),
        "张三 电子印章 (GB/T 38540)"
    );

    let dir = tempfile::tempdir().unwrap();
    let signer_cert = value(&outer[1]);
    assert_eq!(
        sm2_verifies(dir.path(), &signer_cert, &outer[0], &bits(&outer[3])),
        "Signature Verified Successfully",
        "the signer over TBS_Sign"
    );
    assert_eq!(
        sm2_verifies(dir.path(), &value(&eseal[1]), &eseal[0], &bits(&eseal[3])),
        "Signature Verified Successfully",
        "the maker over esealInfo"
    );
    let content = dir.path().join("content.bin");
    std::fs::write(&content, found[0].signed_bytes(&pdf)).unwrap();
    let out = Command::new("openssl")
        .args(["dgst", "-sm3", "-r"])
        .arg(&content)
        .output()
        .unwrap();
    let digest = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        digest.split_whitespace().next(),
        Some(hex::encode(bits(&tbs[3])).as_str()),
        "dataHash is the SM3 of the ByteRange bytes"
    );

    let roots = trust_roots(&server).await;
    let options = Options {
        roots_pem: vec![roots],
        ..Options::default()
    };
    let report = verify_all(&Signature::default(), &pdf, &options);
    let report = serde_json::to_value(report.pdf).unwrap();
    let check = &report["signatures"][0];
    assert_eq!(check["status"], "valid", "{check:#}");
    assert_eq!(check["format"], "ses");
    assert_eq!(check["signingTime"]["source"], "timestamp", "{check:#}");
    let seal_report: &Value = &check["seal"];
    assert_eq!(seal_report["name"], "张三 电子印章 (GB/T 38540)");
    assert_eq!(seal_report["type"], 2);
    assert_eq!(seal_report["intact"], true);
    assert_eq!(seal_report["makerIdentity"], "trusted");
    assert_eq!(seal_report["image"]["type"], "image/svg+xml");
    let shown = STANDARD
        .decode(seal_report["image"]["base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(shown, form_picture);
}
