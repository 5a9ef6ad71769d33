//! Later changes grouped by where a reader sees them (`changed_places`).

use infoplus_signature_core::verdict_pdf::*;

fn change(role: ChangeRole, class: ChangeClass, page: Option<u32>, field: Option<&str>) -> Change {
    Change {
        object: 1,
        role,
        class,
        page,
        field: field.map(str::to_owned),
    }
}

#[test]
fn fields_pages_and_the_rest() {
    let check = SignatureCheck {
        changes: vec![
            // A second signature: its widget on page 1, the page's list of
            // annotations, the catalog.
            change(
                ChangeRole::Widget,
                ChangeClass::Signing,
                Some(1),
                Some("Sig2"),
            ),
            change(ChangeRole::Page, ChangeClass::Signing, Some(1), None),
            change(ChangeRole::Catalog, ChangeClass::Signing, None, None),
            // Someone drew on page 2 and filled a field.
            change(ChangeRole::PageContent, ChangeClass::Other, Some(2), None),
            change(
                ChangeRole::Widget,
                ChangeClass::FormFill,
                Some(1),
                Some("name"),
            ),
            change(
                ChangeRole::Appearance,
                ChangeClass::FormFill,
                None,
                Some("name"),
            ),
            change(ChangeRole::Dss, ChangeClass::Timestamp, None, None),
        ],
        ..SignatureCheck::default()
    };
    let places = check.changed_places();
    // Page 1 only gained the new signature's widget: the field says it.
    assert_eq!(places.pages, vec![(2, vec![ChangeClass::Other])]);
    assert_eq!(
        places.fields,
        vec![
            ("Sig2".to_owned(), vec![ChangeClass::Signing]),
            ("name".to_owned(), vec![ChangeClass::FormFill]),
        ]
    );
    assert_eq!(
        places.elsewhere,
        vec![ChangeClass::Signing, ChangeClass::Timestamp]
    );
    assert!(SignatureCheck::default().changed_places().is_empty());
}
