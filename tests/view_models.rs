//! What the views show, computed natively from machine states: titles and
//! labels, which buttons exist and when they work, which image addresses
//! are refused, and the words for failures and verdicts in both languages.
#![cfg(not(target_arch = "wasm32"))]

use infoplus_signature::i18n::{human_bytes, Lang};
use infoplus_signature::views::{Image, SealModel, StatusModel};
use infoplus_signature_core::machine::*;
use infoplus_signature_core::verdict::{SealVerdict, ValidSeal};
use infoplus_signature_core::{signature_from_str, Signature};

fn signature() -> Signature {
    signature_from_str(
        r#"{"id":"doc","uri":"/api/files/doc","size":2048,"seals":[
            {"placeHolder":"申请人签章","x":380,"y":600,"signer":{"account":"zhangsan","name":"张三"}},
            {"signer":{"name":"李四"},"signature":"MEUC","algorithm":"SM2withSM3",
             "image":"/provider/seals/x.svg","description":"<img src=x onerror=alert(1)> 李四"}
        ]}"#,
    )
    .unwrap()
}

fn settings() -> Settings {
    Settings {
        signature_id: Some("doc".into()),
        engine: Some("http://e.example/api".into()),
        service: Some("/sign".into()),
        ..Settings::default()
    }
}

fn ready(settings: Settings, signature: Signature) -> State {
    State::with_phase(
        settings,
        Phase::Ready {
            doc: Document::new(signature, Some("\"v\"".into())),
            notice: None,
        },
    )
}

/// Relative addresses resolve against the engine, as the browser would.
fn resolve(url: &str) -> Option<String> {
    Some(if url.starts_with('/') {
        format!("http://e.example{url}")
    } else {
        url.to_owned()
    })
}

#[test]
fn an_unsigned_seal_shows_who_where_and_a_stamp_button() {
    let m = SealModel::of(&ready(settings(), signature()), 0, Lang::ZhCn, &resolve).unwrap();
    assert_eq!(m.title, "印章 1 · 申请人签章");
    assert_eq!(m.name, "申请人签章");
    assert_eq!(m.signer.as_deref(), Some("张三 (zhangsan)"));
    assert_eq!(m.position.as_deref(), Some("位置 (380, 600)"));
    assert!(!m.signed && !m.busy);
    assert_eq!((m.stamp, m.verify, m.delete), (Some(true), None, None));
    assert_eq!(m.image, None);
}

#[test]
fn a_signed_seal_shows_its_stamp_as_text_and_offers_verify_and_delete() {
    let m = SealModel::of(&ready(settings(), signature()), 1, Lang::En, &resolve).unwrap();
    assert_eq!(m.title, "Seal 2");
    assert_eq!(m.name, "李四", "no placeholder: the signer names it");
    assert_eq!(
        m.image,
        Some(Image::Shown("http://e.example/provider/seals/x.svg".into()))
    );
    // Kept verbatim: the view puts it in a text node, so it stays text.
    assert_eq!(
        m.description.as_deref(),
        Some("<img src=x onerror=alert(1)> 李四")
    );
    assert_eq!(
        (m.stamp, m.verify, m.delete),
        (None, Some(true), Some(true))
    );
}

#[test]
fn only_the_last_pdf_signature_seal_offers_delete() {
    let s = signature_from_str(
        r#"{"id":"doc","uri":"/api/files/doc","size":2048,"seals":[
            {"signature":"MIIB","privateKey":"c","pdfRevision":1},
            {"signature":"MIIC","privateKey":"c","pdfRevision":2},
            {}
        ]}"#,
    )
    .unwrap();
    let state = ready(settings(), s);
    let first = SealModel::of(&state, 0, Lang::ZhCn, &resolve).unwrap();
    let last = SealModel::of(&state, 1, Lang::ZhCn, &resolve).unwrap();
    assert_eq!((first.delete, first.delete_blocked), (None, true));
    assert_eq!((last.delete, last.delete_blocked), (Some(true), false));
    assert_eq!(first.verify, Some(true), "still verifiable");
    assert_eq!(
        Lang::ZhCn.delete_blocked(),
        "此印章之后还有印章，请先删除最后加盖的印章"
    );
    assert!(Lang::En
        .delete_blocked()
        .contains("delete the last one first"));
    // Read-only: neither a button nor the reason.
    let mut readonly = settings();
    readonly.readonly = true;
    let ro = SealModel::of(
        &ready(readonly, state.document().unwrap().signature.clone()),
        0,
        Lang::En,
        &resolve,
    )
    .unwrap();
    assert_eq!((ro.delete, ro.delete_blocked), (None, false));
}

