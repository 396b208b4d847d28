//! fetch, AbortController and setTimeout adapted to the core's `Transport` and `Clock`. Everything is
//! reached through the global object (never `window`) so one build runs in browsers, Node, Deno and
//! Workers. Timers and listeners are always released so nothing keeps Node's event loop alive.

use js_sys::{Function, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestInit, Response};

use super::strings::js;
use crate::client::response::{Body, JsonValue, RawResponse};
use crate::client::{Clock, HttpRequest, Transport, TransportError};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
    #[wasm_bindgen(js_namespace = Math, js_name = random)]
    fn math_random() -> f64;
}

/// Shape checks of 2xx bodies deserialize a throwaway copy; the caller keeps the original value.
impl JsonValue for JsValue {
    fn conforms<T: serde::de::DeserializeOwned>(&self) -> bool {
        super::shape::conforms::<T>(self)
    }
}

/// `target.addEventListener("abort", f)` and its removal, without the web-sys EventTarget wrappers'
/// panicking paths: both are plain method calls caught as JS exceptions.
fn listen(target: &AbortSignal, f: &Function, add: bool) {
    let name = if add {
        "addEventListener"
    } else {
        "removeEventListener"
    };
    if let Ok(method) = Reflect::get(target, &js(name)) {
        if let Some(method) = method.dyn_ref::<Function>() {
            let _ = method.call2(target, &js("abort"), f);
        }
    }
}

/// `controller.abort` bound to its controller: a JS function, so no Rust closure is leaked when the
/// timer is cleared before it fires.
fn bound_abort(controller: &AbortController) -> Option<Function> {
    let abort = Reflect::get(controller, &js("abort")).ok()?;
    let abort = abort.dyn_into::<Function>().ok()?;
    Some(abort.bind0(controller))
}

fn aborted(signal: &AbortSignal) -> bool {
    super::convert::signal_state(signal).unwrap_or(false)
}

/// One call's fetch transport: the caller's signal (if any) cancels every attempt.
pub struct FetchTransport {
    pub signal: Option<AbortSignal>,
}

/// Releases an attempt's timer and listener however the attempt ends.
struct AttemptGuard<'a> {
    timer: Option<JsValue>,
    caller: Option<&'a AbortSignal>,
    abort: Function,
}

impl Drop for AttemptGuard<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.timer.take() {
            let _ = clear_timeout(&id);
        }
        if let Some(signal) = self.caller {
            listen(signal, &self.abort, false);
        }
    }
}

fn is_named(err: &JsValue, name: &str) -> bool {
    Reflect::get(err, &js("name"))
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == name)
}

impl FetchTransport {
    fn caller_aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(aborted)
    }

    /// Classifies a rejection of fetch or of a body read.
    fn failure(&self, attempt: &AbortSignal) -> TransportError {
        if self.caller_aborted() {
            TransportError::Aborted
        } else if aborted(attempt) {
            TransportError::Timeout
        } else {
            TransportError::Network
        }
    }
}

impl Transport for FetchTransport {
    type Value = JsValue;

    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
    ) -> Result<RawResponse<JsValue>, TransportError> {
        if self.caller_aborted() {
            return Err(TransportError::Aborted);
        }
        let controller = AbortController::new().map_err(|_| TransportError::Network)?;
        let attempt_signal = controller.signal();
        let abort = bound_abort(&controller).ok_or(TransportError::Network)?;
        let mut guard = AttemptGuard {
            timer: None,
            caller: self.signal.as_ref(),
            abort,
        };
        let ms = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
        guard.timer = Some(set_timeout(&guard.abort, ms).map_err(|_| TransportError::Network)?);
        if let Some(signal) = &self.signal {
            listen(signal, &guard.abort, true);
        }

        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        let headers = js_sys::Object::new();
        for (name, value) in &request.headers {
            let _ = Reflect::set(&headers, &js(name), &header_value(value));
        }
        init.set_headers(&headers);
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(body));
        }
        init.set_signal(Some(&attempt_signal));
        // Never follow a redirect: it would carry the X-API-Key header to wherever it points.
        let _ = Reflect::set(&init, &js("redirect"), &js("manual"));

        let promise =
            global_fetch(&request.url, &init).map_err(|_| self.failure(&attempt_signal))?;
        let response = JsFuture::from(promise)
            .await
            .map_err(|_| self.failure(&attempt_signal))?;
        let response: Response = response.dyn_into().map_err(|_| TransportError::Network)?;
        let status = response.status();
        let ok = (200..300).contains(&status);
        // Only an error needs the reason phrase and Retry-After: skip the crossings on success.
        let status_text = if ok {
            String::new()
        } else {
            response.status_text()
        };
        let retry_after = if ok {
            None
        } else {
            response.headers().get("retry-after").ok().flatten()
        };

        let body = if ok {
            match response.json() {
                Ok(p) => match JsFuture::from(p).await {
                    Ok(v) => Body::Json(v),
                    // A SyntaxError is a body that is not JSON; anything else is the
                    // connection failing (or being aborted) mid-body.
                    Err(e) if is_named(&e, "SyntaxError") && !aborted(&attempt_signal) => {
                        Body::NotJson
                    }
                    Err(_) => return Err(self.failure(&attempt_signal)),
                },
                Err(_) => Body::NotJson,
            }
        } else {
            let text = match response.text() {
                Ok(p) => JsFuture::from(p)
                    .await
                    .map_err(|_| self.failure(&attempt_signal))?,
                Err(_) => JsValue::UNDEFINED,
            };
            error_body(&text)
        };
        drop(guard);
        Ok(RawResponse {
            status,
            status_text,
            retry_after,
            body,
        })
    }
}

