//! What reaches the browser from the upstream: redirects refused, the key scrubbed in any letter
//! case, nosniff on every answer; the upstream request itself; the timeout option.
//! Test-only: a child of `proxy::tests` (declared `#[cfg(test)] mod tests;`).

use super::*;
use proptest::prelude::*;

const KEY: &str = "sk_live_Secret123";

fn up(status: u16, body: &str) -> Upstream<'static> {
    Upstream {
        status,
        content_type: Some("application/json"),
        retry_after: None,
        body: body.as_bytes().to_vec(),
    }
}

fn reply_header<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn body_text(r: &Reply) -> String {
    String::from_utf8(r.body.clone().expect("body")).expect("utf-8")
}

#[test]
fn redirects_never_reach_the_browser() {
    for status in [300, 301, 302, 303, 307, 308, 399] {
        let r = Reply::relay(up(status, "{}"), KEY, &OriginCheck::NoOrigin);
        assert_eq!(r.status, 502, "{status}");
        assert_eq!(body_text(&r), r#"{"error":"Upstream redirected"}"#);
    }
    for status in [0, 101, 199, 600, 999] {
        assert_eq!(
            Reply::relay(up(status, ""), KEY, &OriginCheck::NoOrigin).status,
            502
        );
    }
    assert_eq!(
        Reply::relay(up(200, "[]"), KEY, &OriginCheck::NoOrigin).status,
        200
    );
    assert_eq!(
        Reply::relay(up(409, "{}"), KEY, &OriginCheck::NoOrigin).status,
        409
    );
}

#[test]
fn the_key_is_scrubbed_in_any_case_from_body_and_headers() {
    let body = format!(
        r#"{{"error":"Invalid API Key {KEY} {} {} x{KEY}{KEY}"}}"#,
        KEY.to_ascii_uppercase(),
        KEY.to_ascii_lowercase()
    );
    let upstream = Upstream {
        status: 401,
        content_type: Some("application/json; echo=SK_LIVE_SECRET123"),
        retry_after: Some(KEY),
        body: body.into_bytes(),
    };
    let r = Reply::relay(upstream, KEY, &OriginCheck::NoOrigin);
    assert_eq!(r.status, 401);
    let text = body_text(&r);
    assert_eq!(
        text,
        r#"{"error":"Invalid API Key [redacted] [redacted] [redacted] x[redacted][redacted]"}"#
    );
    assert_eq!(
        reply_header(&r, "Content-Type"),
        Some("application/json; echo=[redacted]")
    );
    assert_eq!(reply_header(&r, "Retry-After"), Some("[redacted]"));
    // Non-UTF-8 bodies are scrubbed as bytes; nothing else changes.
    let mut raw = vec![0xff, 0xfe];
    raw.extend_from_slice(KEY.as_bytes());
    raw.push(0x80);
    assert_eq!(
        scrub(&raw, KEY),
        [&[0xff, 0xfe][..], b"[redacted]", &[0x80]].concat()
    );
    assert_eq!(scrub(b"abc", ""), b"abc");
    // Through JSON escapes too: JSON.parse would turn these back into the key.
    let escaped = br#"{"error":"\u0073K_live_\u0053ecret123 and sk\u005flive_Secret12\u0033"}"#;
    assert_eq!(
        scrub(escaped, KEY),
        br#"{"error":"[redacted] and [redacted]"}"#.to_vec()
    );
    assert_eq!(scrub(br"a\/b", "a/b"), b"[redacted]");
    assert_eq!(scrub(br"x\uZZ \u00e9 \", KEY), br"x\uZZ \u00e9 \".to_vec());
    assert_eq!(scrub(b"sk_live_Secret12", KEY), b"sk_live_Secret12");
}

#[test]
fn every_answer_says_nosniff_and_carries_cors() {
    let allowed = OriginCheck::Allowed("https://app.example".into());
    let relayed = Reply::relay(up(200, "{}"), KEY, &allowed);
    let local = Reply::local(
        LocalResponse::error(404, "Not found"),
        &OriginCheck::NoOrigin,
    );
    let preflight = Reply::local(LocalResponse::empty(204), &allowed);
    for r in [&relayed, &local, &preflight] {
        assert_eq!(reply_header(r, "X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(reply_header(r, "Vary"), Some("Origin"));
    }
    assert_eq!(
        reply_header(&relayed, "Access-Control-Allow-Origin"),
        Some("https://app.example")
    );
    assert_eq!(
        reply_header(&local, "Content-Type"),
        Some("application/json")
    );
    assert_eq!(preflight.body, None);
    assert_eq!(reply_header(&preflight, "Content-Type"), None);
    // 204 and 205 carry no body (a Response with one would throw).
    assert_eq!(Reply::relay(up(204, "x"), KEY, &allowed).body, None);
}

#[test]
fn upstream_request_sends_only_what_the_api_needs() {
    let r = upstream_request(
        Method::Patch,
        "https://api.example/v1/x".into(),
        Some("{}".into()),
        KEY,
    );
    assert_eq!(r.method.as_str(), "PATCH");
    let names: Vec<&str> = r.headers.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["Accept", "Content-Type", "X-API-Key"]);
    let get = upstream_request(Method::Get, "https://api.example/v1/y".into(), None, KEY);
    assert_eq!(get.method.as_str(), "GET");
    assert!(!get.headers.iter().any(|(n, _)| *n == "Content-Type"));
    assert!(!format!("{get:?}").contains(KEY), "Debug hides the key");
}

#[test]
fn timeout_option_defaults_and_bounds() {
    let config = |t: Option<f64>| {
        Config::from_options(Options {
            allow_anonymous: true,
            timeout_ms: t,
            ..Options::default()
        })
    };
    assert_eq!(config(None).unwrap().timeout_ms, 10_000);
    assert_eq!(config(Some(1.5)).unwrap().timeout_ms, 2);
    assert_eq!(
        config(Some(2_147_483_647.0)).unwrap().timeout_ms,
        2_147_483_647
    );
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 2_147_483_648.0] {
        let e = config(Some(bad)).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::InvalidArgument);
        assert!(e.message.contains("timeoutMs"));
    }
}

proptest! {
    #[test]
    fn scrubbed_bodies_never_hold_the_key(prefix in ".{0,20}", suffix in ".{0,20}", mask in any::<u32>()) {
        // The key in a random letter case, between random text.
        let cased: String = KEY.chars().enumerate()
            .map(|(i, c)| if mask >> (i % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        // Some characters as JSON \uXXXX escapes, as a hostile upstream might send them.
        let cased: String = cased.chars().enumerate()
            .map(|(i, c)| if mask >> ((i + 7) % 32) & 1 == 1 && i % 3 == 0 { format!("\\u{:04x}", c as u32) } else { c.to_string() })
            .collect();
        let body = format!("{prefix}{cased}{suffix}");
        let out = String::from_utf8(scrub(body.as_bytes(), KEY)).expect("still UTF-8");
        prop_assert!(!out.to_ascii_lowercase().contains(&KEY.to_ascii_lowercase()));
        prop_assert!(out.contains("[redacted]"));
    }
}
