//! Native tests of the proxy core (declared `#[cfg(test)] mod tests;`); the shell is tested in
//! workerd by tests/proxy.

use super::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn to_field(v: Option<&Value>) -> Field {
    match v {
        None => Field::Absent,
        Some(Value::Null) => Field::Null,
        Some(Value::String(s)) => Field::Text(s.clone()),
        Some(Value::Number(n)) => n.as_f64().map_or(Field::Other("number"), Field::Number),
        Some(Value::Bool(b)) => Field::Bool(*b),
        Some(Value::Array(_)) => Field::Other("array"),
        Some(Value::Object(_)) => Field::Other("object"),
    }
}

impl JsonObject for Value {
    fn field(&self, name: &str) -> Field {
        to_field(self.get(name))
    }
    fn object(&self, name: &str) -> Arg<Self> {
        match self.get(name) {
            Some(v @ Value::Object(_)) => Arg::Object(v.clone()),
            other => match to_field(other) {
                Field::Absent => Arg::Absent,
                Field::Null => Arg::Null,
                f => Arg::Other(f.type_name()),
            },
        }
    }
}

fn proxy_with(o: Options) -> Proxy {
    Proxy::new(Config::from_options(o).expect("valid options"))
}

fn anon() -> Proxy {
    proxy_with(Options {
        allow_anonymous: true,
        base_url: Some("http://127.0.0.1:9000/".into()),
        allowed_origins: Some(vec!["https://App.Example".into()]),
        ..Options::default()
    })
}

fn head<'a>(method: &'a str, url: &'a str) -> Head<'a> {
    Head {
        method,
        url,
        origin: None,
        preflight_method: None,
        preflight_headers: None,
        content_length: None,
    }
}

fn status(d: &HeadDecision) -> u16 {
    match d {
        HeadDecision::Respond(r) => r.status,
        HeadDecision::Proceed { .. } => 0,
    }
}

fn header<'a>(r: &'a LocalResponse, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn body_json(r: &LocalResponse) -> Value {
    serde_json::from_str(r.body.as_deref().expect("body")).expect("json body")
}

fn forward_body(p: Prepared) -> Value {
    match p {
        Prepared::Forward { body: Some(b), .. } => serde_json::from_str(&b).expect("json"),
        other => panic!("expected a forward with body, got {other:?}"),
    }
}

fn respond(p: Prepared) -> LocalResponse {
    match p {
        Prepared::Respond(r) => r,
        other => panic!("expected a local response, got {other:?}"),
    }
}

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

#[test]
fn routes_under_prefix_only() {
    let p = anon();
    for (m, path) in [
        ("POST", "/wazper/v1/user-sync"),
        ("POST", "/wazper/v1/colleagues-create"),
        ("GET", "/wazper/v1/colleagues-list"),
        ("PATCH", "/wazper/v1/colleagues-update"),
    ] {
        let url = format!("https://w.example{path}?a=b");
        assert!(
            matches!(p.check_head(&head(m, &url)), HeadDecision::Proceed { .. }),
            "{m} {path}"
        );
    }
    for path in [
        "/v1/user-sync",
        "/wazper",
        "/wazper/v1/user-syncx",
        "/wazperv1/user-sync",
        "/wazper/v2/user-sync",
        "",
    ] {
        let url = format!("https://w.example{path}");
        assert_eq!(status(&p.check_head(&head("POST", &url))), 404, "{path}");
    }
    assert_eq!(status(&p.check_head(&head("POST", "not a url"))), 404);
}

#[test]
fn wrong_method_is_405_with_allow() {
    let p = anon();
    let HeadDecision::Respond(r) =
        p.check_head(&head("GET", "https://w.example/wazper/v1/user-sync"))
    else {
        panic!()
    };
    assert_eq!(r.status, 405);
    assert_eq!(header(&r, "Allow"), Some("POST, OPTIONS"));
    assert_eq!(body_json(&r), json!({"error": "Method not allowed"}));
    assert_eq!(
        status(&p.check_head(&head("post", "https://w.example/wazper/v1/user-sync"))),
        405
    );
    assert_eq!(
        status(&p.check_head(&head(
            "DELETE",
            "https://w.example/wazper/v1/colleagues-update"
        ))),
        405
    );
}

