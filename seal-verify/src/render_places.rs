//! Where a signature is and where the document changed after it, for the
//! report in words: the changed pages and fields, the page its widget is
//! on, and the revision it signed (its signed version).

use infoplus_signature_core::verdict::PdfSignature;
use infoplus_signature_core::verdict_pdf::{ChangeClass, ChangedPlaces, SignatureCheck};

/// `(label, text)` lines for signature `number`.
pub fn lines(
    number: usize,
    signature: &PdfSignature,
    check: &SignatureCheck,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let places = check.changed_places();
    if !places.is_empty() {
        out.push(("Changed in:", changed_places(&places)));
    }
    out.push((
        "On the page:",
        match signature.widget {
            Some(w) => format!(
                "page {}, at ({:.0}, {:.0})–({:.0}, {:.0}) pt from the bottom left",
                w.page, w.rect[0], w.rect[1], w.rect[2], w.rect[3]
            ),
            None => "not shown on a page (invisible signature)".to_owned(),
        },
    ));
    if let Some((end, revision)) = signature.signed_version() {
        out.push((
            "Revision:",
            format!(
                "{revision} of the file; signed version: bytes 0–{end} (--signed-version {number} FILE)"
            ),
        ));
    }
    out
}

/// `page 2: other; field "name": form-fill; elsewhere: timestamp`.
fn changed_places(places: &ChangedPlaces) -> String {
    let classes = |classes: &[ChangeClass]| {
        classes
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts: Vec<String> = places
        .pages
        .iter()
        .map(|(page, c)| format!("page {page}: {}", classes(c)))
        .collect();
    parts.extend(
        places
            .fields
            .iter()
            .map(|(field, c)| format!("field \"{field}\": {}", classes(c))),
    );
    if !places.elsewhere.is_empty() {
        parts.push(format!("elsewhere: {}", classes(&places.elsewhere)));
    }
    parts.join("; ")
}
