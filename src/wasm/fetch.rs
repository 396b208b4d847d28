//! The package's one HTTP path: every request, the client's and the edge proxy's upstream call, is
//! built by gloo-net and sent here. Everything is reached through the global object (never `window`)
//! so one build runs in browsers, Node, Deno, Bun and Workers, and every timer and listener is
//! released however the attempt ends, so nothing keeps Node's event loop alive.
//!
//! # Interface
//! `send(&FetchRequest) -> Result<FetchResponse, FetchError>`, one attempt:
//! - `FetchRequest { method, url, headers, body, timeout_ms, signal, max_response_bytes }`. `body`
//!   is any value `fetch` takes as a body (a string, a `Uint8Array`). Header names must be HTTP
//!   tokens and values may not hold NUL, CR, LF or characters above U+00FF: anything else is
//!   `FetchError::InvalidRequest` before gloo-net sees it (its header calls throw on such values).
//! - `timeout_ms` covers the whole attempt, body read included, with its own AbortController;
//!   `signal` (the caller's) cancels it too. Redirects are never followed (`redirect: "manual"`):
//!   a 3xx, or the opaque status-0 answer browsers give for one, is `FetchError::Redirect`, so
//!   headers such as X-API-Key never travel to wherever a redirect points.
//! - The body is read as a stream before `send` returns, into a `Uint8Array` that stays in JS
//!   memory: a body whose Content-Length (when not content-encoded) or whose streamed size passes
//!   `max_response_bytes` is `FetchError::TooLarge`, and reading stops there.
//! - `FetchResponse { status, body }`, plus `status_text()` and `header(name)` read on demand.
//! - gloo-net 0.6 appends `&` to a query already in the URL it is given (`?email=x&`), so the query
//!   is handed to it as pairs instead and it writes `?email=x` (form-urlencoded: the same pairs).
//! - `FetchError::Network(cause)` keeps the JS value fetch rejected with, unscrubbed: whoever
//!   surfaces it must scrub it (the client does, in `error::network_cause`).

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, ReadableStreamDefaultReader, ReadableStreamReadResult,
    RequestRedirect,
};

use super::js;
use crate::client::HttpRequest;

/// One HTTP attempt (see the module doc).
pub struct FetchRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<&'a JsValue>,
    pub timeout_ms: u32,
    pub signal: Option<&'a AbortSignal>,
    pub max_response_bytes: u32,
}

impl<'a> FetchRequest<'a> {
    /// Sends a request the core built (its headers and JSON body as they are): the one conversion
    /// shared by the client's transport and the edge proxy's upstream call.
    pub async fn send_http(
        request: &HttpRequest,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
        max_response_bytes: u32,
    ) -> Result<FetchResponse, FetchError> {
        let headers: Vec<(&str, &str)> = request
            .headers
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let body = request.body.as_deref().map(JsValue::from_str);
        send(&FetchRequest {
            method: request.method.as_str(),
            url: &request.url,
            headers: &headers,
            body: body.as_ref(),
            timeout_ms,
            signal,
            max_response_bytes,
        })
        .await
    }
}

/// A response whose body has been read in full (within the cap).
pub struct FetchResponse {
    pub status: u16,
    pub body: Uint8Array,
    raw: web_sys::Response,
}

impl FetchResponse {
    /// The reason phrase (empty over HTTP/2).
    pub fn status_text(&self) -> String {
        self.raw.status_text()
    }

    /// A response header; `name` must be a valid header name (callers pass constants).
    pub fn header(&self, name: &str) -> Option<String> {
        self.raw.headers().get(name).ok().flatten()
    }
}

/// Why an attempt produced no usable response.
#[derive(Debug)]
pub enum FetchError {
    /// The request cannot be sent as given (a header fetch would reject, a bad method or URL);
    /// nothing was sent. The text says which part (for the proxy's log line).
    #[cfg_attr(not(feature = "proxy"), allow(dead_code))]
    InvalidRequest(&'static str),
    /// fetch failed, or the body read failed: the JS error, as thrown (not scrubbed).
    Network(JsValue),
    /// The attempt's own timeout fired first.
    Timeout,
    /// The caller's signal fired (or had already fired).
    Aborted,
    /// The body is larger than `max_response_bytes`; it was not read past the cap.
    TooLarge { status: u16 },
    /// A redirect, not followed: a 3xx status, or 0 for a browser's opaque redirect.
    Redirect { status: u16 },
}

/// An HTTP token (RFC 9110 §5.6.2): what `Headers` accepts as a name.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// What `Headers` accepts as a value: a ByteString without NUL, CR or LF.
fn is_header_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| u32::from(c) <= 0xff && !matches!(c, '\0' | '\r' | '\n'))
}

