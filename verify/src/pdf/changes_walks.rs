//! The walks of [`Roles::build`] through the form and the page tree: which
//! objects are fields, widgets and their appearances, pages, annotations.

use std::collections::HashSet;

use super::cos::{Dict as Dictionary, Object as Primitive};

use super::changes_roles::{FieldKind, Role, Roles};
use super::document::Document;
use super::fields::qualified_name;
use super::inspection::{signature_kind, SignatureKind};

/// Annotations that cannot hide what a page shows: note icons, links,
/// pop-ups and text markup. Any other kind (a text box, a stamp, a shape,
/// a redaction, an unknown one) can cover signed content, so adding or
/// changing it after a signature is `other`, as pyHanko counts every
/// annotation (Mainka et al., NDSS 2021, "replace via overlay").
const HARMLESS_ANNOTATIONS: [&str; 10] = [
    "Text",
    "Link",
    "Popup",
    "Highlight",
    "Underline",
    "Squiggly",
    "StrikeOut",
    "Caret",
    "FileAttachment",
    "Sound",
];

/// Form field nodes and page tree nodes visited.
const MAX_NODES: usize = 10_000;
/// `/Kids` nesting followed, in the form and in the page tree.
const MAX_DEPTH: usize = 32;

impl Roles {
    pub(super) fn form(&mut self, doc: &Document, form: &Primitive) {
        if let Primitive::Ref(r) = form {
            self.add(u64::from(r.num), Role::AcroForm);
        }
        let Ok(form) = doc.dictionary(form, "/AcroForm") else {
            return;
        };
        let Some(fields) = form.get("Fields") else {
            return;
        };
        // Each node with what it inherits: depth, kind, parent field, and
        // the parent's full name.
        type Node = (
            Primitive,
            usize,
            Option<FieldKind>,
            Option<u64>,
            Option<String>,
        );
        let mut stack: Vec<Node> = self
            .list(doc, fields)
            .into_iter()
            .map(|node| (node, 0, None, None, None))
            .collect();
        let mut visited = HashSet::new();
        let mut nodes = 0;
        while let Some((node, depth, inherited, parent, parent_name)) = stack.pop() {
            nodes += 1;
            if nodes > MAX_NODES {
                self.incomplete = true;
                return;
            }
            let id = match node {
                Primitive::Ref(r) if !visited.insert(u64::from(r.num)) => continue,
                Primitive::Ref(r) => Some(u64::from(r.num)),
                _ => None,
            };
            let Ok(dict) = doc.dictionary(&node, "a form field") else {
                continue;
            };
            let kind = field_kind(doc, &dict).or(inherited);
            // A kid without a name is a widget of its parent field.
            let field = match (dict.get("T"), parent) {
                (None, Some(parent)) => Some(parent),
                _ => id,
            };
            let kind_or_value = kind.unwrap_or(FieldKind::Value);
            let field_nr = field.unwrap_or(0);
            let name = qualified_name(parent_name.as_deref(), dict.get("T"));
            if let (Some(id), Some(name)) = (id, &name) {
                self.names.entry(id).or_insert_with(|| name.clone());
            }
            if let Some(id) = id {
                self.add(
                    id,
                    Role::FormNode {
                        kind: kind_or_value,
                        field: field_nr,
                    },
                );
            }
            if let (FieldKind::Signature(sig), Some(value)) = (kind_or_value, dict.get("V")) {
                self.reach(doc, value, Role::SignatureValue(sig));
            }
            if let Some(appearance) = dict.get("AP") {
                let role = Role::Appearance {
                    kind: kind_or_value,
                    field: field_nr,
                };
                self.reach(doc, appearance, role);
            }
            if depth < MAX_DEPTH {
                if let Some(kids) = dict.get("Kids") {
                    for kid in self.list(doc, kids).into_iter().rev() {
                        stack.push((kid, depth + 1, kind, field, name.clone()));
                    }
                }
            }
        }
    }

    /// The items of an array that may be indirect (then a [`Role::FieldList`]).
    fn list(&mut self, doc: &Document, value: &Primitive) -> Vec<Primitive> {
        if let Primitive::Ref(r) = value {
            self.add(u64::from(r.num), Role::FieldList);
        }
        match doc.resolve(value) {
            Ok(Primitive::Array(items)) => items.into_iter().take(MAX_NODES).collect(),
            _ => Vec::new(),
        }
    }

    pub(super) fn pages(&mut self, doc: &Document, root: &Primitive) {
        let mut stack = vec![(root.clone(), 0usize)];
        let mut visited = HashSet::new();
        let mut nodes = 0;
        while let Some((node, depth)) = stack.pop() {
            nodes += 1;
            if nodes > MAX_NODES {
                self.incomplete = true;
                return;
            }
            if let Primitive::Ref(r) = node {
                if !visited.insert(u64::from(r.num)) {
                    continue;
                }
                self.add(u64::from(r.num), Role::PageNode);
            }
            let Ok(dict) = doc.dictionary(&node, "a page") else {
                continue;
            };
            if let Some(kids) = dict.get("Kids") {
                if depth < MAX_DEPTH {
                    if let Ok(Primitive::Array(kids)) = doc.resolve(kids) {
                        stack.extend(kids.into_iter().take(MAX_NODES).map(|k| (k, depth + 1)));
                    }
                }
                continue;
            }
            self.page(doc, &dict);
        }
    }

    fn page(&mut self, doc: &Document, page: &Dictionary) {
        for (key, value) in page.iter() {
            if !matches!(&*key.as_str(), "Annots" | "Parent") {
                self.reach(doc, value, Role::PageContent);
            }
        }
        let Some(annots) = page.get("Annots") else {
            return;
        };
        if let Primitive::Ref(r) = annots {
            self.add(u64::from(r.num), Role::AnnotList);
        }
        let Ok(Primitive::Array(annots)) = doc.resolve(annots) else {
            return;
        };
        for annot in annots.iter().take(MAX_NODES) {
            let Primitive::Ref(r) = annot else {
                continue;
            };
            let Ok(dict) = doc.dictionary(annot, "an annotation") else {
                continue;
            };
            let widget =
                matches!(dict.get("Subtype"), Some(Primitive::Name(n)) if n.as_str() == "Widget");
            if widget {
                // A widget outside the form shows on the page all the same.
                let in_form = self
                    .of(u64::from(r.num))
                    .iter()
                    .any(|role| matches!(role, Role::FormNode { .. }));
                if !in_form {
                    self.reach(doc, annot, Role::PageContent);
                }
                continue;
            }
            // The annotation, its appearance, popup and actions.
            let covering = !dict
                .get("Subtype")
                .and_then(|t| t.as_name())
                .is_some_and(|t| HARMLESS_ANNOTATIONS.iter().any(|h| *t == **h));
            self.reach(doc, annot, Role::Annotation { covering });
        }
    }
}

/// `/FT` of this node, if it has one; a signature field's kind comes from
/// its `/V`.
fn field_kind(doc: &Document, field: &Dictionary) -> Option<FieldKind> {
    match field.get("FT")? {
        Primitive::Name(kind) if kind.as_str() == "Sig" => {
            let kind = field
                .get("V")
                .and_then(|v| doc.dictionary(v, "/V").ok())
                .map(|v| signature_kind(&v))
                .unwrap_or(SignatureKind::Signature);
            Some(FieldKind::Signature(kind))
        }
        _ => Some(FieldKind::Value),
    }
}
