//! JS bindings of the `country` core module. Every export takes `JsValue`s so that any JS value
//! (undefined, numbers, objects, symbols...) is accepted: non-strings give null, nothing throws.

use crate::country::{self, Country, Format};
use wasm_bindgen::prelude::*;

/// The string inside `v`, or `None` for any other JS value (no coercion: `toString` is never called).
fn text(v: &JsValue) -> Option<String> {
    v.as_string()
}

/// `null` (not `undefined`) for "no answer", as the contract says.
fn string_or_null(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

/// normalizeCountry(input, format = "name"): canonical name / alpha2 / alpha3, or null.
#[wasm_bindgen(js_name = normalizeCountry)]
pub fn normalize_country(input: &JsValue, format: &JsValue) -> JsValue {
    let format = if format.is_undefined() {
        Some(Format::Name)
    } else {
        text(format).and_then(|f| Format::parse(&f))
    };
    string_or_null(
        format
            .zip(text(input))
            .and_then(|(f, s)| country::normalize(&s, f)),
    )
}

/// lookupCountry(input): { name, alpha2, alpha3, numeric } or null.
#[wasm_bindgen(js_name = lookupCountry)]
pub fn lookup_country(input: &JsValue) -> JsValue {
    text(input)
        .and_then(|s| country::lookup(&s))
        .map_or(JsValue::NULL, to_object)
}

fn to_object(c: &Country) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in [
        ("name", c.name),
        ("alpha2", c.alpha2),
        ("alpha3", c.alpha3),
        ("numeric", c.numeric),
    ] {
        // Setting a plain data property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o.into()
}

/// countryFromTimeZone(tz): alpha-2 or null.
#[wasm_bindgen(js_name = countryFromTimeZone)]
pub fn country_from_time_zone(tz: &JsValue) -> JsValue {
    string_or_null(text(tz).and_then(|s| country::from_time_zone(&s)))
}

/// countryFromLocale(tag): alpha-2 or null.
#[wasm_bindgen(js_name = countryFromLocale)]
pub fn country_from_locale(tag: &JsValue) -> JsValue {
    string_or_null(text(tag).and_then(|s| country::from_locale(&s)))
}
