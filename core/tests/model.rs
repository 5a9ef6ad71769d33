//! The Signature structure: seed-002 round trips, unknown fields, nulls,
//! wrong types naming their field, the envelope, mime, signed states.

use infoplus_signature_core::wire::{parse_signature, signature_from_str, WireError};
use infoplus_signature_core::{Response, Signature};
use serde_json::{json, Value};

/// The structure of seed 002, every field filled.
fn seed_002() -> Value {
    json!({
        "id": "7f3c2a4e-0b1d-4c5e-9f6a-1b2c3d4e5f60",
        "name": "请假申请.pdf",
        "size": 48213,
        "uri": "https://engine.example/files/7f3c2a4e.pdf",
        "mime": "application/pdf",
        "createTime": 1_763_800_000_000i64,
        "seals": [{
            "x": 120,
            "y": 640,
            "placeHolder": "申请人签章",
            "signer": {"account": "zhangsan", "name": "张三"},
            "permission": {
                "sealTypes": ["personal"],
                "sealIds": ["seal-zhangsan-sm2"],
                "signers": ["zhangsan"]
            },
            "template": "https://engine.example/templates/leave.docx",
            "image": "https://provider.example/seals/1.svg",
            "description": "张三 personal seal",
            "algorithm": "SM2withSM3",
            "signature": "MEUCIQ...",
            "privateKey": "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n"
        }]
    })
}

fn round_trip(value: &Value) -> Value {
    let signature = parse_signature(value.to_string().as_bytes()).expect("parses");
    serde_json::from_str(&signature.to_json()).expect("serializes to JSON")
}

#[test]
fn seed_002_example_round_trips_exactly() {
    let value = seed_002();
    assert_eq!(round_trip(&value), value);
}

#[test]
fn seed_002_fields_land_in_the_model() {
    let s = parse_signature(seed_002().to_string().as_bytes()).unwrap();
    assert_eq!(s.size, Some(48213));
    assert_eq!(s.create_time, Some(1_763_800_000_000));
    let seal = &s.seals[0];
    assert_eq!(seal.place_holder.as_deref(), Some("申请人签章"));
    assert_eq!(seal.signer_name(), Some("张三"));
    assert_eq!(seal.allowed_signers(), ["zhangsan".to_owned()]);
    // The misnamed wire field holds the public key.
    assert!(seal.public_key.as_deref().unwrap().contains("PUBLIC KEY"));
    assert!(s.is_signed());
}

#[test]
fn unknown_fields_survive_at_every_level() {
    let mut value = seed_002();
    value["engineVersion"] = json!({"major": 3, "flags": [1, null, "x"]});
    value["seals"][0]["providerTrace"] = json!("abc-123");
    value["seals"][0]["signer"]["department"] = json!("人事处");
    value["seals"][0]["permission"]["roles"] = json!(["approver"]);
    value["seals"][0]["nullableExtra"] = Value::Null;
    assert_eq!(round_trip(&value), value);
}

#[test]
fn numbers_keep_their_spelling() {
    let value = json!({"seals": [{"x": 12.5, "y": 100}]});
    assert_eq!(round_trip(&value), value);
}

#[test]
fn nulls_are_tolerated_everywhere() {
    let value = json!({
        "id": null, "name": null, "size": null, "uri": null, "mime": null,
        "createTime": null,
        "seals": [{
            "x": null, "y": null, "placeHolder": null, "signer": null,
            "permission": {"sealTypes": null, "sealIds": null, "signers": null},
            "template": null, "image": null, "description": null,
            "algorithm": null, "signature": null, "privateKey": null
        }]
    });
    let s = parse_signature(value.to_string().as_bytes()).expect("nulls are fine");
    assert_eq!(s.seals.len(), 1);
    assert!(!s.is_signed());
    // A known null carries no information and is written back as absent.
    assert_eq!(round_trip(&value), json!({"seals": [{"permission": {}}]}));
}

#[test]
fn empty_structures_mean_one_default_seal() {
    for body in ["null", "{}", r#"{"seals":null}"#, r#"{"seals":[]}"#] {
        let s = parse_signature(body.as_bytes()).expect(body);
        assert_eq!(s.seals.len(), 1, "{body}");
        assert_eq!(s.seals[0], Default::default(), "{body}");
        assert!(!s.is_signed(), "{body}");
    }
}

