//! Differential tests of the client's URL handling against the `url` crate (the WHATWG URL Standard,
//! which is what `fetch` applies to the URL the client builds):
//! - `BaseUrl::parse` (src/base_url.rs): whatever it accepts, the URL parser accepts with the
//!   same scheme and host, and the endpoint URL joined onto it keeps the base's path as a prefix;
//! - `encode_query_component` (src/client/request.rs): the query the client writes decodes back to
//!   the exact email under the URL Standard's `application/x-www-form-urlencoded` parser, which is
//!   what a server reads it with.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use url::Url;
use wazper::base_url::BaseUrl;
use wazper::client::request::{build, encode_query_component, Endpoint};
use wazper::error::ErrorCode;

/// Base URLs from a grammar of real and awkward parts: the cases where the two parsers could
/// disagree (case, IPv6, ports, prefixes, credentials, escapes, non-ASCII) come up often.
fn base_url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("https://"),
        Just("http://"),
        Just("HTTPS://"),
        Just("Http://"),
        Just("ftp://"),
        Just("https:/"),
        Just(""),
    ];
    let userinfo = prop_oneof![8 => Just(""), 1 => Just("user@"), 1 => Just("user:pw@")];
    let host = prop_oneof![
        "[a-z][a-z0-9-]{0,10}(\\.[a-z][a-z0-9-]{0,10}){0,3}",
        "[A-Z][A-Za-z0-9]{0,8}\\.[A-Za-z]{2,4}",
        Just("localhost".to_string()),
        Just("127.0.0.1".to_string()),
        Just("[::1]".to_string()),
        Just("[2001:DB8::1]".to_string()),
        Just("[::1".to_string()),
        Just("".to_string()),
        Just("bücher.example".to_string()),
        Just("exa%41mple.com".to_string()),
        Just("a_b.example".to_string()),
        Just("a<b.example".to_string()),
        Just("a^b|c.example".to_string()),
        Just("a%zz.example".to_string()),
        Just("[fe80::1%25eth0]".to_string()),
        Just("[not:ipv6]".to_string()),
    ];
    let port = prop_oneof![
        6 => Just("".to_string()),
        2 => (0u32..=65535).prop_map(|p| format!(":{p}")),
        1 => (65536u32..1_000_000).prop_map(|p| format!(":{p}")),
        1 => Just(":".to_string()),
        1 => Just(":80a".to_string()),
    ];
    let path = prop_oneof![
        4 => Just("".to_string()),
        2 => Just("/".to_string()),
        3 => "(/[a-z0-9_~-]{1,8}){1,3}/?",
        1 => Just("/caf%C3%A9".to_string()),
        1 => Just("/é".to_string()),
    ];
    let tail = prop_oneof![8 => Just(""), 1 => Just("?q=1"), 1 => Just("#top")];
    (scheme, userinfo, host, port, path, tail)
        .prop_map(|(s, u, h, p, pa, t)| format!("{s}{u}{h}{p}{pa}{t}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn accepted_base_urls_mean_the_same_to_the_url_standard(input in base_url()) {
        let Ok(base) = BaseUrl::parse(&input) else {
            return Ok(());
        };
        let url = match Url::parse(&input) {
            Ok(url) => url,
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "BaseUrl accepts {input:?} but the URL Standard says {e:?}"
                )));
            }
        };
        prop_assert_eq!(url.scheme() == "https", base.https, "scheme of {}", input);
        prop_assert!(url.username().is_empty() && url.password().is_none(), "credentials kept: {}", input);
        prop_assert!(url.query().is_none() && url.fragment().is_none(), "query/fragment kept: {}", input);
        // The host as the URL Standard serialises it; BaseUrl keeps the host as written,
        // lower-cased, which is the same for plain ASCII names and IP literals.
        let host = url.host_str().unwrap_or("");
        if base.host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)) {
            prop_assert_eq!(host, base.host.as_str(), "host of {}", input);
        }
        // What the client sends: the endpoint path appended to the base, which the URL
        // Standard must read as the same origin with the base's path as a prefix.
        let full = Url::parse(&build(&base.text, None, Endpoint::ListColleagues, Some("a@b.co"), None).url)
            .expect("the endpoint URL parses");
        prop_assert_eq!(full.origin(), url.origin(), "origin of {}", input);
        let prefix = url.path().trim_end_matches('/');
        prop_assert_eq!(full.path(), format!("{prefix}/v1/colleagues-list"), "path of {}", input);
        prop_assert_eq!(full.query(), Some("email=a%40b.co"));
    }

    #[test]
    fn plain_http_urls_are_accepted(
        https in any::<bool>(),
        host in "[a-z][a-z0-9]{0,8}(\\.[a-z][a-z0-9]{0,8}){1,2}",
        port in proptest::option::of(0u32..=65535),
        path in "(/[A-Za-z0-9_~-]{1,8}){0,3}/?",
    ) {
        // The other direction, on the inputs a user means: a clean http(s) URL with no
        // credentials, query or fragment must be accepted whenever the URL Standard accepts it.
        let input = format!(
            "{}://{host}{}{path}",
            if https { "https" } else { "http" },
            port.map(|p| format!(":{p}")).unwrap_or_default()
        );
        prop_assume!(Url::parse(&input).is_ok());
        let base = BaseUrl::parse(&input);
        prop_assert!(base.is_ok(), "{input:?}: {base:?}");
    }

    #[test]
    fn list_query_decodes_to_the_exact_email(email in any::<String>()) {
        let url = format!("https://api.example.test/v1/colleagues-list?email={}", encode_query_component(&email));
        let parsed = Url::parse(&url).expect("an encoded query always parses");
        // The encoded form is already canonical: the URL parser changes nothing in it.
        prop_assert_eq!(parsed.as_str(), url.as_str());
        let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
        prop_assert_eq!(pairs, vec![("email".to_string(), email)]);
    }
}

