//! JS bindings of the `email` core module: `isPersonalEmail`, `classifyEmail`,
//! `extendEmailDomains`, and the loader hook of `wazper/disposable`.
//!
//! Both take `&JsValue`, not `&str`: wasm-bindgen's glue for a `&str` parameter feeds any JS value
//! to its string encoder, which throws on null/undefined/symbols and, for an object with a huge
//! `length`, asks wasm for that much memory (a failed allocation aborts the instance). Here the
//! value's type and length are checked first, so no JS value can throw or trap.
//!
//! Cost, measured in Node 20 (quiet machine, one address in a loop): a `&str` export ran at about
//! 1.5x the speed of this `&JsValue` one (2.8 vs 1.9 M calls/s before the core was tuned). The
//! typeof + length guard is cheap (a guard-only export: 23 M/s); the difference is `as_string()`,
//! whose glue writes the pointer and length back through a DataView that Node 20 revalidates on
//! every call (`ArrayBuffer.prototype.detached` is missing there): a CPU profile puts ~40% of an
//! isPersonalEmail call in that glue. Newer engines do not pay for the revalidation: in Chromium
//! 156 isPersonalEmail ran at 3.0 M/s, 0.59x a JS Set.has over the same list; Node 20: 2.4 M/s, 0.37x.
//!
//! The package's entries therefore export pkg-template/fast.js's isPersonalEmail instead: the guard
//! runs in JS, which writes the UTF-8 into a scratch area and calls `wazper_is_personal` (below) with
//! only a length (Node 20: 4.2 M/s, 0.68x). This `&JsValue` export stays for the raw wasm-bindgen
//! module and as the fallback.

use js_sys::{Array, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::email::{classify, extend_domain, is_personal, load_disposable, Addition};

/// Longest input (UTF-16 code units) read at all: an address is at most 64 + 1 + 253 octets, and
/// this leaves room for a display name and whitespace while bounding the copy into wasm memory.
const MAX_INPUT: u32 = 4096;

/// The JS string, when `value` is a string of sane length.
fn input(value: &JsValue) -> Option<String> {
    let s = value.dyn_ref::<JsString>()?;
    if s.length() > MAX_INPUT {
        return None;
    }
    value.as_string()
}

#[wasm_bindgen(js_name = isPersonalEmail)]
pub fn is_personal_email(email: &JsValue) -> bool {
    match input(email) {
        Some(s) => is_personal(&s),
        None => false,
    }
}

// The result's property names, each made once (in the shell's string cache): building a JS string
// from wasm costs a TextDecoder call, the largest part of a classifyEmail call.
static KEYS: [&str; 5] = ["valid", "email", "domain", "kind", "suggestion"];

#[wasm_bindgen(js_name = classifyEmail)]
pub fn classify_email(email: &JsValue) -> JsValue {
    let c = match input(email) {
        Some(s) => classify(&s),
        None => classify(""),
    };
    let opt = |v: Option<String>| v.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
    let values = [
        JsValue::from_bool(c.valid),
        opt(c.email),
        opt(c.domain),
        JsValue::from_str(c.kind.as_str()),
        opt(c.suggestion),
    ];
    let obj = Object::new();
    for (k, v) in KEYS.into_iter().zip(values.iter()) {
        // Setting a fresh plain object's own data property cannot fail.
        super::strings::with_js(k, |k| Reflect::set(&obj, k, v)).ok();
    }
    obj.into()
}

/// The fast path of `isPersonalEmail` (pkg-template/fast.js): the address was written to the
/// scratch area by JS after its own typeof + length guard. 1 = personal, 0 = anything else.
#[no_mangle]
pub extern "C" fn wazper_is_personal(len: u32) -> u32 {
    super::strings::scratch_str(len).is_some_and(is_personal) as u32
}

/// `extendEmailDomains({ personal?, disposable?, work? })`: each list an array of domains; entries
/// that are not a string of at most MAX_INPUT units naming a valid domain are skipped and counted.
/// A non-object argument, or a list that is neither undefined nor an array, throws a TypeError.
#[wasm_bindgen(js_name = extendEmailDomains)]
pub fn extend_email_domains(
    #[wasm_bindgen(
        unchecked_param_type = "{ personal?: string[]; disposable?: string[]; work?: string[] }"
    )]
    lists: &JsValue,
) -> Result<JsValue, JsValue> {
    let type_error = |m: &str| -> JsValue { js_sys::TypeError::new(m).into() };
    if !lists.is_object() || lists.is_function() || Array::is_array(lists) {
        return Err(type_error(
            "extendEmailDomains: expected an object { personal?, disposable?, work? }",
        ));
    }
    // Read all three before changing anything, so a bad list leaves the detector as it was.
    let mut found: [Option<Array>; 3] = [None, None, None];
    for (slot, name) in found.iter_mut().zip(["personal", "disposable", "work"]) {
        let v = Reflect::get(lists, &JsValue::from_str(name))?;
        if v.is_undefined() {
            continue;
        }
        if !Array::is_array(&v) {
            return Err(type_error(
                "extendEmailDomains: personal, disposable and work must be arrays of domains",
            ));
        }
        *slot = Some(v.unchecked_into());
    }
    let (mut added, mut skipped) = (0u32, 0u32);
    for (list, kind) in found
        .iter()
        .zip([Addition::Personal, Addition::Disposable, Addition::Work])
    {
        let Some(list) = list else { continue };
        for i in 0..list.length() {
            match input(&list.get(i)) {
                Some(d) if extend_domain(kind, &d) => added += 1,
                _ => skipped += 1,
            }
        }
    }
    let out = Object::new();
    let _ = Reflect::set(&out, &JsValue::from_str("added"), &added.into());
    let _ = Reflect::set(&out, &JsValue::from_str("skipped"), &skipped.into());
    Ok(out.into())
}

/// Used by `wazper/disposable` (pkg-template/disposable*.js), not public API: installs the full
/// disposable list from the asset's bytes; the number of domains added (0 when installed already),
/// or -1 when the bytes are not the asset.
#[wasm_bindgen(js_name = __wazperLoadDisposable)]
pub fn load_disposable_list(bytes: &JsValue) -> i32 {
    /// Four times the shipped asset: room for the lists to grow, a bound on the copy into wasm.
    const MAX_ASSET: u32 = 4 << 20;
    let Some(bytes) = bytes.dyn_ref::<Uint8Array>() else {
        return -1;
    };
    if bytes.length() > MAX_ASSET {
        return -1;
    }
    match load_disposable(&bytes.to_vec()) {
        Ok(n) => i32::try_from(n).unwrap_or(i32::MAX),
        Err(_) => -1,
    }
}

#[wasm_bindgen]
extern "C" {
    /// The WHATWG URL class every supported runtime has (browsers, Node, Deno, Bun, workerd).
    #[wasm_bindgen(js_name = URL)]
    type Url;
    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(url: &str) -> Result<Url, JsValue>;
    #[wasm_bindgen(method, getter, structural)]
    fn hostname(this: &Url) -> JsString;
}

/// The core's [`crate::email::DomainToAscii`] provider, registered at start-up: the runtime's URL
/// parser applies UTS 46 with the runtime's own Unicode tables (`new URL("http://" + domain)`),
/// None when it throws. The core sends at most 1,024 bytes of labels (no '/', '@', ':'...) and
/// checks the answer with its own ASCII rules; an answer longer than any domain is not copied in.
pub(crate) fn runtime_domain_to_ascii(domain: &str) -> Option<String> {
    let host = Url::new(&["http://", domain].concat()).ok()?.hostname();
    if host.length() > 253 {
        return None;
    }
    host.as_string()
}
