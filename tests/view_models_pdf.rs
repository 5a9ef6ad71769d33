//! What the views say about the PDF's own signatures (§6a), natively: the
//! document's banner and each signature's words, in both languages.
#![cfg(not(target_arch = "wasm32"))]

use infoplus_signature::audit::Audit;
use infoplus_signature::i18n::Lang;
use infoplus_signature::views::{common_name, BannerModel, FixedZone, SignatureModel};
use infoplus_signature_core::verdict::{PdfReport, PdfSignature, Widget};
use infoplus_signature_core::verdict_pdf::*;

fn signature(check: Option<SignatureCheck>) -> PdfSignature {
    PdfSignature {
        field: Some("Signature1".into()),
        other_fields: Vec::new(),
        signer: Some("<b>Dict Name</b>".into()),
        time: Some("D:20261201093000Z".into()),
        reason: None,
        sub_filter: Some("adbe.pkcs7.detached".into()),
        byte_range: Some(vec![0, 10, 20, 30]),
        byte_range_well_formed: true,
        covers_whole_file: false,
        widget: Some(Widget {
            page: 2,
            rect: [380.0, 600.0, 500.0, 660.0],
        }),
        revision: Some(2),
        check,
    }
}

/// The viewer's zone in these tests: China's, UTC+8 all year.
fn shanghai() -> FixedZone {
    FixedZone {
        name: Some("Asia/Shanghai".into()),
        offset_minutes: 8 * 60,
    }
}

fn intact_but_unknown() -> SignatureCheck {
    SignatureCheck {
        status: SignatureStatus::Indeterminate,
        integrity: Integrity::Intact,
        identity: Identity::UnknownIssuer,
        coverage: Coverage::Revision,
        changes_after: vec![ChangeClass::Signing, ChangeClass::Other],
        changes: vec![
            Change {
                object: 7,
                role: ChangeRole::Signature,
                class: ChangeClass::Signing,
                page: None,
                field: Some("Signature2".into()),
            },
            Change {
                object: 11,
                role: ChangeRole::PageContent,
                class: ChangeClass::Other,
                page: Some(1),
                field: None,
            },
        ],
        certification: Some(Certification {
            permissions: 2,
            permitted: false,
        }),
        format: SignatureFormat::Cms,
        algorithm: Some("SHA256withRSA".into()),
        key: Some("RSA-2048".into()),
        certificate: Some(SignerCertificate {
            subject: "CN=张三\\, 测试,O=Example Org,C=CN".into(),
            issuer: "C=CN,O=Test CA,CN=Test Root".into(),
            serial: "01".into(),
            not_before: "2026-01-01T00:00:00Z".into(),
            not_after: "2027-01-01T00:00:00Z".into(),
            fingerprint: "ab".repeat(32),
        }),
        signing_time: Some(SigningTime {
            time: "2026-12-01T09:30:00Z".into(),
            source: TimeSource::SignedAttribute,
        }),
        timestamp: None,
        warnings: vec![Warning::RevocationNotChecked],
        level: None,
        ltv: false,
        revocation: None,
        seal: None,
        detail: None,
    }
}

fn report(verdict: Option<DocumentVerdict>, signatures: Vec<PdfSignature>) -> PdfReport {
    PdfReport::Parsed {
        verdict,
        pages: 1,
        signatures,
        encrypted: false,
        warnings: Vec::new(),
    }
}

fn audit(trust_problem: Option<&str>) -> Audit {
    Audit {
        document_sha256: Some("00ff".repeat(16)),
        verified_at: "2026-12-01T10:00:00.000Z".into(),
        report: serde_json::json!({}),
        trust_problem: trust_problem.map(str::to_owned),
        document: None,
        seals: Vec::new(),
        event: String::new(),
    }
}

#[test]
fn the_banner_names_the_document_verdict_in_both_languages() {
    let cases = [
        (
            DocumentVerdict::Valid,
            "valid",
            "Every signature in the document is valid",
            "文件中的签名全部有效",
        ),
        (
            DocumentVerdict::Indeterminate,
            "indeterminate",
            "At least one signature has problems",
            "至少一个签名存在问题",
        ),
        (
            DocumentVerdict::Invalid,
            "invalid",
            "At least one signature is invalid",
            "至少一个签名无效",
        ),
        (
            DocumentVerdict::Unsigned,
            "unsigned",
            "The document has no embedded signature",
            "文件中没有内嵌签名",
        ),
    ];
    for (verdict, name, en, zh) in cases {
        let r = report(Some(verdict), vec![]);
        let banner = BannerModel::of(&r, None, Lang::En).unwrap();
        assert_eq!(banner.verdict, name);
        assert!(banner.text.starts_with(en), "{}", banner.text);
        let banner = BannerModel::of(&r, None, Lang::ZhCn).unwrap();
        assert!(banner.text.starts_with(zh), "{}", banner.text);
    }
}

