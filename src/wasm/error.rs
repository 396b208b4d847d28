//! The one mapping of the core `Error` to JS: an `Error` named "WazperError" with `code`, `status`
//! (number or null), `message` and `details` (object or null), and for a network_error the fetch
//! failure behind it as `cause`, scrubbed of the key. The package's exported `WazperError` class
//! recognises these by name, so `instanceof WazperError` holds for every failure.

use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::client::text::sanitize_server_text;
use crate::error::Error;

/// The fields set on the JS Error, serialised in one go and assigned onto it.
#[derive(Serialize)]
struct Fields<'a> {
    name: &'static str,
    code: &'static str,
    status: Option<u16>,
    details: Option<Details<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Details<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server_details: Option<&'a str>,
    /// As a JS number (a u64 past 2^53 would make the serializer fail).
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_seconds: Option<f64>,
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

/// A `#[derive(Serialize)]` value as a plain JS object (never a Map).
pub fn to_value<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serializer()).unwrap_or(JsValue::NULL)
}

pub fn to_js(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let fields = Fields {
        name: "WazperError",
        code: e.code.as_str(),
        status: e.status,
        details: e.details.as_ref().map(|d| Details {
            field: d.field,
            server_details: d.server.as_deref(),
            retry_after_seconds: d.retry_after_seconds.map(|s| s as f64),
        }),
    };
    if let Ok(fields) = to_value(&fields).dyn_into::<Object>() {
        Object::assign(&err, &fields);
    }
    err.into()
}

/// `to_js`, with `cause` set from the JS value fetch failed with (see `network_cause`).
pub fn to_js_with_cause(e: &Error, cause: Option<&JsValue>, api_key: Option<&str>) -> JsValue {
    let err = to_js(e);
    if let Some(cause) = cause {
        let _ = Reflect::set(&err, &"cause".into(), &network_cause(cause, api_key, 2));
    }
    err
}

fn text_prop(v: &JsValue, key: &str) -> Option<String> {
    Reflect::get(v, &key.into()).ok()?.as_string()
}

/// A fresh Error standing for what fetch threw: its name, message and `code` (Node's
/// "ECONNREFUSED"), scrubbed of the key, and the same for its own cause (undici keeps the socket
/// error there), `depth` levels down. The original object is never passed on: any other property
/// of it could carry the key.
fn network_cause(cause: &JsValue, api_key: Option<&str>, depth: u32) -> JsValue {
    let scrub = |s: &str| sanitize_server_text(s, api_key);
    let message = cause
        .as_string()
        .or_else(|| text_prop(cause, "message"))
        .unwrap_or_default();
    let out = js_sys::Error::new(&scrub(&message));
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&out, &key.into(), value);
    };
    if let Some(name) = text_prop(cause, "name") {
        set("name", &scrub(&name).into());
    }
    if let Some(code) = text_prop(cause, "code") {
        set("code", &scrub(&code).into());
    }
    if depth > 1 && cause.is_object() {
        if let Ok(inner) = Reflect::get(cause, &"cause".into()) {
            if !inner.is_undefined() && !inner.is_null() {
                set("cause", &network_cause(&inner, api_key, depth - 1));
            }
        }
    }
    out.into()
}
