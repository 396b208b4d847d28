//! Native tests of the client core through its seams: options and key safety, validation, request
//! building, every documented error mapping, the retry policy and waits, and key hygiene.
#![cfg(not(target_arch = "wasm32"))]

mod client_support;

use client_support::*;
use serde_json::{json, Value};
use wazper::client::options::{
    call_config, client_config, Arg, BaseUrl, Field, RawCallOptions, RawClientOptions, Runtime,
    SignalField,
};
use wazper::client::request::{encode_query_component, Endpoint, Method};
use wazper::client::response::{Body, RawResponse};
use wazper::client::validate::{RawColleagueUpdate, RawNewColleague, RawSyncUser};
use wazper::client::{CallConfig, ClientConfig, TransportError, UserSyncPlan};
use wazper::{Error, ErrorCode};

fn raw_opts(key: Option<&str>, base: Option<&str>) -> RawClientOptions {
    RawClientOptions {
        api_key: key.map(text).unwrap_or(Field::Absent),
        base_url: base.map(text).unwrap_or(Field::Absent),
        ..RawClientOptions::default()
    }
}

fn opts(key: Option<&str>, base: Option<&str>, rt: Runtime) -> Result<ClientConfig, Error> {
    client_config(Arg::Object(raw_opts(key, base)), rt)
}

fn user(email: Field, country: Field) -> Arg<RawSyncUser> {
    Arg::Object(RawSyncUser {
        email,
        country,
        first_name: Field::Absent,
        last_name: Field::Absent,
        name: Field::Absent,
        job_title: Field::Absent,
        invite_link: Field::Absent,
    })
}

fn new_colleague() -> RawNewColleague {
    RawNewColleague {
        name: text("Samuel Prospective"),
        email: text("samuel.p@acme.example"),
        company_name: text("Acme"),
        to_be_invited_by_id: text("boss@acme.example"),
        job_title: Field::Absent,
        website: Field::Absent,
        team: Field::Absent,
        invite_link: Field::Absent,
        redirection_link: Field::Absent,
    }
}

fn update(id: Field, status: Field, email: Field) -> Arg<RawColleagueUpdate> {
    Arg::Object(RawColleagueUpdate { id, status, email })
}

const NO_OPTS: CallConfig = CallConfig {
    timeout_ms: None,
    has_signal: false,
};

fn run(
    cfg: &ClientConfig,
    call: &wazper::client::Call,
    t: &FakeTransport,
    c: &FakeClock,
) -> Result<J, Error> {
    block_on(cfg.run(call, NO_OPTS, t, c))
}

fn list_call(cfg: &ClientConfig) -> wazper::client::Call {
    cfg.plan_list_colleagues(text("me@acme.example")).unwrap()
}

fn create_call(cfg: &ClientConfig) -> wazper::client::Call {
    cfg.plan_create_colleague(Arg::Object(new_colleague()))
        .unwrap()
}

fn sync_call(cfg: &ClientConfig) -> wazper::client::Call {
    match cfg
        .plan_user_sync(user(text("john@acme.example"), text("US")))
        .unwrap()
    {
        UserSyncPlan::Send(call) => call,
        other => panic!("{other:?}"),
    }
}

fn update_call(cfg: &ClientConfig) -> wazper::client::Call {
    cfg.plan_update_colleague(update(text("tbi_1"), text("invited"), Field::Absent))
        .unwrap()
}

fn all_calls(cfg: &ClientConfig) -> Vec<wazper::client::Call> {
    vec![
        sync_call(cfg),
        create_call(cfg),
        list_call(cfg),
        update_call(cfg),
    ]
}

// ---------- options and key safety ----------

