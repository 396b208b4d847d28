//! Which kind of JS runtime hosts the module, for the browser_key_exposure rule. A browser page or
//! browser worker is recognised first, by what only browsers have, because pages may carry
//! server-looking globals (polyfills define `globalThis.process = { versions: { node } }`). Then the
//! server hints (Node, Deno, Bun, Cloudflare Workers); anything unrecognised is a server.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::client::Runtime;

fn get(target: &JsValue, key: &'static str) -> JsValue {
    Reflect::get(target, &super::strings::js(key)).unwrap_or(JsValue::UNDEFINED)
}

fn defined(v: &JsValue) -> bool {
    !v.is_undefined() && !v.is_null()
}

thread_local! {
    static DETECTED: std::cell::Cell<Option<Runtime>> = const { std::cell::Cell::new(None) };
}

/// The runtime, detected on first use and remembered (the free functions ask on every call).
pub fn detect() -> Runtime {
    DETECTED.with(|d| {
        if let Some(r) = d.get() {
            return r;
        }
        let r = probe();
        d.set(Some(r));
        r
    })
}

/// A fresh look at the global object (tests change it; `detect` remembers the first answer).
pub fn probe() -> Runtime {
    let global: JsValue = js_sys::global().into();
    // Deno (before 2.0) defines `window` but never `document`; a page always has both. Only
    // browser workers (dedicated, shared, service) have `importScripts` and `WorkerGlobalScope`;
    // Deno's workers have neither.
    let deno = defined(&get(&global, "Deno"));
    let page = defined(&get(&global, "document")) && defined(&get(&global, "window"));
    let worker =
        get(&global, "importScripts").is_function() && defined(&get(&global, "WorkerGlobalScope"));
    if !deno && (page || worker) {
        return Runtime::Browser;
    }
    let process = get(&global, "process");
    let node = defined(&process) && get(&get(&process, "versions"), "node").is_string();
    let user_agent = get(&get(&global, "navigator"), "userAgent")
        .as_string()
        .unwrap_or_default();
    let workers = user_agent == "Cloudflare-Workers";
    if node || workers || deno || defined(&get(&global, "Bun")) {
        return Runtime::Server;
    }
    // Last resort: no browser global and no server hint, but a browser's user agent (an unusual
    // embedding that strips `document`).
    if user_agent.starts_with("Mozilla/") {
        Runtime::Browser
    } else {
        Runtime::Server
    }
}
