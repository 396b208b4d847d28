//! Client and call options: the plain-Rust picture of a JS argument (`Field`, `Arg`), and their
//! validation into a `ClientConfig` / `CallConfig`. The shell only reads properties; every decision
//! (defaults, types, key safety, base URL safety) is made here so it is tested natively.

use super::text;
use crate::error::{Error, ErrorCode};

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

/// Where the code runs, as far as key safety is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// A browser page or browser worker: a secret key there is visible to every visitor.
    Browser,
    /// Node, Deno, Bun, Cloudflare Workers, or anything else that is not a browser.
    Server,
}

/// `ClientOptions` as read from JS, one `Field` per documented property.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawClientOptions {
    pub api_key: Field,
    pub base_url: Field,
    pub timeout_ms: Field,
    pub max_retries: Field,
    pub skip_personal_emails: Field,
    pub dangerously_allow_browser: Field,
    pub retry_unsafe: Field,
    pub max_response_bytes: Field,
}

impl Default for RawClientOptions {
    fn default() -> Self {
        RawClientOptions {
            api_key: Field::Absent,
            base_url: Field::Absent,
            timeout_ms: Field::Absent,
            max_retries: Field::Absent,
            skip_personal_emails: Field::Absent,
            dangerously_allow_browser: Field::Absent,
            retry_unsafe: Field::Absent,
            max_response_bytes: Field::Absent,
        }
    }
}

/// `CallOptions` as read from JS. The signal itself stays in the shell; the core only learns
/// whether the value given is usable.
#[derive(Clone, Debug, PartialEq)]
pub struct RawCallOptions {
    pub signal: SignalField,
    pub timeout_ms: Field,
}