#[test]
fn a_pdf_without_signatures_is_unsigned_and_listed_only_signatures_get_no_banner() {
    let unsigned = BannerModel::of(&report(None, vec![]), None, Lang::En).unwrap();
    assert_eq!(unsigned.verdict, "unsigned");
    assert_eq!(
        BannerModel::of(&report(None, vec![signature(None)]), None, Lang::En),
        None
    );
    let unreadable = PdfReport::Unreadable { reason: "x".into() };
    assert_eq!(BannerModel::of(&unreadable, None, Lang::En), None);
}

#[test]
fn the_banner_carries_the_trust_problem_and_the_document_digest() {
    let r = report(Some(DocumentVerdict::Indeterminate), vec![]);
    let a = audit(Some("trust-roots `javascript:x`: not http(s)"));
    let banner = BannerModel::of(&r, Some(&a), Lang::En).unwrap();
    assert_eq!(
        banner.trust_problem.as_deref(),
        Some("The trusted certificates could not be used: trust-roots `javascript:x`: not http(s)")
    );
    assert_eq!(banner.document_sha256, a.document_sha256);
    let zh = BannerModel::of(&r, Some(&a), Lang::ZhCn).unwrap();
    assert!(zh
        .trust_problem
        .unwrap()
        .starts_with("未能使用受信任的证书："));
}

#[test]
fn an_intact_signature_by_an_unknown_issuer_in_words() {
    let m = SignatureModel::of(
        &signature(Some(intact_but_unknown())),
        Lang::En,
        &shanghai(),
    )
    .unwrap();
    assert_eq!(m.status, "indeterminate");
    assert_eq!(m.headline, "Intact, but not confirmed · Signature1");
    let expected = [
        "Unchanged since it was signed",
        "Identity unknown: the certificate is not from a trusted issuer",
        // Report times are UTC; the viewer reads them in their own zone.
        "Valid from 1 Jan 2026, 08:00:00 (Asia/Shanghai, UTC+8) to 1 Jan 2027, 08:00:00 (Asia/Shanghai, UTC+8)",
        "Signed at 1 Dec 2026, 17:30:00 (Asia/Shanghai, UTC+8), according to the signer's clock",
        "Algorithm: SHA256withRSA (RSA-2048)",
        "Covers the version it signed; the file was added to afterwards",
        // Where, in words: the page and the field, not object numbers.
        "Changed after this signature: page 1 (other changes (page content, …)); field “Signature2” (further signatures)",
        "Certification signature: form filling and signing allowed; later changes are not permitted",
    ];
    // Names short (name · organisation), the full name behind them.
    assert_eq!(
        m.names
            .iter()
            .map(|n| (n.label.as_str(), n.short.as_str(), n.full.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                "Signed by",
                "张三, 测试 · Example Org",
                "CN=张三\\, 测试,O=Example Org,C=CN"
            ),
            (
                "Issuer",
                "Test Root · Test CA",
                "C=CN,O=Test CA,CN=Test Root"
            ),
        ]
    );
    let fingerprint = m.fingerprint.as_ref().expect("a fingerprint");
    assert_eq!(fingerprint.short, "abab abab … abab");
    assert_eq!(fingerprint.full, "ab".repeat(32));
    assert_eq!(m.place, "On page 2");
    let version = m.signed_version.as_ref().expect("a signed version");
    assert_eq!((version.end, version.revision), (20 + 30, 2));
    assert_eq!(version.file_name, "signed-version-2-Signature1.pdf");
    assert_eq!(version.label, "Open the version it signed (revision 2)");
    assert_eq!(m.lines, expected);
    assert_eq!(
        m.warnings,
        ["No revocation data from after the signing: whether the certificate was revoked is not known"]
    );
}

#[test]
fn the_same_signature_in_chinese() {
    let m = SignatureModel::of(
        &signature(Some(intact_but_unknown())),
        Lang::ZhCn,
        &shanghai(),
    )
    .unwrap();
    assert_eq!(m.headline, "签名完好，但无法确认 · Signature1");
    assert!(
        m.lines
            .contains(&"身份未知：证书并非由受信任的机构颁发".to_owned()),
        "{:?}",
        m.lines
    );
    assert!(m.lines.contains(
        &"签署时间 2026年12月1日 17:30:00（Asia/Shanghai，UTC+8），来源：签署人自己的时钟"
            .to_owned()
    ));
    assert!(m.lines.contains(
        &"此签名之后的修改：第 1 页（其他修改（页面内容等））；字段“Signature2”（追加签名）"
            .to_owned()
    ));
    assert_eq!(
        m.warnings,
        ["文件中没有签署之后的吊销信息，无法确认证书是否已被吊销"]
    );
    assert_eq!(m.place, "位于第 2 页");
}

