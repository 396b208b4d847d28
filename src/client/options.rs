//! Client and call options: their validation into a `ClientConfig` / `CallConfig`. The shell only
//! reads properties (as `crate::input` values); every decision (defaults, types, key safety, base
//! URL safety) is made here so it is tested natively.

use super::text;
use crate::api::is_header_safe;
use crate::base_url::BaseUrl;
use crate::error::{Error, ErrorCode};
use crate::input::{Arg, Field};

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

pub use crate::api::{DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS};
use crate::input::MAX_TIMEOUT_MS;
pub const DEFAULT_MAX_RETRIES: u32 = 2;
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
