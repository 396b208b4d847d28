//! The final answer to the browser, local or relayed from the upstream, with the headers every
//! answer carries (CORS for allowed origins, `X-Content-Type-Options: nosniff`).
//!
//! Upstream answers are vetted here: a redirect never reaches the browser (the upstream call does
//! not follow it either, so the key never travels to where it points), and the key is scrubbed
//! from the relayed body and headers in any letter case, so a keyless browser client cannot
//! receive an echo of it.

use super::cors::{self, OriginCheck};
use super::respond::LocalResponse;

/// Largest upstream body relayed (the client's default `maxResponseBytes`); larger is a 502.
pub const MAX_UPSTREAM_BYTES: usize = 1 << 20;

/// What replaces the key wherever it is echoed (the client's own placeholder).
pub const REDACTED: &str = "[redacted]";

/// One answer, ready for the shell to turn into a `Response`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
}

/// The parts of an upstream answer the proxy relays; the body is read whole (bounded by
/// [`MAX_UPSTREAM_BYTES`]) because a key echo may straddle any chunk boundary.
#[derive(Clone, Debug)]
pub struct Upstream<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub retry_after: Option<&'a str>,
    pub body: Vec<u8>,
}

fn has(headers: &[(&'static str, String)], name: &str) -> bool {
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// CORS (unless already set, as on preflights) and nosniff, on every answer.
fn finish(
    status: u16,
    mut headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    cors: &OriginCheck,
) -> Reply {
    for (name, value) in cors::response_headers(cors) {
        if !has(&headers, name) {
            headers.push((name, value));
        }
    }
    headers.push(("X-Content-Type-Options", String::from("nosniff")));
    Reply {
        status,
        headers,
        body,
    }
}

impl Reply {
    /// An answer the proxy writes itself (always JSON when it has a body).
    pub fn local(resp: LocalResponse, cors: &OriginCheck) -> Reply {
        let LocalResponse {
            status,
            body,
            mut headers,
        } = resp;
        if body.is_some() && !has(&headers, "Content-Type") {
            headers.push(("Content-Type", String::from("application/json")));
        }
        finish(status, headers, body.map(String::into_bytes), cors)
    }

    /// The upstream's answer as the browser may see it: status, body, `Content-Type` and
    /// `Retry-After`, all scrubbed of `key`. A 3xx (the call never follows one) or a status a
    /// `Response` cannot carry is a 502.
    pub fn relay(up: Upstream<'_>, key: &str, cors: &OriginCheck) -> Reply {
        if (300..400).contains(&up.status) {
            return Reply::local(LocalResponse::error(502, "Upstream redirected"), cors);
        }
        if !(200..=599).contains(&up.status) {
            return Reply::local(
                LocalResponse::error(502, "Upstream answered with an invalid status"),
                cors,
            );
        }
        let mut headers = Vec::new();
        for (name, value) in [
            ("Content-Type", up.content_type),
            ("Retry-After", up.retry_after),
        ] {
            if let Some(value) = value {
                headers.push((name, scrub_str(value, key)));
            }
        }
        let body = if matches!(up.status, 204 | 205) {
            None
        } else {
            Some(scrub(&up.body, key))
        };
        finish(up.status, headers, body, cors)
    }
}

/// `text` with every occurrence of `key` replaced by [`REDACTED`], matched ASCII
/// case-insensitively (an upstream may echo the key upper-cased). The key is a header-safe ASCII
/// token, so a match never splits a UTF-8 sequence. An empty key leaves `text` as it is.
pub fn scrub(text: &[u8], key: &str) -> Vec<u8> {
    let key = key.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        let hit = !key.is_empty()
            && text
                .get(i..i.saturating_add(key.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(key));
        if hit {
            out.extend_from_slice(REDACTED.as_bytes());
            i += key.len();
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

/// [`scrub`] for header values and other text.
pub fn scrub_str(text: &str, key: &str) -> String {
    String::from_utf8(scrub(text.as_bytes(), key)).unwrap_or_else(|_| String::from(REDACTED))
}
