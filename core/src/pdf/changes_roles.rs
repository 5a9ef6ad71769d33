//! What each object of the final file is for: walked once from the catalog
//! (form fields and their widgets, appearances and signature values, the
//! DSS, the page tree, annotations, page content). A changed object is then
//! classified by its roles; an object no walk reaches has none (and any
//! change to it counts as `other`).

use std::collections::{HashMap, HashSet};

use pdf::primitive::{Dictionary, Primitive};

use super::document::Document;
use super::inspection::{signature_kind, SignatureKind};

/// Values visited by one generic walk ([`Roles::reach`]).
const MAX_STEPS: usize = 200_000;
/// Form field nodes and page tree nodes visited.
const MAX_NODES: usize = 10_000;
/// `/Kids` nesting followed, in the form and in the page tree.
const MAX_DEPTH: usize = 32;

/// A form field's kind, as its (inherited) `/FT` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text, choice, button: a field whose value a user fills in.
    Value,
    Signature(SignatureKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Catalog,
    Info,
    Metadata,
    /// An indirect `/AcroForm` dictionary.
    AcroForm,
    /// An indirect `/Fields` or `/Kids` array.
    FieldList,
    /// A field or widget node; `field` is the object number of the field
    /// whose value it shows (itself for a field merged with its widget).
    FormNode {
        kind: FieldKind,
        field: u64,
    },
    /// An appearance stream of such a node, or what it uses.
    Appearance {
        kind: FieldKind,
        field: u64,
    },
    /// A signature dictionary (a signature field's `/V`) and what it holds.
    SignatureValue(SignatureKind),
    /// The document security store and everything in it.
    Dss,
    /// A page or a node of the page tree.
    PageNode,
    /// An indirect `/Annots` array.
    AnnotList,
    /// An annotation other than a widget, its appearance and popup.
    Annotation,
    /// A page's content streams, resources and other entries, and what
    /// those use.
    PageContent,
    /// Used by a part of the document no class covers (the catalog's
    /// `/OpenAction`, `/Names`, `/Outlines`, an unknown key, the trailer).
    Elsewhere,
}

#[derive(Default)]
pub struct Roles {
    map: HashMap<u64, Vec<Role>>,
    /// A walk stopped at a limit: some objects may lack a role.
    pub incomplete: bool,
}

impl Roles {
    /// Roles when the final file could not be walked at all.
    pub fn unknown() -> Roles {
        Roles {
            map: HashMap::new(),
            incomplete: true,
        }
    }

    pub fn of(&self, id: u64) -> &[Role] {
        self.map.get(&id).map(Vec::as_slice).unwrap_or_default()
    }

    /// Walk the final file.
    pub fn build(doc: &Document) -> Roles {
        let mut roles = Roles::default();
        let trailer = doc.trailer();
        if let Some(info) = trailer.get("Info") {
            roles.reach(doc, info, Role::Info);
        }
        for (key, value) in trailer.iter() {
            if !matches!(
                key.as_str(),
                "Root" | "Info" | "Size" | "Prev" | "ID" | "Encrypt" | "XRefStm"
            ) {
                roles.reach(doc, value, Role::Elsewhere);
            }
        }
        let Some(root) = trailer.get("Root") else {
            return roles;
        };
        if let Primitive::Reference(r) = root {
            roles.add(r.id, Role::Catalog);
        }
        let Ok(catalog) = doc.dictionary(root, "/Root") else {
            roles.incomplete = true;
            return roles;
        };
        for key in ["Metadata", "Extensions"] {
            if let Some(value) = catalog.get(key) {
                roles.reach(doc, value, Role::Metadata);
            }
        }
        if let Some(form) = catalog.get("AcroForm") {
            roles.form(doc, form);
        }
        if let Some(dss) = catalog.get("DSS") {
            roles.reach(doc, dss, Role::Dss);
        }
        if let Some(pages) = catalog.get("Pages") {
            roles.pages(doc, pages);
        }
        // Last, so that what the walks above classified is known. The
        // structure tree is left out: it shows nothing, it is large, and a
        // change to one of its objects counts as `other` all the same.
        for (key, value) in catalog.iter() {
            if !matches!(
                key.as_str(),
                "Pages"
                    | "AcroForm"
                    | "DSS"
                    | "Metadata"
                    | "Extensions"
                    | "StructTreeRoot"
                    | "Type"
            ) {
                roles.reach(doc, value, Role::Elsewhere);
            }
        }
        roles.incomplete |= doc.exhausted();
        roles
    }

    /// Give `id` the role; `true` when it is new for it.
    fn add(&mut self, id: u64, role: Role) -> bool {
        let roles = self.map.entry(id).or_default();
        if roles.contains(&role) {
            return false;
        }
        roles.push(role);
        true
    }