/// Header values repeat on every call (the Accept and Content-Type values); the key does too but
/// is deliberately not cached beyond the call.
fn header_value(value: &str) -> JsValue {
    if value == "application/json" {
        js("application/json")
    } else {
        JsValue::from_str(value)
    }
}

/// Takes `error` and `details` from an error body that parses as a JSON object.
fn error_body(text: &JsValue) -> Body<JsValue> {
    let Some(text) = text.as_string() else {
        return Body::NotJson;
    };
    let Ok(parsed) = JSON::parse(&text) else {
        return Body::NotJson;
    };
    if !parsed.is_object() {
        return Body::NotJson;
    }
    let string = |key: &'static str| -> Option<String> {
        let v = Reflect::get(&parsed, &js(key)).ok()?;
        match v.as_string() {
            Some(s) => Some(s),
            // A structured `details` is still worth surfacing, as JSON text.
            None if !v.is_undefined() && !v.is_null() => JSON::stringify(&v).ok()?.as_string(),
            None => None,
        }
    };
    Body::Error {
        error: string("error"),
        details: string("details"),
        code: string("code"),
    }
}

/// setTimeout-based sleeps that the caller's signal cuts short; Date.now and Math.random.
pub struct JsClock {
    pub signal: Option<AbortSignal>,
}

impl Clock for JsClock {
    async fn sleep(&self, ms: u32) -> Result<(), ()> {
        if self.signal.as_ref().is_some_and(aborted) {
            return Err(());
        }
        let mut timer = JsValue::UNDEFINED;
        let mut wake: Option<Function> = None;
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        let promise = Promise::new(&mut |resolve: Function, _reject: Function| {
            if let Ok(id) = set_timeout(&resolve, ms) {
                timer = id;
            } else {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            if let Some(signal) = &self.signal {
                listen(signal, &resolve, true);
            }
            wake = Some(resolve);
        });
        let _ = JsFuture::from(promise).await;
        let _ = clear_timeout(&timer);
        if let (Some(signal), Some(wake)) = (&self.signal, &wake) {
            listen(signal, wake, false);
        }
        if self.signal.as_ref().is_some_and(aborted) {
            Err(())
        } else {
            Ok(())
        }
    }

    fn now_ms(&self) -> f64 {
        date_now()
    }

    fn random(&self) -> f64 {
        math_random()
    }
}

/// A whole HTTP answer: what the edge proxy relays after vetting it.
#[cfg(feature = "proxy")]
pub struct Fetched {
    pub status: u16,
    /// Every response header, names lower-cased by fetch.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why [`fetch_bytes`] has no answer.
#[cfg(feature = "proxy")]
pub enum FetchFailure {
    Transport(TransportError),
    /// The body ran past `max_bytes`; the rest was not read.
    TooLarge,
}

/// One request with no retries, for the edge proxy: the same guarantees as [`FetchTransport`]
/// (redirects never followed, one timeout over the exchange and the body read) with the body read
/// as bytes up to `max_bytes`. The shell's other fetch path may absorb this one; keep its shape.
#[cfg(feature = "proxy")]
pub async fn fetch_bytes(
    request: &HttpRequest,
    timeout_ms: u32,
    max_bytes: usize,
) -> Result<Fetched, FetchFailure> {
    use web_sys::ReadableStreamDefaultReader;
    let this = FetchTransport { signal: None };
    let fail = |e| FetchFailure::Transport(e);
    let controller = AbortController::new().map_err(|_| fail(TransportError::Network))?;
    let attempt_signal = controller.signal();
    let abort = bound_abort(&controller).ok_or(fail(TransportError::Network))?;
    let mut guard = AttemptGuard {
        timer: None,
        caller: None,
        abort,
    };
    let ms = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
    guard.timer = Some(set_timeout(&guard.abort, ms).map_err(|_| fail(TransportError::Network))?);

    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    let headers = js_sys::Object::new();
    for (name, value) in &request.headers {
        let _ = Reflect::set(&headers, &js(name), &header_value(value));
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(&attempt_signal));
    // Never follow a redirect: it would carry the X-API-Key header to wherever it points.
    let _ = Reflect::set(&init, &js("redirect"), &js("manual"));

    let failure = || fail(this.failure(&attempt_signal));
    let promise = global_fetch(&request.url, &init).map_err(|_| failure())?;
    let response = JsFuture::from(promise).await.map_err(|_| failure())?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| fail(TransportError::Network))?;
    let mut header_list = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&response.headers()) {
        for entry in entries.flatten() {
            let name = Reflect::get_u32(&entry, 0).ok().and_then(|v| v.as_string());
            let value = Reflect::get_u32(&entry, 1).ok().and_then(|v| v.as_string());
            if let (Some(name), Some(value)) = (name, value) {
                header_list.push((name, value));
            }
        }
    }
    let mut body = Vec::new();
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream
            .get_reader()
            .dyn_into()
            .map_err(|_| fail(TransportError::Network))?;
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(|_| failure())?;
            let done = Reflect::get(&chunk, &js("done")).map_err(|_| failure())?;
            if done.as_bool().unwrap_or(true) {
                break;
            }
            let value = Reflect::get(&chunk, &js("value")).map_err(|_| failure())?;
            let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() else {
                return Err(fail(TransportError::Network));
            };
            let len = array.length() as usize;
            if body.len().saturating_add(len) > max_bytes {
                let _ = reader.cancel();
                return Err(FetchFailure::TooLarge);
            }
            let start = body.len();
            body.resize(start + len, 0);
            if let Some(dest) = body.get_mut(start..) {
                array.copy_to(dest);
            }
        }
    }
    drop(guard);
    Ok(Fetched {
        status: response.status(),
        headers: header_list,
        body,
    })
}
