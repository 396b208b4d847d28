//! Native tests of issue 15's core rules outside the geo module itself: a keyless client may leave
//! the country to the proxy (a keyed one may not), and the proxy's `trust` option.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use wazper::client::options::{client_config, RawClientOptions, Runtime};
use wazper::client::validate::RawSyncUser;
use wazper::client::{ClientConfig, UserSyncPlan};
use wazper::geo::Platform;
use wazper::input::{Arg, Field};
use wazper::proxy::{Config, Options};
use wazper::ErrorCode;

fn text(s: &str) -> Field {
    Field::Text(s.to_owned())
}

fn client(key: Option<&str>) -> ClientConfig {
    let raw = RawClientOptions {
        api_key: key.map(text).unwrap_or(Field::Absent),
        base_url: text("https://app.example/wazper"),
        ..RawClientOptions::default()
    };
    client_config(Arg::Object(raw), Runtime::Server).expect("valid options")
}

fn user(email: &str, country: Field) -> Arg<RawSyncUser> {
    Arg::Object(RawSyncUser {
        email: text(email),
        country,
        first_name: text("Ana"),
        last_name: Field::Absent,
        name: Field::Absent,
        job_title: Field::Absent,
        invite_link: Field::Absent,
    })
}

fn sent_body(c: &ClientConfig, u: Arg<RawSyncUser>) -> Value {
    match c.plan_user_sync(u).expect("valid user") {
        UserSyncPlan::Send(call) => {
            serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap()
        }
        other => panic!("expected a request, got {other:?}"),
    }
}

fn code(c: &ClientConfig, u: Arg<RawSyncUser>) -> ErrorCode {
    c.plan_user_sync(u).expect_err("client-side error").code
}

#[test]
fn keyless_client_sends_user_sync_without_country() {
    let c = client(None);
    for missing in [Field::Absent, Field::Null, text(""), text("   ")] {
        assert_eq!(
            sent_body(&c, user("ana@acme.example", missing)),
            json!({"user": {"email": "ana@acme.example", "firstName": "Ana"}})
        );
    }
    // A given country is still normalised, and still refused when unrecognisable.
    assert_eq!(
        sent_body(&c, user("ana@acme.example", text("de")))["user"]["country"],
        "Germany"
    );
    assert_eq!(
        code(&c, user("ana@acme.example", text("Narnia"))),
        ErrorCode::InvalidCountry
    );
    assert_eq!(
        code(&c, user("ana@acme.example", Field::Number(1.0))),
        ErrorCode::InvalidArgument
    );
    assert_eq!(
        code(&c, user("nope", Field::Absent)),
        ErrorCode::InvalidEmail
    );
}

#[test]
fn keyed_client_still_requires_the_country() {
    let c = client(Some("sk_live_abc"));
    for missing in [Field::Absent, Field::Null, text(""), text("   ")] {
        assert_eq!(
            code(&c, user("ana@acme.example", missing)),
            ErrorCode::CountryRequired
        );
    }
    assert_eq!(
        code(&c, user("ana@acme.example", text("Narnia"))),
        ErrorCode::InvalidCountry
    );
    assert_eq!(
        sent_body(&c, user("ana@acme.example", text("FR")))["user"]["country"],
        "France"
    );
}

fn proxy_config(trust: Option<Vec<&str>>) -> Result<Config, wazper::Error> {
    Config::from_options(Options {
        allow_anonymous: true,
        trust: trust.map(|t| t.into_iter().map(String::from).collect()),
        ..Options::default()
    })
}

#[test]
fn proxy_trust_option() {
    assert_eq!(proxy_config(None).unwrap().trust, vec![]);
    assert_eq!(
        proxy_config(Some(vec!["vercel", "CloudFront"]))
            .unwrap()
            .trust,
        vec![Platform::Vercel, Platform::CloudFront]
    );
    let all: Vec<&str> = Platform::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(
        proxy_config(Some(all)).unwrap().trust,
        Platform::ALL.to_vec()
    );
    for bad in ["cloudfare", "", "aws"] {
        let e = proxy_config(Some(vec!["vercel", bad])).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{bad:?}");
        assert!(e.message.contains("trust"), "{}", e.message);
    }
}
