//! Base-URL parsing and the client options built on it: never panics, never echoes the key.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wazper::base_url::BaseUrl;
use wazper::client::options::{client_config, RawClientOptions, Runtime};
use wazper::input::{Arg, Field};

const KEY: &str = "sk_FUZZ_key_0123";

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Ok(u) = BaseUrl::parse(&input) {
        // Parsing is idempotent, and the text is what requests are built on.
        let again = BaseUrl::parse(&u.text).expect("a parsed base URL parses again");
        assert_eq!(again, u);
        assert!(!u.text.ends_with('/'), "{:?}", u.text);
        assert!(u
            .text
            .starts_with(if u.https { "https://" } else { "http://" }));
        assert!(!u.text.contains(['?', '#', ' ']));
        // No credentials: '@' may only appear in the path (found by this target: "https://h/x@y").
        let authority = u
            .text
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("");
        assert!(!authority.contains('@'), "{:?}", u.text);
    }
    let raw = RawClientOptions {
        api_key: Field::Text(KEY.into()),
        base_url: Field::Text(input.clone().into_owned()),
        ..RawClientOptions::default()
    };
    match client_config(Arg::Object(raw), Runtime::Server) {
        Ok(c) => assert!(!format!("{c:?}").contains(KEY)),
        Err(e) => assert!(!format!("{e:?}")
            .to_ascii_lowercase()
            .contains(&KEY.to_ascii_lowercase())),
    }
});
