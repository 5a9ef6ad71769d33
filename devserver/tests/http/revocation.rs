//! The provider's revocation services over real HTTP (spec §6c), checked
//! by OpenSSL 3: each root's OCSP responder (OpenSSL's own client, POST;
//! GET with the base64 request), its CRL, the AIA/CRLDP URLs in the seal
//! certificates, `/dev/revoke` with a backdated time, and the revocation
//! kept across a restart.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use devserver::Config;
use reqwest::StatusCode;
use serde_json::{json, Value};
use time::macros::format_description;
use time::{Duration, OffsetDateTime};

use crate::common::{client, copy_template, start, start_with, Server};
use crate::openssl::trust_roots;
use crate::revocation_tools::{
    crl_signed_parts, ocsp_signed_parts, root_der, serial_hex, stamp_for_certificate, Work, SEALS,
};

async fn get(server: &Server, path: &str) -> (StatusCode, String, Vec<u8>) {
    let r = client().get(server.url(path)).send().await.unwrap();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (r.status(), kind, r.bytes().await.unwrap().to_vec())
}

async fn post(server: &Server, path: &str, kind: &str, body: Vec<u8>) -> (StatusCode, Vec<u8>) {
    let r = client()
        .post(server.url(path))
        .header("content-type", kind)
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status(), r.bytes().await.unwrap().to_vec())
}

async fn revoke(server: &Server, seal: &str, body: &str) -> (StatusCode, Vec<u8>) {
    let path = format!("/dev/revoke/{seal}");
    post(server, &path, "application/json", body.as_bytes().to_vec()).await
}

/// `openssl ocsp` asking `url` (or reading `respin`) about seal.pem, its
/// CertID with SHA-1 (OpenSSL's default) or `-sha256`: what it printed. SM2 answers are read with `-noverify` and their
/// signature checked piecewise (`Work::sm2_signature_holds`).
fn ask(work: &Work, ca: &str, digest: &str, source: &[&str]) -> String {
    let root = format!("{ca}-root.pem");
    let mut args = vec!["ocsp", "-issuer", &root, digest, "-cert", "seal.pem"];
    args.extend(source);
    args.extend(["-CAfile", "roots.pem", "-resp_text", "-respout", "out.der"]);
    if ca == "sm2" {
        args.push("-noverify");
    }
    let text = work.openssl_ok(&args);
    if ca == "sm2" {
        let response = std::fs::read(work.path("out.der")).unwrap();
        let (tbs, signature, responder) = ocsp_signed_parts(&response);
        work.sm2_signature_holds(&tbs, &signature, &responder);
    } else {
        assert!(text.contains("Response verify OK"), "{ca}: {text}");
    }
    text
}

