//! The hand-written reader of verification results reads exactly what the
//! derived `Serialize` writes (the worker writes, the control reads).

use infoplus_signature_core::verdict::*;
use infoplus_signature_core::verdict_pdf;
use serde_json::json;

fn every_verdict() -> Vec<SealVerdict> {
    vec![
        SealVerdict::Valid(ValidSeal {
            algorithm: "SM2withSM3".into(),
            key_fingerprint: "ab".repeat(32),
            certificate: Some(CertificateInfo {
                subject: "CN=张三".into(),
                issuer: "CN=Test CA".into(),
                not_before: "2026-01-01T00:00:00Z".into(),
                not_after: "2027-01-01T00:00:00Z".into(),
            }),
            signer_allowed: Some(false),
            pdf_signature: None,
        }),
        SealVerdict::Valid(ValidSeal {
            algorithm: "Ed25519".into(),
            key_fingerprint: "cd".repeat(32),
            certificate: None,
            signer_allowed: None,
            pdf_signature: Some("Signature1".into()),
        }),
        SealVerdict::Invalid {
            algorithm: "SHA256withECDSA".into(),
            key_fingerprint: Some("ef".into()),
            pdf_signature: None,
        },
        SealVerdict::Indeterminate {
            algorithm: "SM2withSM3".into(),
            pdf_signature: "Seal2".into(),
        },
        SealVerdict::Invalid {
            algorithm: "".into(),
            key_fingerprint: None,
            pdf_signature: Some("Seal1".into()),
        },
        SealVerdict::Unsupported {
            algorithm: "MD5withRSA".into(),
        },
        SealVerdict::Malformed {
            part: MalformedPart::Key,
            detail: "not PEM".into(),
        },
        SealVerdict::Malformed {
            part: MalformedPart::Signature,
            detail: "bad base64".into(),
        },
        SealVerdict::Unavailable {
            reason: "HTTP 404".into(),
        },
        SealVerdict::NotPdf {
            detail: "starts with PNG".into(),
        },
        SealVerdict::TooLarge {
            limit: 1000,
            size: Some(2000),
        },
        SealVerdict::TooLarge {
            limit: 1000,
            size: None,
        },
        SealVerdict::Unsigned,
    ]
}

/// An embedded signature with every §6a field filled (but the check's
/// `detail`: see `the_reason_and_the_detail_both_survive_the_trip`).
fn checked() -> PdfSignature {
    use verdict_pdf::*;
    PdfSignature {
        field: Some("Seal1".into()),
        other_fields: vec!["Seal1Copy".into(), "Form.Seal1".into()],
        signer: None,
        time: None,
        reason: Some("盖章".into()),
        sub_filter: Some("ETSI.CAdES.detached".into()),
        byte_range: Some(vec![0, 10, 30, 40]),
        byte_range_well_formed: true,
        covers_whole_file: true,
        widget: Some(Widget {
            page: 3,
            rect: [72.5, 100.0, 272.5, 160.25],
        }),
        revision: Some(2),
        check: Some(SignatureCheck {
            status: SignatureStatus::Indeterminate,
            integrity: Integrity::Intact,
            identity: Identity::UnknownIssuer,
            coverage: Coverage::Revision,
            changes_after: vec![ChangeClass::Signing, ChangeClass::FormFill],
            changes: vec![
                Change {
                    object: 12,
                    role: ChangeRole::Field,
                    class: ChangeClass::FormFill,
                    page: None,
                    field: Some("Form.Name".into()),
                },
                Change {
                    object: 15,
                    role: ChangeRole::SignatureField,
                    class: ChangeClass::Signing,
                    page: Some(2),
                    field: Some("Seal2".into()),
                },
            ],
            certification: Some(Certification {
                permissions: 2,
                permitted: true,
            }),
            format: SignatureFormat::CmsGm,
            algorithm: Some("SM2withSM3".into()),
            key: Some("SM2".into()),
            certificate: Some(SignerCertificate {
                subject: "CN=张三".into(),
                issuer: "CN=Dev SM2 Root".into(),
                serial: "01ab".into(),
                not_before: "2026-01-01T00:00:00Z".into(),
                not_after: "2027-01-01T00:00:00Z".into(),
                fingerprint: "ab".repeat(32),
            }),
            signing_time: Some(SigningTime {
                time: "2026-11-22T10:00:00Z".into(),
                source: TimeSource::Timestamp,
            }),
            timestamp: Some(TimestampInfo {
                time: "2026-11-22T10:00:00Z".into(),
                authority: Some("CN=Dev TSA".into()),
                intact: true,
                trusted: false,
            }),
            warnings: vec![Warning::Sm2EmptyId, Warning::RevokedAfterSigning],
            level: Some(PadesLevel::BLta),
            ltv: true,
            revocation: Some(RevocationReport {
                status: RevocationStatus::Revoked,
                source: RevocationSource::Vri,
                produced_at: Some("2026-11-23T10:00:00Z".into()),
                revoked_at: Some("2026-11-23T00:00:00Z".into()),
                reason: Some("keyCompromise".into()),
            }),
            seal: None,
            detail: None,
        }),
    }
}

