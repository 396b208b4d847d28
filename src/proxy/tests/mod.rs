//! Native tests of the proxy core (declared `#[cfg(test)] mod tests;`), one file per behaviour;
//! the shell is tested in workerd by tests/proxy. Shared fixtures live here.

mod head;
mod junk;
mod options;
mod rewrite;
mod upstream;

use super::*;
use crate::input::{Arg, Field};

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

impl RequestJson for Value {
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
