//! Building the service URL and reading the return: nonce single use and
//! expiry, unknown and tampered returns, stripping our parameters.

use infoplus_signature_core::pending::{Claim, Pending, PendingStore};
use infoplus_signature_core::redirect::{
    read_return, return_url, service_url, strip_return_params, Nonce, RedirectError, ReturnParams,
    ReturnStatus, NONCE_TTL_MS,
};

const NOW: i64 = 1_763_800_000_000;

fn nonce(byte: u8) -> Nonce {
    Nonce::from_random(&[byte; 16]).unwrap()
}

fn pending(id: &str, seal: usize, time: i64) -> Pending {
    Pending {
        id: id.into(),
        seal,
        time,
        form: vec![("reason".into(), "family & friends".into())],
    }
}

#[test]
fn nonce_has_at_least_128_bits() {
    assert_eq!(
        Nonce::from_random(&[0xab; 16]).unwrap().as_str(),
        "ab".repeat(16)
    );
    assert_eq!(
        Nonce::from_random(&[1; 15]),
        Err(RedirectError::ShortNonce(15))
    );
    assert_eq!(Nonce::from_random(&[1; 32]).unwrap().as_str().len(), 64);
}

#[test]
fn service_url_carries_id_seal_return_and_state() {
    let url = service_url(
        "https://sign.example/sign",
        "7f3c",
        1,
        "https://form.example/leave?step=2#top",
        &nonce(0xab),
    )
    .unwrap();
    assert_eq!(
        url,
        format!(
            "https://sign.example/sign?id=7f3c&seal=1&return=https%3A%2F%2Fform.example%2Fleave%3Fstep%3D2%23top&state={}",
            "ab".repeat(16)
        )
    );
}

#[test]
fn service_url_keeps_the_services_own_query_and_fragment() {
    let n = nonce(1);
    let url = service_url("/sign?tenant=a#x", "id 1", 0, "/form", &n).unwrap();
    assert_eq!(
        url,
        format!(
            "/sign?tenant=a&id=id+1&seal=0&return=%2Fform&state={}#x",
            n.as_str()
        )
    );
    let url = service_url("/sign?", "i", 0, "/", &n).unwrap();
    assert!(url.starts_with("/sign?id=i&"), "{url}");
}

#[test]
fn service_url_refuses_unusable_services() {
    let n = nonce(1);
    assert!(matches!(
        service_url("javascript:alert(1)", "i", 0, "/", &n),
        Err(RedirectError::Service(_))
    ));
    assert_eq!(
        service_url(" ", "i", 0, "/", &n),
        Err(RedirectError::NoService)
    );
    assert_eq!(
        service_url("/sign", "", 0, "/", &n),
        Err(RedirectError::NoSignatureId)
    );
}

#[test]
fn return_url_drops_an_earlier_return_but_keeps_the_rest() {
    let page = "https://form.example/leave?a=1&sig_state=abc&sig_status=done&b=%E4%B8%AD#f";
    assert_eq!(
        return_url(page),
        "https://form.example/leave?a=1&b=%E4%B8%AD#f"
    );
    assert_eq!(
        return_url("https://form.example/leave"),
        "https://form.example/leave"
    );
}

#[test]
fn stripping_removes_only_our_parameters() {
    assert_eq!(
        strip_return_params("/f?sig_state=x&sig_status=failed&sig_error=no+key"),
        Some("/f".into())
    );
    assert_eq!(
        strip_return_params("/f?keep=sig_state&sig_state=x#frag"),
        Some("/f?keep=sig_state#frag".into())
    );
    assert_eq!(strip_return_params("/f?x=1"), None);
    assert_eq!(strip_return_params("/f"), None);
    // Encoded names are ours too.
    assert_eq!(
        strip_return_params("/f?sig%5Fstate=x&y=2"),
        Some("/f?y=2".into())
    );
}