/// An electronic-seal signature (§6d) with its seal and picture.
fn ses_sealed() -> PdfSignature {
    use verdict_pdf::*;
    PdfSignature {
        field: Some("Seal1".into()),
        sub_filter: Some("fxit.sm.detached".into()),
        check: Some(SignatureCheck {
            format: SignatureFormat::Ses,
            integrity: Integrity::Intact,
            identity: Identity::Trusted,
            status: SignatureStatus::Invalid,
            warnings: vec![Warning::SealOutsideValidity],
            seal: Some(Box::new(verdict_pdf::SealReport {
                name: "合同专用章".into(),
                id: "4401000000001".into(),
                kind: 1,
                version: 1,
                valid_from: Some("2026-01-01T00:00:00Z".into()),
                valid_to: None,
                maker: Some("CN=Dev Seal Maker".into()),
                image: Some(SealImage {
                    mime: "image/png".into(),
                    declared: "png".into(),
                    base64: "iVBORw0KGgo=".into(),
                    width: Some(40),
                    height: None,
                }),
                intact: true,
                valid_at_signing: false,
                signer_allowed: true,
                maker_identity: Identity::SelfSigned,
            })),
            ..SignatureCheck::default()
        }),
        ..not_understood()
    }
}

/// A signature without `/Reason`, in a format of §6b, not understood (its
/// check's `detail` is left out here: see `the_reason_and_the_detail_both_survive_the_trip`).
fn not_understood() -> PdfSignature {
    use verdict_pdf::*;
    PdfSignature {
        field: Some("Signature2".into()),
        other_fields: vec![],
        signer: None,
        time: None,
        reason: None,
        sub_filter: Some("adbe.x509.rsa_sha1".into()),
        byte_range: Some(vec![0, 10, 30, 40]),
        byte_range_well_formed: true,
        covers_whole_file: true,
        widget: None,
        revision: None,
        check: Some(SignatureCheck {
            format: SignatureFormat::Raw,
            integrity: Integrity::Unsupported,
            ..SignatureCheck::default()
        }),
    }
}

#[test]
fn every_verdict_and_pdf_report_survives_the_trip() {
    let report = VerifyReport {
        seals: every_verdict()
            .into_iter()
            .enumerate()
            .map(|(index, verdict)| SealReport { index, verdict })
            .collect(),
        pdf: Some(PdfReport::Parsed {
            verdict: Some(verdict_pdf::DocumentVerdict::Indeterminate),
            pages: 3,
            signatures: vec![
                checked(),
                not_understood(),
                ses_sealed(),
                PdfSignature {
                    field: Some("Signature1".into()),
                    other_fields: vec![],
                    signer: Some("Zhang San".into()),
                    time: Some("D:20261122100000Z".into()),
                    reason: None,
                    sub_filter: Some("adbe.pkcs7.detached".into()),
                    byte_range: Some(vec![0, 10, 20, 30]),
                    byte_range_well_formed: true,
                    covers_whole_file: false,
                    widget: None,
                    revision: None,
                    check: None,
                },
            ],
            encrypted: true,
            warnings: vec![verdict_pdf::Warning::XrefReconstructed],
        }),
    };
    let written = serde_json::to_value(&report).unwrap();
    assert_eq!(VerifyReport::from_value(written).unwrap(), report);

    let unreadable = VerifyReport {
        seals: vec![],
        pdf: Some(PdfReport::Unreadable {
            reason: "no trailer".into(),
        }),
    };
    assert_eq!(
        VerifyReport::from_value(serde_json::to_value(&unreadable).unwrap()).unwrap(),
        unreadable
    );
    let no_pdf = VerifyReport {
        seals: vec![],
        pdf: None,
    };
    assert_eq!(
        VerifyReport::from_value(serde_json::to_value(&no_pdf).unwrap()).unwrap(),
        no_pdf
    );
}

