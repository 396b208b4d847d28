//! The edge proxy's request reading: a request head (method, URL, origin, preflight headers,
//! Content-Length) and a JSON body from raw bytes through `check_head` and `prepare`. Never
//! panics; a forwarded request goes to the configured upstream only.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wazper::input::{Arg, Field};
use wazper::proxy::{Config, Head, HeadDecision, RequestJson, Options, Prepared, Proxy};

#[derive(Clone)]
struct Obj(Value);

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

impl RequestJson for Obj {
    fn field(&self, name: &str) -> Field {
        to_field(self.0.get(name))
    }
    fn object(&self, name: &str) -> Arg<Self> {
        match self.0.get(name) {
            Some(v @ Value::Object(_)) => Arg::Object(Obj(v.clone())),
            other => match to_field(other) {
                Field::Absent => Arg::Absent,
                Field::Null => Arg::Null,
                f => Arg::Other(f.type_name()),
            },
        }
    }
}

const UPSTREAM: &str = "https://api.example.test/base";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Fields separated by newlines: method, url, origin, preflight method, preflight headers,
    // content-length, cf country, then the body.
    let mut parts = text.splitn(8, '\n');
    let mut next = || parts.next();
    let method = next().unwrap_or("POST");
    let url = next().unwrap_or("https://app.example/wazper/v1/user-sync");
    let origin = next().filter(|s| !s.is_empty());
    let preflight_method = next().filter(|s| !s.is_empty());
    let preflight_headers = next().filter(|s| !s.is_empty());
    let content_length = next().filter(|s| !s.is_empty());
    let cf_country = next().filter(|s| !s.is_empty());
    let body = next().unwrap_or("");
    let proxy = Proxy::new(
        Config::from_options(Options {
            allow_anonymous: true,
            base_url: Some(UPSTREAM.into()),
            allowed_origins: Some(vec!["https://app.example".into()]),
            ..Options::default()
        })
        .expect("valid options"),
    );
    let head = Head {
        method,
        url,
        origin,
        preflight_method,
        preflight_headers,
        content_length,
    };
    let HeadDecision::Proceed { route, .. } = proxy.check_head(&head) else {
        return;
    };
    let parsed = serde_json::from_str::<Value>(body)
        .ok()
        .filter(Value::is_object)
        .map(Obj);
    let query = wazper::proxy::query_of(url);
    match proxy.prepare(route, parsed.as_ref(), query, cf_country) {
        Prepared::Forward { url: to, body, .. } => {
            assert!(to.starts_with(UPSTREAM), "{to}");
            assert!(!to[UPSTREAM.len()..].contains("://"), "{to}");
            if let Some(b) = body {
                assert!(
                    serde_json::from_str::<Value>(&b).is_ok(),
                    "forwarded body is JSON: {b}"
                );
            }
        }
        Prepared::Respond(_) => {}
    }
});
