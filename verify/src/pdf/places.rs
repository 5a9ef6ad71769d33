//! Where things are in a document, in the words people use: which page an
//! object shows on ("page 2", counted as readers count them, in page tree
//! order). The report says where a signature sits and which pages a later
//! revision changed with these, not with object numbers (field names come
//! from the form walk of `changes_roles`).

use std::collections::HashMap;

use super::cos::{Dict as Dictionary, Object as Primitive};

use super::document::Document;
use crate::verdict::Widget;

/// Page tree nodes visited (pages and the nodes above them).
const MAX_NODES: usize = 10_000;
/// `/Kids` nesting followed in the page tree.
const MAX_DEPTH: usize = 32;
/// Annotations and content streams looked at per page.
const MAX_PER_PAGE: usize = 1_000;

#[derive(Default)]
pub struct Places {
    /// Object number → page number (1-based): the page itself, its content
    /// streams, its `/Annots` array and each annotation on it.
    page: HashMap<u64, u32>,
}

impl Places {
    /// Walk the page tree from the catalog, in order.
    pub fn read(doc: &Document, catalog: &Dictionary) -> Places {
        let mut places = Places::default();
        let Some(root) = catalog.get("Pages") else {
            return places;
        };
        let mut stack = vec![(root.clone(), 0usize)];
        let mut nodes = 0;
        let mut number = 0u32;
        let mut visited = std::collections::HashSet::new();
        while let Some((node, depth)) = stack.pop() {
            nodes += 1;
            if nodes > MAX_NODES {
                break;
            }
            if let Primitive::Ref(r) = node {
                if !visited.insert(u64::from(r.num)) {
                    continue;
                }
            }
            let Ok(dict) = doc.dictionary(&node, "a page") else {
                continue;
            };
            if let Some(kids) = dict.get("Kids") {
                if depth < MAX_DEPTH {
                    if let Ok(Primitive::Array(kids)) = doc.resolve(kids) {
                        // Reversed onto the stack: popped in document order.
                        let kids = kids.into_iter().take(MAX_NODES);
                        stack.extend(kids.rev().map(|kid| (kid, depth + 1)));
                    }
                }
                continue;
            }
            number = number.saturating_add(1);
            if let Primitive::Ref(r) = node {
                places.page.entry(u64::from(r.num)).or_insert(number);
            }
            places.page_parts(doc, &dict, number);
        }
        places
    }

    /// A page's content streams, its annotation list and annotations.
    fn page_parts(&mut self, doc: &Document, page: &Dictionary, number: u32) {
        for key in ["Contents", "Annots"] {
            let Some(value) = page.get(key) else { continue };
            let mut items = vec![value.clone()];
            if let Ok(Primitive::Array(list)) = doc.resolve(value) {
                items.extend(list.into_iter().take(MAX_PER_PAGE));
            }
            for item in items {
                if let Primitive::Ref(r) = item {
                    self.page.entry(u64::from(r.num)).or_insert(number);
                }
            }
        }
    }

    /// The page (1-based) object `id` shows on, if it is a page, one of
    /// its content streams or an annotation on it.
    pub fn page_of(&self, id: u64) -> Option<u32> {
        self.page.get(&id).copied()
    }

    /// Where a field shows: its own widget (a field merged with it) or its
    /// first widget kid with a rectangle. The page comes from the widget's
    /// `/P` or, as many writers omit `/P`, from the page listing it.
    pub fn widget(&self, doc: &Document, field: &Primitive) -> Option<Widget> {
        let dict = doc.dictionary(field, "a form field").ok()?;
        let mut candidates = vec![(field.clone(), dict.clone())];
        if dict.get("Rect").is_none() {
            if let Some(Ok(Primitive::Array(kids))) = dict.get("Kids").map(|k| doc.resolve(k)) {
                for kid in kids.into_iter().take(MAX_PER_PAGE) {
                    if let Ok(kid_dict) = doc.dictionary(&kid, "a widget") {
                        candidates.push((kid, kid_dict));
                    }
                }
            }
        }
        candidates.into_iter().find_map(|(node, dict)| {
            let rect = rect(doc, dict.get("Rect")?)?;
            // `[0 0 0 0]` is how writers mark an invisible signature.
            if rect[0] == rect[2] || rect[1] == rect[3] {
                return None;
            }
            let by_list = match node {
                Primitive::Ref(r) => self.page_of(u64::from(r.num)),
                _ => None,
            };
            let by_p = match dict.get("P") {
                Some(Primitive::Ref(r)) => self.page_of(u64::from(r.num)),
                _ => None,
            };
            // The page listing the widget is where readers draw it; `/P`
            // only when no page lists it.
            let page = by_list.or(by_p)?;
            Some(Widget { page, rect })
        })
    }
}

/// A rectangle of four finite numbers, normalised (x1 ≤ x2, y1 ≤ y2).
fn rect(doc: &Document, value: &Primitive) -> Option<[f64; 4]> {
    let Ok(Primitive::Array(items)) = doc.resolve(value) else {
        return None;
    };
    let numbers: Vec<f64> = items
        .iter()
        .map(|item| match doc.resolve(item).ok()? {
            Primitive::Int(n) => Some(n as f64),
            Primitive::Real(x) if x.is_finite() => Some(x),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let [a, b, c, d] = numbers.as_slice() else {
        return None;
    };
    Some([a.min(*c), b.min(*d), a.max(*c), b.max(*d)])
}
