//! What the page preview ("show on the page") outlines, as plain data: one
//! mark per PDF signature (at its widget) and per InfoPlus seal that is
//! not a PDF signature (at its placeholder's widget, else at its x/y as
//! the provider draws it), with the status the verdict cards show. Pure,
//! tested natively; the pages themselves are drawn by pdf.js (`preview`).

use infoplus_signature_core::verdict::PdfReport;
use infoplus_signature_core::verdict_pdf::wire_name;
use infoplus_signature_core::Seal;

use crate::i18n::Lang;

/// Side of a seal box placed by x/y, in points: what the provider draws
/// (devserver `placement::SEAL_BOX`), so the outline covers the picture.
pub const SEAL_BOX: f64 = 110.0;

/// Where a mark goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// On `page` (1-based), `rect` in PDF user space (origin bottom-left).
    Widget { page: u32, rect: [f64; 4] },
    /// Points from the top-left corner of page 1 to the seal box's.
    TopLeft { x: f64, y: f64 },
    /// Not on a page; the reason in words.
    Nowhere(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The field's name, or the seal's title.
    pub label: String,
    /// `data-status`: the verdict cards' names (`valid`, `invalid`,
    /// `indeterminate`, …), `listed` for a signature only listed.
    pub status: String,
    /// `pdf-signature` or `seal` (`data-kind`).
    pub kind: &'static str,
    /// How a seal's place was found (words), for a seal only.
    pub note: Option<&'static str>,
    pub place: Place,
}

impl Mark {
    /// The page it is drawn on, if any.
    pub fn page(&self) -> Option<u32> {
        match self.place {
            Place::Widget { page, .. } => Some(page),
            Place::TopLeft { .. } => Some(1),
            Place::Nowhere(_) => None,
        }
    }

    /// Its rectangle in the user space of a page whose box (`/CropBox`,
    /// as pdf.js's `page.view`) is `[x0, y0, x1, y1]`.
    pub fn rect_on(&self, [x0, _, _, y1]: [f64; 4]) -> Option<[f64; 4]> {
        match self.place {
            Place::Widget { rect, .. } => Some(rect),
            Place::TopLeft { x, y } => Some([x0 + x, y1 - y - SEAL_BOX, x0 + x + SEAL_BOX, y1 - y]),
            Place::Nowhere(_) => None,
        }
    }
}

/// Every mark, PDF signatures first (in file order), then the seals.
pub fn marks(report: &PdfReport, seals: &[Seal], verdicts: &[SealResult], lang: Lang) -> Vec<Mark> {
    let signatures = match report {
        PdfReport::Parsed { signatures, .. } => signatures.as_slice(),
        PdfReport::Unreadable { .. } => &[],
    };
    let mut marks: Vec<Mark> = signatures
        .iter()
        .enumerate()
        .map(|(i, sig)| Mark {
            label: sig
                .field
                .clone()
                .filter(|f| !f.is_empty())
                .unwrap_or_else(|| format!("#{}", i + 1)),
            status: sig
                .check
                .as_ref()
                .map_or_else(|| "listed".to_owned(), |c| wire_name(&c.status)),
            kind: "pdf-signature",
            note: None,
            place: match sig.widget {
                Some(w) => Place::Widget {
                    page: w.page,
                    rect: w.rect,
                },
                None => Place::Nowhere(lang.preview_invisible()),
            },
        })
        .collect();
    for report in verdicts {
        if report.pdf_signature || report.result == "unsigned" {
            continue;
        }
        let seal = seals.get(report.index);
        let placeholder = seal
            .and_then(|s| s.place_holder.as_deref())
            .filter(|p| !p.is_empty());
        // A field of the placeholder's name that has a widget on a page.
        let widget = placeholder.and_then(|name| {
            signatures
                .iter()
                .filter(|s| {
                    s.field.as_deref() == Some(name) || s.other_fields.iter().any(|f| f == name)
                })
                .find_map(|s| s.widget)
        });
        let xy = seal.and_then(|s| Some((s.x.as_ref()?.as_f64()?, s.y.as_ref()?.as_f64()?)));
        let (place, note) = match (widget, xy) {
            (Some(w), _) => (
                Place::Widget {
                    page: w.page,
                    rect: w.rect,
                },
                Some(lang.preview_seal_at_placeholder()),
            ),
            (None, Some((x, y))) if x.is_finite() && y.is_finite() => (
                Place::TopLeft { x, y },
                Some(lang.preview_seal_at_position()),
            ),
            _ => (Place::Nowhere(lang.preview_no_place()), None),
        };
        marks.push(Mark {
            label: lang.seal_title(report.index),
            status: report.result.clone(),
            kind: "seal",
            note,
            place,
        });
    }
    marks
}

/// The pages that hold a mark, in order, each once.
pub fn pages(marks: &[Mark]) -> Vec<u32> {
    let mut pages: Vec<u32> = marks.iter().filter_map(Mark::page).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// A rectangle already mapped to a page's viewport (any two opposite
/// corners, as pdf.js's `convertToViewportRectangle` gives them) as
/// fractions of the viewport's `size`: left, top, width, height.
pub fn fractions([ax, ay, bx, by]: [f64; 4], (w, h): (f64, f64)) -> Option<[f64; 4]> {
    let ok = [ax, ay, bx, by, w, h].iter().all(|v| v.is_finite()) && w > 0.0 && h > 0.0;
    ok.then(|| {
        [
            ax.min(bx) / w,
            ay.min(by) / h,
            (ax - bx).abs() / w,
            (ay - by).abs() / h,
        ]
    })
}

/// One seal's result as the report has it (`seals[i]` of `signature-verified`):
/// read from the JSON rather than deserialized, which would bring every
/// verdict type's deserializer into the part for three fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealResult {
    pub index: usize,
    /// `valid`, `invalid`, … (`SealVerdict::name`).
    pub result: String,
    /// The seal is a PDF signature (`pdfSignature` names it).
    pub pdf_signature: bool,
}

/// The seals' results in a report (`{seals: [{index, result, pdfSignature}]}`).
pub fn seal_results(report: &serde_json::Value) -> Vec<SealResult> {
    let Some(seals) = report.get("seals").and_then(|s| s.as_array()) else {
        return Vec::new();
    };
    seals
        .iter()
        .filter_map(|s| {
            Some(SealResult {
                index: usize::try_from(s.get("index")?.as_u64()?).ok()?,
                result: s.get("result")?.as_str()?.to_owned(),
                pdf_signature: s.get("pdfSignature").is_some_and(|p| !p.is_null()),
            })
        })
        .collect()
}
