//! Which kind of JS runtime hosts the module, for the browser_key_exposure rule. Servers are
//! recognised first (Node, Deno, Bun, Cloudflare Workers), so a server that also defines browser-like
//! globals (Deno's `window` before 2.0, Node's `navigator`) is never mistaken for a browser.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::client::Runtime;

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn defined(v: &JsValue) -> bool {
    !v.is_undefined() && !v.is_null()
}

pub fn detect() -> Runtime {
    let global: JsValue = js_sys::global().into();
    let process = get(&global, "process");
    let node = defined(&process) && get(&get(&process, "versions"), "node").is_string();
    let user_agent = get(&get(&global, "navigator"), "userAgent")
        .as_string()
        .unwrap_or_default();
    let workers = user_agent == "Cloudflare-Workers";
    if node || workers || defined(&get(&global, "Deno")) || defined(&get(&global, "Bun")) {
        return Runtime::Server;
    }
    // A page has a document; dedicated, shared and service workers all have importScripts.
    let page = defined(&get(&global, "document"));
    let worker =
        get(&global, "importScripts").is_function() || defined(&get(&global, "WorkerGlobalScope"));
    if page || worker {
        Runtime::Browser
    } else {
        Runtime::Server
    }
}