#[test]
fn origins_allow_list_and_same_origin() {
    let p = anon();
    let with_origin = |o: &'static str| Head {
        origin: Some(o),
        ..head("POST", "https://w.example/wazper/v1/user-sync")
    };
    assert_eq!(
        status(&p.check_head(&with_origin("https://evil.example"))),
        403
    );
    assert_eq!(status(&p.check_head(&with_origin("null"))), 403);
    assert_eq!(
        status(&p.check_head(&with_origin("https://app.example.evil"))),
        403
    );
    match p.check_head(&with_origin("https://app.example")) {
        HeadDecision::Proceed { cors, .. } => {
            assert_eq!(cors, OriginCheck::Allowed("https://app.example".into()))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        p.check_head(&with_origin("https://W.example")),
        HeadDecision::Proceed { .. }
    ));
    assert!(matches!(
        p.check_head(&head("POST", "https://w.example/wazper/v1/user-sync")),
        HeadDecision::Proceed {
            cors: OriginCheck::NoOrigin,
            ..
        }
    ));
}

#[test]
fn preflight_answers_allowed_origins_only() {
    let p = anon();
    let pre = |origin: &'static str, method: &'static str, headers: Option<&'static str>| Head {
        origin: Some(origin),
        preflight_method: Some(method),
        preflight_headers: headers,
        ..head("OPTIONS", "https://w.example/wazper/v1/colleagues-update")
    };
    let HeadDecision::Respond(r) = p.check_head(&pre(
        "https://app.example",
        "PATCH",
        Some("Content-Type, Authorization"),
    )) else {
        panic!()
    };
    assert_eq!(r.status, 204);
    assert_eq!(r.body, None);
    assert_eq!(
        header(&r, "Access-Control-Allow-Origin"),
        Some("https://app.example")
    );
    assert_eq!(
        header(&r, "Access-Control-Allow-Methods"),
        Some("PATCH, OPTIONS")
    );
    assert_eq!(
        header(&r, "Access-Control-Allow-Headers"),
        Some("content-type, authorization")
    );
    assert_eq!(header(&r, "Access-Control-Allow-Credentials"), Some("true"));
    assert_eq!(
        status(&p.check_head(&pre("https://evil.example", "PATCH", None))),
        403
    );
    assert_eq!(
        status(&p.check_head(&pre("https://app.example", "POST", None))),
        405
    );
    assert_eq!(
        status(&p.check_head(&pre("https://app.example", "PATCH", Some("x-api-key")))),
        403
    );
    assert_eq!(
        status(&p.check_head(&pre(
            "https://app.example",
            "PATCH",
            Some("bad header\r\nx: y")
        ))),
        403
    );
    let plain = p.check_head(&head(
        "OPTIONS",
        "https://w.example/wazper/v1/colleagues-update",
    ));
    assert_eq!(status(&plain), 204);
}

#[test]
fn declared_length_over_limit_is_413() {
    let p = proxy_with(Options {
        allow_anonymous: true,
        max_body_bytes: Some(10.0),
        ..Options::default()
    });
    let h = |len: &'static str| Head {
        content_length: Some(len),
        ..head("POST", "https://w.example/wazper/v1/user-sync")
    };
    assert_eq!(status(&p.check_head(&h("11"))), 413);
    assert!(matches!(
        p.check_head(&h("10")),
        HeadDecision::Proceed { .. }
    ));
    assert!(matches!(
        p.check_head(&h("lies")),
        HeadDecision::Proceed { .. }
    ));
    let mut limit = BodyLimit::new(10);
    assert!(limit.add(6));
    assert!(limit.add(4));
    assert!(!limit.add(1));
    assert!(!BodyLimit::new(3).add(usize::MAX));
}

fn prep(p: &Proxy, route: Route, body: Value, cf: Option<&str>) -> Prepared {
    p.prepare(route, Some(&body), "", cf)
}

