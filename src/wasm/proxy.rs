//! JS bindings of the edge proxy (`createWazperProxy`), compiled only with the cargo feature
//! `proxy` (the "wazper/proxy" wasm): turns a Worker's `Request` into the facts the core decides
//! on, reads the body under the size and time limits, calls the `authorize` hook, and forwards
//! through the shell's fetch module (`upstream`, the one call site) and answers what the core's
//! `Reply` says.
//!
//! Every path resolves to a `Response`: a JS exception inside the handler becomes a bare 500, never
//! a rejected promise whose message could carry request data.

use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{Headers, ReadableStreamDefaultReader, Request, Response, ResponseInit};

use super::convert;
use super::error::to_js;
use super::fetch::{FetchError, FetchRequest, FetchResponse};
use super::js::{clear_timeout, console_error, is_array, set_timeout};
use crate::client::HttpRequest;
use crate::input::{Arg, Field};
use crate::proxy::{
    self, BodyLimit, Config, Head, HeadDecision, LocalResponse, Options, OriginCheck, Prepared,
    Proxy, Reply, RequestJson, Upstream,
};
use crate::Error;

/// The items of a JS array, read with `Reflect` (a Proxy or a getter that throws gives None).
fn array_items(v: &JsValue) -> Option<Vec<JsValue>> {
    let len = Reflect::get(v, &JsValue::from_str("length"))
        .ok()?
        .as_f64()?;
    if !(0.0..=1024.0).contains(&len) {
        return None;
    }
    (0..len as u32)
        .map(|i| Reflect::get_u32(v, i).ok())
        .collect()
}

struct State {
    proxy: Proxy,
    authorize: Option<Function>,
}

/// `createWazperProxy(options)`: a module Worker's default export, `{ fetch(request, env, ctx) }`.
/// Only reads its options: no timers, randomness or I/O, so it may run at module top level.
#[wasm_bindgen(js_name = createWazperProxy)]
pub fn create_wazper_proxy(options: JsValue) -> Result<Object, JsValue> {
    let (opts, authorize) = read_options(&options).map_err(|e| to_js(&e))?;
    let config = Config::from_options(opts).map_err(|e| to_js(&e))?;
    let state = Rc::new(State {
        proxy: Proxy::new(config),
        authorize,
    });
    let handler = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Promise>::new(
        move |request: JsValue, env: JsValue, _ctx: JsValue| {
            let state = state.clone();
            future_to_promise(async move {
                let response = match handle(&state, request, env).await {
                    Ok(response) => response,
                    Err(_) => local(
                        LocalResponse::error(500, "Internal server error"),
                        &OriginCheck::NoOrigin,
                    )?,
                };
                Ok(response.into())
            })
        },
    );
    let worker = Object::new();
    Reflect::set(
        &worker,
        &JsValue::from_str("fetch"),
        &handler.into_js_value(),
    )?;
    Ok(worker)
}

fn invalid_option(name: &str, expected: &str) -> Error {
    let mut message = String::from("createWazperProxy: ");
    message.push_str(name);
    message.push_str(" must be ");
    message.push_str(expected);
    Error::new(crate::ErrorCode::InvalidArgument, None, message)
}

