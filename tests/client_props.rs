//! Property tests of the client core: junk into every entry point never panics (a panic would trap
//! the wasm instance), and the encoders round-trip.
#![cfg(not(target_arch = "wasm32"))]

mod client_support;

use client_support::*;
use proptest::prelude::*;
use serde_json::json;
use wazper::client::options::{
    call_config, client_config, RawCallOptions, RawClientOptions, Runtime, SignalField,
};
use wazper::client::request::{encode_query_component, push_json_string};
use wazper::client::response::{map_error, RawResponse, ResponseBody};
use wazper::client::retry::{backoff_ms, parse_http_date, parse_retry_after};
use wazper::client::text::sanitize_server_text;
use wazper::client::validate::{RawColleagueUpdate, RawNewColleague, RawSyncUser};
use wazper::client::{CallConfig, TransportError};
use wazper::input::{Arg, Field};

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        Just(Field::Absent),
        Just(Field::Null),
        any::<String>().prop_map(Field::Text),
        "[a-z.+]{0,8}@[a-z]{1,8}\\.(com|example|de)".prop_map(Field::Text),
        prop::sample::select(vec!["US", "fr", "Germany", "", " ", "xx", "United States"])
            .prop_map(|s| Field::Text(s.into())),
        any::<f64>().prop_map(Field::Number),
        any::<bool>().prop_map(Field::Bool),
        prop::sample::select(vec!["object", "symbol", "bigint", "function", "array"])
            .prop_map(Field::Other),
    ]
}

