//! Small wrappers over the browser: timers that cancel when dropped, the
//! clock, random bytes, the page URL and `sessionStorage`. Everything that
//! can be missing (no window in a worker, storage disabled) is an `Option`
//! or a `Result`, never a panic.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Milliseconds since the epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Cryptographically random bytes from `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    let crypto = window()?.crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

/// The page's own URL.
pub fn page_url() -> Option<String> {
    window()?.location().href().ok()
}

/// Replace the page URL without navigating (removing our return params).
pub fn replace_url(url: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// `sessionStorage`, which can be disabled or throw (privacy modes).
pub fn session_storage() -> Result<web_sys::Storage, String> {
    window()
        .ok_or_else(|| "no window".to_owned())?
        .session_storage()
        .map_err(|e| format!("{e:?}"))?
        .ok_or_else(|| "sessionStorage is not available".to_owned())
}

/// A `setTimeout` that is cleared when dropped.
pub struct Timer {
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    pub fn new(after_ms: u32, callback: impl FnOnce() + 'static) -> Option<Timer> {
        let mut callback = Some(callback);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = callback.take() {
                f();
            }
        });
        let handle = window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                i32::try_from(after_ms).unwrap_or(i32::MAX),
            )
            .ok()?;
        Some(Timer {
            handle,
            _callback: closure,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = window() {
            w.clear_timeout_with_handle(self.handle);
        }
    }
}

/// Resolve `relative` against `base` (absolute, or itself relative to the
/// page). `None` when the browser cannot make sense of it.
pub fn resolve_url(relative: &str, base: Option<&str>) -> Option<String> {
    let page = page_url()?;
    let base = match base {
        Some(b) => web_sys::Url::new_with_base(b, &page).ok()?.href(),
        None => page,
    };
    Some(web_sys::Url::new_with_base(relative, &base).ok()?.href())
}

/// The browser's user agent; empty when it cannot be read.
pub fn user_agent() -> String {
    // Read reflectively: web-sys's Navigator binding is a large feature
    // for one string.
    let get =
        |target: &wasm_bindgen::JsValue, key: &str| js_sys::Reflect::get(target, &key.into()).ok();
    window()
        .and_then(|w| get(&w.into(), "navigator"))
        .and_then(|n| get(&n, "userAgent"))
        .and_then(|ua| ua.as_string())
        .unwrap_or_default()
}

/// The origin of the page (`https://form.example`).
pub fn page_origin() -> Option<String> {
    window()?.location().origin().ok()
}

/// A string property of a message's data (`data.type`, `data.state`);
/// `None` when it is missing or not a string.
pub fn text_field(data: &wasm_bindgen::JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(data, &key.into()).ok()?.as_string()
}
