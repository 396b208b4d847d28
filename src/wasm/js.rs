//! The shell's raw JS bindings (client, helpers and edge proxy), each declared once here. Every call that can throw for some JS value is
//! a `catch` binding, so a hostile value (a Proxy, a throwing getter, a replaced global) becomes an
//! `Err` in Rust instead of an exception unwinding through wasm.

use js_sys::{Function, JsString, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, looked up when called (tests and polyfills replace it); it may throw
    /// synchronously (a replaced fetch, Deno without --allow-net) as well as reject.
    #[wasm_bindgen(catch, js_name = fetch)]
    pub fn fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
    /// `fetch(request, { body })` (see `fetch::send` for why the body travels apart).
    #[wasm_bindgen(catch, js_name = fetch)]
    pub fn fetch_with_init(
        request: &web_sys::Request,
        init: &web_sys::RequestInit,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    pub fn set_timeout(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    pub fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn date_now() -> f64;
    #[wasm_bindgen(js_namespace = Math, js_name = random)]
    pub fn math_random() -> f64;
    /// Array.isArray throws on a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
    /// JSON.parse of text that stays in JS (a response body is never copied into wasm memory).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
    /// A runtime built-in everywhere the package runs; bad base64 is an `Err`.
    #[wasm_bindgen(catch, js_name = atob)]
    pub fn atob(data: &str) -> Result<JsValue, JsValue>;
    /// The edge proxy's log line (never with request data or the key in it).
    #[cfg(feature = "proxy")]
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub fn console_error(message: &str);
}

// Views of web types with the members the shell needs, typed and caught where they can throw (the
// web-sys declarations cannot be extended from this crate).
#[wasm_bindgen]
extern "C" {
    /// A TextDecoder whose `decode` returns the JS string itself (web-sys copies it into a Rust
    /// String, which would grow wasm memory by the size of a body).
    #[wasm_bindgen(js_name = TextDecoder)]
    pub type Decoder;
    #[wasm_bindgen(catch, constructor, js_class = "TextDecoder")]
    pub fn new() -> Result<Decoder, JsValue>;
    #[wasm_bindgen(catch, method, js_class = "TextDecoder")]
    pub fn decode(this: &Decoder, bytes: &Uint8Array) -> Result<JsString, JsValue>;

    #[wasm_bindgen(js_name = AbortController)]
    pub type Controller;
    /// `controller.abort`, to be bound to its controller: a JS function, so no Rust closure is
    /// kept alive for a timer that is cleared before it fires.
    #[wasm_bindgen(method, getter, js_class = "AbortController")]
    pub fn abort(this: &Controller) -> Function;

    #[wasm_bindgen(js_name = AbortSignal)]
    pub type Signal;
    /// Caught: the getter throws on anything that is not a real AbortSignal (an object made from
    /// AbortSignal.prototype, a Proxy around a signal).
    #[wasm_bindgen(catch, method, getter, js_class = "AbortSignal")]
    pub fn aborted(this: &Signal) -> Result<bool, JsValue>;
}

pub fn is_array(v: &JsValue) -> bool {
    array_is_array(v).unwrap_or(false)
}

/// Whether `signal` is a usable AbortSignal that has fired; `None` when it is not usable.
pub fn signal_state(signal: &AbortSignal) -> Option<bool> {
    signal.unchecked_ref::<Signal>().aborted().ok()
}

/// `controller.abort` bound to `controller`.
pub fn bound_abort(controller: &AbortController) -> Function {
    controller
        .unchecked_ref::<Controller>()
        .abort()
        .bind0(controller)
}
