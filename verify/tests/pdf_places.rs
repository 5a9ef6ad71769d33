//! Where the report says things are: each signature's widget (its page and
//! rectangle) and, for what later revisions changed, the page and the
//! field in the words a reader uses (page numbers in page tree order, full
//! field names), not object numbers.

#[path = "pdf/support.rs"]
mod support;

use std::path::PathBuf;

use infoplus_signature_core::verdict::{PdfSignature, Widget};
use infoplus_signature_core::verdict_pdf::{ChangeClass, ChangeRole};
use support::{fixture, inspect_quickly, parsed};

fn realworld(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/interop/realworld/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn signatures(bytes: &[u8]) -> Vec<PdfSignature> {
    parsed(inspect_quickly(bytes)).1
}

fn named<'a>(signatures: &'a [PdfSignature], field: &str) -> &'a PdfSignature {
    signatures
        .iter()
        .find(|s| s.field.as_deref() == Some(field))
        .unwrap_or_else(|| panic!("no signature {field} in {signatures:?}"))
}

#[test]
fn a_widget_on_the_third_page_is_on_page_3() {
    // A Foxit.SM seal on the last of three pages; pyHanko's reader finds
    // the same widget in page 3's /Annots with this /Rect.
    let sigs = signatures(&realworld("cn-frifine5__page3.pdf"));
    assert_eq!(
        named(&sigs, "S1").widget,
        Some(Widget {
            page: 3,
            rect: [10.0, 441.92, 110.0, 541.92]
        })
    );
}

#[test]
fn a_widget_whose_page_lists_it_indirectly_is_found() {
    // /Annots is an indirect array here.
    let sigs = signatures(&realworld("dss__fieldmdp-exclude-signed.pdf"));
    let widget = named(&sigs, "Handtekening houder").widget;
    assert_eq!(widget.map(|w| w.page), Some(2));
}

#[test]
fn an_invisible_signature_has_no_widget() {
    // pyHanko's default: a widget with /Rect [0 0 0 0].
    let sigs = signatures(&fixture("revisions/approval-then-visible-second.pdf"));
    assert_eq!(named(&sigs, "Sig1").widget, None);
    assert_eq!(
        named(&sigs, "Sig2").widget,
        Some(Widget {
            page: 1,
            rect: [20.0, 20.0, 220.0, 80.0]
        })
    );
}

#[test]
fn changes_name_their_field_and_page() {
    let sigs = signatures(&fixture("revisions/approval-then-fill.pdf"));
    let check = named(&sigs, "Sig1").check.as_ref().expect("checked");
    let widget = check
        .changes
        .iter()
        .find(|c| c.role == ChangeRole::Widget)
        .expect("the filled field's widget changed");
    assert_eq!(widget.class, ChangeClass::FormFill);
    assert_eq!(widget.field.as_deref(), Some("name"));
    assert_eq!(widget.page, Some(1));

    let sigs = signatures(&fixture("revisions/approval-then-page-content.pdf"));
    let check = named(&sigs, "Sig1").check.as_ref().expect("checked");
    let content = check
        .changes
        .iter()
        .find(|c| c.role == ChangeRole::PageContent)
        .expect("the page's content changed");
    assert_eq!(content.page, Some(1));
    assert_eq!(content.field, None);
}
