//! JS values into the core's plain inputs. Input objects are read into the core's
//! `#[derive(Deserialize)]` structs by serde-wasm-bindgen, over a snapshot whose properties were
//! each read once with `Reflect.get`: a throwing getter, a Proxy trap or a revoked Proxy becomes a
//! value the core reports as invalid_argument, never a JS exception through wasm. Nothing here
//! decides whether an input is acceptable.

use js_sys::Reflect;
use serde::de::{self, DeserializeOwned, Visitor};
use wasm_bindgen::{JsCast, JsValue};

use super::js::{is_array, signal_state};
use super::strings::js;
use crate::client::options::{RawCallOptions, RawClientOptions, SignalField};
use crate::client::validate::{RawColleagueUpdate, RawNewColleague, RawSyncUser};
use crate::input::{Arg, Field};

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
#[cfg(feature = "proxy")] // the edge proxy's reader of JSON bodies; the browser build has no use for it
pub fn prop(obj: &JsValue, key: &str) -> Field {
    read_prop(obj, &JsValue::from_str(key))
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

fn read<T>(v: &JsValue, f: impl FnOnce(&JsValue) -> Result<T, &'static str>) -> Arg<T> {
    match object_arg(v) {
        Arg::Absent => Arg::Absent,
        Arg::Null => Arg::Null,
        Arg::Other(t) => Arg::Other(t),
        Arg::Object(()) => match f(v) {
            Ok(t) => Arg::Object(t),
            Err(t) => Arg::Other(t),
        },
    }
}

pub fn client_options(v: &JsValue) -> Arg<RawClientOptions> {
    read(v, from_props)
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
        Ok(RawCallOptions {
            signal: s,
            timeout_ms: read_prop(o, &js("timeoutMs")),
        })
    });
    (arg, signal)
}

pub fn sync_user(v: &JsValue) -> Arg<RawSyncUser> {
    read(v, from_props)
}

pub fn new_colleague(v: &JsValue) -> Arg<RawNewColleague> {
    read(v, from_props)
}

pub fn colleague_update(v: &JsValue) -> Arg<RawColleagueUpdate> {
    read(v, from_props)
}

/// One-element array naming a property's JS type (the form `Field` deserialises from).
fn tagged(name: &'static str) -> JsValue {
    js_sys::Array::of1(&js(name)).into()
}

/// A plain object holding `fields` of `obj` in the form `Field` deserialises from (its doc in
/// src/input.rs). Each property of the caller's object is read exactly once, here, with
/// `Reflect.get`: a throwing getter or Proxy trap is caught, and only strings, numbers and
/// booleans are copied over, so serde-wasm-bindgen never touches a hostile value.
fn snapshot(obj: &JsValue, fields: &'static [&'static str]) -> JsValue {
    let out: JsValue = js_sys::Object::new().into();
    for field in fields {
        let key = js(field);
        let value = match Reflect::get(obj, &key) {
            Err(_) => tagged("a value whose getter threw"),
            Ok(v) if v.is_undefined() => continue,
            Ok(v) if v.is_null() => tagged("null"),
            Ok(v) if v.is_string() || v.as_f64().is_some() || v.as_bool().is_some() => v,
            Ok(v) => tagged(other_type(&v)),
        };
        let _ = Reflect::set(&out, &key, &value);
    }
    out
}

/// Reads a `#[derive(Deserialize)]` input struct from a JS object through serde-wasm-bindgen, over
/// a snapshot of exactly the fields the struct declares.
struct Props<'a>(&'a JsValue);

impl<'de> serde::Deserializer<'de> for Props<'_> {
    type Error = serde_wasm_bindgen::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        serde_wasm_bindgen::Deserializer::from(snapshot(self.0, fields))
            .deserialize_struct(name, fields, visitor)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom(
            "only structs are read from input objects",
        ))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

fn from_props<T: DeserializeOwned>(obj: &JsValue) -> Result<T, &'static str> {
    // Every snapshot value is one `Field` accepts, so this fails only if that contract breaks.
    T::deserialize(Props(obj)).map_err(|_| "an object that could not be read")
}
