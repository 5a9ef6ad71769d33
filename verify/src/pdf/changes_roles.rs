//! What each object of the final file is for: walked once from the catalog
//! (form fields and their widgets, appearances and signature values, the
//! DSS, the page tree, annotations, page content). A changed object is then
//! classified by its roles; an object no walk reaches has none (and any
//! change to it counts as `other`).

use std::collections::HashMap;

use super::cos::{Dict as Dictionary, Object as Primitive};

use super::document::Document;
use super::inspection::SignatureKind;
use crate::verdict_pdf::ChangeRole;

/// Values visited by all generic walks ([`Roles::reach`]) together: an
/// object shared by many fields is walked once per field.
const MAX_STEPS: usize = 2_000_000;

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
    /// An annotation other than a widget, its appearance and popup;
    /// `covering` when its kind can hide what the page shows (a text box,
    /// a stamp, a shape: an "overlay" in the shadow-attack sense), not a
    /// note icon, a link or a text markup.
    Annotation {
        covering: bool,
    },
    /// A page's content streams, resources and other entries, and what
    /// those use.
    PageContent,
    /// Used by a part of the document no class covers (the catalog's
    /// `/OpenAction`, `/Names`, `/Outlines`, an unknown key, the trailer).
    Elsewhere,
}

impl Role {
    /// What the report calls an object in this role; `object` (as the final
    /// file has it) says which part of a page or form it is.
    pub fn wire(self, object: &Primitive) -> ChangeRole {
        let dict = match object {
            Primitive::Dict(dict) => Some(dict),
            Primitive::Stream(stream) => Some(&stream.dict),
            _ => None,
        };
        let is = |key: &str, name: &str| dict.is_some_and(|d| d.is(key, name));
        match self {
            Role::PageNode if is("Type", "Pages") => return ChangeRole::Pages,
            Role::FormNode { .. } if is("Subtype", "Widget") => return ChangeRole::Widget,
            Role::PageContent | Role::Appearance { .. } | Role::Annotation { .. }
                if is("Type", "Font") || dict.is_some_and(|d| d.get("BaseFont").is_some()) =>
            {
                return ChangeRole::Font
            }
            // What an annotation paints is its appearance.
            Role::Annotation { .. } if matches!(object, Primitive::Stream(_)) => {
                return ChangeRole::Appearance
            }
            Role::PageContent
                if is("Type", "XObject") || is("Subtype", "Form") || is("Subtype", "Image") =>
            {
                return ChangeRole::Xobject
            }
            _ => {}
        }
        match self {
            Role::Catalog => ChangeRole::Catalog,
            Role::Info => ChangeRole::Info,
            Role::Metadata => ChangeRole::Metadata,
            Role::AcroForm => ChangeRole::Form,
            Role::FieldList => ChangeRole::FieldList,
            Role::FormNode {
                kind: FieldKind::Value,
                ..
            } => ChangeRole::Field,
            Role::FormNode { .. } => ChangeRole::SignatureField,
            Role::Appearance { .. } => ChangeRole::Appearance,
            Role::SignatureValue(_) => ChangeRole::Signature,
            Role::Dss => ChangeRole::Dss,
            Role::PageNode => ChangeRole::Page,
            Role::AnnotList => ChangeRole::Annotations,
            Role::Annotation { .. } => ChangeRole::Annotation,
            Role::PageContent => ChangeRole::PageContent,
            Role::Elsewhere => ChangeRole::Other,
        }
    }
}

#[derive(Default)]
pub struct Roles {
    map: HashMap<u64, Vec<Role>>,
    /// Form node object number → the field's full name.
    pub(super) names: HashMap<u64, String>,
    /// A walk stopped at a limit: some objects may lack a role.
    pub incomplete: bool,
    steps: usize,
}

impl Roles {
    /// The full name of the field whose node is object `field`.
    pub fn field_name(&self, field: u64) -> Option<&str> {
        self.names.get(&field).map(String::as_str)
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
                &*key.as_str(),
                "Root" | "Info" | "Size" | "Prev" | "ID" | "Encrypt" | "XRefStm"
            ) {
                roles.reach(doc, value, Role::Elsewhere);
            }
        }
        let Some(root) = trailer.get("Root") else {
            return roles;
        };
        if let Primitive::Ref(r) = root {
            roles.add(u64::from(r.num), Role::Catalog);
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
                &*key.as_str(),
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
    pub(super) fn add(&mut self, id: u64, role: Role) -> bool {
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
    pub(super) fn reach(&mut self, doc: &Document, start: &Primitive, role: Role) {
        let mut stack = vec![start.clone()];
        while let Some(value) = stack.pop() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                self.incomplete = true;
                return;
            }
            match value {
                Primitive::Ref(r) => {
                    if self.of(u64::from(r.num)).contains(&role)
                        || self.stops(u64::from(r.num), role)
                    {
                        continue;
                    }
                    match doc.object(u64::from(r.num)) {
                        Some(object) if !is_page_tree(&object) => {
                            self.add(u64::from(r.num), role);
                            stack.push(object);
                        }
                        Some(_) => {}
                        None => self.incomplete |= doc.exhausted(),
                    }
                }
                Primitive::Dict(dict) => push_children(&mut stack, &dict),
                Primitive::Stream(stream) => push_children(&mut stack, &stream.dict),
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
}

/// The catalog, a page tree node or a page.
fn is_page_tree(object: &Primitive) -> bool {
    let Primitive::Dict(dict) = object else {
        return false;
    };
    matches!(dict.get("Type"), Some(Primitive::Name(t)) if matches!(&*t.as_str(), "Catalog" | "Pages" | "Page"))
}

fn push_children(stack: &mut Vec<Primitive>, dict: &Dictionary) {
    for (key, value) in dict.iter() {
        if !matches!(&*key.as_str(), "Parent" | "P") {
            stack.push(value.clone());
        }
    }
}