impl Default for RawCallOptions {
    fn default() -> Self {
        RawCallOptions {
            signal: SignalField::Absent,
            timeout_ms: Field::Absent,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SignalField {
    Absent,
    Signal,
    Other(&'static str),
}

pub use crate::api::DEFAULT_BASE_URL;
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// setTimeout's own limit (2^31 - 1 ms); longer delays fire immediately in browsers and Node.
pub const MAX_TIMEOUT_MS: u32 = 2_147_483_647;
/// A ceiling that keeps a typo (maxRetries: 1e9) from turning into an endless loop.
pub const MAX_RETRIES_LIMIT: u32 = 100;
/// The default cap on a response body: far above any documented answer (50 colleagues), far below
/// what would grow wasm memory noticeably.
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 1 << 20;

/// A validated client. `Debug` never shows the key.
#[derive(Clone, PartialEq)]
pub struct ClientConfig {
    pub api_key: Option<String>,
    /// Without a trailing slash; endpoints are appended as "/v1/...".
    pub base_url: String,
    pub timeout_ms: u32,
    pub max_retries: u32,
    pub skip_personal_emails: bool,
    /// userSync retried like the idempotent calls (Retries in the contract): may bill twice.
    pub retry_unsafe: bool,
    /// Bodies larger than this fail with invalid_response, unread.
    pub max_response_bytes: u32,
}

impl core::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("skip_personal_emails", &self.skip_personal_emails)
            .field("retry_unsafe", &self.retry_unsafe)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// Per-call settings after validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallConfig {
    pub timeout_ms: Option<u32>,
    pub has_signal: bool,
}

fn wrong_type(field: &'static str, expected: &str, got: &Field) -> Error {
    let mut m = String::with_capacity(64);
    m.push_str(field);
    m.push_str(" must be ");
    m.push_str(expected);
    m.push_str(", got ");
    m.push_str(got.type_name());
    Error::field(ErrorCode::InvalidArgument, field, m)
}

fn optional_bool(field: &'static str, value: &Field, default: bool) -> Result<bool, Error> {
    match value {
        Field::Absent | Field::Null => Ok(default),
        Field::Bool(b) => Ok(*b),
        other => Err(wrong_type(field, "a boolean", other)),
    }
}

/// A timeout in ms: a finite number in 1..=2^31-1 (fractions round up).
fn optional_timeout(field: &'static str, value: &Field) -> Result<Option<u32>, Error> {
    match value {
        Field::Absent | Field::Null => Ok(None),
        Field::Number(n) if n.is_finite() && *n > 0.0 && *n <= MAX_TIMEOUT_MS as f64 => {
            Ok(Some(n.ceil() as u32))
        }
        Field::Number(_) => Err(Error::field(
            ErrorCode::InvalidArgument,
            field,
            text::concat(&[
                field,
                " must be a positive number of milliseconds up to 2147483647",
            ]),
        )),
        other => Err(wrong_type(field, "a number", other)),
    }
}

/// Whether a key can travel in an HTTP header as given: visible ASCII only, so no CR/LF header
/// injection and no value that fetch would reject or silently alter.
pub fn is_header_safe(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// Validates `ClientOptions`. Order: argument shapes and types first, then the key-safety rules.
pub fn client_config(raw: Arg<RawClientOptions>, runtime: Runtime) -> Result<ClientConfig, Error> {
    let raw = match raw {
        Arg::Absent | Arg::Null => RawClientOptions::default(),
        Arg::Object(raw) => raw,
        Arg::Other(t) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "options",
                text::concat(&["options must be an object, got ", t]),
            ))
        }
    };
    let api_key = match &raw.api_key {
        Field::Absent | Field::Null => None,
        Field::Text(k) if is_header_safe(k) => Some(k.clone()),
        // Never echo the key: it may be a real secret with a stray newline.
        Field::Text(_) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "apiKey",
                "apiKey must be a non-empty string of visible ASCII characters (no spaces, CR/LF or control characters)",
            ))
        }
        other => return Err(wrong_type("apiKey", "a string", other)),
    };
    let base_url = match &raw.base_url {
        Field::Absent | Field::Null => BaseUrl::parse(DEFAULT_BASE_URL)?,
        Field::Text(u) => BaseUrl::parse(u)?,
        other => return Err(wrong_type("baseUrl", "a string", other)),
    };
    let timeout_ms = optional_timeout("timeoutMs", &raw.timeout_ms)?.unwrap_or(DEFAULT_TIMEOUT_MS);
    let max_retries = match &raw.max_retries {
        Field::Absent | Field::Null => DEFAULT_MAX_RETRIES,
        Field::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= MAX_RETRIES_LIMIT as f64 => {
            *n as u32
        }
        Field::Number(_) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "maxRetries",
                "maxRetries must be an integer from 0 to 100",
            ))
        }
        other => return Err(wrong_type("maxRetries", "a number", other)),
    };
    let max_response_bytes = match &raw.max_response_bytes {
        Field::Absent | Field::Null => DEFAULT_MAX_RESPONSE_BYTES,
        Field::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX) => *n as u32,
        Field::Number(_) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "maxResponseBytes",
                "maxResponseBytes must be an integer from 1 to 4294967295",
            ))
        }
        other => return Err(wrong_type("maxResponseBytes", "a number", other)),
    };
    let skip_personal_emails =
        optional_bool("skipPersonalEmails", &raw.skip_personal_emails, true)?;
    let allow_browser = optional_bool(
        "dangerouslyAllowBrowser",
        &raw.dangerously_allow_browser,
        false,
    )?;
    let retry_unsafe = optional_bool("retryUnsafe", &raw.retry_unsafe, false)?;

    if api_key.is_some() {
        if runtime == Runtime::Browser && !allow_browser {
            return Err(Error::field(
                ErrorCode::BrowserKeyExposure,
                "apiKey",
                "An apiKey in browser code is visible to every visitor: call your own proxy without a key (see createWazperProxy), or set dangerouslyAllowBrowser: true",
            ));
        }
        if !base_url.secure_for_key() {
            return Err(Error::field(
                ErrorCode::InsecureBaseUrl,
                "baseUrl",
                "An apiKey may only be sent over https (or http to localhost, 127.0.0.1 or [::1])",
            ));
        }
    }
    Ok(ClientConfig {
        api_key,
        base_url: base_url.text,
        timeout_ms,
        max_retries,
        skip_personal_emails,
        retry_unsafe,
        max_response_bytes,
    })
}

/// Validates `CallOptions` (the second/third argument of every call).
pub fn call_config(raw: Arg<RawCallOptions>) -> Result<CallConfig, Error> {
    let raw = match raw {
        Arg::Absent | Arg::Null => RawCallOptions::default(),
        Arg::Object(raw) => raw,
        Arg::Other(t) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "opts",
                text::concat(&["call options must be an object, got ", t]),
            ))
        }
    };
    let has_signal = match raw.signal {
        SignalField::Absent => false,
        SignalField::Signal => true,
        SignalField::Other(t) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "signal",
                text::concat(&["signal must be an AbortSignal, got ", t]),
            ))
        }
    };
    Ok(CallConfig {
        timeout_ms: optional_timeout("timeoutMs", &raw.timeout_ms)?,
        has_signal,
    })
}

