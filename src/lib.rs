//! `<infoplus-signature>`: the InfoPlus signature control.
//!
//! A form-associated custom element (and a Leptos component) that shows the
//! seals of an InfoPlus Signature, sends the user to the signature service
//! to stamp them, verifies them in the browser and deletes them. The pure
//! logic lives in `infoplus-signature-core`; this crate is the browser
//! shell: API client, driver, views, element glue.
//!
//! Layers: element → driver → {api, core}; views → core.

#[cfg(target_arch = "wasm32")]
pub mod api;
pub mod audit;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod component;
#[cfg(target_arch = "wasm32")]
pub mod driver;
#[cfg(target_arch = "wasm32")]
pub mod element;
pub mod i18n;
#[cfg(target_arch = "wasm32")]
mod parts;
pub mod views;

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Called by the loader (`infoplus-signature.js`) once the module is
    /// instantiated: defines the element. `asset_base` is the URL of the
    /// directory the control was loaded from (where the verify worker is);
    /// `worker`, when given, is the verify worker's own URL (the npm
    /// package's entry passes it: a bundler renames the files it emits).
    #[wasm_bindgen]
    pub fn define(asset_base: Option<String>, worker: Option<String>) -> bool {
        crate::driver::verifier::set_asset_base(asset_base);
        crate::driver::verifier::set_worker_url(worker);
        crate::element::define()
    }
}