#[test]
fn wrong_types_name_their_field() {
    let cases = [
        (r#"{"seals":[{"x":"abc"}]}"#, "seals[0].x"),
        (r#"{"seals":{}}"#, "seals"),
        (r#"{"size":"big"}"#, "size"),
        (r#"{"createTime":"yesterday"}"#, "createTime"),
        (
            r#"{"seals":[{}, {"signer":{"name":7}}]}"#,
            "seals[1].signer.name",
        ),
        (
            r#"{"seals":[{"permission":{"signers":"zhangsan"}}]}"#,
            "seals[0].permission.signers",
        ),
        (r#"{"seals":[{"privateKey":["a"]}]}"#, "seals[0].privateKey"),
        (r#"{"seals":[3]}"#, "seals[0]"),
    ];
    for (body, field) in cases {
        match parse_signature(body.as_bytes()) {
            Err(WireError::WrongType { field: f, .. }) => assert_eq!(f, field, "{body}"),
            other => panic!("{body}: expected a wrong-type error, got {other:?}"),
        }
    }
}

#[test]
fn wrong_type_message_says_unreadable_and_names_the_field() {
    let e = parse_signature(br#"{"seals":[{"y":true}]}"#).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("unreadable signature structure"), "{text}");
    assert!(text.contains("seals[0].y"), "{text}");
}

#[test]
fn not_json_is_unreadable() {
    for body in [&b"<html>"[..], b"", b"{\"seals\":[", b"\xff\xfe"] {
        assert!(matches!(parse_signature(body), Err(WireError::NotJson(_))));
    }
}

#[test]
fn envelope_and_bare_give_the_same_signature() {
    let bare = seed_002();
    let envelope = json!({"errno": 0, "ecode": "SUCCEED", "error": "", "entities": [bare]});
    let a = parse_signature(bare.to_string().as_bytes()).unwrap();
    let b = parse_signature(envelope.to_string().as_bytes()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn envelope_errors_carry_the_engine_text() {
    let body =
        json!({"errno": 4031, "ecode": "PERMISSION_DENIED", "error": "无权访问", "entities": []});
    match parse_signature(body.to_string().as_bytes()) {
        Err(WireError::Engine {
            errno,
            ecode,
            message,
        }) => {
            assert_eq!(
                (errno, ecode.as_str(), message.as_str()),
                (4031, "PERMISSION_DENIED", "无权访问")
            );
        }
        other => panic!("expected engine error, got {other:?}"),
    }
    // Without `error`, the ecode is what we can show.
    let body = json!({"errno": 1, "ecode": "BUSY"});
    match parse_signature(body.to_string().as_bytes()) {
        Err(WireError::Engine { message, .. }) => assert_eq!(message, "BUSY"),
        other => panic!("expected engine error, got {other:?}"),
    }
}

#[test]
fn envelope_with_wrong_types_names_the_entity_field() {
    let body = json!({"errno": 0, "entities": [{"seals": [{"x": "abc"}]}]});
    match parse_signature(body.to_string().as_bytes()) {
        Err(WireError::WrongType { field, .. }) => assert_eq!(field, "seals[0].x"),
        other => panic!("{other:?}"),
    }
    let body = json!({"errno": "zero", "entities": []});
    assert!(matches!(
        parse_signature(body.to_string().as_bytes()),
        Err(WireError::WrongType { field, .. }) if field == "errno"
    ));
}

#[test]
fn only_pdf_documents_are_accepted() {
    for ok in [
        "application/pdf",
        "Application/PDF",
        "application/pdf; charset=binary",
        "",
    ] {
        let body = json!({"mime": ok}).to_string();
        assert!(parse_signature(body.as_bytes()).is_ok(), "{ok}");
    }
    for bad in ["application/msword", "image/png", "text/html"] {
        let body = json!({"mime": bad}).to_string();
        assert_eq!(
            parse_signature(body.as_bytes()),
            Err(WireError::UnsupportedMime(bad.to_owned()))
        );
    }
}

#[test]
fn document_is_unsigned_until_uri_and_every_signature_are_there() {
    let mut s: Signature = signature_from_str(&seed_002().to_string()).unwrap();
    assert!(s.is_signed());
    s.uri = Some("  ".into());
    assert!(!s.is_signed(), "blank uri");
    s.uri = Some("/f.pdf".into());
    s.seals.push(Default::default());
    assert!(!s.is_signed(), "second seal unsigned");
    assert!(s.seals[0].is_signed() && !s.seals[1].is_signed());
    s.seals[1].signature = Some("".into());
    assert!(!s.seals[1].is_signed(), "empty signature");
}

#[test]
fn clearing_a_stamp_keeps_what_the_form_builder_set() {
    let mut s = signature_from_str(&seed_002().to_string()).unwrap();
    s.seals[0].extra.insert("keep".into(), json!(1));
    s.seals[0].clear_stamp();
    let seal = &s.seals[0];
    assert!(!seal.is_signed());
    assert!(seal.image.is_none() && seal.public_key.is_none() && seal.algorithm.is_none());
    assert_eq!(seal.place_holder.as_deref(), Some("申请人签章"));
    assert_eq!(seal.signer_name(), Some("张三"));
    assert!(seal.permission.is_some() && seal.template.is_some() && seal.x.is_some());
    assert_eq!(seal.extra.get("keep"), Some(&json!(1)));
}

#[test]
fn response_builders_make_the_infoplus_envelope() {
    let ok = serde_json::to_value(Response::ok(json!({"id": "a"}))).unwrap();
    assert_eq!(
        ok,
        json!({"errno": 0, "ecode": "SUCCEED", "error": "", "entities": [{"id": "a"}]})
    );
    let err = serde_json::to_value(Response::<Value>::err(412, "CONFLICT", "changed")).unwrap();
    assert_eq!(
        err,
        json!({"errno": 412, "ecode": "CONFLICT", "error": "changed", "entities": []})
    );
}