#[test]
fn defaults() {
    let c = client_config(Arg::Absent, Runtime::Server).unwrap();
    assert_eq!(c.base_url, "https://api.wazper.com");
    assert_eq!(c.timeout_ms, 10_000);
    assert_eq!(c.max_retries, 2);
    assert!(c.skip_personal_emails);
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

// ---------- validation ----------

fn code_of<T: std::fmt::Debug>(r: Result<T, Error>) -> (ErrorCode, Option<&'static str>) {
    let e = r.unwrap_err();
    assert_eq!(e.status, None, "client-side errors carry no status");
    (e.code, e.details.and_then(|d| d.field))
}

#[test]
fn user_sync_validation() {
    let c = config();
    use ErrorCode::*;
    assert_eq!(
        code_of(c.plan_user_sync(user(Field::Absent, text("US")))),
        (EmailRequired, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("  "), text("US")))),
        (EmailRequired, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(Field::Null, text("US")))),
        (EmailRequired, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("nope"), text("US")))),
        (InvalidEmail, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(Field::Number(1.0), text("US")))),
        (InvalidArgument, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), Field::Absent))),
        (CountryRequired, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), text("")))),
        (CountryRequired, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), text("Narnia")))),
        (InvalidCountry, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), Field::Bool(true)))),
        (InvalidArgument, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(Arg::Null)),
        (InvalidArgument, Some("user"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(Arg::Absent)),
        (InvalidArgument, Some("user"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(Arg::Other("string"))),
        (InvalidArgument, Some("user"))
    );
    let mut u = user(text("a@acme.example"), text("US"));
    if let Arg::Object(r) = &mut u {
        r.job_title = Field::Number(3.0);
    }
    assert_eq!(
        code_of(c.plan_user_sync(u)),
        (InvalidArgument, Some("user.jobTitle"))
    );
}

#[test]
fn user_sync_wire() {
    let c = config();
    let mut u = user(text(" John.Doe@ACME.example "), text("us"));
    if let Arg::Object(r) = &mut u {
        r.first_name = text("John \"JD\"");
        r.last_name = Field::Null;
        r.job_title = text("Eng\n\u{1}");
    }
    let UserSyncPlan::Send(call) = c.plan_user_sync(u).unwrap() else {
        panic!()
    };
    assert_eq!(call.request.method, Method::Post);
    assert_eq!(call.request.url, "https://api.example.test/v1/user-sync");
    let body: Value = serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"user": {"email": "John.Doe@acme.example", "country": "United States", "firstName": "John \"JD\"", "jobTitle": "Eng\n\u{1}"}})
    );
    let headers = &call.request.headers;
    assert!(headers.contains(&("Content-Type", "application/json".into())));
    assert!(headers.contains(&("Accept", "application/json".into())));
}

#[test]
fn personal_emails_skip_without_request() {
    let c = config();
    assert_eq!(
        c.plan_user_sync(user(text("someone@gmail.com"), text("US")))
            .unwrap(),
        UserSyncPlan::SkippedPersonalEmail
    );
    let mut raw = raw_opts(Some(KEY), Some("https://api.example.test"));
    raw.skip_personal_emails = Field::Bool(false);
    let c2 = client_config(Arg::Object(raw), Runtime::Server).unwrap();
    assert!(matches!(
        c2.plan_user_sync(user(text("someone@gmail.com"), text("US")))
            .unwrap(),
        UserSyncPlan::Send(_)
    ));
    // Validation still runs first.
    assert_eq!(
        code_of(c.plan_user_sync(user(text("someone@gmail.com"), Field::Absent))).0,
        ErrorCode::CountryRequired
    );
}