fn get(obj: &JsValue, name: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// An optional option that must be an array of strings (`allowedOrigins`, `trust`).
fn string_list(options: &JsValue, name: &str) -> Result<Option<Vec<String>>, Error> {
    let v = get_opt(options, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let wrong = || invalid_option(name, "an array of strings");
    let items = if is_array(&v) { array_items(&v) } else { None }.ok_or_else(wrong)?;
    let mut list = Vec::new();
    for item in items {
        list.push(item.as_string().ok_or_else(wrong)?);
    }
    Ok(Some(list))
}

/// An option's value; a getter or Proxy trap that throws is an invalid option, not a default.
fn get_opt(options: &JsValue, name: &str) -> Result<JsValue, Error> {
    if !options.is_object() {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(options, &JsValue::from_str(name)).map_err(|_| invalid_option(name, "readable"))
}

fn opt_string(obj: &JsValue, name: &str) -> Result<Option<String>, Error> {
    let v = get_opt(obj, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| invalid_option(name, "a string"))
}

fn read_options(options: &JsValue) -> Result<(Options, Option<Function>), Error> {
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(invalid_option("options", "an object"));
    }
    let authorize = match get_opt(options, "authorize")? {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(
            v.dyn_into::<Function>()
                .map_err(|_| invalid_option("authorize", "a function"))?,
        ),
    };
    let allow_anonymous = match get_opt(options, "allowAnonymous")? {
        v if v.is_undefined() || v.is_null() => false,
        v => v
            .as_bool()
            .ok_or_else(|| invalid_option("allowAnonymous", "a boolean"))?,
    };
    let skip_personal_emails = match get_opt(options, "skipPersonalEmails")? {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(
            v.as_bool()
                .ok_or_else(|| invalid_option("skipPersonalEmails", "a boolean"))?,
        ),
    };
    let max_body_bytes = match get_opt(options, "maxBodyBytes")? {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(
            v.as_f64()
                .ok_or_else(|| invalid_option("maxBodyBytes", "a number"))?,
        ),
    };
    let allowed_origins = string_list(options, "allowedOrigins")?;
    let trust = string_list(options, "trust")?;
    let timeout_ms = match get_opt(options, "timeoutMs")? {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(
            v.as_f64()
                .ok_or_else(|| invalid_option("timeoutMs", "a number"))?,
        ),
    };
    let opts = Options {
        base_url: opt_string(options, "baseUrl")?,
        prefix: opt_string(options, "prefix")?,
        api_key_binding: opt_string(options, "apiKeyBinding")?,
        allowed_origins,
        has_authorize: authorize.is_some(),
        allow_anonymous,
        max_body_bytes,
        skip_personal_emails,
        trust,
        timeout_ms,
    };
    Ok((opts, authorize))
}

/// A parsed JSON body, read with the client's converters (`JSON.parse` output has no getters,
/// but the converters would survive them anyway).
struct JsObject(JsValue);

impl RequestJson for JsObject {
    fn field(&self, name: &str) -> Field {
        convert::prop(&self.0, name)
    }

    fn object(&self, name: &str) -> Arg<Self> {
        let v = get(&self.0, name);
        if v.is_undefined() {
            Arg::Absent
        } else if v.is_null() {
            Arg::Null
        } else if v.is_object() && !is_array(&v) {
            Arg::Object(JsObject(v))
        } else {
            Arg::Other(convert::field(&v).type_name())
        }
    }
}

fn header(headers: &Headers, name: &str) -> Option<String> {
    headers.get(name).ok().flatten()
}

/// Turns the core's answer into a `Response`.
fn respond(reply: Reply) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &reply.headers {
        headers.append(name, value)?;
    }
    let init = ResponseInit::new();
    init.set_status(reply.status);
    init.set_headers(&headers);
    match reply.body {
        Some(mut bytes) => Response::new_with_opt_u8_array_and_init(Some(&mut bytes), &init),
        None => Response::new_with_opt_str_and_init(None, &init),
    }
}

/// An answer the proxy writes itself.
fn local(resp: LocalResponse, cors: &OriginCheck) -> Result<Response, JsValue> {
    respond(Reply::local(resp, cors))
}

/// A promise that resolves (to `undefined`) after `ms`, for racing reads against a deadline; the
/// timer is cleared when this is dropped, so it never outlives the request.
struct Deadline {
    promise: Promise,
    timer: JsValue,
}

impl Deadline {
    fn after(ms: u32) -> Deadline {
        let mut timer = JsValue::UNDEFINED;
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        let promise = Promise::new(&mut |resolve: Function, _reject: Function| {
            if let Ok(id) = set_timeout(&resolve, ms) {
                timer = id;
            }
        });
        Deadline { promise, timer }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let _ = clear_timeout(&self.timer);
    }
}

/// What became of the incoming request's body (the API's answers are
/// `client::response::ResponseBody`).
enum IncomingBody {
    Bytes(Vec<u8>),
    TooLarge,
    TimedOut,
}

/// Reads the whole body, counting bytes as they arrive and giving up past `max` bytes or once
/// `timeout_ms` has passed (a sender trickling bytes must not hold the Worker open).
async fn read_body(request: &Request, max: u64, timeout_ms: u32) -> Result<IncomingBody, JsValue> {
    let Some(stream) = request.body() else {
        return Ok(IncomingBody::Bytes(Vec::new()));
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().dyn_into()?;
    let mut limit = BodyLimit::new(max);
    let mut bytes = Vec::new();
    let deadline = Deadline::after(timeout_ms);
    loop {
        let race = Promise::race(&js_sys::Array::of2(&reader.read(), &deadline.promise));
        let chunk = JsFuture::from(race).await?;
        // A read settles to an object; the deadline to `undefined`.
        if !chunk.is_object() {
            let _ = reader.cancel();
            return Ok(IncomingBody::TimedOut);
        }
        if Reflect::get(&chunk, &"done".into())?
            .as_bool()
            .unwrap_or(true)
        {
            return Ok(IncomingBody::Bytes(bytes));
        }
        let value = Reflect::get(&chunk, &"value".into())?;
        let Some(array) = value.dyn_ref::<Uint8Array>() else {
            return Err(JsValue::NULL);
        };
        if !limit.add(array.length() as usize) {
            let _ = reader.cancel();
            return Ok(IncomingBody::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        if let Some(dest) = bytes.get_mut(start..) {
            array.copy_to(dest);
        }
    }
}

/// `JSON.parse` of the body, kept only when it is an object (not an array or a scalar).
fn parse_object(bytes: Vec<u8>) -> Option<JsObject> {
    let text = String::from_utf8(bytes).ok()?;
    let value = js_sys::JSON::parse(&text).ok()?;
    (value.is_object() && !is_array(&value)).then_some(JsObject(value))
}

async fn authorized(hook: &Function, request: &Request, env: &JsValue) -> Result<bool, JsValue> {
    let verdict = hook.call2(&JsValue::UNDEFINED, request, env)?;
    let settled = JsFuture::from(Promise::resolve(&verdict)).await?;
    Ok(settled.as_bool() == Some(true))
}

async fn handle(state: &State, request: JsValue, env: JsValue) -> Result<Response, JsValue> {
    let request: Request = request.dyn_into()?;
    let headers = request.headers();
    let (method, url) = (request.method(), request.url());
    let (origin, preflight_method, preflight_headers, content_length) = (
        header(&headers, "Origin"),
        header(&headers, "Access-Control-Request-Method"),
        header(&headers, "Access-Control-Request-Headers"),
        header(&headers, "Content-Length"),
    );
    let head = Head {
        method: &method,
        url: &url,
        origin: origin.as_deref(),
        preflight_method: preflight_method.as_deref(),
        preflight_headers: preflight_headers.as_deref(),
        content_length: content_length.as_deref(),
    };
    let (route, cors) = match state.proxy.check_head(&head) {
        HeadDecision::Respond(resp) => return local(resp, &OriginCheck::NoOrigin),
        HeadDecision::Proceed { route, cors } => (route, cors),
    };

    // The hook gets an unread copy, so it may read the body itself (e.g. to match the email).
    let for_hook = if state.authorize.is_some() && route.has_body() {
        Some(request.clone()?)
    } else {
        None
    };
    let body = if route.has_body() {
        let config = &state.proxy.config;
        match read_body(&request, config.max_body_bytes, config.timeout_ms).await? {
            IncomingBody::TooLarge => return local(proxy::too_large(), &cors),
            IncomingBody::TimedOut => return local(proxy::body_timeout(), &cors),
            IncomingBody::Bytes(bytes) => Some(bytes),
        }
    } else {
        None
    };
    if let Some(hook) = &state.authorize {
        match authorized(hook, for_hook.as_ref().unwrap_or(&request), &env).await {
            Ok(true) => {}
            Ok(false) => return local(proxy::unauthorized(), &cors),
            Err(_) => {
                console_error("wazper proxy: the authorize hook threw; answering 500");
                return local(LocalResponse::error(500, "Internal server error"), &cors);
            }
        }
    }

    let parsed = body.and_then(parse_object);
    if route.has_body() && parsed.is_none() {
        return local(proxy::bad_json(), &cors);
    }
    let cf_country =
        super::geo::edge_country(request.as_ref(), &state.proxy.config.trust).map(|c| c.alpha2);
    let (upstream_method, upstream_url, upstream_body) =
        match state
            .proxy
            .prepare(route, parsed.as_ref(), proxy::query_of(&url), cf_country)
        {
            Prepared::Respond(resp) => return local(resp, &cors),
            Prepared::Forward { method, url, body } => (method, url, body),
        };

    let key = get(&env, &state.proxy.config.api_key_binding)
        .as_string()
        .filter(|k| proxy::api_key_usable(k));
    let Some(key) = key else {
        console_error(
            "wazper proxy: the API key secret binding is missing or empty; see apiKeyBinding",
        );
        return local(proxy::misconfigured(), &cors);
    };
    let upstream_request =
        proxy::upstream_request(upstream_method, upstream_url, upstream_body, &key);
    let answer = match upstream(&upstream_request, state.proxy.config.timeout_ms).await {
        Ok(answer) => answer,
        Err(FetchError::Timeout) => return local(proxy::upstream_timeout(), &cors),
        Err(FetchError::TooLarge { .. }) => return local(proxy::upstream_too_large(), &cors),
        Err(FetchError::Redirect { .. }) => return local(proxy::upstream_redirected(), &cors),
        Err(FetchError::InvalidRequest(part)) => {
            // Only a bug can get here (the key is checked header-safe, the core builds the rest).
            let mut line = String::from("wazper proxy: the upstream request was invalid: ");
            line.push_str(part);
            console_error(&line);
            return local(proxy::upstream_unreachable(), &cors);
        }
        Err(FetchError::Network(_) | FetchError::Aborted) => {
            return local(proxy::upstream_unreachable(), &cors)
        }
    };
    let content_type = answer.header("content-type");
    let retry_after = answer.header("retry-after");
    let relayed = Upstream {
        status: answer.status,
        content_type: content_type.as_deref(),
        retry_after: retry_after.as_deref(),
        // At most MAX_UPSTREAM_BYTES (the cap `send` read under): the scrub needs it whole.
        body: answer.body.to_vec(),
    };
    respond(Reply::relay(relayed, &key, &cors))
}

/// The proxy's one upstream call: `fetch::send` through `FetchRequest::send_http` (redirects never followed, one timeout over the
/// exchange and the body read, the body read whole up to the relay limit), no caller signal.
async fn upstream(request: &HttpRequest, timeout_ms: u32) -> Result<FetchResponse, FetchError> {
    let cap = u32::try_from(proxy::MAX_UPSTREAM_BYTES).unwrap_or(u32::MAX);
    FetchRequest::send_http(request, timeout_ms, None, cap).await
}
