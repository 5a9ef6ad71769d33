//! The changes a signature makes to existing objects (ISO 32000 12.7,
//! 12.8): the widget joins its page's `/Annots`, the field joins the
//! AcroForm's `/Fields` (the form is made if missing) and `/SigFlags` says
//! signatures exist. Each changed object is written again, whole, in the
//! new revision — what verifiers classify as `signing` changes.

use lopdf::{decode_text_string, Dictionary, Object, ObjectId};

use super::previous::Previous;
use super::revision::Revision;
use super::PdfWriteError;

/// How many existing fields are compared with the new field's name.
const MAX_FIELDS: usize = 10_000;

/// The page's `/Annots` with the widget added: a new version of the page,
/// or of the array object when the page refers to one.
pub(crate) fn add_annotation(
    prev: &Previous,
    rev: &mut Revision,
    page_id: ObjectId,
    widget: Object,
) -> Result<(), PdfWriteError> {
    let page = prev.dict(page_id)?;
    match page.get(b"Annots") {
        Ok(Object::Reference(array_id)) => {
            let mut array = prev
                .doc
                .get_object(*array_id)
                .and_then(Object::as_array)
                .map_err(|_| PdfWriteError::Malformed("the page's /Annots is not an array".into()))?
                .clone();
            array.push(widget);
            rev.push_lopdf(*array_id, &Object::Array(array))
        }
        Ok(Object::Array(existing)) => {
            let mut page = page.clone();
            let mut array = existing.clone();
            array.push(widget);
            page.set("Annots", Object::Array(array));
            rev.push_lopdf(page_id, &Object::Dictionary(page))
        }
        Ok(_) => Err(PdfWriteError::Malformed(
            "the page's /Annots is not an array".into(),
        )),
        Err(_) => {
            let mut page = page.clone();
            page.set("Annots", Object::Array(vec![widget]));
            rev.push_lopdf(page_id, &Object::Dictionary(page))
        }
    }
}

/// The document's interactive form as found: where it lives and the names
/// of its top-level fields.
pub(crate) struct AcroForm {
    /// `Some(id)` when the catalog refers to it, `None` when inline or
    /// missing.
    id: Option<ObjectId>,
    dict: Dictionary,
    pub names: Vec<String>,
}

impl AcroForm {
    pub fn read(prev: &Previous) -> Result<AcroForm, PdfWriteError> {
        let catalog = prev.catalog()?;
        let (id, dict) = match catalog.get(b"AcroForm") {
            Ok(Object::Reference(id)) => (Some(*id), prev.dict(*id)?.clone()),
            Ok(Object::Dictionary(d)) => (None, d.clone()),
            _ => (None, Dictionary::new()),
        };
        let names = dict
            .get(b"Fields")
            .ok()
            .and_then(|f| prev.resolve(f))
            .and_then(|f| f.as_array().ok())
            .map(|fields| {
                fields
                    .iter()
                    .take(MAX_FIELDS)
                    .filter_map(|f| prev.resolve(f)?.as_dict().ok()?.get(b"T").ok())
                    .filter_map(|t| decode_text_string(prev.resolve(t)?).ok())
                    .collect()
            })
            .unwrap_or_default();
        Ok(AcroForm { id, dict, names })
    }

    /// Writes the form with `field` in `/Fields` and `/SigFlags 3`
    /// (signatures exist, append only), and the catalog if it must point
    /// to a new form.
    pub fn add_field(
        mut self,
        prev: &Previous,
        rev: &mut Revision,
        catalog_id: ObjectId,
        field: Object,
    ) -> Result<(), PdfWriteError> {
        match self.dict.get(b"Fields") {
            Ok(Object::Reference(array_id)) => {
                let mut array = prev
                    .doc
                    .get_object(*array_id)
                    .and_then(Object::as_array)
                    .map_err(|_| PdfWriteError::Malformed("/Fields is not an array".into()))?
                    .clone();
                array.push(field);
                rev.push_lopdf(*array_id, &Object::Array(array))?;
            }
            Ok(Object::Array(existing)) => {
                let mut array = existing.clone();
                array.push(field);
                self.dict.set("Fields", Object::Array(array));
            }
            _ => self.dict.set("Fields", Object::Array(vec![field])),
        }
        self.dict.set("SigFlags", Object::Integer(3));
        match self.id {
            Some(id) => rev.push_lopdf(id, &Object::Dictionary(self.dict)),
            None => {
                let new = rev.alloc();
                let new_id = (new.get().unsigned_abs(), 0);
                rev.push_lopdf(new_id, &Object::Dictionary(self.dict))?;
                let mut catalog = prev.catalog()?.clone();
                catalog.set("AcroForm", Object::Reference(new_id));
                rev.push_lopdf(catalog_id, &Object::Dictionary(catalog))
            }
        }
    }
}