#[test]
fn create_colleague_validation_and_wire() {
    let c = config();
    use ErrorCode::*;
    let mut r = new_colleague();
    r.name = Field::Absent;
    r.company_name = text(" ");
    let e = c.plan_create_colleague(Arg::Object(r)).unwrap_err();
    assert_eq!(e.code, MissingFields);
    assert_eq!(e.message, "Required fields missing: name, companyName");
    assert_eq!(e.details.unwrap().field, Some("name"));
    let mut r = new_colleague();
    r.email = text("bad@");
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Object(r))),
        (InvalidEmail, Some("email"))
    );
    let mut r = new_colleague();
    r.to_be_invited_by_id = text("not an email");
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Object(r))),
        (InvalidEmail, Some("toBeInvitedById"))
    );
    for team in [
        Field::Number(1.5),
        Field::Number(f64::NAN),
        text("2"),
        Field::Number(1e300),
    ] {
        let mut r = new_colleague();
        r.team = team;
        assert_eq!(
            code_of(c.plan_create_colleague(Arg::Object(r))),
            (InvalidArgument, Some("team"))
        );
    }
    let mut r = new_colleague();
    r.website = Field::Other("object");
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Object(r))),
        (InvalidArgument, Some("website"))
    );
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Null)).0,
        InvalidArgument
    );

    let mut r = new_colleague();
    r.team = Field::Number(-2.0);
    r.website = text("https://acme.example");
    let call = c.plan_create_colleague(Arg::Object(r)).unwrap();
    assert_eq!(
        call.request.url,
        "https://api.example.test/v1/colleagues-create"
    );
    let body: Value = serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"name": "Samuel Prospective", "email": "samuel.p@acme.example", "companyName": "Acme",
               "toBeInvitedById": "boss@acme.example", "website": "https://acme.example", "team": -2})
    );
}

#[test]
fn update_validation_and_wire() {
    let c = config();
    use ErrorCode::*;
    assert_eq!(
        code_of(c.plan_update_colleague(update(Field::Absent, text("invited"), Field::Absent))),
        (MissingFields, Some("id"))
    );
    assert_eq!(
        code_of(c.plan_update_colleague(update(text("tbi_1"), Field::Absent, Field::Null))).0,
        MissingFields
    );
    assert_eq!(
        code_of(c.plan_update_colleague(update(text("tbi_1"), Field::Absent, text("x@")))),
        (InvalidEmail, Some("email"))
    );
    assert_eq!(
        code_of(c.plan_update_colleague(update(Field::Number(1.0), text("a"), Field::Absent))),
        (InvalidArgument, Some("id"))
    );
    let call = c
        .plan_update_colleague(update(
            text("tbi_1"),
            text("invited"),
            text("new@acme.example"),
        ))
        .unwrap();
    assert_eq!(call.request.method, Method::Patch);
    let body: Value = serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"id": "tbi_1", "status": "invited", "email": "new@acme.example"})
    );
}

#[test]
fn list_validation_and_query() {
    let c = config();
    assert_eq!(
        code_of(c.plan_list_colleagues(Field::Absent)).0,
        ErrorCode::EmailRequired
    );
    assert_eq!(
        code_of(c.plan_list_colleagues(text(""))).0,
        ErrorCode::EmailRequired
    );
    assert_eq!(
        code_of(c.plan_list_colleagues(text("x"))).0,
        ErrorCode::InvalidEmail
    );
    assert_eq!(
        code_of(c.plan_list_colleagues(Field::Other("object"))).0,
        ErrorCode::InvalidArgument
    );
    let call = c
        .plan_list_colleagues(text("j.o+tag@acme.example"))
        .unwrap();
    assert_eq!(call.request.method, Method::Get);
    assert_eq!(call.request.body, None);
    assert_eq!(
        call.request.url,
        "https://api.example.test/v1/colleagues-list?email=j.o%2Btag%40acme.example"
    );
    assert!(!call
        .request
        .headers
        .iter()
        .any(|(k, _)| *k == "Content-Type"));
}

#[test]
fn query_encoding() {
    assert_eq!(encode_query_component("a+b@c.d"), "a%2Bb%40c.d");
    assert_eq!(
        encode_query_component("a b&c=d#e/f?é"),
        "a%20b%26c%3Dd%23e%2Ff%3F%C3%A9"
    );
    assert_eq!(encode_query_component("AZaz09-._~"), "AZaz09-._~");
}

#[test]
fn no_key_means_no_header() {
    let c = opts(None, Some("https://app.example/wazper"), Runtime::Browser).unwrap();
    for call in all_calls(&c) {
        assert!(!call
            .request
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("x-api-key")));
    }
}

// ---------- responses and error mapping ----------