#[test]
fn a_trusted_timestamped_signature() {
    let mut check = intact_but_unknown();
    check.status = SignatureStatus::Valid;
    check.identity = Identity::Trusted;
    check.coverage = Coverage::WholeFile;
    check.changes_after.clear();
    check.certification = None;
    check.warnings.clear();
    check.signing_time = Some(SigningTime {
        time: "2026-12-01T09:30:00Z".into(),
        source: TimeSource::Timestamp,
    });
    check.timestamp = Some(TimestampInfo {
        time: "2026-12-01T09:30:00Z".into(),
        authority: Some("CN=Example TSA".into()),
        intact: true,
        trusted: true,
    });
    let m = SignatureModel::of(&signature(Some(check.clone())), Lang::En, &shanghai()).unwrap();
    assert_eq!(m.status, "valid");
    assert!(m.lines.contains(&"Signer verified".to_owned()));
    assert!(
        m.lines.contains(
            &"Signed at 1 Dec 2026, 17:30:00 (Asia/Shanghai, UTC+8), according to timestamp authority Example TSA"
                .to_owned()
        ),
        "{:?}",
        m.lines
    );
    assert!(
        !m.lines.iter().any(|l| l.starts_with("Covers")),
        "whole-file coverage goes unsaid"
    );
    let zh = SignatureModel::of(&signature(Some(check)), Lang::ZhCn, &shanghai()).unwrap();
    assert!(zh.lines.contains(&"签署人已验证".to_owned()));
    assert!(zh
        .lines
        .iter()
        .any(|l| l.contains("时间戳机构 Example TSA")));
}

#[test]
fn an_altered_signature_without_certificate_names_the_dictionary_signer_as_text() {
    let check = SignatureCheck {
        integrity: Integrity::Altered,
        identity: Identity::NoCertificate,
        ..SignatureCheck::default()
    };
    let m = SignatureModel::of(&signature(Some(check)), Lang::En, &shanghai()).unwrap();
    assert_eq!(m.status, "invalid");
    assert_eq!(m.headline, "Invalid signature · Signature1");
    assert_eq!(m.lines[0], "The signed content was altered");
    assert_eq!(m.lines[1], "The signature carries no certificate");
    assert_eq!(
        m.lines[2], "Signed by: <b>Dict Name</b>",
        "kept as text, not markup"
    );
    assert_eq!(
        SignatureModel::of(&signature(None), Lang::En, &shanghai()),
        None
    );
}

#[test]
fn common_names_from_rfc_4514() {
    assert_eq!(common_name("CN=Alice,O=Org"), "Alice");
    assert_eq!(common_name("O=Org,cn=Bob"), "Bob");
    assert_eq!(common_name("CN=A\\,B,O=Org"), "A,B");
    assert_eq!(common_name("O=Only Org"), "O=Only Org");
    assert_eq!(common_name(""), "");
}

#[test]
fn every_warning_has_its_own_words_in_both_languages() {
    use infoplus_signature_core::verdict_pdf::Warning;
    for lang in [Lang::En, Lang::ZhCn] {
        let mut seen = std::collections::HashSet::new();
        for &warning in Warning::ALL {
            let words = lang.warning(warning);
            assert!(
                !words.is_empty() && words != warning.code(),
                "{warning:?} in {lang:?}: {words:?}"
            );
            assert!(
                seen.insert(words),
                "{warning:?} shares its words in {lang:?}"
            );
        }
    }
    // Chinese words are Chinese, English ones are not.
    for &warning in Warning::ALL {
        assert!(
            Lang::ZhCn.warning(warning).chars().any(|c| c > '\u{2e80}'),
            "{warning:?}"
        );
        assert!(Lang::En.warning(warning).is_ascii(), "{warning:?}");
    }
    assert_eq!(
        Lang::En.warning(Warning::TimestampUntrusted),
        "The timestamp authority is not trusted"
    );
}

