//! PAdES B-LTA from the provider (spec §6c), over real HTTP: after each seal
//! a DSS with fresh OCSP responses and CRLs and a document timestamp.
//! pyHanko validates the ECDSA and RSA seals from the embedded data alone
//! (hard-fail, no fetching); OpenSSL verifies every embedded OCSP response
//! and CRL against the dev roots; our verifier says B-LTA and LTV. A
//! certificate revoked after sealing stays valid with the warning, a
//! backdated revocation makes the seal invalid, and `--online` (the
//! verifier's `online` feature) asks the responder itself.

use std::process::Command;

use infoplus_signature_core::Signature;
use infoplus_signature_verify::{verify_all, Options};
use serde_json::{json, Value};

use crate::common::{param, start, Server};
use crate::openssl::trust_roots;
use crate::revocation_tools::{crl_signed_parts, ocsp_signed_parts, root_der, Work};

/// A two-slot Signature `id`, exported, its slots stamped in order by
/// `seals` (user, seal id): the final PDF.
async fn stamp(server: &Server, id: &str, seals: &[(&str, &str)]) -> Vec<u8> {
    let body = json!({"seals": [
        {"x": 72, "y": 600, "placeHolder": "申请人签章"},
        {"x": 300, "y": 600, "placeHolder": "审批人签章"}
    ]});
    let (status, _, answer) = server
        .post_json(&format!("/api/signature/{id}"), &body.to_string(), None)
        .await;
    assert_eq!(status, 200, "{answer}");
    server.export(id).await;
    for (index, (user, seal)) in seals.iter().enumerate() {
        let back = server.stamp(user, id, index, seal).await;
        assert_eq!(
            param(&back, "sig_status").as_deref(),
            Some("done"),
            "{back}"
        );
    }
    let (signature, _) = server.s1(id).await;
    server.bytes(signature["uri"].as_str().unwrap()).await
}

/// Our verifier's report of the PDF's signatures, with the dev roots.
fn report(pdf: &[u8], roots: &str) -> Vec<Value> {
    verified(pdf, &options(roots))
}

fn options(roots: &str) -> Options {
    Options {
        roots_pem: vec![roots.to_owned()],
        ..Options::default()
    }
}

/// The report with what the certificates' own responders say now
/// (`seal-verify --online`): fetched on a blocking thread, so the test's
/// runtime keeps serving the responder meanwhile.
async fn report_online(pdf: &[u8], roots: &str) -> Vec<Value> {
    let mut options = options(roots);
    let (bytes, asked) = (pdf.to_vec(), options.clone());
    let fetched = tokio::task::spawn_blocking(move || {
        infoplus_signature_verify::online::fetch_revocation(&bytes, &asked)
    })
    .await
    .unwrap();
    assert!(fetched.failures.is_empty(), "{:?}", fetched.failures);
    assert!(!fetched.data.ocsps.is_empty(), "the responder was asked");
    options.online = fetched.data;
    verified(pdf, &options)
}

fn verified(pdf: &[u8], options: &Options) -> Vec<Value> {
    let report = verify_all(&Signature::default(), pdf, options);
    let pdf = serde_json::to_value(report.pdf).unwrap();
    pdf["signatures"].as_array().cloned().unwrap_or_default()
}

fn seals(signatures: &[Value]) -> Vec<&Value> {
    signatures
        .iter()
        .filter(|s| s["format"] != "timestamp")
        .collect()
}