#[test]
fn only_http_and_relative_images_are_shown() {
    for (raw, shown) in [
        ("javascript:alert(1)", false),
        (" JavaScript:alert(1)", false),
        ("data:image/svg+xml,<svg onload=alert(1)>", false),
        ("file:///etc/passwd", false),
        ("https://cdn.example/seal.png", true),
        ("seal.png", true),
    ] {
        let mut s = signature();
        s.seals[1].image = Some(raw.into());
        let m = SealModel::of(&ready(settings(), s), 1, Lang::En, &resolve).unwrap();
        assert_eq!(matches!(m.image, Some(Image::Shown(_))), shown, "{raw}");
        if !shown {
            assert_eq!(m.image, Some(Image::Refused), "{raw}");
        }
    }
}

#[test]
fn readonly_keeps_verify_and_disabled_keeps_nothing() {
    let readonly = Settings {
        readonly: true,
        ..settings()
    };
    let unsigned =
        SealModel::of(&ready(readonly.clone(), signature()), 0, Lang::En, &resolve).unwrap();
    let signed = SealModel::of(&ready(readonly, signature()), 1, Lang::En, &resolve).unwrap();
    assert_eq!(
        (unsigned.stamp, signed.verify, signed.delete),
        (None, Some(true), None)
    );

    let disabled = Settings {
        disabled: true,
        ..settings()
    };
    let signed = SealModel::of(&ready(disabled, signature()), 1, Lang::En, &resolve).unwrap();
    assert_eq!(
        (signed.stamp, signed.verify, signed.delete),
        (None, None, None)
    );
}

#[test]
fn buttons_stay_but_are_unavailable_while_something_is_under_way() {
    let (deleting, _) = transition(&ready(settings(), signature()), Event::Delete(1));
    let busy = SealModel::of(&deleting, 1, Lang::En, &resolve).unwrap();
    let other = SealModel::of(&deleting, 0, Lang::En, &resolve).unwrap();
    assert!(busy.busy && !other.busy);
    assert_eq!((busy.verify, busy.delete), (Some(false), Some(false)));
    assert_eq!(other.stamp, Some(false));
}

#[test]
fn a_verdict_shows_under_its_seal() {
    let mut doc = Document::new(signature(), None);
    let verdict = SealVerdict::Valid(ValidSeal {
        algorithm: "SM2withSM3".into(),
        key_fingerprint: "ab".repeat(32),
        certificate: None,
        signer_allowed: Some(true),
        pdf_signature: None,
    });
    doc.verdicts.insert(1, verdict.clone());
    let state = State::with_phase(
        settings(),
        Phase::Ready {
            doc,
            notice: Some(Notice::Verified { seal: 1 }),
        },
    );
    assert_eq!(
        SealModel::of(&state, 1, Lang::En, &resolve)
            .unwrap()
            .verdict,
        Some(verdict)
    );
    assert_eq!(
        SealModel::of(&state, 0, Lang::En, &resolve)
            .unwrap()
            .verdict,
        None
    );
    assert_eq!(StatusModel::of(&state, Lang::En).notice, Some("verified"));
}

#[test]
fn the_status_line_in_each_kind_of_state() {
    let loading = transition(&State::new(settings()), Event::Start(Start::Remote)).0;
    let m = StatusModel::of(&loading, Lang::En);
    assert!(m.waiting && m.busy && m.error.is_none());
    assert_eq!(m.text, "Loading the signature…");

    let failed = State::with_phase(
        settings(),
        Phase::Failed {
            last_good: Some(Document::new(signature(), None)),
            failure: Failure {
                step: Step::Delete,
                problem: Problem::Http { status: 500 },
                retry: Retry::Delete(1),
            },
        },
    );
    let m = StatusModel::of(&failed, Lang::En);
    assert_eq!(m.text, "", "the error box speaks for failures");
    assert_eq!(
        m.error,
        Some((
            "http",
            "Could not delete the seal; it was kept: the server answered HTTP 500".into(),
            true
        ))
    );
    let m = StatusModel::of(&failed, Lang::ZhCn);
    assert_eq!(
        m.error.unwrap().1,
        "删除印章失败，印章已保留：服务器返回错误 HTTP 500"
    );

    let (verifying, _) = transition(&ready(settings(), signature()), Event::Verify(1));
    let m = StatusModel::of(&verifying, Lang::En);
    assert_eq!(m.progress, Some((0, Some(2048))));
    assert_eq!(m.text, "Verifying: 0 B of 2 KB downloaded");
}

