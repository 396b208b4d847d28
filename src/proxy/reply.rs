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
            return Reply::local(super::upstream_redirected(), cors);
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
/// case-insensitively (an upstream may echo the key upper-cased) and through JSON escapes (a body
/// holding `\u0073k_live...` is the key to any `JSON.parse`). The key is a header-safe ASCII token,
/// so a match never splits a UTF-8 sequence. An empty key leaves `text` as it is.
pub fn scrub(text: &[u8], key: &str) -> Vec<u8> {
    let key = key.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match match_at(text, i, key) {
            Some(end) => {
                out.extend_from_slice(REDACTED.as_bytes());
                i = end;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Where a match of `key` starting at `start` ends, each key byte given literally or as a JSON
/// escape of it (`\uXXXX`, or `\"`, `\\`, `\/`).
fn match_at(text: &[u8], start: usize, key: &[u8]) -> Option<usize> {
    if key.is_empty() {
        return None;
    }
    let mut at = start;
    for &want in key {
        let (got, len) = unit_at(text, at)?;
        if !got.eq_ignore_ascii_case(&want) {
            return None;
        }
        at += len;
    }
    Some(at)
}

/// The byte `text[at..]` stands for and how many bytes say it: a JSON escape of an ASCII
/// character, or the byte itself.
fn unit_at(text: &[u8], at: usize) -> Option<(u8, usize)> {
    let b = *text.get(at)?;
    if b != b'\\' {
        return Some((b, 1));
    }
    match text.get(at + 1) {
        Some(&c @ (b'"' | b'\\' | b'/')) => Some((c, 2)),
        Some(b'u') => {
            let code = text.get(at + 2..at + 6).and_then(|hex| {
                hex.iter()
                    .try_fold(0u32, |n, &h| char::from(h).to_digit(16).map(|d| n * 16 + d))
            });
            // Not a `\u` escape of an ASCII character: the backslash stands for itself.
            let ascii = code.and_then(|c| u8::try_from(c).ok()).filter(u8::is_ascii);
            Some(ascii.map_or((b, 1), |c| (c, 6)))
        }
        _ => Some((b, 1)),
    }
}

/// [`scrub`] for header values and other text.
pub fn scrub_str(text: &str, key: &str) -> String {
    String::from_utf8(scrub(text.as_bytes(), key)).unwrap_or_else(|_| String::from(REDACTED))
}
