//! What later revisions changed, by where a reader sees it: the pages and
//! the form fields (by full name) the changed objects show on or belong
//! to, and the rest. The control and `seal-verify` say it in words from
//! this one grouping.

use super::{ChangeClass, SignatureCheck};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedPlaces {
    /// By page number (1-based), in order.
    pub pages: Vec<(u32, Vec<ChangeClass>)>,
    /// By field name, in order.
    pub fields: Vec<(String, Vec<ChangeClass>)>,
    /// Objects on no page and in no field (the catalog, the DSS, metadata).
    pub elsewhere: Vec<ChangeClass>,
}

impl ChangedPlaces {
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.fields.is_empty() && self.elsewhere.is_empty()
    }
}

impl SignatureCheck {
    /// The listed changes grouped by place: a field's name when the object
    /// belongs to a field (its widget shows on a page, but "field X" is what
    /// a reader looks for), else its page, else elsewhere. (Plain vectors,
    /// not ordered maps: at most 200 changes, and the control carries this
    /// code in its verify part.)
    pub fn changed_places(&self) -> ChangedPlaces {
        let mut places = ChangedPlaces::default();
        for change in &self.changes {
            let classes = match (&change.field, change.page) {
                (Some(field), _) => entry(
                    &mut places.fields,
                    |k| k.as_str().cmp(field),
                    || field.clone(),
                ),
                (None, Some(page)) => entry(&mut places.pages, |k| k.cmp(&page), || page),
                (None, None) => &mut places.elsewhere,
            };
            if let Err(at) = classes.binary_search(&change.class) {
                classes.insert(at, change.class);
            }
        }
        // A page whose only change is a field's widget being added to its
        // list of annotations says nothing the field does not.
        let fields = &places.fields;
        let in_fields = |class: &ChangeClass| fields.iter().any(|(_, c)| c.contains(class));
        places
            .pages
            .retain(|(_, classes)| !classes.iter().all(in_fields));
        places
    }
}

/// The classes listed for `key`, added (in order, empty) if it is not
/// there yet. Kept in order as they come rather than sorted after: the
/// standard sort's code would weigh on the control's verify part.
fn entry<K>(
    list: &mut Vec<(K, Vec<ChangeClass>)>,
    compare: impl Fn(&K) -> std::cmp::Ordering,
    make: impl FnOnce() -> K,
) -> &mut Vec<ChangeClass> {
    let at = match list.binary_search_by(|(k, _)| compare(k)) {
        Ok(at) => at,
        Err(at) => {
            list.insert(at, (make(), Vec::new()));
            at
        }
    };
    &mut list[at].1
}