fn warnings(signature: &Value) -> Vec<&str> {
    signature["warnings"]
        .as_array()
        .map(|w| w.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

const PYHANKO_LTV: &str = r#"
import json, sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.keys import load_certs_from_pemder

path, roots, out = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, 'rb') as f:
    reader = PdfFileReader(f, strict=False)
    dss = DocumentSecurityStore.read_dss(reader)
    # Embedded revocation data only: no fetching, and hard-fail, so a
    # certificate without data fails the signature.
    vc = dss.as_validation_context({
        'trust_roots': list(load_certs_from_pemder([roots])),
        'allow_fetching': False, 'revocation_mode': 'hard-fail'})
    for i, ocsp in enumerate(dss.ocsps):
        open(f'{out}/ocsp-{i}.der', 'wb').write(ocsp.get_object().data)
    for i, crl in enumerate(dss.crls):
        open(f'{out}/crl-{i}.der', 'wb').write(crl.get_object().data)
    for sig in reader.embedded_signatures:
        if sig.sig_object_type == '/DocTimeStamp':
            st = validate_pdf_timestamp(sig, validation_context=vc)
        else:
            st = validate_pdf_signature(sig, vc)
        print(json.dumps({'field': sig.field_name, 'intact': st.intact,
                          'valid': st.valid, 'trusted': st.trusted}))
"#;

#[tokio::test]
async fn ecdsa_and_rsa_seals_are_b_lta_for_pyhanko_openssl_and_us() {
    let server = start(false).await;
    let pdf = stamp(
        &server,
        "lta",
        &[
            ("zhangsan", "seal-zhangsan-ecdsa"),
            ("lisi", "seal-lisi-rsa"),
        ],
    )
    .await;
    let roots = trust_roots(&server).await;
    let all = report(&pdf, &roots);
    for seal in seals(&all) {
        assert_eq!(seal["status"], "valid", "{seal:#}");
        assert_eq!(seal["level"], "B-LTA", "{seal:#}");
        assert_eq!(seal["ltv"], true, "{seal:#}");
        assert_eq!(seal["revocation"]["status"], "good", "{seal:#}");
        assert!(
            !warnings(seal).contains(&"revocation-not-checked"),
            "{seal:#}"
        );
    }

    let Some(python) = crate::sealing::pyhanko_python() else {
        return;
    };
    let work = Work::new(&roots);
    let file = work.put("lta.pdf", &pdf);
    let script = work.put("ltv.py", PYHANKO_LTV.as_bytes());
    let out = Command::new(python)
        .arg(&script)
        .arg(&file)
        .arg(work.path("roots.pem"))
        .arg(work.dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "pyHanko: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        results.len(),
        4,
        "two seals, two document timestamps: {results:?}"
    );
    for r in &results {
        assert_eq!(
            (&r["intact"], &r["valid"], &r["trusted"]),
            (&json!(true), &json!(true), &json!(true)),
            "{r}"
        );
    }

    // OpenSSL on every OCSP response and CRL the DSS holds.
    let mut checked = (0, 0);
    for entry in std::fs::read_dir(work.dir.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("ocsp-") {
            let text = work.openssl_ok(&[
                "ocsp",
                "-respin",
                &name,
                "-CAfile",
                "roots.pem",
                "-resp_text",
            ]);
            assert!(text.contains("Response verify OK"), "{name}: {text}");
            checked.0 += 1;
        } else if name.starts_with("crl-") {
            let text = work.openssl_ok(&[
                "crl",
                "-inform",
                "DER",
                "-in",
                &name,
                "-CAfile",
                "roots.pem",
                "-noout",
            ]);
            assert!(text.contains("verify OK"), "{name}: {text}");
            checked.1 += 1;
        }
    }
    assert!(
        checked.0 >= 2 && checked.1 >= 2,
        "OCSP responses and CRLs checked: {checked:?}"
    );
}

/// SM2: OpenSSL 3.0 checks SM2 with the empty distinguishing id, so the
/// responses' and the CRL's signatures are checked piece by piece.
#[tokio::test]
async fn an_sm2_seal_is_b_lta_and_its_revocation_data_verifies() {
    let server = start(false).await;
    let pdf = stamp(&server, "lta-sm2", &[("lisi", "seal-lisi-sm2")]).await;
    let roots = trust_roots(&server).await;
    let all = report(&pdf, &roots);
    let seal = seals(&all)[0];
    assert_eq!(
        (&seal["level"], &seal["ltv"]),
        (&json!("B-LTA"), &json!(true)),
        "{seal:#}"
    );
    let work = Work::new(&roots);
    let Some((ocsps, crls)) = dss_items(&work, &pdf) else {
        return;
    };
    let root = root_der(&work, "sm2");
    let mut checked = 0;
    for ocsp in &ocsps {
        let (signed, signature, responder) = ocsp_signed_parts(ocsp);
        if responder != root && is_sm2(&responder) {
            work.sm2_signature_holds(&signed, &signature, &responder);
            checked += 1;
        }
    }
    for crl in &crls {
        let (signed, signature) = crl_signed_parts(crl);
        if signed
            .windows(8)
            .any(|w| w == [0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75])
        {
            work.sm2_signature_holds(&signed, &signature, &root);
            checked += 1;
        }
    }
    assert!(checked >= 2, "the SM2 OCSP response and CRL were checked");
}

fn is_sm2(certificate: &[u8]) -> bool {
    // id-ecPublicKey with the SM2 curve 1.2.156.10197.1.301.
    certificate
        .windows(10)
        .any(|w| w == [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d])
}

/// The DSS's OCSP responses and CRLs, as pyHanko reads them (not our
/// reader).
/// The DSS's OCSP responses and its CRLs, each DER.
type DssItems = (Vec<Vec<u8>>, Vec<Vec<u8>>);

fn dss_items(work: &Work, pdf: &[u8]) -> Option<DssItems> {
    let python = crate::sealing::pyhanko_python()?;
    let file = work.put("dss.pdf", pdf);
    let script = work.put("dump.py", DUMP_DSS.as_bytes());
    let out = Command::new(python)
        .arg(&script)
        .arg(&file)
        .arg(work.dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ocsps = Vec::new();
    let mut crls = Vec::new();
    for entry in std::fs::read_dir(work.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("ocsp-") {
            ocsps.push(std::fs::read(&path).unwrap());
        } else if name.starts_with("crl-") {
            crls.push(std::fs::read(&path).unwrap());
        }
    }
    assert!(!ocsps.is_empty() && !crls.is_empty());
    Some((ocsps, crls))
}

const DUMP_DSS: &str = r#"
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore
with open(sys.argv[1], 'rb') as f:
    dss = DocumentSecurityStore.read_dss(PdfFileReader(f, strict=False))
    for i, ocsp in enumerate(dss.ocsps):
        open(f'{sys.argv[2]}/ocsp-{i}.der', 'wb').write(ocsp.get_object().data)
    for i, crl in enumerate(dss.crls):
        open(f'{sys.argv[2]}/crl-{i}.der', 'wb').write(crl.get_object().data)
"#;

#[tokio::test]
async fn revoked_after_sealing_stays_valid_backdated_is_invalid() {
    let server = start(true).await;
    let roots = trust_roots(&server).await;
    let first = stamp(&server, "after", &[("zhangsan", "seal-zhangsan-ecdsa")]).await;
    let signed_at = seals(&report(&first, &roots))[0]["signingTime"]["time"]
        .as_str()
        .unwrap()
        .to_owned();
    // A second later, so the revocation is plainly after the signing.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    revoke(
        &server,
        "seal-zhangsan-ecdsa",
        &json!({"reason": "keyCompromise"}),
    )
    .await;

    // What the responder says now, asked online about the first file.
    let online = report_online(&first, &roots).await;
    let seal = seals(&online)[0];
    assert_eq!(seal["status"], "valid", "{seal:#}");
    assert!(
        warnings(seal).contains(&"revoked-after-signing"),
        "{seal:#}"
    );
    assert_eq!(seal["revocation"]["status"], "revoked");

    // Another seal on the same document brings fresh data for the first.
    let back = server.stamp("lisi", "after", 1, "seal-lisi-rsa").await;
    assert_eq!(
        param(&back, "sig_status").as_deref(),
        Some("done"),
        "{back}"
    );
    let (signature, _) = server.s1("after").await;
    let both = server.bytes(signature["uri"].as_str().unwrap()).await;
    let seal = seals(&report(&both, &roots))[0].clone();
    assert_eq!(seal["status"], "valid", "{seal:#}");
    assert!(
        warnings(&seal).contains(&"revoked-after-signing"),
        "{seal:#}"
    );
    assert_eq!(seal["revocation"]["reason"], "keyCompromise", "{seal:#}");

    // A revocation dated an hour before the first seal was made.
    let before =
        time::OffsetDateTime::parse(&signed_at, &time::format_description::well_known::Rfc3339)
            .unwrap()
            - time::Duration::hours(1);
    let at = before
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    revoke(
        &server,
        "seal-zhangsan-ecdsa",
        &json!({"reason": "keyCompromise", "at": at}),
    )
    .await;
    let both_again = stamp_again(&server, "after").await;
    let seal = seals(&report(&both_again, &roots))[0].clone();
    assert_eq!(seal["status"], "invalid", "{seal:#}");
    assert_eq!(seal["identity"], "revoked", "{seal:#}");
}

async fn revoke(server: &Server, seal: &str, body: &Value) {
    let r = crate::common::client()
        .post(server.url(&format!("/dev/revoke/{seal}")))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
}

/// Deletes the last seal of `id` and stamps it again: a fresh DSS for the
/// whole document, made after the latest revocation.
async fn stamp_again(server: &Server, id: &str) -> Vec<u8> {
    let (current, tag) = server.s1(id).await;
    let mut body = current.clone();
    for field in [
        "signature",
        "privateKey",
        "algorithm",
        "image",
        "description",
    ] {
        body["seals"][1].as_object_mut().unwrap().remove(field);
    }
    let (status, _, answer) = server
        .post_json(
            &format!("/api/signature/{id}"),
            &body.to_string(),
            Some(&tag),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let back = server.stamp("lisi", id, 1, "seal-lisi-rsa").await;
    assert_eq!(
        param(&back, "sig_status").as_deref(),
        Some("done"),
        "{back}"
    );
    let (signature, _) = server.s1(id).await;
    server.bytes(signature["uri"].as_str().unwrap()).await
}

/// `/dev/reset` forgets revocations: one test's revoked certificate is not
/// the next one's.
#[tokio::test]
async fn a_reset_forgets_revocations() {
    let server = start(true).await;
    let roots = trust_roots(&server).await;
    stamp(
        &server,
        "before-reset",
        &[("zhangsan", "seal-zhangsan-ecdsa")],
    )
    .await;
    revoke(
        &server,
        "seal-zhangsan-ecdsa",
        &json!({"reason": "keyCompromise"}),
    )
    .await;
    let r = crate::common::client()
        .post(server.url("/dev/reset"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let pdf = stamp(
        &server,
        "after-reset",
        &[("zhangsan", "seal-zhangsan-ecdsa")],
    )
    .await;
    let seal = seals(&report(&pdf, &roots))[0].clone();
    assert_eq!(seal["revocation"]["status"], "good", "{seal:#}");
    assert_eq!(seal["status"], "valid", "{seal:#}");
}