#[test]
fn user_sync_fills_country_from_edge() {
    let p = anon();
    let out = prep(
        &p,
        Route::UserSync,
        json!({"user": {"email": "ana@acme.io", "firstName": "Ana", "extra": 1}}),
        Some("DE"),
    );
    match &out {
        Prepared::Forward { method, url, .. } => {
            assert_eq!(*method, "POST");
            assert_eq!(url, "http://127.0.0.1:9000/v1/user-sync");
        }
        _ => panic!(),
    }
    assert_eq!(
        forward_body(out),
        json!({"user": {"email": "ana@acme.io", "country": "Germany", "firstName": "Ana"}})
    );
    let unrecognisable = json!({"user": {"email": "ana@acme.io", "country": "Narnia"}});
    assert_eq!(
        forward_body(prep(
            &p,
            Route::UserSync,
            unrecognisable.clone(),
            Some("de")
        ))["user"]["country"],
        "Germany"
    );
    let given = json!({"user": {"email": "ana@acme.io", "country": "fr"}});
    assert_eq!(
        forward_body(prep(&p, Route::UserSync, given, Some("DE")))["user"]["country"],
        "France"
    );
    let r = respond(prep(&p, Route::UserSync, unrecognisable, None));
    assert_eq!(
        (r.status, body_json(&r)["code"].clone()),
        (400, json!("invalid_country"))
    );
    let r = respond(prep(
        &p,
        Route::UserSync,
        json!({"user": {"email": "ana@acme.io"}}),
        Some("XX"),
    ));
    assert_eq!(
        body_json(&r),
        json!({"error": "User IP (country) is required", "code": "country_required", "field": "user.country"})
    );
}

#[test]
fn user_sync_skips_personal_emails_and_checks_email() {
    let p = anon();
    let r = respond(prep(
        &p,
        Route::UserSync,
        json!({"user": {"email": "bob@gmail.com"}}),
        None,
    ));
    assert_eq!(r.status, 200);
    assert_eq!(
        body_json(&r),
        json!({"success": true, "status": "skipped", "reason": "personal_email"})
    );
    let r = respond(prep(
        &p,
        Route::UserSync,
        json!({"user": {"country": "DE"}}),
        None,
    ));
    assert_eq!(body_json(&r)["error"], "User email is required");
    let r = respond(prep(&p, Route::UserSync, json!({}), None));
    assert_eq!(body_json(&r)["code"], "invalid_argument");
    let r = respond(prep(
        &p,
        Route::UserSync,
        json!({"user": {"email": "nope", "country": "DE"}}),
        None,
    ));
    assert_eq!(body_json(&r)["error"], "Invalid email format (user.email)");
    let r = respond(prep(
        &p,
        Route::UserSync,
        json!({"user": {"email": 5, "country": "DE"}}),
        None,
    ));
    assert_eq!(body_json(&r)["code"], "invalid_argument");
    let r = respond(prep(
        &p,
        Route::UserSync,
        json!({"user": {"email": "a@acme.io", "country": "DE", "name": 3}}),
        None,
    ));
    assert_eq!(
        body_json(&r)["error"],
        "user.name must be a string, got number"
    );
    assert_eq!(body_json(&r)["field"], "user.name");
    let r = respond(prep(&p, Route::UserSync, json!({"user": [1]}), None));
    assert_eq!(body_json(&r)["code"], "invalid_argument");
    let r = respond(p.prepare::<Value>(Route::UserSync, None, "", None));
    assert_eq!(r.status, 400);
    let junk_name = json!({"user": {"email": "bob@gmail.com", "country": "DE", "name": 3}});
    assert_eq!(
        respond(prep(&p, Route::UserSync, junk_name, None)).status,
        400
    );
    let nowhere = json!({"user": {"email": "bob@gmail.com", "country": "Narnia"}});
    assert_eq!(
        respond(prep(&p, Route::UserSync, nowhere, None)).status,
        200
    );
    let keep = proxy_with(Options {
        allow_anonymous: true,
        skip_personal_emails: Some(false),
        ..Options::default()
    });
    let body = forward_body(prep(
        &keep,
        Route::UserSync,
        json!({"user": {"email": "bob@gmail.com", "country": "US"}}),
        None,
    ));
    assert_eq!(body["user"]["country"], "United States");
}

