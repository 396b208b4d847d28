//! Client and call options: defaults, types, base URLs, and the key-safety rules (browser exposure, insecure base URLs).

use super::*;

#[test]
fn defaults() {
    let c = client_config(Arg::Absent, Runtime::Server).unwrap();
    assert_eq!(c.base_url, "https://api.wazper.com");
    assert_eq!(c.timeout_ms, 10_000);
    assert_eq!(c.max_retries, 2);
    assert!(c.skip_personal_emails);
    assert!(!c.retry_unsafe);
    assert_eq!(c.api_key, None);
    assert_eq!(client_config(Arg::Null, Runtime::Browser).unwrap(), c);
}

#[test]
fn base_url_joining() {
    for (base, want) in [
        (
            "https://api.example.test",
            "https://api.example.test/v1/colleagues-list?email=a%40b.co",
        ),
        (
            "https://api.example.test/",
            "https://api.example.test/v1/colleagues-list?email=a%40b.co",
        ),
        (
            "https://app.example/wazper",
            "https://app.example/wazper/v1/colleagues-list?email=a%40b.co",
        ),
        (
            "https://app.example/wazper//",
            "https://app.example/wazper/v1/colleagues-list?email=a%40b.co",
        ),
        (
            "HTTPS://app.example:8443/x/y/",
            "https://app.example:8443/x/y/v1/colleagues-list?email=a%40b.co",
        ),
        (
            "  https://api.example.test  ",
            "https://api.example.test/v1/colleagues-list?email=a%40b.co",
        ),
    ] {
        let c = opts(Some(KEY), Some(base), Runtime::Server).unwrap();
        assert_eq!(
            c.plan_list_colleagues(text("a@b.co")).unwrap().request.url,
            want,
            "{base}"
        );
    }
    for e in [
        Endpoint::UserSync,
        Endpoint::CreateColleague,
        Endpoint::UpdateColleague,
    ] {
        assert!(wazper::client::request::endpoint_url("https://x.test/p", e)
            .starts_with("https://x.test/p/v1/"));
    }
}

#[test]
fn bad_base_urls() {
    for base in [
        "",
        "api.wazper.com",
        "ftp://x.test",
        "https://",
        "https:///path",
        "https://x.test?a=1",
        "https://x.test#f",
        "https://user:pw@x.test",
        "https://x .test",
        "https://x.test:abc",
        "https://[::1",
        "https://x.test:",
        "javascript:alert(1)",
        // Found by fuzz/base_url: Unicode spaces and C1 controls, inside or at the end.
        "https://x.test/p\u{a0}\u{a0}//",
        "https://x.test/a\u{2003}b",
        "https://x.test/\u{85}x",
    ] {
        let e = opts(None, Some(base), Runtime::Server).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{base}");
        assert_eq!(e.status, None);
        assert_eq!(e.details.unwrap().field, Some("baseUrl"));
    }
}

#[test]
fn insecure_base_url_only_with_a_key() {
    for base in [
        "http://api.example.test",
        "http://localhost.evil.test",
        "http://127.0.0.2:8080",
        "http://[::2]",
    ] {
        let e = opts(Some(KEY), Some(base), Runtime::Server).unwrap_err();
        assert_eq!(e.code, ErrorCode::InsecureBaseUrl, "{base}");
        assert!(
            opts(None, Some(base), Runtime::Server).is_ok(),
            "{base} without key"
        );
    }
    for base in [
        "http://localhost",
        "http://LOCALHOST:8787/w",
        "http://127.0.0.1:9999",
        "http://[::1]:80/p",
        "https://api.example.test",
    ] {
        assert!(
            opts(Some(KEY), Some(base), Runtime::Server).is_ok(),
            "{base}"
        );
    }
}

#[test]
fn browser_key_exposure() {
    let e = opts(Some(KEY), None, Runtime::Browser).unwrap_err();
    assert_eq!(e.code, ErrorCode::BrowserKeyExposure);
    assert!(!e.message.contains(KEY));
    // Without a key (own proxy) the browser is fine; with the escape hatch too.
    assert!(opts(None, Some("https://app.example/wazper"), Runtime::Browser).is_ok());
    let mut raw = raw_opts(Some(KEY), None);
    raw.dangerously_allow_browser = Field::Bool(true);
    assert!(client_config(Arg::Object(raw), Runtime::Browser).is_ok());
    // Servers never get the error.
    assert!(opts(Some(KEY), None, Runtime::Server).is_ok());
}

#[test]
fn header_unsafe_keys_rejected_without_echo() {
    for key in [
        "sk_SECRET_123\r\nX-Evil: 1",
        "sk_SECRET_123\n",
        "sk SECRET_123",
        "sk_SECRET_123é",
        "",
        "sk_SECRET\0_123",
        "sk_SECRET_123\t",
    ] {
        let e = opts(Some(key), None, Runtime::Server).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{key:?}");
        assert!(!e.message.contains("SECRET"), "{}", e.message);
        assert!(!format!("{e:?}").contains("SECRET"));
    }
}

