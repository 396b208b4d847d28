//! The core's `Transport` and `Clock` on the shell's fetch module and timers: one attempt becomes
//! one `FetchRequest::send_http`, its bytes become the `ResponseBody` documents the core decodes, and sleeps are
//! setTimeouts that the caller's signal cuts short.

use std::cell::RefCell;

use js_sys::{Function, Promise, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::fetch::{FetchError, FetchRequest};
use super::js;
use crate::client::response::{RawResponse, ResponseBody, ResponseJson};
use crate::client::{Clock, HttpRequest, Transport, TransportError};

/// 2xx bodies are checked by deserialising a view of them into the documented shape; the caller
/// keeps the original value, unknown fields and all.
impl ResponseJson for JsValue {
    fn conforms<T: serde::de::DeserializeOwned>(&self) -> bool {
        serde_wasm_bindgen::from_value::<T>(self.clone()).is_ok()
    }
}

/// One call's transport: the caller's signal (if any) cancels every attempt.
pub struct FetchTransport {
    pub signal: Option<AbortSignal>,
    pub max_response_bytes: u32,
    /// What fetch rejected with on the last attempt, when it was a network failure: the `cause`
    /// of the call's network_error (the core knows nothing of JS values).
    pub cause: RefCell<Option<JsValue>>,
}

impl FetchTransport {
    pub fn new(signal: Option<AbortSignal>, max_response_bytes: u32) -> Self {
        FetchTransport {
            signal,
            max_response_bytes,
            cause: RefCell::new(None),
        }
    }
}

thread_local! {
    // One decoder for every body: it keeps no state between `decode` calls without `stream`.
    static DECODER: Option<js::Decoder> = js::Decoder::new().ok();
}

/// The body as a JS string, decoded in JS (replacing bad UTF-8, as `Response.text()` does).
fn text(bytes: &Uint8Array) -> Option<js_sys::JsString> {
    DECODER.with(|d| d.as_ref()?.decode(bytes).ok())
}

fn parse(bytes: &Uint8Array) -> Option<JsValue> {
    js::json_parse(&text(bytes)?).ok()
}

/// The documented fields of an error body. `preserve` keeps each as the JS value it is, so a
/// structured `details` survives (as JSON text) and a wrong type drops only that field.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    error: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    details: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    code: JsValue,
}

fn as_text(v: &JsValue) -> Option<String> {
    match v.as_string() {
        Some(s) => Some(s),
        None if v.is_undefined() || v.is_null() => None,
        None => js_sys::JSON::stringify(v).ok()?.as_string(),
    }
}

/// Takes `error`, `details` and `code` from an error body that parses as a JSON object.
fn error_body(bytes: &Uint8Array) -> ResponseBody<JsValue> {
    let Some(parsed) = parse(bytes) else {
        return ResponseBody::NotJson;
    };
    if !parsed.is_object() || js::is_array(&parsed) {
        return ResponseBody::NotJson;
    }
    match serde_wasm_bindgen::from_value::<ErrorBody>(parsed) {
        Ok(b) => ResponseBody::Error {
            error: as_text(&b.error),
            details: as_text(&b.details),
            code: b.code.as_string(),
        },
        Err(_) => ResponseBody::NotJson,
    }
}

impl Transport for FetchTransport {
    type Value = JsValue;

    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
    ) -> Result<RawResponse<JsValue>, TransportError> {
        self.cause.replace(None);
        let sent = FetchRequest::send_http(
            request,
            timeout_ms,
            self.signal.as_ref(),
            self.max_response_bytes,
        )
        .await;
        let response = match sent {
            Ok(r) => r,
            // The core maps a redirect status as it maps any other (http_error; 0 is the opaque one).
            Err(FetchError::Redirect { status }) => {
                return Ok(RawResponse {
                    status,
                    status_text: String::new(),
                    retry_after: None,
                    body: ResponseBody::NotJson,
                })
            }
            Err(FetchError::TooLarge { status }) => {
                return Err(TransportError::TooLarge { status })
            }
            Err(FetchError::Timeout) => return Err(TransportError::Timeout),
            Err(FetchError::Aborted) => return Err(TransportError::Aborted),
            Err(FetchError::Network(cause)) => {
                self.cause.replace(Some(cause));
                return Err(TransportError::Network);
            }
            // The core only builds requests fetch accepts (the key is checked to be visible ASCII).
            Err(FetchError::InvalidRequest(_)) => return Err(TransportError::Network),
        };
        let status = response.status;
        if (200..300).contains(&status) {
            let body = match parse(&response.body) {
                Some(v) => ResponseBody::Json(v),
                None => ResponseBody::NotJson,
            };
            return Ok(RawResponse {
                status,
                status_text: String::new(),
                retry_after: None,
                body,
            });
        }
        Ok(RawResponse {
            status,
            status_text: response.status_text(),
            retry_after: response.header("retry-after"),
            body: error_body(&response.body),
        })
    }
}

/// setTimeout-based sleeps that the caller's signal cuts short; Date.now and Math.random.
pub struct JsClock {
    pub signal: Option<AbortSignal>,
}

fn fired(signal: &Option<AbortSignal>) -> bool {
    signal
        .as_ref()
        .is_some_and(|s| js::signal_state(s).unwrap_or(false))
}

impl Clock for JsClock {
    async fn sleep(&self, ms: u32) -> Result<(), ()> {
        if fired(&self.signal) {
            return Err(());
        }
        let mut timer = JsValue::UNDEFINED;
        let mut wake: Option<Function> = None;
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        let promise = Promise::new(&mut |resolve: Function, _reject: Function| {
            if let Ok(id) = js::set_timeout(&resolve, ms) {
                timer = id;
            } else {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            if let Some(signal) = &self.signal {
                let _ = signal.add_event_listener_with_callback("abort", &resolve);
            }
            wake = Some(resolve);
        });
        let _ = JsFuture::from(promise).await;
        let _ = js::clear_timeout(&timer);
        if let (Some(signal), Some(wake)) = (&self.signal, &wake) {
            let _ = signal.remove_event_listener_with_callback("abort", wake);
        }
        if fired(&self.signal) {
            Err(())
        } else {
            Ok(())
        }
    }

    fn now_ms(&self) -> f64 {
        js::date_now()
    }

    fn random(&self) -> f64 {
        js::math_random()
    }
}
