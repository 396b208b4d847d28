//! Property tests: junk in any input never panics and every answer stays JSON.
//! Test-only: a child of `proxy::tests` (declared `#[cfg(test)] mod tests;`).

use super::*;
use proptest::prelude::*;

fn junk_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("a@acme.io"),
            Just("b@gmail.com"),
            Just("DE"),
            Just("Germany")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("user".to_string()),
                    Just("email".to_string()),
                    Just("country".to_string()),
                    Just("name".to_string()),
                    Just("id".to_string()),
                    Just("team".to_string()),
                    ".{0,4}".prop_map(|s| s)
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn junk_never_panics_and_forwards_only_json(body in junk_json(), query in ".{0,40}", cf in proptest::option::of(".{0,3}")) {
        let p = anon();
        for route in [Endpoint::UserSync, Endpoint::CreateColleague, Endpoint::ListColleagues, Endpoint::UpdateColleague] {
            match p.prepare(route, Some(&body), &query, cf.as_deref()) {
                Prepared::Forward { body: Some(b), .. } => { serde_json::from_str::<Value>(&b).expect("forwarded body is JSON"); }
                Prepared::Forward { body: None, url, .. } => prop_assert!(url.starts_with("http://127.0.0.1:9000/v1/")),
                Prepared::Respond(r) => { if let Some(b) = &r.body { serde_json::from_str::<Value>(b).expect("local body is JSON"); } }
            }
        }
    }

    #[test]
    fn junk_heads_never_panic(method in ".{0,8}", url in ".{0,60}", origin in proptest::option::of(".{0,30}"),
        pm in proptest::option::of(".{0,8}"), ph in proptest::option::of(".{0,30}"), cl in proptest::option::of(".{0,8}")) {
        let p = anon();
        let h = Head { method: &method, url: &url, origin: origin.as_deref(), preflight_method: pm.as_deref(),
            preflight_headers: ph.as_deref(), content_length: cl.as_deref() };
        if let HeadDecision::Respond(r) = p.check_head(&h) {
            prop_assert!(matches!(r.status, 204 | 403 | 404 | 405 | 413));
        }
    }

    #[test]
    fn junk_options_never_panic(base in ".{0,30}", prefix in ".{0,12}", origins in prop::collection::vec(".{0,20}", 0..3),
        max in any::<f64>()) {
        let _ = Config::from_options(Options { base_url: Some(base), prefix: Some(prefix), allowed_origins: Some(origins),
            max_body_bytes: Some(max), has_authorize: true, ..Options::default() });
    }

    #[test]
    fn percent_decode_inverts_the_clients_encoding(s in "\\PC{0,30}") {
        let encoded = crate::client::request::encode_query_component(&s);
        prop_assert_eq!(crate::proxy::rewrite::percent_decode(&encoded), Some(s));
    }

    #[test]
    fn error_bodies_are_json(message in "\\PC{0,30}|[\\x00-\\x1f\"\\\\]{0,10}") {
        let r = LocalResponse::error_with(400, &message, Some("invalid_argument"), Some("user.email"));
        let v: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        prop_assert_eq!(v["error"].as_str(), Some(message.as_str()));
    }
}