#[test]
fn documents_the_world_makes_in_words() {
    // A bare value, a field sharing its signature, the verifier's reason.
    let mut check = intact_but_unknown();
    check.format = SignatureFormat::Raw;
    check.integrity = Integrity::Unsupported;
    check.detail = Some("a bare signature value".into());
    let mut sig = signature(Some(check));
    sig.other_fields = vec!["Copy".into(), "Copy2".into()];
    let m = SignatureModel::of(&sig, Lang::En, &shanghai()).unwrap();
    for line in [
        "A bare signature value: the document does not name its key",
        "The same signature also fills: Copy, Copy2",
        "The verifier says: a bare signature value",
    ] {
        assert!(
            m.lines.contains(&line.to_owned()),
            "{line} in {:?}",
            m.lines
        );
    }
    let zh = SignatureModel::of(&sig, Lang::ZhCn, &shanghai()).unwrap();
    assert!(zh
        .lines
        .contains(&"同一签名也出现在字段：Copy、Copy2".to_owned()));
    // An encrypted file whose cross-references were rebuilt: said on the banner.
    let r = PdfReport::Parsed {
        verdict: Some(DocumentVerdict::Indeterminate),
        pages: 1,
        signatures: vec![],
        encrypted: true,
        warnings: vec![Warning::XrefReconstructed],
    };
    let banner = BannerModel::of(&r, None, Lang::En).unwrap();
    assert_eq!(
        banner.notes,
        [
            "The document is encrypted (it opens without a password) and was decrypted to verify it",
            "The file's cross-reference table was wrong; it was rebuilt by scanning the file",
        ]
    );
}

fn sealed(image: Option<SealImage>, valid_at_signing: bool) -> SignatureCheck {
    SignatureCheck {
        format: SignatureFormat::Ses,
        seal: Some(Box::new(SealReport {
            name: "合同专用章".into(),
            id: "4401000000001".into(),
            kind: 1,
            version: 4,
            valid_from: Some("2026-01-01T00:00:00Z".into()),
            valid_to: Some("2027-01-01T00:00:00Z".into()),
            maker: Some("CN=Dev Seal Maker,O=InfoPlus Dev".into()),
            image,
            intact: true,
            valid_at_signing,
            signer_allowed: false,
            maker_identity: Identity::Trusted,
        })),
        ..intact_but_unknown()
    }
}

fn png(base64: &str) -> SealImage {
    SealImage {
        mime: "image/png".into(),
        declared: "png".into(),
        base64: base64.into(),
        width: Some(40),
        height: Some(40),
    }
}

#[test]
fn an_electronic_seal_shows_its_own_picture_and_facts() {
    let check = sealed(Some(png("iVBORw0KGgo=")), false);
    let model = SignatureModel::of(&signature(Some(check)), Lang::En, &shanghai()).unwrap();
    let seal = model.seal.expect("a seal card");
    assert_eq!(
        seal.picture.as_deref(),
        Some("data:image/png;base64,iVBORw0KGgo=")
    );
    assert_eq!(seal.alt, "The picture of the seal “合同专用章”");
    // 40 mm at 96 px per inch.
    assert_eq!(seal.size_px, Some((151, 151)));
    assert_eq!(
        seal.lines,
        [
            "Electronic seal: 合同专用章 (official seal)",
            "Made by Dev Seal Maker (trusted)",
            "Seal valid from 1 Jan 2026, 08:00:00 (Asia/Shanghai, UTC+8) to 1 Jan 2027, 08:00:00 (Asia/Shanghai, UTC+8); NOT valid when used",
            "The seal is unchanged; the signer may NOT use it",
            "Seal code 4401000000001 (GB/T 38540-2020)",
        ]
    );
    let zh = SignatureModel::of(
        &signature(Some(sealed(None, true))),
        Lang::ZhCn,
        &shanghai(),
    )
    .unwrap();
    let seal = zh.seal.unwrap();
    assert_eq!(seal.picture, None);
    assert!(seal.lines[2].ends_with("盖章时有效"), "{:?}", seal.lines);
}

#[test]
fn a_seal_picture_is_shown_only_as_an_image_of_a_known_type() {
    let mut script = png("PHN2Zz4=");
    script.mime = "text/html".into();
    let mut broken = png("iVBOR\"><script>");
    broken.width = Some(1000);
    for image in [script, broken] {
        let model = SignatureModel::of(
            &signature(Some(sealed(Some(image), true))),
            Lang::En,
            &shanghai(),
        );
        let seal = model.unwrap().seal.unwrap();
        assert_eq!(seal.picture, None);
    }
    let mut svg = png("PHN2Zz4=");
    svg.mime = "image/svg+xml".into();
    svg.width = Some(1000);
    let model = SignatureModel::of(
        &signature(Some(sealed(Some(svg), true))),
        Lang::En,
        &shanghai(),
    );
    let seal = model.unwrap().seal.unwrap();
    assert_eq!(
        seal.picture.as_deref(),
        Some("data:image/svg+xml;base64,PHN2Zz4=")
    );
    // A size no seal has is not asked of the page.
    assert_eq!(seal.size_px, None);
}