/// The dictionary's `/Reason` and the check's `reason` are two fields of one
/// signature: both must come back as they were written, with the other
/// present or not.
#[test]
fn the_reason_and_the_detail_both_survive_the_trip() {
    // The dictionary's `/Reason` and the check's `detail` share one JSON
    // object (the check is flattened into the signature).
    let with_reason = |mut signature: PdfSignature, detail: &str| {
        if let Some(check) = &mut signature.check {
            check.detail = Some(detail.into());
        }
        signature
    };
    let report = VerifyReport {
        seals: vec![],
        pdf: Some(PdfReport::Parsed {
            verdict: Some(verdict_pdf::DocumentVerdict::Indeterminate),
            pages: 1,
            signatures: vec![
                with_reason(checked(), "the signer's certificate has no chain to a root"),
                with_reason(
                    not_understood(),
                    "a bare signature value: nothing names its key",
                ),
            ],
            encrypted: false,
            warnings: vec![],
        }),
    };
    let written = serde_json::to_value(&report).unwrap();
    assert_eq!(VerifyReport::from_value(written).unwrap(), report);
}

#[test]
fn a_broken_answer_is_an_error_naming_the_field() {
    let cases = [
        (json!({"seals": [{"result": "valid"}]}), "seals[0].index"),
        (
            json!({"seals": [{"index": 0, "result": "maybe"}]}),
            "seals[0].result",
        ),
        (json!({"seals": {}}), "seals"),
        (json!({"seals": [], "pdf": {"status": "?"}}), "pdf.status"),
        (
            json!({"seals": [], "pdf": {"status": "parsed", "signatures": [{"coversWholeFile": "yes"}]}}),
            "pdf.signatures[0].coversWholeFile",
        ),
    ];
    for (value, field) in cases {
        match VerifyReport::from_value(value.clone()) {
            Err(infoplus_signature_core::WireError::WrongType { field: f, .. }) => {
                assert_eq!(f, field, "{value}")
            }
            other => panic!("{value}: {other:?}"),
        }
    }
}

#[test]
fn every_wire_enum_reads_back_its_own_codes() {
    use verdict_pdf::*;
    fn all<T: Copy + PartialEq + std::fmt::Debug>(
        values: &[T],
        code: impl Fn(T) -> String,
        from: impl Fn(&str) -> Option<T>,
    ) {
        let mut seen = std::collections::HashSet::new();
        for &v in values {
            let c = code(v);
            assert!(seen.insert(c.clone()), "{c} twice");
            assert_eq!(from(&c), Some(v), "{c}");
        }
        assert_eq!(from("no-such-code"), None);
    }
    all(Warning::ALL, Warning::code, Warning::from_code);
    all(ChangeRole::ALL, ChangeRole::code, ChangeRole::from_code);
    all(
        SignatureFormat::ALL,
        SignatureFormat::code,
        SignatureFormat::from_code,
    );
    all(Integrity::ALL, Integrity::code, Integrity::from_code);
    assert_eq!(Warning::XrefReconstructed.code(), "xref-reconstructed");
    assert_eq!(SignatureFormat::Pkcs1.code(), "pkcs1");
}

#[test]
fn worker_answers_and_the_merge_of_steps() {
    use infoplus_signature_core::verify_protocol::WorkerAnswer;
    let seals = every_verdict();
    let first = VerifyReport {
        seals: vec![
            SealReport {
                index: 2,
                verdict: seals[0].clone(),
            },
            SealReport {
                index: 0,
                verdict: seals[1].clone(),
            },
        ],
        pdf: None,
    };
    let second = VerifyReport {
        seals: vec![SealReport {
            index: 1,
            verdict: seals[2].clone(),
        }],
        pdf: Some(PdfReport::Parsed {
            verdict: Some(verdict_pdf::DocumentVerdict::Indeterminate),
            pages: 1,
            signatures: vec![checked()],
            encrypted: false,
            warnings: Vec::new(),
        }),
    };
    for answer in [
        WorkerAnswer::Ready,
        WorkerAnswer::Panic {
            message: "boom".into(),
        },
        WorkerAnswer::Step {
            id: 7,
            report: first.clone(),
            document_sha256: Some("ab".repeat(32)),
            last: false,
        },
        WorkerAnswer::Step {
            id: 7,
            report: second.clone(),
            document_sha256: None,
            last: true,
        },
    ] {
        assert_eq!(WorkerAnswer::from_json(&answer.to_json()), Ok(answer));
    }
    assert!(WorkerAnswer::from_json("{\"type\":\"what\"}").is_err());
    assert!(WorkerAnswer::from_json("not json").is_err());
    // Merged: in the order of the seals' indices, the PDF from the step
    // that had it.
    let merged = VerifyReport::merged([first, second.clone()]);
    let indices: Vec<usize> = merged.seals.iter().map(|s| s.index).collect();
    assert_eq!(indices, [0, 1, 2]);
    assert_eq!(merged.pdf, second.pdf);
}