#[test]
fn option_types() {
    let cases: Vec<(fn(&mut RawClientOptions, Field), &str)> = vec![
        (|r, f| r.api_key = f, "apiKey"),
        (|r, f| r.base_url = f, "baseUrl"),
        (|r, f| r.timeout_ms = f, "timeoutMs"),
        (|r, f| r.max_retries = f, "maxRetries"),
        (|r, f| r.skip_personal_emails = f, "skipPersonalEmails"),
        (
            |r, f| r.dangerously_allow_browser = f,
            "dangerouslyAllowBrowser",
        ),
    ];
    for (set, name) in cases {
        for junk in [
            Field::Other("symbol"),
            Field::Other("object"),
            Field::Other("bigint"),
        ] {
            let mut raw = RawClientOptions::default();
            set(&mut raw, junk);
            let e = client_config(Arg::Object(raw), Runtime::Server).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidArgument, "{name}");
            assert_eq!(e.details.unwrap().field, Some(name));
        }
    }
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 3e9] {
        let mut raw = RawClientOptions::default();
        raw.timeout_ms = Field::Number(bad);
        assert_eq!(
            client_config(Arg::Object(raw), Runtime::Server)
                .unwrap_err()
                .code,
            ErrorCode::InvalidArgument
        );
    }
    for bad in [-1.0, 1.5, f64::NAN, 101.0] {
        let mut raw = RawClientOptions::default();
        raw.max_retries = Field::Number(bad);
        assert_eq!(
            client_config(Arg::Object(raw), Runtime::Server)
                .unwrap_err()
                .code,
            ErrorCode::InvalidArgument
        );
    }
    let mut raw = RawClientOptions::default();
    raw.timeout_ms = Field::Number(2500.2);
    raw.max_retries = Field::Number(0.0);
    raw.skip_personal_emails = Field::Bool(false);
    let c = client_config(Arg::Object(raw), Runtime::Server).unwrap();
    assert_eq!(
        (c.timeout_ms, c.max_retries, c.skip_personal_emails),
        (2501, 0, false)
    );
    assert_eq!(
        client_config(Arg::Other("number"), Runtime::Server)
            .unwrap_err()
            .code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn call_options() {
    assert_eq!(
        call_config(Arg::Absent).unwrap(),
        CallConfig {
            timeout_ms: None,
            has_signal: false
        }
    );
    let c = call_config(Arg::Object(RawCallOptions {
        signal: SignalField::Signal,
        timeout_ms: Field::Number(50.0),
    }))
    .unwrap();
    assert_eq!(
        c,
        CallConfig {
            timeout_ms: Some(50),
            has_signal: true
        }
    );
    for raw in [
        RawCallOptions {
            signal: SignalField::Other("object"),
            timeout_ms: Field::Absent,
        },
        RawCallOptions {
            signal: SignalField::Absent,
            timeout_ms: text("5"),
        },
        RawCallOptions {
            signal: SignalField::Absent,
            timeout_ms: Field::Number(-5.0),
        },
    ] {
        assert_eq!(
            call_config(Arg::Object(raw)).unwrap_err().code,
            ErrorCode::InvalidArgument
        );
    }
    assert_eq!(
        call_config(Arg::Other("string")).unwrap_err().code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn debug_never_shows_the_key() {
    let c = config();
    assert!(!format!("{c:?}").contains(KEY));
    for call in all_calls(&c) {
        assert!(call
            .request
            .headers
            .iter()
            .any(|(k, v)| *k == "X-API-Key" && v == KEY));
        assert!(!format!("{call:?}").contains(KEY));
        assert!(!call.request.url.contains(KEY));
    }
}

#[test]
fn parse_base_url_hosts() {
    assert_eq!(BaseUrl::parse("http://[::1]:3000/x").unwrap().host, "[::1]");
    assert_eq!(
        BaseUrl::parse("http://LocalHost").unwrap().host,
        "localhost"
    );
}

#[test]
fn retry_unsafe_option() {
    assert!(config_with(|r| r.retry_unsafe = Field::Bool(true)).retry_unsafe);
    assert!(!config_with(|r| r.retry_unsafe = Field::Null).retry_unsafe);
    for bad in [Field::Number(1.0), text("true"), Field::Other("object")] {
        let mut raw = raw_opts(None, None);
        raw.retry_unsafe = bad;
        let e = client_config(Arg::Object(raw), Runtime::Server).unwrap_err();
        assert_eq!(
            (e.code, e.details.and_then(|d| d.field)),
            (ErrorCode::InvalidArgument, Some("retryUnsafe"))
        );
    }
}

#[test]
fn max_response_bytes_option() {
    assert_eq!(config().max_response_bytes, 1 << 20);
    let c = config_with(|r| r.max_response_bytes = Field::Number(4096.0));
    assert_eq!(c.max_response_bytes, 4096);
    let c = config_with(|r| r.max_response_bytes = Field::Number(4_294_967_295.0));
    assert_eq!(c.max_response_bytes, u32::MAX);
    for bad in [
        Field::Number(0.0),
        Field::Number(-1.0),
        Field::Number(1.5),
        Field::Number(4_294_967_296.0),
        Field::Number(f64::NAN),
        Field::Number(f64::INFINITY),
        text("1024"),
        Field::Bool(true),
    ] {
        let mut raw = raw_opts(Some("k"), None);
        raw.max_response_bytes = bad.clone();
        let e = client_config(Arg::Object(raw), Runtime::Server).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{bad:?}");
        assert_eq!(e.details.and_then(|d| d.field), Some("maxResponseBytes"));
    }
}