fn arg<T: std::fmt::Debug + Clone>(
    inner: impl Strategy<Value = T>,
) -> impl Strategy<Value = Arg<T>> {
    prop_oneof![
        Just(Arg::Absent),
        Just(Arg::Null),
        Just(Arg::Other("number")),
        inner.prop_map(Arg::Object)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn options_never_panic_and_never_echo_keys(
        key in field(), base in field(), t in field(), r in field(), s in field(), d in field(), u in field(), browser in any::<bool>()
    ) {
        let raw = RawClientOptions { api_key: key.clone(), base_url: base, timeout_ms: t, max_retries: r, skip_personal_emails: s, dangerously_allow_browser: d, retry_unsafe: u, ..RawClientOptions::default() };
        let rt = if browser { Runtime::Browser } else { Runtime::Server };
        match client_config(Arg::Object(raw), rt) {
            Ok(c) => { let d = format!("{:?}", c); prop_assert!(!d.contains("sk_")) },
            Err(e) => {
                prop_assert_eq!(e.status, None);
                if let Field::Text(k) = &key {
                    if k.len() >= 6 { prop_assert!(!e.message.contains(k.as_str())); }
                }
            }
        }
    }

    #[test]
    fn inputs_never_panic(
        a in arg((field(), field(), field(), field(), field(), field(), field())),
        b in arg((field(), field(), field(), field(), field(), field(), field(), field(), field())),
        u in arg((field(), field(), field())),
        e in field(),
        sig in prop_oneof![Just(SignalField::Absent), Just(SignalField::Signal), Just(SignalField::Other("object"))],
        tm in field(),
    ) {
        let c = config();
        let user = match a { Arg::Object((email, country, first_name, last_name, name, job_title, invite_link)) => Arg::Object(RawSyncUser { email, country, first_name, last_name, name, job_title, invite_link }), Arg::Absent => Arg::Absent, Arg::Null => Arg::Null, Arg::Other(t) => Arg::Other(t) };
        let _ = c.plan_user_sync(user);
        let input = match b { Arg::Object((name, email, company_name, to_be_invited_by_id, job_title, website, team, invite_link, redirection_link)) => Arg::Object(RawNewColleague { name, email, company_name, to_be_invited_by_id, job_title, website, team, invite_link, redirection_link }), Arg::Absent => Arg::Absent, Arg::Null => Arg::Null, Arg::Other(t) => Arg::Other(t) };
        if let Ok(call) = c.plan_create_colleague(input) {
            // Whatever went in, the body is valid JSON.
            prop_assert!(serde_json::from_str::<serde_json::Value>(call.request.body.as_deref().unwrap_or("")).is_ok());
        }
        let update = match u { Arg::Object((id, status, email)) => Arg::Object(RawColleagueUpdate { id, status, email }), Arg::Absent => Arg::Absent, Arg::Null => Arg::Null, Arg::Other(t) => Arg::Other(t) };
        let _ = c.plan_update_colleague(update);
        if let Ok(call) = c.plan_list_colleagues(e) {
            prop_assert!(call.request.url.is_ascii());
        }
        let _ = call_config(Arg::Object(RawCallOptions { signal: sig, timeout_ms: tm }));
    }

    #[test]
    fn json_strings_round_trip(s in any::<String>()) {
        let mut out = String::new();
        push_json_string(&mut out, &s);
        prop_assert_eq!(serde_json::from_str::<String>(&out).ok(), Some(s));
    }

    #[test]
    fn query_encoding_round_trips(s in any::<String>()) {
        let enc = encode_query_component(&s);
        prop_assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        let mut bytes = Vec::new();
        let raw = enc.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'%' {
                bytes.push(u8::from_str_radix(&enc[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                bytes.push(raw[i]);
                i += 1;
            }
        }
        prop_assert_eq!(String::from_utf8(bytes).ok(), Some(s));
    }

    #[test]
    fn retry_after_and_dates_never_panic(s in any::<String>(), now in any::<f64>(), date in "[A-Za-z]{3}, [0-9]{1,2} [A-Za-z]{3} [0-9]{2,4} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2} GMT") {
        let _ = parse_retry_after(&s, now);
        let _ = parse_http_date(&s);
        let _ = parse_retry_after(&date, now);
    }

    /// Differential: on strictly formatted dates in the three RFC 9110 forms (valid or not: day 0-39,
    /// hour 0-25, wrong weekdays, 29 Feb of any year) the parser agrees with the `httpdate` crate.
    #[test]
    fn http_dates_agree_with_httpdate(
        form in 0..3u8, wd in 0..7usize, day in 0..40u32, mon in 0..12usize, year in 1965..10010i64,
        h in 0..26u32, m in 0..62u32, sec in 0..62u32,
    ) {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const LONG: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        const MONS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let s = match form {
            0 => format!("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", DAYS[wd], day, MONS[mon], year, h, m, sec),
            1 => format!("{}, {:02}-{}-{:02} {:02}:{:02}:{:02} GMT", LONG[wd], day, MONS[mon], year % 100, h, m, sec),
            _ => format!("{} {} {:>2} {:02}:{:02}:{:02} {:04}", DAYS[wd], MONS[mon], day, h, m, sec, year),
        };
        let oracle = httpdate::parse_http_date(&s)
            .ok()
            .map(|t| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as f64 * 1000.0);
        prop_assert_eq!(parse_http_date(&s), oracle, "{}", s);
    }

    /// Whatever the header, a wait is within 60 s and a refusal is over 60 s and an exact JS number.
    #[test]
    fn retry_after_is_bounded(digits in "[0-9]{1,40}", s in any::<String>(), now in 0.0..4e12f64) {
        use wazper::client::retry::{RetryAfter, MAX_SAFE_INTEGER};
        for v in [digits.as_str(), s.as_str()] {
            match parse_retry_after(v, now) {
                Some(RetryAfter::Wait(ms)) => prop_assert!(ms <= 60_000),
                Some(RetryAfter::TooLong(secs)) => prop_assert!(secs > 60 && secs <= MAX_SAFE_INTEGER),
                None => prop_assert!(v != digits.as_str()),
            }
        }
    }

    #[test]
    fn backoff_stays_in_bounds(n in any::<u32>(), r in any::<f64>()) {
        let d = backoff_ms(n, r);
        prop_assert!((375..=8000).contains(&d), "{}", d);
    }

    #[test]
    fn server_text_never_carries_the_key(prefix in ".{0,400}", suffix in ".{0,50}", status in 100u16..600) {
        let text = [prefix.as_str(), KEY, suffix.as_str()].concat();
        let e = map_error(status, &text, Some(&text), Some(&text), Some(KEY));
        prop_assert!(!e.message.contains(KEY) && !e.message.contains("sk_SECRET_"));
        let d = format!("{:?}", e); prop_assert!(!d.contains("sk_SECRET_"));
        let s = sanitize_server_text(&text, Some(KEY));
        prop_assert!(!s.contains("sk_SECRET_"));
    }

    #[test]
    fn executor_settles_on_any_script(
        script in prop::collection::vec((0u8..6, 100u16..600, prop::option::of("[0-9]{1,3}|soon")), 0..8),
        max_retries in 0u32..4,
        random in 0.0f64..1.0,
    ) {
        let c = config_with(|r| r.max_retries = Field::Number(f64::from(max_retries)));
        let outcomes = script.into_iter().map(|(kind, status, ra)| match kind {
            0 => Err(TransportError::Network),
            1 => Err(TransportError::Timeout),
            2 => Err(TransportError::Aborted),
            3 => Ok(RawResponse { status, status_text: String::new(), retry_after: ra, body: ResponseBody::NotJson }),
            4 => Ok(RawResponse { status, status_text: "X".into(), retry_after: ra, body: ResponseBody::Error { error: Some("Invalid API Key".into()), details: None , code: None} }),
            _ => Ok(RawResponse { status, status_text: String::new(), retry_after: ra, body: ResponseBody::Json(J(json!([{"id": "a", "email": "b@c.d"}]))) }),
        }).collect();
        let t = FakeTransport::new(outcomes);
        let clock = FakeClock { random, ..FakeClock::default() };
        let call = c.plan_list_colleagues(text("me@acme.example")).unwrap();
        let r = block_on(c.run(&call, CallConfig { timeout_ms: None, has_signal: false }, &t, &clock));
        prop_assert!(t.attempts() as u32 <= max_retries + 1);
        prop_assert!(clock.sleeps.borrow().iter().all(|&ms| ms <= 60_000));
        if let Err(e) = r { prop_assert!(e.status.map_or(true, |s| (100..600).contains(&s))); }
    }
}

#[test]
fn normalize_agrees_with_classify() {
    for s in [
        "John.Doe@ACME.example",
        " a@b.co ",
        "nope",
        "x@",
        "Ann <ann@acme.example>",
        "ü@bücher.example",
        "",
    ] {
        assert_eq!(
            wazper::email::normalize(s),
            wazper::email::classify(s).email,
            "{s}"
        );
    }
}

/// A `Field` in the form the wasm shell's snapshot hands it to serde (src/wasm/convert.rs), or
/// `None` for a property that is left out.
fn snapshot_form(f: &Field) -> Option<serde_json::Value> {
    match f {
        Field::Absent => None,
        Field::Null => Some(json!(["null"])),
        Field::Text(s) => Some(json!(s)),
        // JSON has no NaN or infinities; serde_json reads them back as null.
        Field::Number(n) if n.is_finite() => Some(json!(n)),
        Field::Number(_) => None,
        Field::Bool(b) => Some(json!(b)),
        Field::Other(t) => Some(json!([t])),
    }
}

proptest! {
    /// Every field value survives the snapshot form: what the core validates is what JS gave.
    #[test]
    fn inputs_round_trip_through_the_snapshot_form(
        fields in prop::collection::vec(field(), 7),
        junk in prop::collection::vec(any::<String>(), 0..3),
    ) {
        let names = ["email", "country", "firstName", "lastName", "name", "jobTitle", "inviteLink"];
        let mut obj = serde_json::Map::new();
        for (name, f) in names.iter().zip(&fields) {
            if let Some(v) = snapshot_form(f) {
                obj.insert((*name).to_owned(), v);
            }
        }
        // Unknown properties and unknown type names never fail the read.
        for (i, j) in junk.iter().enumerate() {
            obj.insert(["extra", &i.to_string()].concat(), json!([j]));
        }
        let user: RawSyncUser = serde_json::from_value(serde_json::Value::Object(obj)).unwrap();
        let got = [user.email, user.country, user.first_name, user.last_name, user.name, user.job_title, user.invite_link];
        for (g, f) in got.iter().zip(&fields) {
            let want = match f {
                Field::Number(n) if !n.is_finite() => Field::Absent,
                other => other.clone(),
            };
            prop_assert_eq!(g, &want);
        }
    }

    /// An unknown type name is "unknown", never a failure.
    #[test]
    fn unknown_type_names_read_as_unknown(name in any::<String>()) {
        let u: RawColleagueUpdate = serde_json::from_value(json!({ "id": [name.clone()] })).unwrap();
        let known = ["null", "object", "array", "function", "symbol", "bigint", "unknown", "a value whose getter threw"];
        if !known.contains(&name.as_str()) {
            prop_assert_eq!(u.id, Field::Other("unknown"));
        }
    }
}
