//! The document a seal is added to, read with lopdf: its trailer, last
//! cross-reference section, catalog, pages and the boxes of its pages.

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::PdfWriteError;

/// Larger documents are refused before parsing (the engine's own limit is
/// 64 MiB for dev documents).
pub const MAX_DOCUMENT_BYTES: usize = 128 * 1024 * 1024;

/// How many `/Parent` steps are followed for an inherited attribute.
const MAX_TREE_DEPTH: usize = 64;

pub(crate) struct Previous {
    pub doc: Document,
    /// Where the last cross-reference section starts: the new `/Prev`.
    pub startxref: usize,
    /// Whether the last section is a cross-reference stream (the new one
    /// then is one too).
    pub xref_stream: bool,
}

impl Previous {
    pub fn load(bytes: &[u8]) -> Result<Previous, PdfWriteError> {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(PdfWriteError::TooLarge(MAX_DOCUMENT_BYTES));
        }
        let doc = Document::load_mem_with_options(bytes, LoadOptions::default())?;
        if doc.xref_recovery.is_some() || doc.xref_start == 0 || doc.xref_start >= bytes.len() {
            // A /Prev into damaged data would make every reader guess.
            return Err(PdfWriteError::DamagedXref);
        }
        if doc.trailer.has(b"Encrypt") || doc.encryption_state.is_some() {
            return Err(PdfWriteError::Encrypted);
        }
        let xref_stream = matches!(
            doc.reference_table.cross_reference_type,
            XrefType::CrossReferenceStream
        );
        Ok(Previous {
            startxref: doc.xref_start,
            xref_stream,
            doc,
        })
    }

    /// The trailer's `/Size`, or one past the highest object number if that
    /// is larger: new objects are numbered from here.
    pub fn next_id(&self) -> u32 {
        let size = self
            .doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0);
        size.max(self.doc.max_id.saturating_add(1))
    }

    pub fn catalog_id(&self) -> Result<ObjectId, PdfWriteError> {
        self.doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| PdfWriteError::Malformed("the trailer has no /Root reference".into()))
    }

    pub fn catalog(&self) -> Result<&Dictionary, PdfWriteError> {
        self.doc
            .get_dictionary(self.catalog_id()?)
            .map_err(|_| PdfWriteError::Malformed("the catalog is not a dictionary".into()))
    }

    /// Object ids of the pages, in order.
    pub fn pages(&self) -> Vec<ObjectId> {
        self.doc.page_iter().collect()
    }

    pub fn page_id(&self, index: usize) -> Result<ObjectId, PdfWriteError> {
        self.doc
            .page_iter()
            .nth(index)
            .ok_or(PdfWriteError::NoPage(index))
    }

    pub fn dict(&self, id: ObjectId) -> Result<&Dictionary, PdfWriteError> {
        self.doc.get_dictionary(id).map_err(|_| {
            PdfWriteError::Malformed(format!("object {} {} is not a dictionary", id.0, id.1))
        })
    }

    /// `object` with references followed.
    pub fn resolve<'a>(&'a self, object: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(object).ok().map(|(_, o)| o)
    }

    /// The page's visible area, `[x1 y1 x2 y2]`: its CropBox or MediaBox,
    /// inherited through the page tree; A4 if it has none.
    pub fn page_box(&self, page: ObjectId) -> [f32; 4] {
        let mut id = Some(page);
        for _ in 0..MAX_TREE_DEPTH {
            let Some(dict) = id.and_then(|i| self.doc.get_dictionary(i).ok()) else {
                break;
            };
            for key in [&b"CropBox"[..], b"MediaBox"] {
                if let Some(rect) = dict.get(key).ok().and_then(|o| self.rect(o)) {
                    return rect;
                }
            }
            id = dict.get(b"Parent").and_then(Object::as_reference).ok();
        }
        [0.0, 0.0, 595.0, 842.0]
    }

    /// A rectangle array, normalised so that x1 < x2 and y1 < y2.
    pub fn rect(&self, object: &Object) -> Option<[f32; 4]> {
        let items = self.resolve(object)?.as_array().ok()?;
        let mut v = [0.0f32; 4];
        if items.len() != 4 {
            return None;
        }
        for (slot, item) in v.iter_mut().zip(items) {
            *slot = self.resolve(item)?.as_float().ok()?;
            if !slot.is_finite() {
                return None;
            }
        }
        Some([
            v[0].min(v[2]),
            v[1].min(v[3]),
            v[0].max(v[2]),
            v[1].max(v[3]),
        ])
    }
}