#[test]
fn success_bodies_are_returned_as_given() {
    let c = config();
    let sync = json!({"success": true, "status": "processing", "requestId": "r", "userId": "u", "message": "m", "extra": {"kept": 1}});
    let t = FakeTransport::new(vec![ok(202, sync.clone())]);
    assert_eq!(
        run(&c, &sync_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        sync
    );

    let mut col = colleague("tbi_1", "a@acme.example");
    col["unknownField"] = json!([1, 2]);
    let t = FakeTransport::new(vec![ok(201, col.clone())]);
    assert_eq!(
        run(&c, &create_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        col
    );
    let t = FakeTransport::new(vec![ok(200, col.clone())]);
    assert_eq!(
        run(&c, &update_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        col
    );

    // Missing optional fields are tolerated (the list example in the docs has no team etc.).
    let list = json!([{"id": "tbi_abc123", "email": "jane@example.com", "name": "Jane", "photo": null}, colleague("tbi_2", "b@acme.example")]);
    let t = FakeTransport::new(vec![ok(200, list.clone())]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        list
    );
    let t = FakeTransport::new(vec![ok(200, json!([]))]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        json!([])
    );
}

#[test]
fn wrong_success_shapes_are_invalid_response() {
    let c = config();
    let cases: Vec<(wazper::client::Call, Value)> = vec![
        (sync_call(&c), json!({"status": "processing"})),
        (
            sync_call(&c),
            json!({"success": "yes", "status": "processing"}),
        ),
        (sync_call(&c), json!([])),
        (create_call(&c), json!({"name": "x"})),
        (create_call(&c), json!({"id": 5, "email": "a@b.co"})),
        (
            update_call(&c),
            json!({"id": "x", "email": "a@b.co", "team": "two"}),
        ),
        (list_call(&c), json!({"id": "x"})),
        (list_call(&c), json!([{"id": "x", "email": "a@b.co"}, 3])),
        (list_call(&c), json!(null)),
    ];
    for (call, body) in cases {
        let t = FakeTransport::new(vec![ok(200, body.clone())]);
        let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
        assert_eq!(
            (e.code, e.status),
            (ErrorCode::InvalidResponse, Some(200)),
            "{body}"
        );
        assert_eq!(t.attempts(), 1, "invalid_response is not retried");
    }
    let t = FakeTransport::new(vec![Ok(RawResponse {
        status: 200,
        status_text: "OK".into(),
        retry_after: None,
        body: Body::NotJson,
    })]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap_err()
            .code,
        ErrorCode::InvalidResponse
    );
}

/// Every documented error of every endpoint (../shared/wazper-api).
#[test]
fn documented_errors_map_to_codes() {
    use ErrorCode::*;
    let table: &[(Endpoint, u16, &str, ErrorCode)] = &[
        (Endpoint::UserSync, 400, "User email is required", EmailRequired),
        (Endpoint::UserSync, 400, "User IP (country) is required", CountryRequired),
        (Endpoint::UserSync, 400, "API Key is not linked to a valid organization.", ApiKeyNotLinked),
        (Endpoint::UserSync, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::UserSync, 401, "Invalid API Key", InvalidApiKey),
        (Endpoint::UserSync, 401, "Invalid organization ID", InvalidOrganization),
        (Endpoint::UserSync, 402, "API Key has no remaining credits.", NoCredits),
        (Endpoint::UserSync, 500, "Internal server error", ServerError),
        (Endpoint::CreateColleague, 400, "Required fields missing: name, email, companyName, and toBeInvitedById are required", MissingFields),
        (Endpoint::CreateColleague, 400, "API Key is not linked to a valid organization.", ApiKeyNotLinked),
        (Endpoint::CreateColleague, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::CreateColleague, 401, "Invalid API Key or key not linked to an organization", InvalidApiKey),
        (Endpoint::CreateColleague, 403, "Waz is currently disabled", WazDisabled),
        (Endpoint::CreateColleague, 409, "A colleague with this email (samuel.p@example.com) may already exist for this client or inviter.", DuplicateEmail),
        (Endpoint::CreateColleague, 500, "Internal server error", ServerError),
        (Endpoint::ListColleagues, 400, "Email parameter is required", EmailRequired),
        (Endpoint::ListColleagues, 400, "API Key is not linked to a valid organization.", ApiKeyNotLinked),
        (Endpoint::ListColleagues, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::ListColleagues, 401, "Invalid API Key or key not linked to an organization", InvalidApiKey),
        (Endpoint::ListColleagues, 403, "Waz is currently disabled", WazDisabled),
        (Endpoint::ListColleagues, 500, "Internal server error", ServerError),
        (Endpoint::UpdateColleague, 400, "Required fields missing: id and either status or email are required", MissingFields),
        (Endpoint::UpdateColleague, 400, "Invalid email format", InvalidEmail),
        (Endpoint::UpdateColleague, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::UpdateColleague, 401, "Invalid API Key or key not linked to an organization", InvalidApiKey),
        (Endpoint::UpdateColleague, 403, "Waz is currently disabled", WazDisabled),
        (Endpoint::UpdateColleague, 404, "Colleague with ID tbi_nonexistent not found for client org_abc123xyz.", NotFound),
        (Endpoint::UpdateColleague, 409, "A colleague with the new email (new.email@example.com) may already exist.", DuplicateEmail),
        (Endpoint::UpdateColleague, 500, "Internal server error", ServerError),
    ];
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    for &(endpoint, status, message, code) in table {
        let call = all_calls(&c)
            .into_iter()
            .find(|k| k.endpoint == endpoint)
            .unwrap();
        let t = FakeTransport::new(vec![Ok(RawResponse {
            status,
            status_text: String::new(),
            retry_after: None,
            body: Body::Error {
                error: Some(message.into()),
                details: Some("The error message from the server.".into()),
                code: None,
            },
        })]);
        let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
        assert_eq!(
            (e.code, e.status),
            (code, Some(status)),
            "{endpoint:?} {status} {message}"
        );
        assert_eq!(e.message, message);
        assert_eq!(
            e.details.unwrap().server.as_deref(),
            Some("The error message from the server.")
        );
    }
}

#[test]
fn other_statuses() {
    use ErrorCode::*;
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    for (status, code) in [
        (429, RateLimited),
        (502, ServerError),
        (503, ServerError),
        (599, ServerError),
        (418, HttpError),
        (408, HttpError),
        (400, HttpError),
        (401, HttpError),
        (301, HttpError),
        (100, HttpError),
    ] {
        let t = FakeTransport::new(vec![err(status, "something else")]);
        let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
        assert_eq!((e.code, e.status), (code, Some(status)), "{status}");
    }
}

#[test]
fn non_json_error_body_keeps_status_and_a_readable_message() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    for (status, status_text, want) in [
        (502, "Bad Gateway", "HTTP 502 Bad Gateway"),
        (502, "", "HTTP 502 Bad Gateway"),
        (418, "", "HTTP 418"),
        (
            520,
            "Web Server Returned an Unknown Error",
            "HTTP 520 Web Server Returned an Unknown Error",
        ),
    ] {
        let t = FakeTransport::new(vec![Ok(RawResponse {
            status,
            status_text: status_text.into(),
            retry_after: None,
            body: Body::NotJson,
        })]);
        let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
        assert_eq!(e.status, Some(status));
        assert_eq!(e.message, want);
        assert_eq!(e.details, None);
    }
}

#[test]
fn redirects_are_not_followed_and_reported() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    // Status 0: a browser's opaque redirect; 3xx: what Node and Workers hand back.
    let t = FakeTransport::new(vec![Ok(RawResponse {
        status: 0,
        status_text: String::new(),
        retry_after: None,
        body: Body::NotJson,
    })]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::HttpError, None));
    assert!(e.message.contains("redirect"));
    let t = FakeTransport::new(vec![Ok(RawResponse {
        status: 302,
        status_text: String::new(),
        retry_after: None,
        body: Body::NotJson,
    })]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!(
        (e.code, e.status, e.message.as_str()),
        (ErrorCode::HttpError, Some(302), "HTTP 302 Found")
    );
}

// ---------- retries ----------

#[test]
fn retries_503_then_succeeds_with_backoff() {
    let c = config();
    let t = FakeTransport::new(vec![err(503, "busy"), err(503, "busy"), ok(200, json!([]))]);
    let clock = FakeClock {
        random: 0.0,
        ..FakeClock::default()
    };
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(t.attempts(), 3);
    assert_eq!(*clock.sleeps.borrow(), vec![375, 750]);
    let t = FakeTransport::new(vec![err(503, "busy"), err(503, "busy"), err(503, "busy")]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!(
        (e.code, e.status, t.attempts()),
        (ErrorCode::ServerError, Some(503), 3)
    );
}

#[test]
fn backoff_formula_and_jitter_bounds() {
    use wazper::client::retry::backoff_ms;
    for n in 0..40u32 {
        let base = (500.0 * 2f64.powi(n.min(30) as i32)).min(8000.0);
        for r in [0.0, 0.25, 0.5, 0.999999, 1.0] {
            let d = f64::from(backoff_ms(n, r));
            assert!(d >= (base * 0.75).floor() && d <= base, "n={n} r={r} d={d}");
        }
        assert_eq!(f64::from(backoff_ms(n, 1.0)), base);
        assert_eq!(f64::from(backoff_ms(n, 0.0)), base * 0.75);
    }
    assert_eq!(backoff_ms(0, f64::NAN), 500);
}

#[test]
fn retry_rules_per_endpoint() {
    let retried: &[fn() -> Outcome] = &[
        || Err(TransportError::Network),
        || Err(TransportError::Timeout),
        || err(408, "x"),
        || err(429, "x"),
        || err(500, "x"),
        || err(502, "x"),
        || err(503, "x"),
        || err(504, "x"),
    ];
    let not_retried: &[fn() -> Outcome] = &[
        || err(400, "User email is required"),
        || err(401, "Invalid API Key"),
        || err(402, "x"),
        || err(403, "x"),
        || err(404, "x"),
        || err(409, "x"),
        || err(501, "x"),
        || err(505, "x"),
        || Err(TransportError::Aborted),
        || ok(200, json!({"nope": 1})),
    ];
    let c = config();
    for call in all_calls(&c) {
        let create = call.endpoint == Endpoint::CreateColleague;
        for (i, make) in retried.iter().enumerate() {
            let t = FakeTransport::new(vec![make(), make(), make(), make()]);
            let _ = run(&c, &call, &t, &FakeClock::default());
            let is_429 = i == 3;
            let want = if create && !is_429 { 1 } else { 3 };
            assert_eq!(t.attempts(), want, "{:?} case {i}", call.endpoint);
        }
        for (i, make) in not_retried.iter().enumerate() {
            let t = FakeTransport::new(vec![make(), make()]);
            let _ = run(&c, &call, &t, &FakeClock::default());
            assert_eq!(t.attempts(), 1, "{:?} case {i}", call.endpoint);
        }
    }
}

#[test]
fn max_retries_bounds_attempts() {
    for n in [0u32, 1, 5] {
        let c = config_with(|r| r.max_retries = Field::Number(f64::from(n)));
        let t = FakeTransport::new((0..10).map(|_| err(503, "x")).collect());
        let clock = FakeClock::default();
        let _ = run(&c, &list_call(&c), &t, &clock);
        assert_eq!(t.attempts() as u32, n + 1);
        assert_eq!(clock.sleeps.borrow().len() as u32, n);
    }
}

#[test]
fn retry_after_seconds_and_dates() {
    let c = config();
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(429, "2"),
        err_after(503, " 0 "),
        ok(200, json!([])),
    ]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![2000, 0]);
    assert_eq!(
        clock.randoms_drawn.get(),
        0,
        "Retry-After replaces the backoff"
    );

    // An HTTP date 10 s ahead of the fake clock.
    let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
    let clock = FakeClock {
        now,
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![
        err_after(503, "Sun, 06 Nov 1994 08:49:47 GMT"),
        err_after(503, "Sun, 06 Nov 1994 08:00:00 GMT"),
        ok(200, json!([])),
    ]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![10_000, 0]);

    // Unparseable: the backoff applies.
    let clock = FakeClock {
        random: 1.0,
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![err_after(503, "soon"), ok(200, json!([]))]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![500]);

    // 60 s is waited; 61 s fails at once with that error.
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(503, "60"),
        err_after(429, "61"),
        ok(200, json!([])),
    ]);
    let e = run(&c, &list_call(&c), &t, &clock).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::RateLimited, Some(429)));
    assert_eq!(e.details.unwrap().retry_after_seconds, Some(61));
    assert_eq!(*clock.sleeps.borrow(), vec![60_000]);
    assert_eq!(t.attempts(), 2);

    // createColleague honours Retry-After on 429 too.
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(429, "1"),
        ok(201, colleague("tbi_1", "a@acme.example")),
    ]);
    assert!(run(&c, &create_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![1000]);
}

