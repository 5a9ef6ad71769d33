//! `pdf::inspect_signatures` on files made by pyHanko (see
//! `tests/pdf/revisions/make_fixtures.py`).
#![cfg(feature = "verify")]

#[path = "pdf/support.rs"]
mod support;

use infoplus_signature_core::pdf;

#[test]
fn dump() {
    for path in support::files_in("revisions").into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        let bytes = std::fs::read(&path).unwrap();
        let i = pdf::inspect_signatures(&bytes).unwrap();
        for s in i.signatures {
            println!("{} {:?} {:?} {:?} end={:?} len={} {:?} {:?} c0={:?}", path.file_name().unwrap().to_string_lossy(), s.listing.field, s.kind, s.coverage, s.signed_end, bytes.len(), s.changes_after, s.docmdp, s.contents.as_ref().map(|c| c[0]));
            println!("   warnings {:?}", s.warnings);
        }
    }
}