/// The CRL of `ca`, its signature checked by OpenSSL; `openssl crl -text`.
async fn crl_text(server: &Server, work: &Work, ca: &str) -> String {
    let (status, kind, crl) = get(server, &format!("/crl/{ca}.crl")).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/pkix-crl")
    );
    work.put("crl.der", &crl);
    if ca == "sm2" {
        let (tbs, signature) = crl_signed_parts(&crl);
        work.sm2_signature_holds(&tbs, &signature, &root_der(work, ca));
    } else {
        let text = work.openssl_ok(&[
            "crl",
            "-inform",
            "DER",
            "-in",
            "crl.der",
            "-CAfile",
            "roots.pem",
            "-noout",
        ]);
        assert!(text.contains("verify OK"), "{ca}: {text}");
    }
    work.openssl_ok(&["crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_roots_responder_and_crl_answer_for_its_seals_as_openssl_expects() {
    let server = start(false).await;
    let work = Work::new(&trust_roots(&server).await);
    for (user, seal_id, ca) in SEALS {
        let pem = stamp_for_certificate(&server, user, seal_id, &format!("ocsp-{ca}")).await;
        work.put("seal.pem", pem.as_bytes());
        let text = work.openssl_ok(&["x509", "-in", "seal.pem", "-noout", "-text"]);
        let ocsp_url = server.url(&format!("/ocsp/{ca}"));
        assert!(text.contains(&format!("OCSP - URI:{ocsp_url}")), "{text}");
        let crl_url = server.url(&format!("/crl/{ca}.crl"));
        assert!(text.contains(&format!("URI:{crl_url}")), "{text}");

        // OpenSSL's client: POST, with a nonce (its default), which comes back.
        let text = ask(&work, ca, "-sha1", &["-url", &ocsp_url]);
        assert!(text.contains("seal.pem: good"), "{ca}: {text}");
        assert!(text.contains("OCSP Nonce"), "{ca}: {text}");
        assert!(!text.contains("WARNING"), "{ca}: {text}");
        assert!(text.contains("Responder Id: "), "{text}");
        assert!(text.contains("Next Update: "), "{text}");

        // GET (RFC 6960 Appendix A.1): the request in base64, URL-encoded;
        // also base64url and standard base64 with its slashes as they are.
        let root = format!("{ca}-root.pem");
        work.openssl_ok(&[
            "ocsp",
            "-issuer",
            &root,
            "-sha256",
            "-cert",
            "seal.pem",
            "-no_nonce",
            "-reqout",
            "req.der",
        ]);
        let request = std::fs::read(work.path("req.der")).unwrap();
        let standard = STANDARD.encode(&request);
        let encoded: String = form_urlencoded::byte_serialize(standard.as_bytes()).collect();
        for form in [encoded, URL_SAFE_NO_PAD.encode(&request), standard] {
            let (status, kind, body) = get(&server, &format!("/ocsp/{ca}/{form}")).await;
            assert_eq!(status, StatusCode::OK, "{form}");
            assert_eq!(kind, "application/ocsp-response");
            work.put("get.der", &body);
            let text = ask(&work, ca, "-sha256", &["-respin", "get.der"]);
            assert!(text.contains("seal.pem: good"), "{ca} GET: {text}");
            assert!(text.contains("Hash Algorithm: sha256"), "{text}");
        }

        let text = crl_text(&server, &work, ca).await;
        assert!(text.contains("No Revoked Certificates"), "{text}");
        assert!(text.contains("X509v3 CRL Number"), "{text}");
        assert!(text.contains("X509v3 Authority Key Identifier"), "{text}");
        assert!(text.contains("Next Update: "), "{text}");
    }
}

/// How `openssl ocsp` and `openssl crl` print a time.
fn openssl_time(t: OffsetDateTime) -> String {
    let format = format_description!(
        "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
    );
    t.format(&format).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backdated_revocation_shows_in_ocsp_and_the_crl_and_survives_a_restart() {
    let holder = tempfile::tempdir().unwrap();
    let db = holder.path().join("devserver.sqlite");
    copy_template(&db);
    let config = Config {
        db,
        dist: holder.path().join("dist"),
        dev_faults: true,
        allow_return: Vec::new(),
        origin: None,
    };
    let first = start_with(config.clone(), tempfile::tempdir().unwrap()).await;
    let work = Work::new(&trust_roots(&first).await);
    let (user, seal_id, ca) = SEALS[1];
    let pem = stamp_for_certificate(&first, user, seal_id, "revoke-me").await;
    work.put("seal.pem", pem.as_bytes());

    let now = OffsetDateTime::now_utc();
    let at = (now - Duration::days(2)).replace_nanosecond(0).unwrap();
    let body = json!({"reason": "keyCompromise", "at": at.format(&time::format_description::well_known::Rfc3339).unwrap()});
    let (status, _, answer) = first
        .post_json(&format!("/dev/revoke/{seal_id}"), &body.to_string(), None)
        .await;
    assert_eq!(status, 200, "{answer}");
    let revoked = &answer["entities"][0];
    assert_eq!(revoked["ca"], ca);
    assert_eq!(revoked["reason"], "keyCompromise");
    assert_eq!(revoked["serial"], serial_hex(&pem).to_lowercase());

    let check = |server: &Server| {
        let ocsp_url = server.url(&format!("/ocsp/{ca}"));
        let text = ask(&work, ca, "-sha1", &["-url", &ocsp_url]);
        assert!(text.contains("seal.pem: revoked"), "{text}");
        assert!(text.contains("Reason: keyCompromise"), "{text}");
        let when = format!("Revocation Time: {}", openssl_time(at));
        assert!(text.contains(&when), "{when}: {text}");
    };
    check(&first);
    let text = crl_text(&first, &work, ca).await;
    assert!(
        text.contains(&format!("Serial Number: {}", serial_hex(&pem))),
        "{text}"
    );
    assert!(
        text.contains(&format!("Revocation Date: {}", openssl_time(at))),
        "{text}"
    );
    assert!(text.contains("Key Compromise"), "{text}");
    drop(first);

    let second = start_with(config, tempfile::tempdir().unwrap()).await;
    check(&second);
    let text = crl_text(&second, &work, ca).await;
    assert!(
        text.contains(&format!("Serial Number: {}", serial_hex(&pem))),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_cannot_be_revoked_or_answered_is_refused() {
    let server = start(true).await;
    let status_of = |answer: (StatusCode, Vec<u8>)| {
        let body: Value = serde_json::from_slice(&answer.1).unwrap();
        (answer.0, body)
    };
    let (status, body) = status_of(revoke(&server, "no-such-seal", "{}").await);
    assert_eq!(status, 404, "{body}");
    // Never stamped: its certificate is issued at its first stamp.
    let (status, body) = status_of(revoke(&server, "seal-wangwu-sm2", "").await);
    assert_eq!(status, 409, "{body}");
    for bad in [
        r#"{"reason": "stolen"}"#.to_owned(),
        r#"{"at": "yesterday"}"#.to_owned(),
        json!({"at": OffsetDateTime::now_utc().replace_year(2999).unwrap().format(&time::format_description::well_known::Rfc3339).unwrap()}).to_string(),
        "[".to_owned(),
    ] {
        let (status, body) = status_of(revoke(&server, "seal-zhangsan-sm2", &bad).await);
        assert_eq!(status, 400, "{bad}: {body}");
    }
    // The seeded seal has a certificate (without AIA): revoked, unspecified.
    let (status, body) = status_of(revoke(&server, "seal-zhangsan-sm2", "").await);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["entities"][0]["reason"], "unspecified");

    // Unknown roots.
    let (status, _) = post(&server, "/ocsp/ed25519", "application/ocsp-request", vec![]).await;
    assert_eq!(status, 404);
    for path in ["/crl/ed25519.crl", "/crl/sm2", "/ocsp/dsa/MAA="] {
        assert_eq!(get(&server, path).await.0, 404, "{path}");
    }
    // A request that is no OCSPRequest: malformedRequest (1), unsigned.
    let malformed = vec![0x30, 0x03, 0x0a, 0x01, 0x01];
    let (status, body) = post(
        &server,
        "/ocsp/sm2",
        "application/ocsp-request",
        b"hello".to_vec(),
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, malformed.clone()));
    for path in ["/ocsp/rsa/not%20base64!", "/ocsp/ecdsa/MAA="] {
        let (status, kind, body) = get(&server, path).await;
        assert_eq!(
            (status, body),
            (StatusCode::OK, malformed.clone()),
            "{path}"
        );
        assert_eq!(kind, "application/ocsp-response");
    }

    // Without --dev-faults there is no revoking.
    let plain = start(false).await;
    let (status, _) = post(
        &plain,
        "/dev/revoke/seal-zhangsan-sm2",
        "application/json",
        vec![],
    )
    .await;
    assert_eq!(status, 404);
}