#[test]
fn http_date_forms() {
    use wazper::client::retry::{parse_http_date, parse_retry_after, RetryAfter};
    let want = 784_111_777_000.0;
    assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(want));
    assert_eq!(
        parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
        Some(want)
    );
    assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(want));
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
    assert_eq!(
        parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
        Some(1_835_481_599_000.0)
    );
    for bad in [
        "",
        "Sun, 06 Nov 1994",
        "06 Foo 1994 08:49:37",
        "Sun, 06 Nov 1994 25:00:00 GMT",
        "1994-11-06T08:49:37Z",
        "Sun, 06 Nov 1994 08:49:37:01 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
    assert_eq!(
        parse_retry_after("99999999999999999999999", 0.0),
        Some(RetryAfter::TooLong(u64::MAX / 1000 + 1))
    );
    assert_eq!(parse_retry_after("-1", 0.0), None);
    assert_eq!(parse_retry_after("1.5", 0.0), None);
}

#[test]
fn abort_during_wait_and_attempt() {
    let c = config();
    let clock = FakeClock {
        abort_on_sleep: Some(0),
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![err(503, "x"), ok(200, json!([]))]);
    let e = run(&c, &list_call(&c), &t, &clock).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::Aborted, None));
    assert_eq!(t.attempts(), 1);
    let t = FakeTransport::new(vec![Err(TransportError::Aborted), ok(200, json!([]))]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap_err()
            .code,
        ErrorCode::Aborted
    );
    assert_eq!(t.attempts(), 1);
}