#[test]
fn reading_the_return() {
    assert_eq!(
        read_return("/f?sig_state=s1&sig_status=done"),
        Some(ReturnParams {
            state: "s1".into(),
            status: Some(ReturnStatus::Done)
        })
    );
    assert_eq!(
        read_return("/f?sig_status=cancelled&sig_state=s1")
            .unwrap()
            .status,
        Some(ReturnStatus::Cancelled)
    );
    assert_eq!(
        read_return(
            "/f?sig_state=s1&sig_status=failed&sig_error=%E8%AF%81%E4%B9%A6%E8%BF%87%E6%9C%9F"
        )
        .unwrap()
        .status,
        Some(ReturnStatus::Failed(Some("证书过期".into())))
    );
    assert_eq!(
        read_return("/f?sig_state=s1&sig_status=failed&sig_error=+")
            .unwrap()
            .status,
        Some(ReturnStatus::Failed(None))
    );
    assert_eq!(
        read_return("/f?sig_status=done"),
        None,
        "no state: not a return"
    );
    assert_eq!(read_return("/f?sig_state=&sig_status=done"), None);
    assert_eq!(
        read_return("/f#sig_state=s1"),
        None,
        "the fragment is not the query"
    );
}

#[test]
fn a_tampered_status_is_no_status() {
    for status in ["DONE", "ok", "", "done;x"] {
        let url = format!("/f?sig_state=s1&sig_status={status}");
        assert_eq!(read_return(&url).unwrap().status, None, "{status}");
    }
    assert_eq!(read_return("/f?sig_state=s1").unwrap().status, None);
}

#[test]
fn a_valid_return_is_claimed_once() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("doc", 1, NOW));
    let state = nonce(1).as_str().to_owned();
    assert_eq!(
        store.claim(&state, "doc", NOW + 60_000),
        Claim::Mine(pending("doc", 1, NOW))
    );
    assert_eq!(
        store.claim(&state, "doc", NOW + 61_000),
        Claim::Unknown,
        "reused"
    );
    assert!(store.is_empty());
}

#[test]
fn an_unknown_state_is_unknown() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("doc", 0, NOW));
    assert_eq!(store.claim(nonce(2).as_str(), "doc", NOW), Claim::Unknown);
    assert_eq!(store.len(), 1, "the real one is kept");
}

#[test]
fn another_controls_return_is_left_for_it() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("other", 0, NOW));
    let state = nonce(1).as_str().to_owned();
    assert_eq!(store.claim(&state, "doc", NOW), Claim::Other);
    assert!(store.contains(&state));
    assert!(matches!(store.claim(&state, "other", NOW), Claim::Mine(_)));
}

#[test]
fn a_return_expires_after_30_minutes() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("doc", 0, NOW));
    store.insert(nonce(2), pending("doc", 0, NOW));
    let (s1, s2) = (nonce(1).as_str().to_owned(), nonce(2).as_str().to_owned());
    assert!(
        matches!(store.claim(&s1, "doc", NOW + NONCE_TTL_MS), Claim::Mine(_)),
        "at the limit"
    );
    assert_eq!(
        store.claim(&s2, "doc", NOW + NONCE_TTL_MS + 1),
        Claim::Expired
    );
    assert!(store.is_empty(), "expired entries are removed");
}

#[test]
fn a_return_from_the_future_is_expired() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("doc", 0, NOW + 5_000));
    assert_eq!(store.claim(nonce(1).as_str(), "doc", NOW), Claim::Expired);
}

#[test]
fn inserting_purges_expired_entries() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("doc", 0, NOW));
    store.insert(nonce(2), pending("doc", 0, NOW + NONCE_TTL_MS + 1));
    assert_eq!(store.len(), 1);
}

#[test]
fn the_store_survives_json_and_ignores_garbage() {
    let mut store = PendingStore::default();
    store.insert(nonce(1), pending("doc", 2, NOW));
    let text = store.to_json();
    assert_eq!(PendingStore::from_json(Some(&text)), store);
    assert!(PendingStore::from_json(Some("{not json")).is_empty());
    assert!(PendingStore::from_json(Some(r#"{"a": 1}"#)).is_empty());
    assert!(PendingStore::from_json(None).is_empty());
}
