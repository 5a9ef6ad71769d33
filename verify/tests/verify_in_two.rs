//! The worker checks a document's raw seals in two groups: those that hash
//! the document themselves (SM2, Ed25519) while its SHA-256 is still being
//! computed on another thread, then the others. The groups must be exactly
//! that, and the merged report the same as one run over every seal.

#[path = "vectors/support.rs"]
mod support;

use infoplus_signature_core::{Seal, Signature, VerifyReport};
use infoplus_signature_verify::{
    seals_by_document_sha256, Document, Hash, Options, Run, DEFAULT_MAX_DOCUMENT_BYTES,
};

/// One Signature holding the seals of every vector group, interleaved
/// (every group signs the same document), plus an unsigned seal and one of
/// an algorithm nobody knows.
fn mixed() -> (Signature, Vec<&'static str>) {
    let mut signature = support::signature("ecdsa");
    signature.seals.clear();
    let mut groups = Vec::new();
    let mut round = 0;
    loop {
        let mut added = false;
        for group in support::POSITIVE {
            if let Some(seal) = support::signature(group).seals.get(round) {
                signature.seals.push(seal.clone());
                groups.push(group);
                added = true;
            }
        }
        if !added {
            break;
        }
        round += 1;
    }
    signature.seals.push(Seal::default());
    groups.push("unsigned");
    let mut unknown = signature.seals[0].clone();
    unknown.algorithm = Some("GOST3410".into());
    signature.seals.push(unknown);
    groups.push("unknown");
    (signature, groups)
}

#[test]
fn sm2_and_ed25519_go_first_and_the_rest_after_in_the_order_asked() {
    let (signature, groups) = mixed();
    let asked: Vec<usize> = (0..signature.seals.len()).rev().collect();
    let (first, after) = seals_by_document_sha256(&signature, &asked);
    assert!(first.len() >= 2 && after.len() >= 4, "{first:?} {after:?}");
    for &i in &first {
        assert!(matches!(groups[i], "sm2" | "ed25519"), "{i}: {}", groups[i]);
    }
    for &i in &after {
        assert!(
            !matches!(groups[i], "sm2" | "ed25519"),
            "{i}: {}",
            groups[i]
        );
    }
    let in_asked_order = |group: &[usize]| group.windows(2).all(|w| w[0] > w[1]);
    assert!(in_asked_order(&first) && in_asked_order(&after));
}

/// The first group checked with a wrong SHA-256 in the table (so a seal
/// that used it would fail), the second in another run with none (computed
/// in wasm): merged (`VerifyReport::merged`, as the control merges the
/// worker's answers), the same report as one run, the seals by index.
#[test]
fn the_first_group_needs_no_sha256_and_the_merged_report_is_one_runs() {
    let (signature, _) = mixed();
    let document = support::document();
    let asked: Vec<usize> = [3, 0, 7, 1, 4, 2, 6, 5]
        .into_iter()
        .chain(8..signature.seals.len())
        .filter(|&i| i < signature.seals.len())
        .collect();
    let (first, after) = seals_by_document_sha256(&signature, &asked);
    let read = Document::read(&document, DEFAULT_MAX_DOCUMENT_BYTES);
    let options = Options::default();

    let wrong = Run::new(&read, &signature, &options);
    let changed = Hash::Sha256.digest(&[&support::changed_document()]);
    wrong
        .digests()
        .insert(Hash::Sha256, vec![(0, document.len())], changed);
    let early = wrong.seals(&first);
    assert!(
        early.seals.iter().all(|s| s.verdict.is_valid()),
        "{early:?}"
    );
    let late = Run::new(&read, &signature, &options).seals(&after);
    let merged = VerifyReport::merged([early, late]);

    let one_run = Run::new(&read, &signature, &options).seals(&asked);
    assert_eq!(merged, VerifyReport::merged([one_run]));
    // The old join kept the order asked; merging (the one place the
    // worker's answers are joined) lists the seals by index.
    let order: Vec<usize> = merged.seals.iter().map(|s| s.index).collect();
    let mut by_index = asked.clone();
    by_index.sort_unstable();
    assert_eq!(order, by_index);
}
