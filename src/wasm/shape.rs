//! The shape check of 2xx bodies (`JsonValue::conforms`): a minimal serde `Deserializer` over a
//! `JsValue` that answers only "does it fit". It replaces `serde_wasm_bindgen::from_value`, whose
//! error type formats every mismatch into a message ("invalid type: floating point `1.5`, expected
//! a string"); that pulled `<f64 as Display>::fmt` and serde's `Unexpected` formatting into the
//! wasm (~15 KB gzip) only for the message to be thrown away. Here the error carries nothing, so
//! serde's default error constructors (which build `format_args!` and hand them to `custom`) are
//! dead code after inlining.
//!
//! It reads JS the way serde_wasm_bindgen does for the values `Response.json()` can produce: null
//! and undefined are `None`/unit, a struct field that is absent (not `in` the object) is missing
//! while one that is present is checked, unknown fields are ignored, and a sequence is an Array.

use js_sys::{Array, Reflect};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use wasm_bindgen::JsValue;

use super::strings::js;

/// Whether `value` deserializes as `T`.
pub fn conforms<T: DeserializeOwned>(value: &JsValue) -> bool {
    T::deserialize(Shape(value.clone())).is_ok()
}

/// A mismatch. Deliberately without a message (see the module doc).
#[derive(Debug)]
pub struct Mismatch;

impl core::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("shape mismatch")
    }
}

impl std::error::Error for Mismatch {}

impl de::Error for Mismatch {
    // The message is dropped unformatted: that is the point of this type.
    fn custom<T: core::fmt::Display>(_msg: T) -> Self {
        Mismatch
    }
}

struct Shape(JsValue);

impl Shape {
    /// `== null`, as serde_wasm_bindgen: both null and undefined.
    fn is_nullish(&self) -> bool {
        self.0.loose_eq(&JsValue::NULL)
    }
}

impl<'de> de::Deserializer<'de> for Shape {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = self.0.as_f64() {
            visitor.visit_f64(n)
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else {
            Err(Mismatch)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if self.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if Array::is_array(&self.0) {
            let items = Array::from(&self.0);
            visitor.visit_seq(Items {
                len: items.length(),
                items,
                next: 0,
            })
        } else {
            Err(Mismatch)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        if self.0.is_object() {
            visitor.visit_map(Fields {
                obj: self.0,
                fields: fields.iter(),
                value: None,
            })
        } else {
            Err(Mismatch)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct tuple tuple_struct map enum identifier
    }
}

/// The elements of an Array.
struct Items {
    items: Array,
    len: u32,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mismatch> {
        if self.next >= self.len {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Shape(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.len - self.next).ok()
    }
}

/// A struct's declared fields, read by name; the ones absent from the object are skipped so serde
/// reports them missing (or `None` for an `Option`).
struct Fields {
    obj: JsValue,
    fields: core::slice::Iter<'static, &'static str>,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        for field in &mut self.fields {
            let key = js(field);
            let value = Reflect::get(&self.obj, &key).map_err(|_| Mismatch)?;
            // An undefined value may be an absent field: `in` tells them apart.
            if value.is_undefined() && !key.js_in(&self.obj) {
                continue;
            }
            self.value = Some(value);
            let name: de::value::StrDeserializer<'_, Mismatch> = field.into_deserializer();
            return seed.deserialize(name).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        match self.value.take() {
            Some(v) => seed.deserialize(Shape(v)),
            None => Err(Mismatch),
        }
    }
}