    /// Give `role` to every object reachable from `start`, not climbing up
    /// (`/Parent`, an annotation's `/P`), nor into the catalog, the page
    /// tree or pages (a link to a page is not a use of its content).
    /// [`Role::Elsewhere`] also stops at what other walks gave a role of a
    /// part of its own (a field, an annotation): only what is used as
    /// content (an appearance stream, page content) gets it beside its role.
    fn reach(&mut self, doc: &Document, start: &Primitive, role: Role) {
        let mut stack = vec![start.clone()];
        let mut steps = 0;
        while let Some(value) = stack.pop() {
            steps += 1;
            if steps > MAX_STEPS {
                self.incomplete = true;
                return;
            }
            match value {
                Primitive::Reference(r) => {
                    if self.of(r.id).contains(&role) || self.stops(r.id, role) {
                        continue;
                    }
                    match doc.object(r.id) {
                        Some(object) if !is_page_tree(&object) => {
                            self.add(r.id, role);
                            stack.push(object);
                        }
                        Some(_) => {}
                        None => self.incomplete |= doc.exhausted(),
                    }
                }
                Primitive::Dictionary(dict) => push_children(&mut stack, &dict),
                Primitive::Stream(stream) => push_children(&mut stack, &stream.info),
                Primitive::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }

    fn stops(&self, id: u64, role: Role) -> bool {
        role == Role::Elsewhere
            && self.of(id).iter().any(|known| {
                !matches!(
                    known,
                    Role::Appearance { .. } | Role::PageContent | Role::Metadata
                )
            })
    }

    fn form(&mut self, doc: &Document, form: &Primitive) {
        if let Primitive::Reference(r) = form {
            self.add(r.id, Role::AcroForm);
        }
        let Ok(form) = doc.dictionary(form, "/AcroForm") else {
            return;
        };
        let Some(fields) = form.get("Fields") else {
            return;
        };
        let mut stack: Vec<(Primitive, usize, Option<FieldKind>, Option<u64>)> = self
            .list(doc, fields)
            .into_iter()
            .map(|node| (node, 0, None, None))
            .collect();
        let mut visited = HashSet::new();
        let mut nodes = 0;
        while let Some((node, depth, inherited, parent)) = stack.pop() {
            nodes += 1;
            if nodes > MAX_NODES {
                self.incomplete = true;
                return;
            }
            let id = match node {
                Primitive::Reference(r) if !visited.insert(r.id) => continue,
                Primitive::Reference(r) => Some(r.id),
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
                        stack.push((kid, depth + 1, kind, field));
                    }
                }
            }
        }
    }

    /// The items of an array that may be indirect (then a [`Role::FieldList`]).
    fn list(&mut self, doc: &Document, value: &Primitive) -> Vec<Primitive> {
        if let Primitive::Reference(r) = value {
            self.add(r.id, Role::FieldList);
        }
        match doc.resolve(value) {
            Ok(Primitive::Array(items)) => items.into_iter().take(MAX_NODES).collect(),
            _ => Vec::new(),
        }
    }

    fn pages(&mut self, doc: &Document, root: &Primitive) {
        let mut stack = vec![(root.clone(), 0usize)];
        let mut visited = HashSet::new();
        let mut nodes = 0;
        while let Some((node, depth)) = stack.pop() {
            nodes += 1;
            if nodes > MAX_NODES {
                self.incomplete = true;
                return;
            }
            if let Primitive::Reference(r) = node {
                if !visited.insert(r.id) {
                    continue;
                }
                self.add(r.id, Role::PageNode);
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
            if !matches!(key.as_str(), "Annots" | "Parent") {
                self.reach(doc, value, Role::PageContent);
            }
        }
        let Some(annots) = page.get("Annots") else {
            return;
        };
        if let Primitive::Reference(r) = annots {
            self.add(r.id, Role::AnnotList);
        }
        let Ok(Primitive::Array(annots)) = doc.resolve(annots) else {
            return;
        };
        for annot in annots.iter().take(MAX_NODES) {
            let Primitive::Reference(r) = annot else {
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
                    .of(r.id)
                    .iter()
                    .any(|role| matches!(role, Role::FormNode { .. }));
                if !in_form {
                    self.reach(doc, annot, Role::PageContent);
                }
                continue;
            }
            // The annotation, its appearance, popup and actions.
            self.reach(doc, annot, Role::Annotation);
        }
    }
}

/// The catalog, a page tree node or a page.
fn is_page_tree(object: &Primitive) -> bool {
    let Primitive::Dictionary(dict) = object else {
        return false;
    };
    matches!(dict.get("Type"), Some(Primitive::Name(t)) if matches!(t.as_str(), "Catalog" | "Pages" | "Page"))
}

fn push_children(stack: &mut Vec<Primitive>, dict: &Dictionary) {
    for (key, value) in dict.iter() {
        if !matches!(key.as_str(), "Parent" | "P") {
            stack.push(value.clone());
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
