//! The base URL rules shared by the client (`baseUrl`) and the edge proxy (its upstream): a checked
//! `http(s)://host[:port][/prefix]`, refused with a typed error where fetch would refuse it later.

use crate::client::text;
use crate::error::{Error, ErrorCode};

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