#[test]
fn per_attempt_timeouts() {
    let c = config_with(|r| r.timeout_ms = Field::Number(1234.0));
    let t = FakeTransport::new(vec![
        Err(TransportError::Timeout),
        Err(TransportError::Timeout),
        Err(TransportError::Timeout),
    ]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::Timeout, None));
    assert!(e.message.contains("1234 ms"), "{}", e.message);
    assert!(t.sent.borrow().iter().all(|(_, ms)| *ms == 1234));
    let t = FakeTransport::new(vec![ok(200, json!([]))]);
    let call_opts = CallConfig {
        timeout_ms: Some(77),
        has_signal: false,
    };
    block_on(c.run(&list_call(&c), call_opts, &t, &FakeClock::default())).unwrap();
    assert_eq!(t.sent.borrow()[0].1, 77);
}

#[test]
fn network_error_shape() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let t = FakeTransport::new(vec![Err(TransportError::Network)]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!(
        (e.code, e.status, e.details),
        (ErrorCode::NetworkError, None, None)
    );
}

#[test]
fn too_large_body_is_invalid_response_not_retried() {
    let c = config();
    let t = FakeTransport::new(vec![Err(TransportError::TooLarge { status: 200 })]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::InvalidResponse, Some(200)));
    assert!(e.message.contains("maxResponseBytes"), "{}", e.message);
    assert_eq!(t.sent.borrow().len(), 1, "not retried");
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