/// Whether `signal` has fired; a signal that cannot be read counts as not fired.
fn fired(signal: &AbortSignal) -> bool {
    js::signal_state(signal).unwrap_or(false)
}

/// Releases an attempt's timer and its listener on the caller's signal however the attempt ends.
struct Attempt<'a> {
    controller: AbortController,
    abort: Function,
    timer: Option<JsValue>,
    caller: Option<&'a AbortSignal>,
}

impl<'a> Attempt<'a> {
    fn start(timeout_ms: u32, caller: Option<&'a AbortSignal>) -> Result<Self, JsValue> {
        let controller = AbortController::new()?;
        let abort = js::bound_abort(&controller);
        let ms = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
        let timer = Some(js::set_timeout(&abort, ms)?);
        let attempt = Attempt {
            controller,
            abort,
            timer,
            caller,
        };
        if let Some(signal) = caller {
            signal.add_event_listener_with_callback("abort", &attempt.abort)?;
        }
        Ok(attempt)
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Rejects once this attempt's signal fires (its timeout, or the caller's abort).
    fn stopped(&self) -> Promise {
        let signal = self.signal();
        Promise::new(&mut |_resolve, reject| {
            if fired(&signal) {
                let _ = reject.call0(&JsValue::UNDEFINED);
            } else {
                let _ = signal.add_event_listener_with_callback("abort", &reject);
            }
        })
    }

    /// Classifies a rejection of fetch or of a body read.
    fn failure(&self, error: JsValue) -> FetchError {
        if self.caller.is_some_and(fired) {
            FetchError::Aborted
        } else if fired(&self.signal()) {
            FetchError::Timeout
        } else {
            FetchError::Network(error)
        }
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.timer.take() {
            let _ = js::clear_timeout(&id);
        }
        if let Some(signal) = self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", &self.abort);
        }
    }
}

fn build(request: &FetchRequest<'_>, signal: &AbortSignal) -> Result<web_sys::Request, FetchError> {
    let method = Method::from_bytes(request.method.as_bytes())
        .map_err(|_| FetchError::InvalidRequest("method"))?;
    // fetch never sends a fragment, so dropping it changes nothing on the wire.
    let url = request.url.split('#').next().unwrap_or("");
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    // Names are the core's plain tokens (`email`), taken as they are; values are decoded.
    let pairs = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (name, uri_decode(value))
        });
    let mut builder = RequestBuilder::new(base)
        .query(pairs)
        .method(method)
        .abort_signal(Some(signal))
        .redirect(RequestRedirect::Manual);
    for (name, value) in request.headers {
        if !is_token(name) || !is_header_value(value) {
            return Err(FetchError::InvalidRequest("header"));
        }
        builder = builder.header(name, value);
    }
    builder
        .build()
        .map(web_sys::Request::from)
        .map_err(|_| FetchError::InvalidRequest("url"))
}

/// One value of the query, decoded by the runtime's `decodeURIComponent` (a Rust
/// percent-decoder costs 2 KB gzip). The core percent-encodes every query component (never `+`
/// for a space); text the runtime rejects, which the core never writes, is passed on as it is.
fn uri_decode(text: &str) -> String {
    js_sys::decode_uri_component(text).map_or_else(|_| String::from(text), String::from)
}