/// A checked base URL: `http(s)://host[:port][/prefix]`, kept without its trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    pub text: String,
    pub https: bool,
    /// Lower-cased host as written (IPv6 with its brackets).
    pub host: String,
}

impl BaseUrl {
    pub fn parse(input: &str) -> Result<BaseUrl, Error> {
        let bad = |why: &str| {
            Error::field(
                ErrorCode::InvalidArgument,
                "baseUrl",
                text::concat(&["baseUrl ", why]),
            )
        };
        let input = input.trim();
        // Unicode spaces too (found by fuzz/base_url: a path ending in U+00A0 after its slashes
        // were trimmed did not parse back to itself).
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("must not contain spaces or control characters"));
        }
        let (https, rest) = if let Some(rest) = text::strip_prefix_ci(input, "https://") {
            (true, rest)
        } else if let Some(rest) = text::strip_prefix_ci(input, "http://") {
            (false, rest)
        } else {
            return Err(bad("must start with https:// or http://"));
        };
        if rest.contains('?') || rest.contains('#') {
            return Err(bad("must not contain a query or fragment"));
        }
        // `split_at` would link core's str-slicing panic (with `char` Debug formatting, ~4 KB of
        // wasm) for a split that cannot fail: '/' is ASCII, so its index is a char boundary.
        let (authority, path) = match rest.find('/') {
            Some(i) => (rest.get(..i).unwrap_or(rest), rest.get(i..).unwrap_or("")),
            None => (rest, ""),
        };
        // Credentials in the URL would travel with every request and show up in logs.
        if authority.contains('@') {
            return Err(bad("must not contain credentials"));
        }
        // The host rules of the URL Standard (what fetch applies), so a base URL fetch would
        // refuse fails here with invalid_argument instead of as a network_error on every call.
        let host = if authority.starts_with('[') {
            let Some(host) = authority.find(']').and_then(|end| authority.get(..=end)) else {
                return Err(bad("has an unterminated IPv6 address"));
            };
            let inner = host.get(1..host.len() - 1).unwrap_or("");
            // Zone IDs ("%25eth0") are not part of the URL Standard either.
            if inner.parse::<std::net::Ipv6Addr>().is_err() {
                return Err(bad("has an invalid IPv6 address"));
            }
            host
        } else {
            authority.split(':').next().unwrap_or("")
        };
        if host.is_empty() {
            return Err(bad("has no host"));
        }
        // Forbidden domain code points (spaces, controls, '#', '?', '@', '/' and ':' are handled
        // above); '%' too: an escaped host is refused rather than decoded.
        if !host.starts_with('[')
            && host
                .bytes()
                .any(|b| matches!(b, b'<' | b'>' | b'[' | b'\\' | b']' | b'^' | b'|' | b'%'))
        {
            return Err(bad("has a character not allowed in a host name"));
        }
        let port = authority.get(host.len()..).unwrap_or("");
        let port_ok = match port.strip_prefix(':') {
            None => port.is_empty(),
            // At most 65535; leading zeros are allowed, as in the URL Standard.
            Some(digits) => {
                !digits.is_empty()
                    && digits
                        .bytes()
                        .try_fold(0u32, |n, b| {
                            let n = n * 10 + u32::from(b.wrapping_sub(b'0'));
                            (b.is_ascii_digit() && n <= 0xFFFF).then_some(n)
                        })
                        .is_some()
            }
        };
        if !port_ok {
            return Err(bad("has an invalid port"));
        }
        let path = path.trim_end_matches('/');
        let scheme = if https { "https://" } else { "http://" };
        let mut text = String::with_capacity(scheme.len() + authority.len() + path.len());
        text.push_str(scheme);
        text.push_str(authority);
        text.push_str(path);
        Ok(BaseUrl {
            text,
            https,
            host: host.to_ascii_lowercase(),
        })
    }

    /// https, or plain http to this machine only.
    pub fn secure_for_key(&self) -> bool {
        self.https || matches!(self.host.as_str(), "localhost" | "127.0.0.1" | "[::1]")
    }
}
