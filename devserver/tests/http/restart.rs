//! Data survives a restart: a new server on the same database file serves
//! the same records, documents and keys.

use devserver::Config;
use serde_json::json;

use crate::common::{param, start_with};

#[tokio::test]
async fn records_files_and_keys_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    // A directory that does not exist yet: created on first start.
    let db = dir.path().join("nested/data/devserver.sqlite");
    let config = Config {
        db: db.clone(),
        dist: dir.path().join("dist"),
        dev_faults: false,
        allow_return: Vec::new(),
        origin: None,
    };
    let holder = tempfile::tempdir().unwrap();
    let first = start_with(config.clone(), holder).await;
    let (status, _, _) = first
        .post_json(
            "/api/signature/keep",
            &json!({"seals": [{"x": 1, "custom": "kept"}]}).to_string(),
            None,
        )
        .await;
    assert_eq!(status, 200);
    first.export("keep").await;
    let back = first
        .stamp("zhangsan", "keep", 0, "seal-zhangsan-sm2")
        .await;
    assert_eq!(param(&back, "sig_status").as_deref(), Some("done"));
    let (before, tag) = first.s1("keep").await;
    let document = first.bytes(before["uri"].as_str().unwrap()).await;
    let (sealed_before, _) = first.s1("demo-sealed").await;
    let roots_before = crate::openssl::trust_roots(&first).await;
    drop(first);
    assert!(db.exists(), "database file at the configured path");

    let second = start_with(config, tempfile::tempdir().unwrap()).await;
    let (after, tag_after) = second.s1("keep").await;
    assert_eq!(after, before);
    assert_eq!(tag_after, tag);
    assert_eq!(second.bytes(after["uri"].as_str().unwrap()).await, document);
    // Seeded once: the demo records (and the keys that sealed them) are the same.
    assert_eq!(second.s1("demo-sealed").await.0, sealed_before);
    // The provider's roots are the same, and the seal's certificate (its
    // `privateKey`) too: both are kept in the database.
    assert_eq!(crate::openssl::trust_roots(&second).await, roots_before);
    // The same key signs on: zhangsan's certificate is unchanged.
    second.export("keep-2").await;
    second
        .stamp("zhangsan", "keep-2", 0, "seal-zhangsan-sm2")
        .await;
    let (again, _) = second.s1("keep-2").await;
    assert_eq!(
        again["seals"][0]["privateKey"],
        before["seals"][0]["privateKey"]
    );
}
