//! A cache of the JS strings the shell uses over and over (property names, header names):
//! each is decoded into a JS string once per instance instead of on every call.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

thread_local! {
    // Keyed by the &'static str's address: a handful of entries, searched linearly.
    static CACHE: RefCell<Vec<(usize, usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string for `s`, created on first use (never at module load: Workers forbid work there).
pub fn js(s: &'static str) -> JsValue {
    let key = (s.as_ptr() as usize, s.len());
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return JsValue::from_str(s);
        };
        if let Some((_, _, v)) = cache.iter().find(|(p, l, _)| (*p, *l) == key) {
            return v.clone();
        }
        let v = JsValue::from_str(s);
        if cache.len() < 128 {
            cache.push((key.0, key.1, v.clone()));
        }
        v
    })
}
