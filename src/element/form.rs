//! The host form around the control: saving its fields before the trip to
//! the service and putting them back afterwards (so nothing typed is lost),
//! and writing the JSON into the `field` input.

use infoplus_signature_core::pending::FormEntry;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

/// Input types whose values are not ours to save: secrets, files, buttons,
/// and hidden inputs (often tokens the server re-issues with the page).
const SKIPPED_TYPES: [&str; 7] = [
    "password", "file", "submit", "button", "reset", "image", "hidden",
];

fn controls(form: &HtmlFormElement) -> Vec<Element> {
    let elements = form.elements();
    (0..elements.length())
        .filter_map(|i| elements.item(i))
        .filter(|e| !e.local_name().contains('-'))
        .collect()
}

fn input_type(input: &HtmlInputElement) -> String {
    input.type_().to_ascii_lowercase()
}

/// The form's fields as `FormData` would list them.
pub fn snapshot(form: &HtmlFormElement) -> Vec<FormEntry> {
    let mut entries = Vec::new();
    for element in controls(form) {
        let name = element.get_attribute("name").unwrap_or_default();
        if name.is_empty() {
            continue;
        }
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            let kind = input_type(input);
            if SKIPPED_TYPES.contains(&kind.as_str()) {
                continue;
            }
            if (kind == "checkbox" || kind == "radio") && !input.checked() {
                continue;
            }
            entries.push((name, input.value()));
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            entries.push((name, area.value()));
        } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
            let options = select.selected_options();
            for i in 0..options.length() {
                if let Some(option) = options.item(i) {
                    let value = option.get_attribute("value").unwrap_or_else(|| {
                        option.text_content().unwrap_or_default().trim().to_owned()
                    });
                    entries.push((name.clone(), value));
                }
            }
        }
    }
    entries
}

/// Put saved fields back. Fields the snapshot does not name are left as
/// they are.
pub fn restore(form: &HtmlFormElement, entries: &[FormEntry]) {
    let named = |name: &str| entries.iter().any(|(n, _)| n == name);
    let has = |name: &str, value: &str| entries.iter().any(|(n, v)| n == name && v == value);
    let mut used: Vec<usize> = Vec::new();
    let mut next_value = |name: &str| {
        let found = entries
            .iter()
            .enumerate()
            .find(|(i, (n, _))| n == name && !used.contains(i));
        found.map(|(i, (_, v))| {
            used.push(i);
            v.clone()
        })
    };
    for element in controls(form) {
        let name = element.get_attribute("name").unwrap_or_default();
        if name.is_empty() || !named(&name) {
            continue;
        }
        let changed = if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            let kind = input_type(input);
            if SKIPPED_TYPES.contains(&kind.as_str()) {
                continue;
            }
            if kind == "checkbox" || kind == "radio" {
                let checked = has(&name, &input.value());
                let changed = input.checked() != checked;
                input.set_checked(checked);
                changed
            } else {
                let value = next_value(&name).unwrap_or_default();
                let changed = input.value() != value;
                input.set_value(&value);
                changed
            }
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            let value = next_value(&name).unwrap_or_default();
            let changed = area.value() != value;
            area.set_value(&value);
            changed
        } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
            let options = select.options();
            for i in 0..options.length() {
                let option = options
                    .item(i)
                    .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok());
                if let Some(option) = option {
                    option.set_selected(has(&name, &option.value()));
                }
            }
            true
        } else {
            false
        };
        if changed {
            notify(&element);
        }
    }
}

/// Write `json` into the host input named `name` (in the control's form,
/// else anywhere in the document) and tell listeners.
pub fn write_field(el: &HtmlElement, form: Option<HtmlFormElement>, name: &str, json: &str) {
    let in_form = form.and_then(|f| {
        controls(&f)
            .into_iter()
            .find(|e| e.get_attribute("name").as_deref() == Some(name))
    });
    let target = in_form.or_else(|| {
        let doc = el.owner_document()?;
        let list = doc.get_elements_by_name(name);
        (0..list.length())
            .filter_map(|i| list.item(i))
            .find_map(|n| n.dyn_into::<Element>().ok())
    });
    let Some(target) = target else { return };
    let changed = if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        let changed = input.value() != json;
        input.set_value(json);
        changed
    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        let changed = area.value() != json;
        area.set_value(json);
        changed
    } else {
        false
    };
    if changed {
        notify(&target);
    }
}

/// `input` then `change`, bubbling, as if the user had typed.
fn notify(element: &Element) {
    for kind in ["input", "change"] {
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = Event::new_with_event_init_dict(kind, &init) {
            let _ = element.dispatch_event(&event);
        }
    }
}
