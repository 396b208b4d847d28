//! CORS: which origins may call the proxy from a browser, and the preflight answer.
//!
//! Requests without an `Origin` header are not from a browser page (or are same-origin GETs) and
//! CORS does not apply to them; access control for everyone is the `authorize` hook's job.

use super::config::normalise_origin;
use super::respond::LocalResponse;
use super::route::allow_header;
use crate::api::Endpoint;

/// How long a browser may cache a preflight answer, in seconds.
pub const PREFLIGHT_MAX_AGE: &str = "600";

/// Request headers a preflight may not ask for. A page that sends `X-API-Key` to the proxy is
/// leaking a key and should fail loudly; the proxy would strip it anyway.
const REFUSED_REQUEST_HEADERS: &[&str] = &["x-api-key"];

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginCheck {
    /// No `Origin` header.
    NoOrigin,
    /// Allowed: the exact `Origin` value to echo in `Access-Control-Allow-Origin`.
    Allowed(String),
    Forbidden,
}

/// `origin` is allowed when it is in the allow-list or is the proxy's own origin.
pub fn check_origin(allowed: &[String], origin: Option<&str>, self_origin: &str) -> OriginCheck {
    let Some(origin) = origin else {
        return OriginCheck::NoOrigin;
    };
    let Some(normalised) = normalise_origin(origin) else {
        return OriginCheck::Forbidden;
    };
    let same_origin = !self_origin.is_empty() && self_origin.eq_ignore_ascii_case(&normalised);
    if same_origin || allowed.contains(&normalised) {
        OriginCheck::Allowed(origin.trim().to_string())
    } else {
        OriginCheck::Forbidden
    }
}

/// The answer to a preflight from an allowed origin (the caller adds the allow-origin headers).
pub fn preflight(
    route: Endpoint,
    requested_method: &str,
    requested_headers: Option<&str>,
    cors: &OriginCheck,
) -> LocalResponse {
    if !matches!(cors, OriginCheck::Allowed(_)) {
        return LocalResponse::error(403, "Origin not allowed");
    }
    if requested_method.trim() != route.method().as_str() {
        return LocalResponse::error(405, "Method not allowed")
            .with_header("Allow", allow_header(route));
    }
    let mut allow_headers = String::new();
    for name in requested_headers.unwrap_or("").split(',') {
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if REFUSED_REQUEST_HEADERS.contains(&name.as_str()) || !is_token(&name) {
            return LocalResponse::error(403, "Request header not allowed");
        }
        if !allow_headers.is_empty() {
            allow_headers.push_str(", ");
        }
        allow_headers.push_str(&name);
    }
    let mut resp = LocalResponse::empty(204)
        .with_header("Access-Control-Allow-Methods", allow_header(route))
        .with_header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
    if !allow_headers.is_empty() {
        resp = resp.with_header("Access-Control-Allow-Headers", &allow_headers);
    }
    resp
}

/// Headers every response to an allowed origin carries (credentials allowed, so a session cookie
/// can reach the `authorize` hook).
pub fn response_headers(cors: &OriginCheck) -> Vec<(&'static str, String)> {
    let mut headers = vec![("Vary", "Origin".to_string())];
    if let OriginCheck::Allowed(origin) = cors {
        headers.push(("Access-Control-Allow-Origin", origin.clone()));
        headers.push(("Access-Control-Allow-Credentials", "true".to_string()));
        headers.push(("Access-Control-Expose-Headers", "Retry-After".to_string()));
    }
    headers
}

impl LocalResponse {
    /// Adds the CORS headers for `check` (here, not in `respond`, so that module knows nothing of
    /// CORS and the two do not import each other).
    pub fn with_cors(mut self, check: &OriginCheck) -> Self {
        self.headers.extend(response_headers(check));
        self
    }
}