// ---------- key hygiene ----------

#[test]
fn the_key_never_appears_in_errors() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let echo = "Invalid API Key sk_SECRET_123 (received sk_SECRET_123)";
    let long_echo = ["x".repeat(295), KEY.to_owned()].concat();
    let outcomes: Vec<Outcome> = vec![
        err(401, echo),
        err(500, &long_echo),
        Ok(RawResponse {
            status: 500,
            status_text: String::new(),
            retry_after: None,
            body: Body::Error {
                error: Some("Internal server error".into()),
                details: Some(echo.into()),
                code: None,
            },
        }),
        Ok(RawResponse {
            status: 502,
            status_text: KEY.into(),
            retry_after: None,
            body: Body::NotJson,
        }),
        Ok(RawResponse {
            status: 200,
            status_text: String::new(),
            retry_after: None,
            body: Body::Json(J(json!({"key": KEY}))),
        }),
        Err(TransportError::Network),
        Err(TransportError::Timeout),
        Err(TransportError::Aborted),
        err_after(429, "120"),
    ];
    for call in all_calls(&c) {
        for o in outcomes.iter().cloned() {
            let t = FakeTransport::new(vec![o]);
            let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
            let all = format!("{e:?} {e}");
            assert!(!all.contains(KEY) && !all.contains("sk_SECRET_"), "{all}");
        }
    }
}

