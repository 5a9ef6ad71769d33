//! Where a seal goes on a document.
//!
//! 1. The box our export drew for it: the export records every seal box in
//!    the catalog (`/InfoPlusSeals`, see [`super::SEALS_KEY`]) with its page,
//!    rectangle and placeholder text. That is exact and needs no text
//!    extraction; a document from elsewhere has no such record. (The
//!    export writes the placeholder in an 18 pt strip at the seal's x/y and
//!    records the square under it, so the seal leaves the text readable.)
//! 2. The placeholder's text on a page (first occurrence; see
//!    [`super::text_search`]): a box centred on it.
//! 3. The seal's x/y. Unit and origin: PDF points (1/72 in) from the
//!    top-left corner of the first page to the top-left corner of the seal
//!    box — the same reading the export has always used, because the engine
//!    and the form designer think in screen coordinates (y grows downwards),
//!    and seals with x/y but no page have nowhere else to go than the page
//!    the form starts on.
//! 4. A default spot: the bottom-right corner of the last page, where a
//!    signature line usually is.

use lopdf::{decode_text_string, Object};

use super::previous::Previous;
use super::text_search::{find_text, Found};
use super::{PdfWriteError, SEALS_KEY};

/// Side of a seal box, in points (≈ 39 mm, a little larger than a 40 mm
/// official seal drawn at 90 %).
pub const SEAL_BOX: f32 = 110.0;

/// Margin of the default spot from the page's edges.
const DEFAULT_MARGIN: f32 = 48.0;

/// How many recorded boxes are looked at.
const MAX_RECORDED: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// 0-based page index.
    pub page: usize,
    /// x1 y1 x2 y2 in PDF user space (origin bottom-left).
    pub rect: [f32; 4],
}

/// Finds where seal `seal_index` goes (see the module comment for the
/// order).
pub fn find_placement(
    document: &[u8],
    seal_index: usize,
    placeholder: Option<&str>,
    x: Option<f64>,
    y: Option<f64>,
) -> Result<Placement, PdfWriteError> {
    let previous = Previous::load(document)?;
    locate(&previous, seal_index, placeholder, x, y)
}

pub(crate) fn locate(
    previous: &Previous,
    seal_index: usize,
    placeholder: Option<&str>,
    x: Option<f64>,
    y: Option<f64>,
) -> Result<Placement, PdfWriteError> {
    let pages = previous.pages();
    if pages.is_empty() {
        return Err(PdfWriteError::NoPage(0));
    }
    let recorded = recorded_boxes(previous, &pages);
    let by_text = placeholder.and_then(|p| {
        let same = |b: &&Recorded| b.placeholder.as_deref() == Some(p);
        // Several seals may share a placeholder text: prefer this seal's own.
        recorded
            .iter()
            .filter(same)
            .find(|b| b.index == Some(seal_index))
            .or_else(|| recorded.iter().find(same))
    });
    if let Some(found) = by_text {
        return Ok(found.placement);
    }
    if let Some(found) = placeholder.and_then(|p| find_text(previous, p)) {
        let page = *pages
            .get(found.page)
            .ok_or(PdfWriteError::NoPage(found.page))?;
        return Ok(Placement {
            page: found.page,
            rect: over_text(found, previous.page_box(page)),
        });
    }
    if let (Some(x), Some(y)) = (x, y) {
        let page = *pages.first().ok_or(PdfWriteError::NoPage(0))?;
        let [px1, py1, px2, py2] = previous.page_box(page);
        let [x1, y1, x2, y2] = box_from_top_left(x, y, px2 - px1, py2 - py1);
        return Ok(Placement {
            page: 0,
            rect: [x1 + px1, y1 + py1, x2 + px1, y2 + py1],
        });
    }
    if let Some(own) = recorded.iter().find(|b| b.index == Some(seal_index)) {
        return Ok(own.placement);
    }
    let last = pages.len() - 1;
    let [_, py1, px2, _] = previous.page_box(*pages.last().ok_or(PdfWriteError::NoPage(0))?);
    Ok(Placement {
        page: last,
        rect: [
            px2 - DEFAULT_MARGIN - SEAL_BOX,
            py1 + DEFAULT_MARGIN,
            px2 - DEFAULT_MARGIN,
            py1 + DEFAULT_MARGIN + SEAL_BOX,
        ],
    })
}

/// A seal box centred on a found text (a seal is stamped over its label),
/// kept on the page.
fn over_text(found: Found, [px1, py1, px2, py2]: [f32; 4]) -> [f32; 4] {
    // Text width estimated at one em per character (labels are Chinese).
    let cx = found.x + found.chars as f32 * found.size / 2.0;
    let cy = found.y + found.size / 2.0;
    let half = SEAL_BOX / 2.0;
    let x1 = (cx - half).clamp(px1, (px2 - SEAL_BOX).max(px1));
    let y1 = (cy - half).clamp(py1, (py2 - SEAL_BOX).max(py1));
    [x1, y1, x1 + SEAL_BOX, y1 + SEAL_BOX]
}

/// The seal box whose top-left corner is `x`/`top` points from the top-left
/// of a `width` × `height` page, as `[x1 y1 x2 y2]` in PDF user space, kept
/// on the page.
pub fn box_from_top_left(x: f64, top: f64, width: f32, height: f32) -> [f32; 4] {
    let clamp = |v: f64, max: f32| {
        let v = if v.is_finite() { v as f32 } else { 0.0 };
        v.clamp(0.0, (max - SEAL_BOX).max(0.0))
    };
    let x1 = clamp(x, width);
    let y2 = height - clamp(top, height);
    [x1, y2 - SEAL_BOX, x1 + SEAL_BOX, y2]
}

struct Recorded {
    index: Option<usize>,
    placeholder: Option<String>,
    placement: Placement,
}

/// The boxes `/InfoPlusSeals` records; entries that are not understood are
/// skipped (the record is a hint, not a contract with other producers).
fn recorded_boxes(previous: &Previous, pages: &[lopdf::ObjectId]) -> Vec<Recorded> {
    let Some(list) = previous
        .catalog()
        .ok()
        .and_then(|c| c.get(SEALS_KEY).ok())
        .and_then(|o| previous.resolve(o))
        .and_then(|o| o.as_array().ok())
    else {
        return Vec::new();
    };
    list.iter()
        .take(MAX_RECORDED)
        .filter_map(|entry| {
            let entry = previous.resolve(entry)?.as_dict().ok()?;
            let page_ref = entry.get(b"Page").and_then(Object::as_reference).ok()?;
            let page = pages.iter().position(|p| *p == page_ref)?;
            let rect = previous.rect(entry.get(b"Rect").ok()?)?;
            let index = entry
                .get(b"Index")
                .and_then(Object::as_i64)
                .ok()
                .and_then(|i| usize::try_from(i).ok());
            let placeholder = entry
                .get(b"PlaceHolder")
                .ok()
                .and_then(|o| previous.resolve(o))
                .and_then(|o| decode_text_string(o).ok());
            Some(Recorded {
                index,
                placeholder,
                placement: Placement { page, rect },
            })
        })
        .collect()
}
