//! JS binding of `crate::geo`: `countryFromRequest(request, options?)`, and the same reading of a
//! request for the edge proxy's country fill.
//!
//! It accepts a Fetch `Request` (`.headers` is a `Headers`), a `Headers` (or anything with a
//! `get(name)` method), a Node `IncomingMessage` or `{ headers }` whose headers are a plain object
//! (keys of any case; a value may be an array, as Node gives for repeated headers). `request.cf`
//! is read whatever the shape. Every read goes through `Reflect`/`catch` bindings and every string
//! is length-checked before it is copied into wasm memory, so no JS value throws or traps.

use js_sys::{Function, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js::{atob, is_array};
use crate::country::{Country, Format};
use crate::geo::{self, Platform, RequestHeaders, MAX_HEADER_LEN};

/// Most `trust` entries read; there are six platforms.
const MAX_TRUST: u32 = 16;
/// Most header names compared when a plain object's key is not already lower-case.
const MAX_KEYS: u32 = 256;

fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() && !obj.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The string in `v` when it is one of at most `max` UTF-16 units (checked before copying).
fn short_string(v: &JsValue, max: usize) -> Option<String> {
    let s = v.dyn_ref::<JsString>()?;
    if s.length() as usize > max {
        return None;
    }
    v.as_string()
}

/// Where the headers are.
enum Source {
    /// `Headers` or any object with a `get(name)` method.
    Getter(JsValue, Function),
    /// A plain object of header name -> value (Node's `IncomingMessage.headers`).
    Plain(JsValue),
    Nothing,
}

impl Source {
    fn of(request: &JsValue) -> Source {
        if !request.is_object() {
            return Source::Nothing;
        }
        let headers = get(request, "headers");
        if headers.is_object() {
            Source::of_headers(headers)
        } else {
            Source::getter(request).unwrap_or(Source::Nothing)
        }
    }

    fn of_headers(headers: JsValue) -> Source {
        if let Some(g) = Source::getter(&headers) {
            g
        } else if is_array(&headers) {
            Source::Nothing
        } else {
            Source::Plain(headers)
        }
    }

    fn getter(obj: &JsValue) -> Option<Source> {
        let f = get(obj, "get").dyn_into::<Function>().ok()?;
        Some(Source::Getter(obj.clone(), f))
    }

    /// A header value from a plain object: the string, or the only string of an array.
    fn plain_value(v: &JsValue) -> Option<String> {
        if is_array(v) {
            if get(v, "length").as_f64() != Some(1.0) {
                return None;
            }
            return short_string(&Reflect::get_u32(v, 0).ok()?, MAX_HEADER_LEN);
        }
        short_string(v, MAX_HEADER_LEN)
    }

    fn plain_lookup(obj: &JsValue, name: &str) -> Option<String> {
        let exact = get(obj, name);
        if !exact.is_undefined() {
            return Source::plain_value(&exact);
        }
        // Hand-made objects may spell names in any case ("CF-IPCountry").
        let keys = Reflect::own_keys(obj).ok()?;
        let n = keys.length().min(MAX_KEYS);
        (0..n).find_map(|i| {
            let key = keys.get(i);
            let k = short_string(&key, 64)?;
            if !k.eq_ignore_ascii_case(name) {
                return None;
            }
            Source::plain_value(&Reflect::get(obj, &key).ok()?)
        })
    }
}

impl RequestHeaders for Source {
    fn header(&self, name: &'static str) -> Option<String> {
        match self {
            Source::Getter(obj, f) => short_string(
                &f.call1(obj, &JsValue::from_str(name)).ok()?,
                MAX_HEADER_LEN,
            ),
            Source::Plain(obj) => Source::plain_lookup(obj, name),
            Source::Nothing => None,
        }
    }

    fn netlify_geo_country(&self, raw: &str) -> Option<String> {
        let json = atob(raw.trim()).ok()?.as_string()?;
        let geo = js_sys::JSON::parse(&json).ok()?;
        short_string(&get(&get(&geo, "country"), "code"), 8)
    }
}

/// `request.cf.country`, set by the Workers runtime.
fn cf_country(request: &JsValue) -> Option<String> {
    short_string(&get(&get(request, "cf"), "country"), 8)
}

/// The client's country as the edge proxy's fill sees it (`ProxyOptions.trust`).
pub(crate) fn edge_country(request: &JsValue, trust: &[Platform]) -> Option<&'static Country> {
    let source = Source::of(request);
    geo::country_from_request(cf_country(request).as_deref(), &source, trust)
}

/// `options.trust`: the known platform names in it; anything else is skipped.
fn trust_of(options: &JsValue) -> Vec<Platform> {
    let list = get(options, "trust");
    if !is_array(&list) {
        return Vec::new();
    }
    let len = get(&list, "length").as_f64().unwrap_or(0.0);
    let n = if len > 0.0 {
        (len as u32).min(MAX_TRUST)
    } else {
        0
    };
    (0..n)
        .filter_map(|i| short_string(&Reflect::get_u32(&list, i).ok()?, 16))
        .filter_map(|name| Platform::parse(&name))
        .collect()
}

/// countryFromRequest(request, { trust?, format? }): the canonical name (or `format`), or null.
#[wasm_bindgen(js_name = countryFromRequest)]
pub fn country_from_request(request: &JsValue, options: &JsValue) -> JsValue {
    let format = match get(options, "format") {
        f if f.is_undefined() => Format::Name,
        f => match short_string(&f, 8).as_deref().and_then(Format::parse) {
            Some(f) => f,
            None => return JsValue::NULL,
        },
    };
    match edge_country(request, &trust_of(options)) {
        Some(c) => JsValue::from_str(geo::render(c, format)),
        None => JsValue::NULL,
    }
}