/// A wazper edge proxy names the code of its own validation rejections; only those codes, and only
/// on a 400, are taken from the body: any other status keeps its documented mapping.
#[test]
fn proxy_validation_codes_are_taken_from_the_body() {
    use ErrorCode::*;
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let call = create_call(&c);
    let cases: &[(u16, &str, ErrorCode)] = &[
        (400, "invalid_country", InvalidCountry),
        (400, "invalid_argument", InvalidArgument),
        (400, "missing_fields", MissingFields),
        (400, "no_credits", HttpError),
        (400, "made_up", HttpError),
        (402, "invalid_country", NoCredits),
        (409, "email_required", DuplicateEmail),
    ];
    for &(status, body_code, expected) in cases {
        let t = FakeTransport::new(vec![Ok(RawResponse {
            status,
            status_text: String::new(),
            retry_after: None,
            body: Body::Error {
                error: Some("Rejected by the proxy".into()),
                details: None,
                code: Some(body_code.into()),
            },
        })]);
        let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
        assert_eq!(
            (e.code, e.status),
            (expected, Some(status)),
            "{status} {body_code}"
        );
        assert_eq!(e.message, "Rejected by the proxy");
    }
}

// ---------- the form the wasm shell hands inputs to serde in ----------

#[test]
fn inputs_deserialize_from_the_shells_snapshot_form() {
    let user: RawSyncUser = serde_json::from_value(json!({
        "email": "a@acme.example",
        "country": ["null"],
        "firstName": ["symbol"],
        "lastName": 7,
        "name": true,
        "jobTitle": ["a value whose getter threw"],
        "inviteLink": ["no such type"],
        "ignored": 1
    }))
    .unwrap();
    assert_eq!(user.email, text("a@acme.example"));
    assert_eq!(user.country, Field::Null);
    assert_eq!(user.first_name, Field::Other("symbol"));
    assert_eq!(user.last_name, Field::Number(7.0));
    assert_eq!(user.name, Field::Bool(true));
    assert_eq!(user.job_title, Field::Other("a value whose getter threw"));
    assert_eq!(user.invite_link, Field::Other("unknown"));
    let opts: RawClientOptions = serde_json::from_value(json!({
        "apiKey": null, "baseUrl": "https://x.example", "timeoutMs": 1.5, "maxRetries": ["array"],
        "skipPersonalEmails": false, "dangerouslyAllowBrowser": ["object"], "maxResponseBytes": 10
    }))
    .unwrap();
    // serde_json's null is unit: the shell never sends it (null travels as ["null"]).
    assert_eq!(opts.api_key, Field::Absent);
    assert_eq!(opts.timeout_ms, Field::Number(1.5));
    assert_eq!(opts.max_retries, Field::Other("array"));
    assert_eq!(opts.dangerously_allow_browser, Field::Other("object"));
    assert_eq!(opts.max_response_bytes, Field::Number(10.0));
    // Missing properties are absent (the snapshot leaves undefined ones out).
    let update: RawColleagueUpdate = serde_json::from_value(json!({"id": "tbi_1"})).unwrap();
    assert_eq!(
        (update.id, update.status, update.email),
        (text("tbi_1"), Field::Absent, Field::Absent)
    );
}
