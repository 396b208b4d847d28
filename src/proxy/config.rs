//! `createWazperProxy` options, checked once at construction so a misconfigured Worker fails at
//! deploy time rather than on the first request.

use crate::base_url::BaseUrl;
use crate::geo::Platform;
use crate::{Error, ErrorCode};

pub use crate::api::DEFAULT_BASE_URL;
pub const DEFAULT_PREFIX: &str = "/wazper";
pub const DEFAULT_BINDING: &str = "WAZPER_API_KEY";
pub const DEFAULT_MAX_BODY_BYTES: u64 = 16384;
/// Upstream answer deadline, and the deadline for a request body to arrive (the client's default).
pub const DEFAULT_TIMEOUT_MS: u32 = crate::api::DEFAULT_TIMEOUT_MS;

/// The options as JS gave them (the shell has already checked their JS types).
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub base_url: Option<String>,
    pub prefix: Option<String>,
    pub api_key_binding: Option<String>,
    pub allowed_origins: Option<Vec<String>>,
    pub has_authorize: bool,
    pub allow_anonymous: bool,
    pub max_body_bytes: Option<f64>,
    pub skip_personal_emails: Option<bool>,
    /// `trust`: platform names whose country header the fill may read (`crate::geo`).
    pub trust: Option<Vec<String>>,
    pub timeout_ms: Option<f64>,
}

/// Checked, normalised options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// No trailing "/".
    pub base_url: String,
    /// "" or "/segment[/segment...]", no trailing "/".
    pub prefix: String,
    pub api_key_binding: String,
    /// Lower-cased `scheme://host[:port]`.
    pub allowed_origins: Vec<String>,
    pub max_body_bytes: u64,
    pub skip_personal_emails: bool,
    /// Platforms whose country header fills a missing country, after `request.cf.country`.
    pub trust: Vec<Platform>,
    /// Bounds both the wait for the request body and the upstream exchange.
    pub timeout_ms: u32,
}

fn invalid(message: &str) -> Error {
    Error::new(ErrorCode::InvalidArgument, None, message)
}

impl Config {
    pub fn from_options(o: Options) -> Result<Config, Error> {
        if !o.has_authorize && !o.allow_anonymous {
            return Err(invalid(
                "createWazperProxy: pass an authorize(request, env) hook, or allowAnonymous: true to let anyone spend your credits",
            ));
        }
        let base_url = normalise_base_url(o.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let prefix = normalise_prefix(o.prefix.as_deref().unwrap_or(DEFAULT_PREFIX))?;
        let api_key_binding = o
            .api_key_binding
            .unwrap_or_else(|| DEFAULT_BINDING.to_string());
        if api_key_binding.trim().is_empty() {
            return Err(invalid(
                "createWazperProxy: apiKeyBinding must name the Worker secret",
            ));
        }
        let mut allowed_origins = Vec::new();
        for origin in o.allowed_origins.unwrap_or_default() {
            match normalise_origin(&origin) {
                Some(o) => allowed_origins.push(o),
                None => return Err(invalid("createWazperProxy: allowedOrigins entries must look like \"https://app.example.com\"")),
            }
        }
        let max_body_bytes = match o.max_body_bytes {
            None => DEFAULT_MAX_BODY_BYTES,
            Some(n) if n.is_finite() && n >= 1.0 && n.fract() == 0.0 && n <= 1_073_741_824.0 => n as u64,
            Some(_) => return Err(invalid("createWazperProxy: maxBodyBytes must be a whole number of bytes between 1 and 1 GiB")),
        };
        // A misspelt platform would silently never fill a country: refuse it at deploy time.
        let mut trust = Vec::new();
        for name in o.trust.unwrap_or_default() {
            match Platform::parse(&name) {
                Some(p) => trust.push(p),
                None => return Err(invalid("createWazperProxy: trust entries must be among \"cloudflare\", \"vercel\", \"cloudfront\", \"netlify\", \"appengine\", \"akamai\"")),
            }
        }
        let max_timeout = f64::from(crate::input::MAX_TIMEOUT_MS);
        let timeout_ms = match o.timeout_ms {
            None => DEFAULT_TIMEOUT_MS,
            Some(n) if n.is_finite() && n >= 1.0 && n <= max_timeout => n.ceil() as u32,
            Some(_) => return Err(invalid("createWazperProxy: timeoutMs must be a number of milliseconds between 1 and 2147483647")),
        };
        Ok(Config {
            base_url,
            prefix,
            api_key_binding,
            allowed_origins,
            max_body_bytes,
            skip_personal_emails: o.skip_personal_emails.unwrap_or(true),
            trust,
            timeout_ms,
        })
    }
}

/// The key travels to this URL: the client's rules (https, or plain http only to loopback).
fn normalise_base_url(raw: &str) -> Result<String, Error> {
    let url = BaseUrl::parse(raw).map_err(|e| invalid_with(&e.message))?;
    if !url.secure_for_key() {
        return Err(Error::new(
            ErrorCode::InsecureBaseUrl,
            None,
            "createWazperProxy: baseUrl must use https (plain http only to localhost, 127.0.0.1 or [::1])",
        ));
    }
    Ok(url.text)
}

fn invalid_with(message: &str) -> Error {
    // String pushes, not format!: that links the formatting machinery into the proxy wasm.
    let mut text = String::from("createWazperProxy: ");
    text.push_str(message);
    invalid(&text)
}

fn normalise_prefix(raw: &str) -> Result<String, Error> {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.contains(|c: char| c.is_whitespace() || c == '?' || c == '#')
        || trimmed.contains("//")
    {
        return Err(invalid(
            "createWazperProxy: prefix must be a path like \"/wazper\"",
        ));
    }
    let mut prefix = String::with_capacity(trimmed.len() + 1);
    if !trimmed.is_empty() {
        prefix.push('/');
        prefix.push_str(trimmed);
    }
    Ok(prefix)
}

/// `scheme://host[:port]`, lower-cased, or None when it is not one.
pub(crate) fn normalise_origin(raw: &str) -> Option<String> {
    let lower = raw.trim().trim_end_matches('/').to_ascii_lowercase();
    let at = lower.find("://")?;
    let (scheme, rest) = (lower.get(..at)?, lower.get(at + 3..)?);
    let scheme_ok = !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    let rest_ok = !rest.is_empty()
        && !rest.bytes().any(|b| {
            matches!(b, b'/' | b'?' | b'#' | b'@')
                || b.is_ascii_whitespace()
                || b.is_ascii_control()
        });
    (scheme_ok && rest_ok).then_some(lower)
}
