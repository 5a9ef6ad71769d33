//! The worker's digest plan (`Run::planned_digests`): the digests it lists
//! are exactly the ones the checks then ask for, and step 2 over digests
//! computed elsewhere from the plan (WebCrypto, in the worker) answers what
//! a fresh run does.

#[path = "pades/support.rs"]
mod support;

use infoplus_signature_core::model::Signature;
use infoplus_signature_core::signature_from_str;
use infoplus_signature_core::verdict::PdfReport;
use infoplus_signature_verify::{verify_all, Document, Hash, Options, Run};

fn options() -> Options {
    support::options(&[&support::fixture_roots()])
}

fn fixture(name: &str) -> Vec<u8> {
    support::read(&support::dir().join(name))
}

fn no_seals(size: usize) -> Signature {
    let json = format!(
        r#"{{"id":"plan","name":"a.pdf","size":{size},"uri":"/a.pdf","mime":"application/pdf","seals":[]}}"#
    );
    signature_from_str(&json).expect("a Signature")
}

/// The embedded signatures verified by a fresh run, no digests given.
fn fresh(signature: &Signature, bytes: &[u8]) -> Option<PdfReport> {
    verify_all(signature, bytes, &options()).pdf
}

fn pdf_json(report: &Option<PdfReport>) -> String {
    serde_json::to_string(report).expect("the report serializes")
}

/// The digest of `ranges` of `bytes`, computed here (as WebCrypto would).
fn digest(hash: Hash, bytes: &[u8], ranges: &[(usize, usize)]) -> Vec<u8> {
    let parts: Vec<&[u8]> = ranges.iter().map(|&(s, e)| &bytes[s..e]).collect();
    hash.digest(&parts)
}

#[test]
fn the_whole_document_first_then_each_signatures_byte_range() {
    for (name, hash) in [("ecdsa-p256.pdf", Hash::Sha256), ("sm2-gm.pdf", Hash::Sm3)] {
        let bytes = fixture(name);
        let signature = no_seals(bytes.len());
        let document = Document::read(&bytes, u64::MAX);
        let plan = Run::new(&document, &signature, &options()).planned_digests();
        assert_eq!(plan[0], (Hash::Sha256, vec![(0, bytes.len())]), "{name}");
        assert_eq!(plan.len(), 2, "{name}: {plan:?}");
        let (planned, ranges) = &plan[1];
        assert_eq!(*planned, hash, "{name}");
        // A ByteRange covering the file but the /Contents gap.
        assert_eq!(ranges.len(), 2, "{name}");
        assert_eq!((ranges[0].0, ranges[1].1), (0, bytes.len()), "{name}");
        assert!(ranges[0].1 < ranges[1].0, "{name}: {ranges:?}");
    }
}

/// Wrong values (of the right length) for every planned digest: if the
/// checks ask for exactly those (hash, ranges), each signature is found
/// altered; with the right values it stays valid.
#[test]
fn the_checks_use_the_planned_digests() {
    for name in ["ecdsa-p256.pdf", "sm2-gm.pdf", "rsa.pdf", "timestamped.pdf"] {
        let bytes = fixture(name);
        let signature = no_seals(bytes.len());
        let right = fresh(&signature, &bytes);
        assert!(
            pdf_json(&right).contains(r#""verdict":"valid""#),
            "{name}: {}",
            pdf_json(&right)
        );

        let document = Document::read(&bytes, u64::MAX);
        let run = Run::new(&document, &signature, &options());
        for (hash, ranges) in run.planned_digests() {
            run.digests()
                .insert(hash, ranges, vec![0; hash.output_len()]);
        }
        let text = pdf_json(&run.pdf(&[]).pdf);
        assert!(text.contains(r#""verdict":"invalid""#), "{name}: {text}");
        assert!(text.contains(r#""integrity":"altered""#), "{name}: {text}");
    }
}

#[test]
fn digests_computed_from_the_plan_give_the_same_answer_as_a_fresh_run() {
    let expected = support::json(&support::dir().join("expected.json"));
    for file in expected
        .as_object()
        .expect("expected.json is an object")
        .keys()
    {
        let bytes = fixture(file);
        let signature = no_seals(bytes.len());
        let fresh = fresh(&signature, &bytes);
        let document = Document::read(&bytes, u64::MAX);
        let run = Run::new(&document, &signature, &options());
        for (hash, ranges) in run.planned_digests() {
            let value = digest(hash, &bytes, &ranges);
            run.digests().insert(hash, ranges, value);
        }
        assert_eq!(run.pdf(&[]).pdf, fresh, "{file}");
    }
}

#[test]
fn nothing_is_read_over_the_limit_or_in_a_non_pdf() {
    let bytes = fixture("ecdsa-p256.pdf");
    let signature = no_seals(bytes.len());
    let limit = bytes.len() as u64 - 1;
    let document = Document::read(&bytes, limit);
    let run = Run::new(&document, &signature, &options());
    assert_eq!(
        run.planned_digests(),
        vec![(Hash::Sha256, vec![(0, bytes.len())])]
    );
    assert_eq!(run.pdf(&[]).pdf, None);

    let text = b"not a PDF at all".to_vec();
    let document = Document::read(&text, u64::MAX);
    let run = Run::new(&document, &signature, &options());
    assert_eq!(
        run.planned_digests(),
        vec![(Hash::Sha256, vec![(0, text.len())])]
    );
    assert_eq!(run.pdf(&[]).pdf, None);
}
