//! What later revisions changed, by where a reader sees it: the pages and
//! the form fields (by full name) the changed objects show on or belong
//! to, and the rest. The control and `seal-verify` say it in words from
//! this one grouping.

use std::collections::{BTreeMap, BTreeSet};

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
    /// a reader looks for), else its page, else elsewhere.
    pub fn changed_places(&self) -> ChangedPlaces {
        let mut pages: BTreeMap<u32, BTreeSet<ChangeClass>> = BTreeMap::new();
        let mut fields: BTreeMap<String, BTreeSet<ChangeClass>> = BTreeMap::new();
        let mut elsewhere = BTreeSet::new();
        for change in &self.changes {
            match (&change.field, change.page) {
                (Some(field), _) => fields.entry(field.clone()).or_default(),
                (None, Some(page)) => pages.entry(page).or_default(),
                (None, None) => &mut elsewhere,
            }
            .insert(change.class);
        }
        // A page whose only change is a field's widget being added to its
        // list of annotations says nothing the field does not.
        let field_classes: BTreeSet<ChangeClass> = fields.values().flatten().copied().collect();
        pages.retain(|_, classes| !classes.is_subset(&field_classes));
        ChangedPlaces {
            pages: pages
                .into_iter()
                .map(|(page, classes)| (page, classes.into_iter().collect()))
                .collect(),
            fields: fields
                .into_iter()
                .map(|(name, classes)| (name, classes.into_iter().collect()))
                .collect(),
            elsewhere: elsewhere.into_iter().collect(),
        }
    }
}
