//! A JS input value in plain Rust, the form every part of the crate reads arguments in: `Field`
//! (one property) and `Arg` (a whole argument that should be an object). The shell fills them in;
//! the client's and the proxy's validation decide what they mean, natively tested.

/// One JS property as the core sees it. `Other` carries the JS type name for messages
/// ("number", "object", "symbol", "a throwing getter", ...).
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Absent,
    Null,
    Text(String),
    Number(f64),
    Bool(bool),
    Other(&'static str),
}

impl Field {
    /// The JS type name used in "must be a string, got ..." messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Field::Absent => "undefined",
            Field::Null => "null",
            Field::Text(_) => "string",
            Field::Number(_) => "number",
            Field::Bool(_) => "boolean",
            Field::Other(name) => name,
        }
    }

    /// Absent and null both mean "not given" for optional fields.
    pub fn is_missing(&self) -> bool {
        matches!(self, Field::Absent | Field::Null)
    }
}

/// The JS type names a non-primitive property is reported with (see `Field`'s Deserialize).
pub const OTHER_TYPES: [&str; 7] = [
    "object",
    "array",
    "function",
    "symbol",
    "bigint",
    "unknown",
    "a value whose getter threw",
];

/// How the wasm shell hands one JS property to serde (src/wasm/convert.rs): a string, number or
/// boolean as itself, an absent or undefined property as unit, and anything else as a one-element
/// sequence naming it: `["null"]` (serde-wasm-bindgen reads null and undefined alike) or one of
/// `OTHER_TYPES`.
impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> serde::de::Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a JS property")
    }

    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Absent)
    }

    fn visit_none<E>(self) -> Result<Field, E> {
        Ok(Field::Absent)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Field, E> {
        Ok(Field::Bool(b))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Field, E> {
        Ok(Field::Number(n))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Field, E> {
        Ok(Field::Number(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Field, E> {
        Ok(Field::Number(n as f64))
    }

    fn visit_str<E>(self, s: &str) -> Result<Field, E> {
        Ok(Field::Text(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Field, E> {
        Ok(Field::Text(s))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Field, A::Error> {
        let name: Option<String> = seq.next_element()?;
        Ok(match name.as_deref() {
            Some("null") => Field::Null,
            Some(n) => Field::Other(
                OTHER_TYPES
                    .into_iter()
                    .find(|t| *t == n)
                    .unwrap_or("unknown"),
            ),
            None => Field::Other("unknown"),
        })
    }
}

/// A property that is not there; what a missing field deserialises as.
impl Default for Field {
    fn default() -> Self {
        Field::Absent
    }
}

/// A whole JS argument that should be an object (options, user, input).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<T> {
    Absent,
    Null,
    Object(T),
    /// Not an object: the JS type name.
    Other(&'static str),
}

/// The largest timeout an input may ask for: setTimeout's own limit (2^31 - 1 ms); longer delays
/// fire immediately in browsers and Node.
pub const MAX_TIMEOUT_MS: u32 = 2_147_483_647;
