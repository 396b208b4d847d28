//! JS bindings of the `country` core module. Every export takes `JsValue`s so that any JS value
//! (undefined, numbers, objects, symbols...) is accepted: non-strings give null, nothing throws.

use crate::country::{self, Country, Format};
use wasm_bindgen::prelude::*;

/// The string inside `v`, or `None` for any other JS value.
fn text(v: &JsValue) -> Option<String> {
    v.as_string()
}

/// normalizeCountry(input, format = "name"): canonical name / alpha2 / alpha3, or null.
#[wasm_bindgen(js_name = normalizeCountry)]
pub fn normalize_country(input: &JsValue, format: &JsValue) -> Option<String> {
    let format = if format.is_undefined() {
        Format::Name
    } else {
        Format::parse(&text(format)?)?
    };
    country::normalize(&text(input)?, format).map(String::from)
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
pub fn country_from_time_zone(tz: &JsValue) -> Option<String> {
    country::from_time_zone(&text(tz)?).map(String::from)
}

/// countryFromLocale(tag): alpha-2 or null.
#[wasm_bindgen(js_name = countryFromLocale)]
pub fn country_from_locale(tag: &JsValue) -> Option<String> {
    country::from_locale(&text(tag)?).map(String::from)
}
