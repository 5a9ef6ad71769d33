//! The same control as a Leptos component, for Leptos apps that do not
//! want a custom element: `<SignatureControl signature_id=… engine=… />`.
//! It runs the same driver and views; events become optional callbacks.

use std::rc::Rc;

use infoplus_signature_core::machine::{Failure, Mode, Settings, State};
use infoplus_signature_core::pending::FormEntry;
use infoplus_signature_core::verdict::{PdfReport, SealReport, VerifyReport};
use infoplus_signature_core::Signature;
use leptos::prelude::*;

use crate::api::Engine;
use crate::audit::Audit;
use crate::driver::{Driver, Host, Wiring, DEFAULT_MAX_DOCUMENT_BYTES};
use crate::element::intents;
use crate::i18n::Lang;
use crate::views::{control_view, Context};

/// Callbacks standing in for the element's events.
struct CallbackHost {
    on_change: Option<UnsyncCallback<Signature>>,
    on_error: Option<UnsyncCallback<Failure>>,
    on_state: Option<UnsyncCallback<String>>,
    on_verified: Option<UnsyncCallback<VerifyReport>>,
}

impl Host for CallbackHost {
    fn publish(&self, value: &Signature) {
        if let Some(f) = &self.on_change {
            f.run(value.clone());
        }
    }
    // `on_change` already hears every value.
    fn changed(&self) {}
    fn state_changed(&self, state: &State, _previous: &'static str) {
        if let Some(f) = &self.on_state {
            f.run(state.name().to_owned());
        }
    }
    fn loaded(&self, _value: &Signature) {}
    fn error(&self, failure: &Failure) {
        if let Some(f) = &self.on_error {
            f.run(failure.clone());
        }
    }
    fn verified(
        &self,
        _seal: usize,
        seals: &[SealReport],
        pdf: Option<&PdfReport>,
        _audit: Option<&Audit>,
    ) {
        if let Some(f) = &self.on_verified {
            f.run(VerifyReport {
                seals: seals.to_vec(),
                pdf: pdf.cloned(),
            });
        }
    }
    fn before_redirect(&self, _url: &str, _seal: usize) -> bool {
        true
    }
    fn form_entries(&self) -> Vec<FormEntry> {
        Vec::new()
    }
    fn restore_form(&self, _entries: &[FormEntry]) {}
}

/// The signature control as a Leptos component.
#[component]
#[allow(clippy::too_many_arguments)]
pub fn SignatureControl(
    #[prop(into)] signature_id: String,
    #[prop(into)] engine: String,
    #[prop(into)] service: String,
    #[prop(optional)] lang: Option<Lang>,
    #[prop(optional)] popup: bool,
    #[prop(optional)] readonly: bool,
    #[prop(optional)] disabled: bool,
    #[prop(optional)] max_document_bytes: Option<u64>,
    /// Trusted roots (PEM) for the PDF's own signatures (§6a).
    #[prop(optional)]
    trust_roots: Option<Vec<String>>,
    #[prop(optional)] on_change: Option<UnsyncCallback<Signature>>,
    #[prop(optional)] on_error: Option<UnsyncCallback<Failure>>,
    #[prop(optional)] on_state: Option<UnsyncCallback<String>>,
    #[prop(optional)] on_verified: Option<UnsyncCallback<VerifyReport>>,
) -> impl IntoView {
    let engine = Engine::new(&engine, &signature_id).ok();
    let settings = Settings {
        signature_id: Some(signature_id),
        engine: engine.as_ref().map(|e| e.base().to_owned()),
        service: Some(service),
        readonly,
        disabled,
        mode: if popup { Mode::Popup } else { Mode::Redirect },
    };
    let base = engine.as_ref().map(|e| e.base().to_owned());
    let wiring = Wiring {
        engine,
        max_document_bytes: max_document_bytes.unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES),
        trust_roots: None,
        trust_intermediates: None,
    };
    let host = Rc::new(CallbackHost {
        on_change,
        on_error,
        on_state,
        on_verified,
    });
    let driver = Driver::new(settings, wiring, host);
    driver.set_trust_roots(trust_roots);
    let cx = Context {
        state: driver.state().read_only().into(),
        audit: driver.audit().read_only().into(),
        lang: Signal::stored(lang.unwrap_or_default()),
        base: Signal::stored(base),
        intents: intents(Rc::downgrade(&driver)),
    };
    driver.start(None);
    // The driver lives as long as the component.
    let keep = StoredValue::new_local(driver);
    on_cleanup(move || keep.with_value(|d| d.shutdown()));
    control_view(cx)
}