/// Sends one attempt and reads its body (see the module doc).
pub async fn send(request: &FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
    if request.signal.is_some_and(fired) {
        return Err(FetchError::Aborted);
    }
    let attempt =
        Attempt::start(request.timeout_ms, request.signal).map_err(FetchError::Network)?;
    let raw_request = build(request, &attempt.signal())?;
    // The body is handed to fetch beside the Request gloo-net built, not inside it: fetch(request)
    // copies its Request, and a body inside one is piped through an identity stream into the copy
    // (the Fetch standard's "proxy"), which bench/client.mjs shows as the largest per-call cost of
    // userSync in Node.
    let sent = match request.body {
        Some(body) => {
            let init = web_sys::RequestInit::new();
            init.set_body(body);
            js::fetch_with_init(&raw_request, &init)
        }
        None => js::fetch(&raw_request),
    };
    // Raced against the attempt's signal: a fetch that does not honour it (a replaced fetch; a
    // Request copy whose following signal Node let go) must not hold the attempt past its timeout.
    let answer = match sent {
        Ok(promise) => bounded(promise, &attempt.stopped()).await,
        Err(thrown) => Err(thrown),
    };
    let raw: web_sys::Response = match answer {
        // Not a Response only when a replaced fetch resolves with something else.
        Ok(value) => value.dyn_into().map_err(FetchError::Network)?,
        Err(e) => return Err(attempt.failure(e)),
    };
    let status = raw.status();
    if status == 0 || (300..400).contains(&status) {
        // Releases the connection of a 3xx that has a body.
        if let Some(body) = raw.body() {
            settle(body.cancel());
        }
        return Err(FetchError::Redirect { status });
    }
    let body = read_body(&raw, request.max_response_bytes, &attempt).await?;
    drop(attempt);
    Ok(FetchResponse { status, body, raw })
}

/// The length a body claims: Content-Length when the body is not content-encoded (the decoded
/// size of a compressed body is unknown until read).
fn declared_length(raw: &web_sys::Response) -> Option<u64> {
    let headers = raw.headers();
    let encoded = headers
        .get("content-encoding")
        .ok()
        .flatten()
        .is_some_and(|e| !e.eq_ignore_ascii_case("identity"));
    if encoded {
        return None;
    }
    // Digits only (integer parsing: an f64 parse would link core's float parser); a value past u64
    // is no usable length, and the streamed read still stops at the cap.
    headers
        .get("content-length")
        .ok()
        .flatten()?
        .trim()
        .parse()
        .ok()
}

/// Lets `promise` settle unobserved: `cancel()` on a stream that already failed rejects, and an
/// unhandled rejection is reported by the runtime (and fails Node's test runner).
fn settle(promise: Promise) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

/// `promise`, or a rejection as soon as `stop` rejects: a body that a replaced fetch did not tie to
/// the attempt's signal still cannot hold the attempt past its timeout or the caller's abort.
async fn bounded(promise: Promise, stop: &Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::race(&js_sys::Array::of2(&promise, stop))).await
}

async fn read_body(
    raw: &web_sys::Response,
    max: u32,
    attempt: &Attempt<'_>,
) -> Result<Uint8Array, FetchError> {
    let status = raw.status();
    let too_large = || FetchError::TooLarge { status };
    let Some(stream) = raw.body() else {
        return Ok(Uint8Array::new_with_length(0));
    };
    // A declared length over the cap fails unread. Under it the body is still read as a stream and
    // counted: the header is only a claim (a replaced fetch or a service worker can make any
    // Response), and the cap must hold whatever the body turns out to be.
    if declared_length(raw).is_some_and(|len| len > u64::from(max)) {
        settle(stream.cancel());
        return Err(too_large());
    }
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|v| FetchError::Network(v.into()))?;
    let chunks = js_sys::Array::new();
    let mut total: u32 = 0;
    let stop = attempt.stopped();
    loop {
        let chunk: ReadableStreamReadResult = match bounded(reader.read(), &stop).await {
            Ok(chunk) => chunk.unchecked_into(),
            Err(e) => {
                settle(reader.cancel());
                return Err(attempt.failure(e));
            }
        };
        if chunk.get_done().unwrap_or(true) {
            break;
        }
        let value = chunk.get_value();
        let Some(bytes) = value.dyn_ref::<Uint8Array>() else {
            settle(reader.cancel());
            return Err(FetchError::Network(value));
        };
        total = match total.checked_add(bytes.length()) {
            Some(t) if t <= max => t,
            _ => {
                settle(reader.cancel());
                return Err(too_large());
            }
        };
        chunks.push(bytes);
    }
    if chunks.length() == 1 {
        return Ok(chunks.get(0).unchecked_into());
    }
    let body = Uint8Array::new_with_length(total);
    let mut at = 0;
    for chunk in chunks.iter() {
        let chunk: Uint8Array = chunk.unchecked_into();
        body.set(&chunk, at);
        at += chunk.length();
    }
    Ok(body)
}
