//! The one piece of JavaScript the control needs: wasm-bindgen cannot emit
//! `class … extends HTMLElement { static formAssociated = true }`, so this
//! shim defines the class and forwards the lifecycle callbacks, properties
//! and methods to Rust hooks. It holds no logic of its own.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const OBSERVED = ['signature-id', 'engine', 'service', 'name', 'value', 'required',
  'readonly', 'disabled', 'lang', 'mode', 'field', 'max-document-bytes',
  'trust-roots', 'trust-intermediates'];

export function define_element(tag, hooks) {
  if (customElements.get(tag)) return false;
  let next = 0;
  class InfoplusSignature extends HTMLElement {
    static formAssociated = true;
    static observedAttributes = OBSERVED;
    constructor() {
      super();
      this.__ips = { key: ++next, internals: this.attachInternals(), value: null, state: 'idle' };
      this.attachShadow({ mode: 'open' });
    }
    connectedCallback() { hooks.connected(this, this.__ips.key, this.__ips.internals, this.shadowRoot); }
    disconnectedCallback() { hooks.disconnected(this.__ips.key); }
    attributeChangedCallback(name, before, after) {
      if (before !== after) hooks.attributeChanged(this.__ips.key, name);
    }
    formResetCallback() { hooks.formReset(this.__ips.key); }
    formStateRestoreCallback(state) { hooks.formStateRestore(this.__ips.key, state == null ? null : String(state)); }
    formDisabledCallback(disabled) { hooks.formDisabled(this.__ips.key, !!disabled); }
    get value() { return this.__ips.value; }
    set value(v) { this.__ips.assigned = v; hooks.setValue(this.__ips.key, v); }
    get state() { return this.__ips.state; }
    get trustRoots() { return this.__ips.roots ?? null; }
    set trustRoots(v) {
      this.__ips.roots = Array.isArray(v) ? v.map(String) : null;
      hooks.setTrustRoots(this.__ips.key, this.__ips.roots);
    }
    get form() { return this.__ips.internals.form; }
    get name() { return this.getAttribute('name'); }
    get type() { return this.localName; }
    get labels() { return this.__ips.internals.labels; }
    get validity() { return this.__ips.internals.validity; }
    get validationMessage() { return this.__ips.internals.validationMessage; }
    get willValidate() { return this.__ips.internals.willValidate; }
    checkValidity() { return this.__ips.internals.checkValidity(); }
    reportValidity() { return this.__ips.internals.reportValidity(); }
    setCustomValidity(message) { hooks.setCustomValidity(this.__ips.key, message == null ? '' : String(message)); }
    refresh() { hooks.call(this.__ips.key, 'refresh', 0); }
    stamp(i = 0) { hooks.call(this.__ips.key, 'stamp', Number(i)); }
    verify(i = 0) { hooks.call(this.__ips.key, 'verify', Number(i)); }
    removeSeal(i = 0) { hooks.call(this.__ips.key, 'removeSeal', Number(i)); }
  }
  customElements.define(tag, InfoplusSignature);
  return true;
}

export function publish_value(el, json) { el.__ips.value = json == null ? null : JSON.parse(json); }
// The state as a custom state too, for `:state(signed)` in the page's CSS.
// Chromium before 125 took only `--signed`; a browser without
// CustomStateSet keeps `data-state` alone.
export function publish_state(el, state) {
  const ips = el.__ips, states = ips.internals.states, before = ips.state;
  ips.state = state;
  if (!states) return;
  for (const name of [before, '--' + before]) states.delete(name);
  try { states.add(state); } catch (_) { try { states.add('--' + state); } catch (_) {} }
}
export function assigned_value(el) { return el.__ips.assigned; }
export function assigned_roots(el) { return el.__ips.roots ?? null; }
export function adopt_sheet(root, css) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
}
"#)]
extern "C" {
    /// Define the element once; `false` if the tag was already taken.
    pub fn define_element(tag: &str, hooks: &JsValue) -> bool;
    /// Cache the value the `value` property returns.
    pub fn publish_value(el: &web_sys::HtmlElement, json: Option<String>);
    /// Cache the name the `state` property returns.
    pub fn publish_state(el: &web_sys::HtmlElement, state: &str);
    /// What the host assigned to `value` (possibly before connecting).
    pub fn assigned_value(el: &web_sys::HtmlElement) -> JsValue;
    /// What the host assigned to `trustRoots` (an array of strings or null).
    pub fn assigned_roots(el: &web_sys::HtmlElement) -> JsValue;
    /// Style the shadow root with a constructable stylesheet (not subject to
    /// a `style-src` CSP), or a `<style>` where those are missing.
    pub fn adopt_sheet(root: &web_sys::ShadowRoot, css: &str);

    /// `ElementInternals`, which web-sys does not bind.
    #[derive(Clone)]
    pub type ElementInternals;
    #[wasm_bindgen(method, js_name = setFormValue)]
    pub fn set_form_value(this: &ElementInternals, value: &JsValue, state: &JsValue);
    #[wasm_bindgen(method, js_name = setValidity)]
    pub fn set_validity(this: &ElementInternals, flags: &JsValue, message: &str, anchor: &JsValue);
    #[wasm_bindgen(method, getter)]
    pub fn form(this: &ElementInternals) -> Option<web_sys::HtmlFormElement>;
}