#[test]
fn failures_name_the_step_and_the_reason_in_both_languages() {
    let timeout = Failure {
        step: Step::Load,
        problem: Problem::Timeout,
        retry: Retry::Load,
    };
    assert_eq!(
        Lang::En.failure(&timeout),
        "Could not load the signature: the server did not answer within 15 seconds"
    );
    assert_eq!(
        Lang::ZhCn.failure(&timeout),
        "读取签章信息失败：服务器在 15 秒内没有响应"
    );
    let unreadable = Failure {
        step: Step::Return,
        problem: Problem::Unreadable {
            detail: "field `seals[0].x`".into(),
        },
        retry: Retry::Load,
    };
    assert!(Lang::En
        .failure(&unreadable)
        .contains("the engine returned an unreadable signature structure"));
    let engine = Problem::Engine {
        errno: 3,
        ecode: "DENIED".into(),
        message: "无权限".into(),
    };
    assert_eq!(
        Lang::En.problem(&engine),
        "the engine said: 无权限 (DENIED, 3)"
    );
}

#[test]
fn languages_and_sizes() {
    assert_eq!(Lang::from_attribute(None), Lang::ZhCn);
    assert_eq!(Lang::from_attribute(Some("en-US")), Lang::En);
    assert_eq!(Lang::from_attribute(Some(" EN")), Lang::En);
    assert_eq!(Lang::from_attribute(Some("fr")), Lang::ZhCn);
    assert_eq!(human_bytes(12), "12 B");
    assert_eq!(human_bytes(2048), "2 KB");
    assert_eq!(human_bytes(20 * 1024 * 1024), "20.0 MB");
    assert_eq!(human_bytes(1_572_864), "1.5 MB");
}

#[test]
fn every_verdict_has_words() {
    let verdicts = [
        SealVerdict::Invalid {
            algorithm: "SM2withSM3".into(),
            key_fingerprint: None,
            pdf_signature: None,
        },
        SealVerdict::Unsupported {
            algorithm: "MD5".into(),
        },
        SealVerdict::NotPdf {
            detail: "PNG".into(),
        },
        SealVerdict::TooLarge {
            limit: 1000,
            size: None,
        },
        SealVerdict::Unavailable {
            reason: "HTTP 404".into(),
        },
    ];
    let en: Vec<String> = verdicts.iter().map(|v| Lang::En.verdict(v)).collect();
    assert!(en[0].starts_with("Invalid: the document changed since sealing"));
    assert_eq!(en[1], "Unsupported algorithm: MD5");
    assert_eq!(en[3], "The document is too large (?); the limit is 1000 B");
    assert!(en[4].contains("HTTP 404"));
    for v in &verdicts {
        assert_ne!(Lang::ZhCn.verdict(v), Lang::En.verdict(v));
    }
}

#[test]
fn the_document_line_names_the_document_and_links_only_safe_addresses() {
    use infoplus_signature::views::DocumentModel;
    let mut sig = signature();
    sig.name = Some("请假申请.pdf".into());
    let m = DocumentModel::of(&ready(settings(), sig.clone()), Lang::En, &resolve).unwrap();
    assert_eq!(m.name, "请假申请.pdf");
    assert_eq!(m.size.as_deref(), Some("2 KB"));
    assert_eq!(m.href.as_deref(), Some("http://e.example/api/files/doc"));
    assert!(!m.refused);
    assert_eq!(m.label, "Open 请假申请.pdf (2 KB) in a new tab");

    // No name: the address's last segment; no size: none shown.
    sig.name = None;
    sig.size = None;
    let m = DocumentModel::of(&ready(settings(), sig.clone()), Lang::ZhCn, &resolve).unwrap();
    assert_eq!((m.name.as_str(), m.size.as_deref()), ("doc", None));
    assert_eq!(m.label, "在新标签页中打开 doc");

    // A `javascript:` address is named, never linked.
    sig.uri = Some(" javascript:alert(1)".into());
    sig.name = Some("x.pdf".into());
    let m = DocumentModel::of(&ready(settings(), sig.clone()), Lang::En, &resolve).unwrap();
    assert_eq!((m.href.as_deref(), m.refused), (None, true));
    assert_eq!(m.name, "x.pdf");

    // No document yet (before the first export): it comes with the stamp.
    sig.uri = None;
    let m = DocumentModel::of(&ready(settings(), sig.clone()), Lang::En, &resolve).unwrap();
    assert_eq!(m.name, "The document is generated when you stamp");
    assert_eq!((m.href, m.size, m.refused), (None, None, false));
    // ... unless nothing can be stamped here.
    let readonly = Settings {
        readonly: true,
        ..settings()
    };
    assert_eq!(
        DocumentModel::of(&ready(readonly, sig), Lang::En, &resolve),
        None
    );
}
