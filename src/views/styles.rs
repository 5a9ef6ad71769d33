//! The verdicts' stylesheet (`style/verdict.css`) and the page preview's
//! come with the verify part, not the first download: they are adopted in
//! a shadow root, together with the control's own rules, the first time a
//! verdict (or the preview) shows there.

use wasm_bindgen::{JsCast, JsValue};

/// `style/verdict.css`, minified by `build.rs`.
const VERDICT_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/verdict.css"));
/// `style/preview.css`, minified by `build.rs`.
const PREVIEW_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/preview.css"));

/// What a shadow root has adopted so far, kept on the root object itself.
const ADOPTED: &str = "__infoplusSignatureStyles";

/// Adopt the verdicts' rules (and the preview's, with `preview`) in the
/// shadow root `node` is in, once.
pub fn adopt(node: &web_sys::Node, preview: bool) {
    let Ok(root) = node.get_root_node().dyn_into::<web_sys::ShadowRoot>() else {
        return;
    };
    let want = if preview { "preview" } else { "verdict" };
    let had = js_sys::Reflect::get(&root, &JsValue::from_str(ADOPTED))
        .ok()
        .and_then(|v| v.as_string());
    if had.as_deref() == Some(want) || had.as_deref() == Some("preview") {
        return;
    }
    let css = if preview {
        format!("{}{VERDICT_CSS}{PREVIEW_CSS}", crate::element::CSS)
    } else {
        format!("{}{VERDICT_CSS}", crate::element::CSS)
    };
    crate::element::shim::adopt_sheet(&root, &css);
    let _ = js_sys::Reflect::set(&root, &JsValue::from_str(ADOPTED), &JsValue::from_str(want));
}
