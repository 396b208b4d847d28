//! createWazperProxy options: what is refused, defaults, normalisation.
//! Test-only: a child of `proxy::tests` (declared `#[cfg(test)] mod tests;`).

use super::*;

#[test]
fn options_need_authorize_or_explicit_anonymous() {
    let err = Config::from_options(Options::default()).unwrap_err();
    assert_eq!(err.code, crate::ErrorCode::InvalidArgument);
    assert!(err.message.contains("allowAnonymous"));
    assert!(Config::from_options(Options {
        has_authorize: true,
        ..Options::default()
    })
    .is_ok());
}

#[test]
fn options_defaults_and_normalisation() {
    let c = Config::from_options(Options {
        has_authorize: true,
        ..Options::default()
    })
    .unwrap();
    assert_eq!(c.base_url, "https://api.wazper.com");
    assert_eq!(c.prefix, "/wazper");
    assert_eq!(c.api_key_binding, "WAZPER_API_KEY");
    assert_eq!(c.max_body_bytes, 16384);
    let c = Config::from_options(Options {
        has_authorize: true,
        prefix: Some("api/wazper/".into()),
        base_url: Some("https://proxy.example/base/".into()),
        ..Options::default()
    })
    .unwrap();
    assert_eq!(c.prefix, "/api/wazper");
    assert_eq!(c.base_url, "https://proxy.example/base");
    let root = Config::from_options(Options {
        has_authorize: true,
        prefix: Some("/".into()),
        ..Options::default()
    })
    .unwrap();
    assert_eq!(root.prefix, "");
}

#[test]
fn options_reject_insecure_or_bad_values() {
    let base = |u: &str| {
        Config::from_options(Options {
            has_authorize: true,
            base_url: Some(u.into()),
            ..Options::default()
        })
    };
    assert_eq!(
        base("http://api.example.com").unwrap_err().code,
        crate::ErrorCode::InsecureBaseUrl
    );
    assert_eq!(
        base("http://localhost.evil.com").unwrap_err().code,
        crate::ErrorCode::InsecureBaseUrl
    );
    assert!(base("http://localhost:8787").is_ok());
    assert!(base("http://[::1]:1").is_ok());
    assert!(base("ftp://x").is_err());
    assert!(base("https://").is_err());
    assert!(base("https://a.example?x=1").is_err());
    let max = |n: f64| {
        Config::from_options(Options {
            has_authorize: true,
            max_body_bytes: Some(n),
            ..Options::default()
        })
    };
    assert!(max(0.0).is_err());
    assert!(max(1.5).is_err());
    assert!(max(f64::NAN).is_err());
    assert_eq!(max(100.0).unwrap().max_body_bytes, 100);
    let origins = |o: &str| {
        Config::from_options(Options {
            has_authorize: true,
            allowed_origins: Some(vec![o.into()]),
            ..Options::default()
        })
    };
    assert!(origins("https://app.example.com/path").is_err());
    assert!(origins("app.example.com").is_err());
    assert_eq!(
        origins("https://App.example.com/").unwrap().allowed_origins,
        vec!["https://app.example.com"]
    );
}
