//! The viewer's time zone, as the browser knows it: its name from `Intl`
//! and its offset at each instant from `Date` (so a summer date reads in
//! summer time). Only in the verify part: nothing in the first download
//! formats report times.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::time::Zone;

pub struct BrowserZone;

impl Zone for BrowserZone {
    fn name(&self) -> Option<String> {
        let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
        Reflect::get(&options, &JsValue::from_str("timeZone"))
            .ok()?
            .as_string()
    }

    fn offset_minutes(&self, epoch_seconds: i64) -> i32 {
        let date = Date::new(&JsValue::from_f64(epoch_seconds as f64 * 1000.0));
        // `getTimezoneOffset` is UTC minus local time, in minutes.
        -(date.get_timezone_offset() as i32)
    }
}
