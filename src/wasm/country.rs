//! JS bindings of the `country` core module. Every export takes `JsValue`s so that any JS value
//! (undefined, numbers, objects, symbols...) is accepted: non-strings give null, nothing throws.

use crate::country::{self, Country, ExtraNames, Format};
use js_sys::{Array, JsString, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Longest input read, in UTF-16 units (the contract's cap): a longer string is answered null
/// without being copied into wasm memory, so no input can grow it.
const MAX_INPUT: u32 = 4096;

/// The answer as a JS string from the shell's string cache: returning a held JS string is several
/// times cheaper than decoding UTF-8 into a new one on every call.
fn cached(format: Format, index: usize) -> JsValue {
    let c = match country::all().get(index) {
        Some(c) => c,
        None => return JsValue::NULL,
    };
    super::strings::js(match format {
        Format::Name => c.name,
        Format::Alpha2 => c.alpha2,
        Format::Alpha3 => c.alpha3,
    })
}

/// The string inside `v`, or `None` for any other JS value (no coercion: `toString` is never called)
/// and for a string over MAX_INPUT units, whose length is read without copying it.
fn text(v: &JsValue) -> Option<String> {
    if v.dyn_ref::<JsString>()?.length() > MAX_INPUT {
        return None;
    }
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
    match format
        .zip(text(input))
        .and_then(|(f, s)| Some((f, country::lookup_index(&s)?)))
    {
        Some((f, i)) => cached(f, i),
        None => JsValue::NULL,
    }
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

/// The fast path of `normalizeCountry` (pkg-template/fast.js): the input was written to the scratch
/// area by JS. 0 = no country, else 1 + the country's index; JS keeps the strings per index, so
/// nothing but a number crosses the boundary once a country has been seen.
#[no_mangle]
pub extern "C" fn wazper_country_index(len: u32) -> u32 {
    super::strings::scratch_str(len)
        .and_then(country::lookup_index)
        .and_then(|i| u32::try_from(i).ok())
        .map_or(0, |i| i.saturating_add(1))
}

#[wasm_bindgen]
extern "C" {
    /// `Intl.DisplayNames`, bound with `catch` so that a runtime without them (or
    /// a locale it rejects) gives an error value instead of a throw through the helper.
    #[wasm_bindgen(js_namespace = Intl, js_name = DisplayNames)]
    type DisplayNames;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DisplayNames", catch)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<DisplayNames, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn of(this: &DisplayNames, code: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(static_method_of = DisplayNames, js_namespace = Intl, js_class = "DisplayNames", js_name = supportedLocalesOf, catch)]
    fn supported_locales_of(locales: &JsValue) -> Result<Array, JsValue>;
}

thread_local! {
    /// The index of each script class built so far (`None`: the runtime has no names for it).
    static RUNTIME: RefCell<Vec<(u8, Option<&'static ExtraNames>)>> = const { RefCell::new(Vec::new()) };
}

/// The region names, in script class `script`, of every CLDR locale the runtime supports, indexed
/// on first call and kept (8 bytes a name). The core asks only for an input the shipped tables do
/// not answer. First-call cost: bench/country.mjs.
pub(super) fn runtime_names(script: u8) -> Option<&'static ExtraNames> {
    RUNTIME.with(|built| {
        let Ok(mut built) = built.try_borrow_mut() else {
            return None;
        };
        if let Some(&(_, names)) = built.iter().find(|(s, _)| *s == script) {
            return names;
        }
        let names = build(script).map(|n| &*Box::leak(Box::new(n)));
        built.push((script, names));
        names
    })
}

/// The candidate locales of script class `script` that the runtime supports.
fn supported_locales(script: u8) -> Option<Array> {
    let candidates: Array = country::RUNTIME_LOCALES
        .split(';')
        .filter_map(|group| {
            let mut tags = group.split(' ');
            let code = tags.next()?;
            (country::script::of_code(code) == script).then_some(tags)
        })
        .flatten()
        .map(JsValue::from_str)
        .collect();
    if candidates.length() == 0 {
        return None;
    }
    DisplayNames::supported_locales_of(&candidates).ok()
}

/// The regions CLDR gives a short form ("UK", "EE. UU.", "Palestine", "Bosnia"): asked in
/// `style: "short"` too (the other regions' short form is their long one).
const SHORT: [&str; 8] = ["BA", "GB", "HK", "MM", "MO", "PS", "SA", "US"];

/// Arabic-script languages that write every vowel with a letter (Uyghur, Kurdish): their names
/// get no skeletons (src/country/skeleton.rs).
const VOWELLED: [&str; 4] = ["ug", "ckb", "ku", "sdh"];

fn options(style: &str) -> Object {
    let options = Object::new();
    for (k, v) in [("type", "region"), ("fallback", "none"), ("style", style)] {
        let _ = Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    options
}

fn build(script: u8) -> Option<ExtraNames> {
    let locales = supported_locales(script)?;
    let (options, short) = (options("long"), options("short"));
    let codes: Vec<JsValue> = country::all()
        .iter()
        .map(|c| JsValue::from_str(c.alpha2))
        .collect();
    let mut names = ExtraNames::new();
    let mut any = false;
    for tag in locales.iter() {
        let Ok(dn) = DisplayNames::new(&tag, &options) else {
            continue;
        };
        any = true;
        let lang = tag.as_string().unwrap_or_default();
        let lang = lang.split('-').next().unwrap_or("");
        names.set_vowelled(VOWELLED.contains(&lang));
        for (i, code) in codes.iter().enumerate() {
            // A region name is a short string: taken as it is, without text()'s length check.
            if let Some(name) = dn.of(code).ok().and_then(|v| v.as_string()) {
                names.add(&name, i);
            }
        }
        let Ok(dn) = DisplayNames::new(&tag, &short) else {
            continue;
        };
        for (i, c) in country::all().iter().enumerate() {
            if !SHORT.contains(&c.alpha2) {
                continue;
            }
            let name = codes.get(i).and_then(|code| dn.of(code).ok());
            if let Some(name) = name.and_then(|v| v.as_string()) {
                names.add(&name, i);
            }
        }
    }
    any.then(|| names.finish())
}
