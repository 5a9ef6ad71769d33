//! §6d: electronic-seal signatures (GB/T 38540 v4, GM/T 0031 v1) in PDFs,
//! on fixtures made by an independent generator (Python, asn1crypto,
//! OpenSSL's SM2 for every signature: `tests/ses/make_fixtures.py`, its
//! valid signatures re-checked by OpenSSL in `tests/ses/crosscheck.py`), and
//! on the public corpus's Foxit.SM file.

#[path = "support/rng.rs"]
mod rng;
#[path = "pades/support.rs"]
mod support;

use std::path::PathBuf;

use base64::Engine;
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ses")
}

fn roots() -> String {
    String::from_utf8(support::read(&dir().join("roots.pem"))).expect("roots.pem")
}

/// The one signature of a fixture's report.
fn signature(report: &Value) -> &Value {
    &report["signatures"][0]
}

/// Every way `found` (one signature) differs from `want` (expected.json).
fn differences(file: &str, found: &Value, want: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut differ = |what: &str, found: &Value, want: &Value| {
        if found != want {
            problems.push(format!("{file}: {what}: found {found}, expected {want}"));
        }
    };
    for key in ["status", "integrity", "identity"] {
        differ(key, &found[key], &want[key]);
    }
    differ("format", &found["format"], &Value::from("ses"));
    // A verified timestamp is the signing time (as for a CMS); without
    // one, the signer's signed timeInfo.
    if want["timestamp"] == true {
        differ(
            "signingTime.source",
            &found["signingTime"]["source"],
            &Value::from("timestamp"),
        );
    } else {
        differ(
            "signingTime",
            &found["signingTime"]["time"],
            &want["signingTime"],
        );
    }
    differ(
        "timestamp",
        &Value::from(found["timestamp"].is_object()),
        &want["timestamp"],
    );
    let seal = &found["seal"];
    let expected = &want["seal"];
    differ("seal.version", &seal["version"], &want["version"]);
    for key in [
        "name",
        "id",
        "type",
        "validFrom",
        "validTo",
        "intact",
        "validAtSigning",
        "signerAllowed",
    ] {
        differ(&format!("seal.{key}"), &seal[key], &expected[key]);
    }
    differ(
        "seal.makerTrusted",
        &Value::from(seal["makerIdentity"] == "trusted"),
        &expected["makerTrusted"],
    );
    differ(
        "seal.image.declared",
        &seal["image"]["declared"],
        &expected["imageType"],
    );
    let maker = seal["maker"].as_str().unwrap_or_default();
    let maker_cn = expected["maker"].as_str().unwrap_or("?");
    if !maker.contains(&format!("CN={maker_cn}")) {
        problems.push(format!("{file}: seal.maker {maker:?} is not {maker_cn}"));
    }
    problems
}

