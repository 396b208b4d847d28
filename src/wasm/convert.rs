//! JS values into the core's plain inputs. Properties are read with `Reflect.get`, which turns a
//! throwing getter or Proxy trap into a value the core reports as invalid_argument; nothing here
//! decides whether an input is acceptable.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use super::js::{is_array, signal_state};
use super::strings::js;
use crate::client::options::{Arg, Field, RawCallOptions, RawClientOptions, SignalField};
use crate::client::validate::{RawColleagueUpdate, RawNewColleague, RawSyncUser};

/// The JS type name of a value that is not a string, number, boolean, null or undefined.
fn other_type(v: &JsValue) -> &'static str {
    if v.is_bigint() {
        "bigint"
    } else if v.is_symbol() {
        "symbol"
    } else if v.is_function() {
        "function"
    } else if is_array(v) {
        "array"
    } else if v.is_object() {
        "object"
    } else {
        "unknown"
    }
}

pub fn field(v: &JsValue) -> Field {
    if v.is_undefined() {
        Field::Absent
    } else if v.is_null() {
        Field::Null
    } else if let Some(s) = v.as_string() {
        Field::Text(s)
    } else if let Some(n) = v.as_f64() {
        Field::Number(n)
    } else if let Some(b) = v.as_bool() {
        Field::Bool(b)
    } else {
        Field::Other(other_type(v))
    }
}

/// `obj[key]` as a `Field`; a getter or Proxy trap that throws becomes a typed failure.
pub fn prop(obj: &JsValue, key: &str) -> Field {
    read_prop(obj, &JsValue::from_str(key))
}

/// `prop` for the shell's own fixed property names, whose JS strings are cached.
fn prop_static(obj: &JsValue, key: &'static str) -> Field {
    read_prop(obj, &js(key))
}

fn read_prop(obj: &JsValue, key: &JsValue) -> Field {
    match Reflect::get(obj, key) {
        Ok(v) => field(&v),
        Err(_) => Field::Other("a value whose getter threw"),
    }
}

/// Whether `v` may be read as an options/input object (arrays and functions are not).
fn object_arg(v: &JsValue) -> Arg<()> {
    if v.is_undefined() {
        Arg::Absent
    } else if v.is_null() {
        Arg::Null
    } else if v.is_object() && !v.is_function() && !is_array(v) {
        Arg::Object(())
    } else {
        match field(v) {
            Field::Other(t) => Arg::Other(t),
            f => Arg::Other(f.type_name()),
        }
    }
}

fn read<T>(v: &JsValue, f: impl FnOnce(&JsValue) -> T) -> Arg<T> {
    match object_arg(v) {
        Arg::Absent => Arg::Absent,
        Arg::Null => Arg::Null,
        Arg::Other(t) => Arg::Other(t),
        Arg::Object(()) => Arg::Object(f(v)),
    }
}

pub fn client_options(v: &JsValue) -> Arg<RawClientOptions> {
    read(v, |o| RawClientOptions {
        api_key: prop_static(o, "apiKey"),
        base_url: prop_static(o, "baseUrl"),
        timeout_ms: prop_static(o, "timeoutMs"),
        max_retries: prop_static(o, "maxRetries"),
        skip_personal_emails: prop_static(o, "skipPersonalEmails"),
        dangerously_allow_browser: prop_static(o, "dangerouslyAllowBrowser"),
        max_response_bytes: prop_static(o, "maxResponseBytes"),
    })
}

/// Call options, and the AbortSignal itself when one was given.
pub fn call_options(v: &JsValue) -> (Arg<RawCallOptions>, Option<web_sys::AbortSignal>) {
    let mut signal = None;
    let arg = read(v, |o| {
        let s = match Reflect::get(o, &js("signal")) {
            Err(_) => SignalField::Other("a value whose getter threw"),
            Ok(s) if s.is_undefined() || s.is_null() => SignalField::Absent,
            Ok(s) => match s.dyn_into::<web_sys::AbortSignal>() {
                Ok(s) if signal_state(&s).is_none() => SignalField::Other("object"),
                Ok(s) => {
                    signal = Some(s);
                    SignalField::Signal
                }
                Err(s) => SignalField::Other(match field(&s) {
                    Field::Other(t) => t,
                    f => f.type_name(),
                }),
            },
        };
        RawCallOptions {
            signal: s,
            timeout_ms: prop_static(o, "timeoutMs"),
        }
    });
    (arg, signal)
}

pub fn sync_user(v: &JsValue) -> Arg<RawSyncUser> {
    read(v, |o| RawSyncUser {
        email: prop_static(o, "email"),
        country: prop_static(o, "country"),
        first_name: prop_static(o, "firstName"),
        last_name: prop_static(o, "lastName"),
        name: prop_static(o, "name"),
        job_title: prop_static(o, "jobTitle"),
        invite_link: prop_static(o, "inviteLink"),
    })
}

pub fn new_colleague(v: &JsValue) -> Arg<RawNewColleague> {
    read(v, |o| RawNewColleague {
        name: prop_static(o, "name"),
        email: prop_static(o, "email"),
        company_name: prop_static(o, "companyName"),
        to_be_invited_by_id: prop_static(o, "toBeInvitedById"),
        job_title: prop_static(o, "jobTitle"),
        website: prop_static(o, "website"),
        team: prop_static(o, "team"),
        invite_link: prop_static(o, "inviteLink"),
        redirection_link: prop_static(o, "redirectionLink"),
    })
}

pub fn colleague_update(v: &JsValue) -> Arg<RawColleagueUpdate> {
    read(v, |o| RawColleagueUpdate {
        id: prop_static(o, "id"),
        status: prop_static(o, "status"),
        email: prop_static(o, "email"),
    })
}