#[test]
fn known_answers_agree() {
    // Hand-picked cases beside the generated ones, each compared against the URL Standard.
    for (input, ok) in [
        ("https://api.wazper.com", true),
        ("https://api.wazper.com/", true),
        ("HTTPS://API.Wazper.COM/Prefix/", true),
        ("http://localhost:8787", true),
        ("http://[::1]:3000/x", true),
        ("https://user:pw@api.wazper.com", false),
        ("https://api.wazper.com?x=1", false),
        ("https://api.wazper.com#x", false),
        ("ftp://api.wazper.com", false),
        ("https://", false),
        ("https://[::1", false),
    ] {
        let base = BaseUrl::parse(input);
        assert_eq!(base.is_ok(), ok, "{input}: {base:?}");
        if let Ok(b) = base {
            let url = Url::parse(input).expect("parses");
            assert_eq!(url.host_str(), Some(b.host.as_str()), "{input}");
        }
    }
}

#[test]
fn what_the_url_standard_refuses_fails_in_the_constructor() {
    // Each once accepted by BaseUrl and left to fail on every call as a network_error: now a typed
    // invalid_argument about baseUrl from the constructor, as for other bad base URLs.
    for input in [
        "https://api.example:65536",
        "https://api.example:99999/v1",
        "http://[::1]:70000",
        "https://[not:ipv6]",
        "https://[fe80::1%25eth0]",
        "https://[]",
        "https://[::1]x",
        "https://a<b.example",
        "https://a>b.example",
        "https://a^b|c.example",
        "https://a%zz.example",
        "https://a]b.example",
    ] {
        assert!(Url::parse(input).is_err(), "{input}");
        let e = BaseUrl::parse(input).expect_err(input);
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{input}");
        assert_eq!(e.details.and_then(|d| d.field), Some("baseUrl"), "{input}");
    }
    // To the URL Standard a backslash ends an http(s) host (host "a", path "/b.example"); a base
    // URL that reads one way and fetches another is refused.
    assert!(BaseUrl::parse("https://a\\b.example").is_err());
    // The edges that stay accepted, as the URL Standard accepts them.
    for input in [
        "https://api.example:65535",
        "https://api.example:0",
        "https://api.example:00443",
        "http://[::1]:80",
        "http://[2001:db8::1]/p",
        "http://[::ffff:192.0.2.1]",
        "https://a-b_c.example",
    ] {
        assert!(Url::parse(input).is_ok(), "{input}");
        assert!(BaseUrl::parse(input).is_ok(), "{input}");
    }
}
