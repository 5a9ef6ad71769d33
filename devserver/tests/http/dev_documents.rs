//! Dev-only documents: arbitrary bytes or a large padded export stored as a
//! Signature's document and sealed over exactly those bytes; none of it
//! exists without `--dev-faults`.

use crate::common::{client, start, Server};
use crate::raw_signature::verifies_raw;

async fn post(server: &Server, path: &str, body: Vec<u8>) -> (u16, serde_json::Value) {
    let r = client()
        .post(server.url(path))
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

#[tokio::test]
async fn routes_do_not_exist_without_the_flag() {
    let server = start(false).await;
    for path in ["/dev/document/e2e-x", "/dev/large/e2e-x?mib=1"] {
        let r = client()
            .post(server.url(path))
            .body("x")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn arbitrary_bytes_become_the_sealed_document() {
    let server = start(true).await;
    let hostile = b"%PDF-1.7\n1 0 obj << /Kids [1 0 R] >> garbage".to_vec();
    let (status, body) = post(&server, "/dev/document/e2e-hostile", hostile.clone()).await;
    assert_eq!(status, 200, "{body}");
    let (sig, _) = server.s1("e2e-hostile").await;
    assert_eq!(sig["size"].as_u64(), Some(hostile.len() as u64));
    assert_eq!(sig["mime"], "application/pdf");
    let stored = server.bytes(sig["uri"].as_str().unwrap()).await;
    assert_eq!(stored, hostile);
    let seal = &sig["seals"][0];
    assert_eq!(seal["signer"]["account"], "zhangsan");
    let (ok, text) = verifies_raw(seal, &stored);
    assert!(ok, "the seal must be over exactly the posted bytes: {text}");

    // Unsigned on request; another seal on request.
    let (status, _) = post(&server, "/dev/document/e2e-plain?sign=false", b"x".to_vec()).await;
    assert_eq!(status, 200);
    let (sig, _) = server.s1("e2e-plain").await;
    assert!(sig["seals"][0]["signature"].is_null(), "{sig}");
    let (status, body) = post(
        &server,
        "/dev/document/e2e-ecdsa?seal=seal-zhangsan-ecdsa",
        b"%PDF-1.4\n%%EOF\n".to_vec(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        server.s1("e2e-ecdsa").await.0["seals"][0]["algorithm"],
        "SHA256withECDSA"
    );
    let (status, _) = post(&server, "/dev/document/e2e-x?seal=nope", b"x".to_vec()).await;
    assert_eq!(status, 400);
    let (status, _) = post(&server, "/dev/document/e2e-x?sign=maybe", b"x".to_vec()).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn large_documents_are_padded_pdfs_and_sealed() {
    let server = start(true).await;
    let (status, body) = post(&server, "/dev/large/e2e-large?mib=3", Vec::new()).await;
    assert_eq!(status, 200, "{body}");
    let (sig, _) = server.s1("e2e-large").await;
    let size = sig["size"].as_u64().unwrap();
    assert!(size >= 3 * 1024 * 1024, "{size}");
    let stored = server.bytes(sig["uri"].as_str().unwrap()).await;
    assert_eq!(stored.len() as u64, size);
    assert!(stored.starts_with(b"%PDF-"));
    assert!(stored.ends_with(b"%%EOF\n"));
    let (ok, text) = verifies_raw(&sig["seals"][0], &stored);
    assert!(ok, "{text}");
    for bad in ["0", "65", "x"] {
        let (status, _) = post(
            &server,
            &format!("/dev/large/e2e-large?mib={bad}"),
            Vec::new(),
        )
        .await;
        assert_eq!(status, 400, "mib={bad}");
    }
}