#[test]
fn every_fixture_gets_its_verdict_and_its_seal() {
    let expected = support::json(&dir().join("expected.json"));
    let files = expected.as_object().expect("expected.json is an object");
    assert!(files.len() >= 14, "only {} fixtures", files.len());
    let roots = roots();
    let mut problems = Vec::new();
    for (file, want) in files {
        let report = support::verify(&support::read(&dir().join(file)), &[&roots]);
        problems.extend(differences(file, signature(&report), want));
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_pictures_are_handed_on_as_the_bytes_they_are() {
    let roots = roots();
    for (file, mime, magic) in [
        ("ses-v4.pdf", "image/png", &b"\x89PNG"[..]),
        ("ses-v1.pdf", "image/gif", &b"GIF8"[..]),
    ] {
        let report = support::verify(&support::read(&dir().join(file)), &[&roots]);
        let image = &signature(&report)["seal"]["image"];
        assert_eq!(image["type"], mime, "{file}");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(image["base64"].as_str().unwrap_or_default())
            .expect("base64");
        assert!(bytes.starts_with(magic), "{file}");
    }
}

/// Without roots the signer and the maker are unknown: nothing is valid,
/// and what was broken stays invalid.
#[test]
fn no_roots_means_no_trust_in_signer_or_maker() {
    let expected = support::json(&dir().join("expected.json"));
    for (file, want) in expected.as_object().into_iter().flatten() {
        let report = support::verify(&support::read(&dir().join(file)), &[]);
        let found = signature(&report);
        assert_eq!(found["identity"], "unknown-issuer", "{file}");
        assert_ne!(found["seal"]["makerIdentity"], "trusted", "{file}");
        let status = if want["status"] == "invalid" {
            "invalid"
        } else {
            "indeterminate"
        };
        assert_eq!(found["status"], status, "{file}");
    }
}

/// The corpus's Foxit.SM document (read in place): its seal is read, the
/// signer's signature holds, and its binding to the document is answered —
/// its dataHash is SM3 of no bytes at all.
#[test]
fn the_foxit_sm_document_is_read_and_its_empty_binding_named() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/interop/realworld/pdf/cn-frifine5__page3.pdf");
    let report = support::verify(&support::read(&path), &[]);
    let found = signature(&report);
    assert_eq!(found["format"], "ses");
    assert_eq!(found["algorithm"], "SM2withSM3");
    assert_eq!(found["integrity"], "altered", "{found:#}");
    assert_eq!(found["status"], "invalid");
    let why = found["detail"].as_str().unwrap_or_default();
    assert!(why.contains("no bytes at all"), "{why}");
    let seal = &found["seal"];
    assert_eq!(seal["name"], "测试496印模的显示效果0922测试专用章");
    assert_eq!(seal["id"], "10000000000161");
    assert_eq!(seal["validFrom"], "2019-09-21T16:00:00Z");
    assert_eq!(seal["validTo"], "2019-09-23T05:43:32Z");
    assert!(seal["maker"]
        .as_str()
        .unwrap_or_default()
        .contains("CN=测试496印模的显示效果0922(测试)"));
    assert_eq!(seal["image"]["type"], "image/png");
    assert_eq!(seal["image"]["width"], 42);
    assert_eq!(seal["signerAllowed"], true);
    // No encoding of the seal we know of makes its maker's signature hold.
    assert_eq!(seal["intact"], false);
}

/// Hostile seals: every fixture's `/Contents` cut, flipped and given wrong
/// lengths, verified in its PDF. Each run must answer (no panic), and a
/// changed seal must never come out valid.
#[test]
fn damaged_seals_get_answers_never_valid_ones() {
    let roots = roots();
    let mut rng = rng::Rng(0x5e5_38540);
    for file in [
        "ses-v4.pdf",
        "ses-v1.pdf",
        "ses-v4-timestamp.pdf",
        "ses-v4-digest-list.pdf",
    ] {
        let pdf = support::read(&dir().join(file));
        let text = String::from_utf8_lossy(&pdf);
        let start = text
            .find("/Contents")
            .and_then(|at| text[at..].find('<').map(|lt| at + lt + 1));
        let Some(start) = start else {
            panic!("{file}: no /Contents");
        };
        let end = start
            + pdf[start..]
                .iter()
                .position(|&b| b == b'>')
                .expect("hex ends");
        let used = pdf[start..end]
            .iter()
            .rposition(|&b| b != b'0')
            .unwrap_or(0)
            + 1;
        for round in 0..60 {
            let mut damaged = pdf.clone();
            let at = start + rng.below(used);
            let digit = b"0123456789abcdef"[rng.below(16)];
            if damaged[at] == digit {
                continue;
            }
            damaged[at] = digit;
            if round % 5 == 0 {
                // Cut the value short: the rest becomes padding.
                for b in &mut damaged[at..start + used] {
                    *b = b'0';
                }
            }
            let report = support::verify(&damaged, &[&roots]);
            assert_ne!(
                signature(&report)["status"],
                "valid",
                "{file}: hex digit {} changed",
                at - start
            );
        }
    }
}
