//! The one mapping of the core `Error` to JS: an `Error` named "WazperError" with `code`, `status`
//! (number or null), `message` and `details` (object or null). The package's exported `WazperError`
//! class recognises these by name, so `instanceof WazperError` holds for every failure.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::error::Error;

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

pub fn to_js(e: &Error) -> JsValue {
    let err: JsValue = js_sys::Error::new(&e.message).into();
    set(&err, "name", &JsValue::from_str("WazperError"));
    set(&err, "code", &JsValue::from_str(e.code.as_str()));
    let status = match e.status {
        Some(s) => JsValue::from_f64(f64::from(s)),
        None => JsValue::NULL,
    };
    set(&err, "status", &status);
    let details = match &e.details {
        None => JsValue::NULL,
        Some(d) => {
            let o: JsValue = Object::new().into();
            if let Some(field) = d.field {
                set(&o, "field", &JsValue::from_str(field));
            }
            if let Some(server) = &d.server {
                set(&o, "serverDetails", &JsValue::from_str(server));
            }
            if let Some(secs) = d.retry_after_seconds {
                set(&o, "retryAfterSeconds", &JsValue::from_f64(secs as f64));
            }
            o
        }
    };
    set(&err, "details", &details);
    err
}