#[test]
fn create_validates_and_keeps_documented_fields() {
    let p = anon();
    let good = json!({"name": "Sam", "email": "sam@acme.io", "companyName": "Acme", "toBeInvitedById": "ana@acme.io",
        "team": 2, "website": "https://acme.io", "evil": "x"});
    let body = forward_body(prep(&p, Route::ColleaguesCreate, good, None));
    assert_eq!(
        body,
        json!({"name": "Sam", "email": "sam@acme.io", "companyName": "Acme", "toBeInvitedById": "ana@acme.io",
            "website": "https://acme.io", "team": 2})
    );
    let r = respond(prep(
        &p,
        Route::ColleaguesCreate,
        json!({"name": "Sam", "email": "sam@acme.io"}),
        None,
    ));
    assert_eq!(
        body_json(&r)["error"],
        "Required fields missing: companyName, toBeInvitedById"
    );
    let bad_team = json!({"name": "S", "email": "s@acme.io", "companyName": "A", "toBeInvitedById": "a@acme.io", "team": 1.5});
    assert_eq!(
        body_json(&respond(prep(&p, Route::ColleaguesCreate, bad_team, None)))["error"],
        "team must be an integer"
    );
    let bad_email =
        json!({"name": "S", "email": "s@", "companyName": "A", "toBeInvitedById": "a@acme.io"});
    assert_eq!(
        body_json(&respond(prep(&p, Route::ColleaguesCreate, bad_email, None)))["code"],
        "invalid_email"
    );
}

#[test]
fn update_needs_id_and_a_change() {
    let p = anon();
    let r = respond(prep(
        &p,
        Route::ColleaguesUpdate,
        json!({"id": "tbi_1"}),
        None,
    ));
    assert_eq!(body_json(&r)["code"], "missing_fields");
    let r = respond(prep(
        &p,
        Route::ColleaguesUpdate,
        json!({"status": "invited"}),
        None,
    ));
    assert_eq!(body_json(&r)["code"], "missing_fields");
    let r = respond(prep(
        &p,
        Route::ColleaguesUpdate,
        json!({"id": "tbi_1", "email": "x"}),
        None,
    ));
    assert_eq!(body_json(&r)["error"], "Invalid email format (email)");
    let body = forward_body(prep(
        &p,
        Route::ColleaguesUpdate,
        json!({"id": "tbi_1", "status": "invited", "x": 1}),
        None,
    ));
    assert_eq!(body, json!({"id": "tbi_1", "status": "invited"}));
}

#[test]
fn list_reencodes_the_email() {
    let p = anon();
    let fwd = p.prepare::<Value>(
        Route::ColleaguesList,
        None,
        "x=1&email=ana%2Btag%40acme.io",
        None,
    );
    assert_eq!(
        fwd,
        Prepared::Forward {
            method: "GET",
            url: "http://127.0.0.1:9000/v1/colleagues-list?email=ana%2Btag%40acme.io".into(),
            body: None
        }
    );
    let fwd = p.prepare::<Value>(Route::ColleaguesList, None, "email=ana@acme.io", None);
    assert!(
        matches!(fwd, Prepared::Forward { ref url, .. } if url.ends_with("?email=ana%40acme.io"))
    );
    let r = respond(p.prepare::<Value>(Route::ColleaguesList, None, "", None));
    assert_eq!(body_json(&r)["error"], "Email parameter is required");
    let r = respond(p.prepare::<Value>(Route::ColleaguesList, None, "email=%zz", None));
    assert_eq!(body_json(&r)["code"], "invalid_email");
    assert_eq!(query_of("https://x/a?email=1#frag"), "email=1");
}

#[test]
fn key_must_be_header_safe() {
    assert!(api_key_usable("demo_key"));
    assert!(!api_key_usable(""));
    assert!(!api_key_usable("a\r\nb"));
    assert!(!api_key_usable("a b"));
}

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
        for route in [Route::UserSync, Route::ColleaguesCreate, Route::ColleaguesList, Route::ColleaguesUpdate] {
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
        prop_assert_eq!(rewrite::percent_decode(&encoded), Some(s));
    }

    #[test]
    fn error_bodies_are_json(message in "\\PC{0,30}|[\\x00-\\x1f\"\\\\]{0,10}") {
        let r = LocalResponse::error_with(400, &message, Some("invalid_argument"), Some("user.email"));
        let v: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        prop_assert_eq!(v["error"].as_str(), Some(message.as_str()));
    }
}
