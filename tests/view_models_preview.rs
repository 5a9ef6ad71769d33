//! What the page preview outlines, natively: PDF signatures at their
//! widgets (invisible ones nowhere), InfoPlus seals that are not PDF
//! signatures at their placeholder's widget or their x/y (a 110 pt box
//! from the top-left of page 1), and rectangles as fractions of a page.
#![cfg(not(target_arch = "wasm32"))]

use infoplus_signature::i18n::Lang;
use infoplus_signature::views::preview_model::{
    fractions, marks, pages, seal_results, Place, SEAL_BOX,
};
use infoplus_signature_core::verdict::{PdfReport, PdfSignature, Widget};
use infoplus_signature_core::{signature_from_value, Seal};

fn listed(field: &str, widget: Option<Widget>) -> PdfSignature {
    PdfSignature {
        field: Some(field.into()),
        other_fields: Vec::new(),
        signer: None,
        time: None,
        reason: None,
        sub_filter: None,
        byte_range: None,
        byte_range_well_formed: true,
        covers_whole_file: true,
        widget,
        revision: None,
        check: None,
    }
}

fn report(signatures: Vec<PdfSignature>) -> PdfReport {
    PdfReport::Parsed {
        verdict: None,
        pages: 3,
        signatures,
        encrypted: false,
        warnings: Vec::new(),
    }
}

fn seals() -> Vec<Seal> {
    let value = serde_json::json!({"seals": [
        {"x": 72, "y": 600, "placeHolder": "审批人签章"},
        {"x": 230, "y": 600, "placeHolder": "Approver"},
        {"placeHolder": "nowhere"},
        {"x": 1, "y": 2}
    ]});
    signature_from_value(value)
        .map(|s| s.seals)
        .unwrap_or_default()
}

const WIDGET: Widget = Widget {
    page: 2,
    rect: [380.0, 600.0, 500.0, 660.0],
};

#[test]
fn signatures_at_widgets_and_seals_at_placeholder_or_xy() {
    let report = report(vec![
        listed("Sig1", Some(WIDGET)),
        listed("Approver", Some(WIDGET)),
        listed("TS", None),
    ]);
    // As `signature-verified` reports them; a seal that is a PDF signature
    // is drawn as that signature.
    let verdicts = seal_results(&serde_json::json!({"seals": [
        {"index": 0, "result": "valid", "algorithm": "SM2withSM3"},
        {"index": 1, "result": "invalid", "pdfSignature": null},
        {"index": 2, "result": "valid"},
        {"index": 3, "result": "valid", "pdfSignature": "Sig1"}
    ]}));
    let m = marks(&report, &seals(), &verdicts, Lang::En);
    let summary: Vec<_> = m
        .iter()
        .map(|m| (m.label.as_str(), m.status.as_str(), m.kind, m.place))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "Sig1",
                "listed",
                "pdf-signature",
                Place::Widget {
                    page: 2,
                    rect: WIDGET.rect
                }
            ),
            (
                "Approver",
                "listed",
                "pdf-signature",
                Place::Widget {
                    page: 2,
                    rect: WIDGET.rect
                }
            ),
            (
                "TS",
                "listed",
                "pdf-signature",
                Place::Nowhere("invisible signature")
            ),
            (
                "Seal 1",
                "valid",
                "seal",
                Place::TopLeft { x: 72.0, y: 600.0 }
            ),
            (
                "Seal 2",
                "invalid",
                "seal",
                Place::Widget {
                    page: 2,
                    rect: WIDGET.rect
                }
            ),
            (
                "Seal 3",
                "valid",
                "seal",
                Place::Nowhere("no position given")
            ),
        ]
    );
    assert_eq!(m[3].note, Some("seal (at its x/y)"));
    assert_eq!(m[4].note, Some("seal (at its placeholder)"));
    assert_eq!(pages(&m), vec![1, 2]);
    // x/y from the top-left of an A4 page with an offset box.
    let page = [10.0, 20.0, 605.0, 862.0];
    assert_eq!(
        m[3].rect_on(page),
        Some([82.0, 862.0 - 600.0 - SEAL_BOX, 82.0 + SEAL_BOX, 262.0])
    );
    assert_eq!(m[0].rect_on(page), Some(WIDGET.rect));
    assert_eq!(m[2].rect_on(page), None);
}

#[test]
fn unsigned_seals_and_unreadable_files_add_nothing() {
    let unreadable = PdfReport::Unreadable { reason: "x".into() };
    let verdicts =
        seal_results(&serde_json::json!({"seals": [{"index": 0, "result": "unsigned"}]}));
    assert_eq!(verdicts.len(), 1);
    assert!(marks(&unreadable, &seals(), &verdicts, Lang::ZhCn).is_empty());
}

#[test]
fn fractions_of_a_viewport() {
    // Corners in either order (pdf.js flips y).
    assert_eq!(
        fractions([100.0, 300.0, 50.0, 100.0], (200.0, 400.0)),
        Some([0.25, 0.25, 0.25, 0.5])
    );
    assert_eq!(fractions([0.0, 0.0, 1.0, 1.0], (0.0, 400.0)), None);
    assert_eq!(fractions([f64::NAN, 0.0, 1.0, 1.0], (10.0, 10.0)), None);
}

#[test]
fn outline_names_in_both_languages() {
    assert_eq!(
        Lang::En.preview_outline_name("Sig1", "valid", 2),
        "Sig1, valid, page 2"
    );
    assert_eq!(
        Lang::ZhCn.preview_outline_name("Sig1", "invalid", 1),
        "Sig1，无效，第 1 页"
    );
    assert_eq!(
        Lang::En.preview_status("unsupported"),
        "could not be verified"
    );
}
