//! Building the HTTP request of each call: endpoint URLs joined onto the base URL, the list query
//! percent-encoded, JSON bodies written by a tiny escaper (no serde_json in the wasm path), headers.

use super::validate::{WireColleagueUpdate, WireNewColleague, WireUser};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }
}

/// The four endpoints; the retry policy depends on which one is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    UserSync,
    CreateColleague,
    ListColleagues,
    UpdateColleague,
}

impl Endpoint {
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::UserSync => "/v1/user-sync",
            Endpoint::CreateColleague => "/v1/colleagues-create",
            Endpoint::ListColleagues => "/v1/colleagues-list",
            Endpoint::UpdateColleague => "/v1/colleagues-update",
        }
    }

    pub fn method(self) -> Method {
        match self {
            Endpoint::UserSync | Endpoint::CreateColleague => Method::Post,
            Endpoint::ListColleagues => Method::Get,
            Endpoint::UpdateColleague => Method::Patch,
        }
    }
}

/// One request, ready for a transport. `Debug` hides the X-API-Key value.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl core::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    if k.eq_ignore_ascii_case("x-api-key") {
                        "[redacted]"
                    } else {
                        v
                    },
                )
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// `base` (already without trailing slash) + endpoint path.
pub fn endpoint_url(base: &str, endpoint: Endpoint) -> String {
    super::text::concat(&[base.trim_end_matches('/'), endpoint.path()])
}

/// Everything but RFC 3986's unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~").
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes everything but RFC 3986 unreserved characters, so "+", "@", "&", "=", "#" and
/// non-ASCII all survive the trip as data.
pub fn encode_query_component(value: &str) -> String {
    // Collected rather than `to_string()`: the iterator of &str pieces needs no formatter.
    percent_encoding::utf8_percent_encode(value, QUERY_VALUE).collect()
}

/// A JSON object written field by field. Strings are escaped per RFC 8259.
pub struct JsonObject {
    out: String,
    first: bool,
}

impl Default for JsonObject {
    fn default() -> Self {
        Self::new()
    }
}

impl JsonObject {
    pub fn new() -> Self {
        JsonObject {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_json_string(&mut self.out, key);
        self.out.push(':');
    }

    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        push_json_string(&mut self.out, value);
        self
    }

    pub fn opt_string(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.string(key, v);
        }
        self
    }

    pub fn integer(&mut self, key: &str, value: i64) -> &mut Self {
        self.key(key);
        if value < 0 {
            self.out.push('-');
        }
        super::text::push_u64(&mut self.out, value.unsigned_abs());
        self
    }

    /// Inserts already-serialised JSON.
    pub fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    pub fn finish(&mut self) -> String {
        let mut out = core::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

pub fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let b = c as u32 as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4])); // panic-ok: b < 0x20
                out.push(char::from(HEX[b & 15])); // panic-ok: masked to 0..16
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `{"user": {...}}`, optional fields omitted when absent.
pub fn user_sync_body(user: &WireUser) -> String {
    let inner = JsonObject::new()
        .string("email", &user.email)
        .string("country", user.country)
        .opt_string("firstName", user.first_name.as_deref())
        .opt_string("lastName", user.last_name.as_deref())
        .opt_string("name", user.name.as_deref())
        .opt_string("jobTitle", user.job_title.as_deref())
        .opt_string("inviteLink", user.invite_link.as_deref())
        .finish();
    JsonObject::new().raw("user", &inner).finish()
}

pub fn new_colleague_body(c: &WireNewColleague) -> String {
    let mut o = JsonObject::new();
    o.string("name", &c.name)
        .string("email", &c.email)
        .string("companyName", &c.company_name)
        .string("toBeInvitedById", &c.to_be_invited_by_id)
        .opt_string("jobTitle", c.job_title.as_deref())
        .opt_string("website", c.website.as_deref());
    if let Some(team) = c.team {
        o.integer("team", team);
    }
    o.opt_string("inviteLink", c.invite_link.as_deref())
        .opt_string("redirectionLink", c.redirection_link.as_deref())
        .finish()
}

pub fn colleague_update_body(u: &WireColleagueUpdate) -> String {
    JsonObject::new()
        .string("id", &u.id)
        .opt_string("status", u.status.as_deref())
        .opt_string("email", u.email.as_deref())
        .finish()
}

/// The request for `endpoint`: URL, the contract's headers, and the body if any.
pub fn build(
    base_url: &str,
    api_key: Option<&str>,
    endpoint: Endpoint,
    query_email: Option<&str>,
    body: Option<String>,
) -> HttpRequest {
    let mut url = endpoint_url(base_url, endpoint);
    if let Some(email) = query_email {
        url.push_str("?email=");
        url.push_str(&encode_query_component(email));
    }
    let mut headers: Vec<(&'static str, String)> = Vec::with_capacity(3);
    headers.push(("Accept", String::from("application/json")));
    if body.is_some() {
        headers.push(("Content-Type", String::from("application/json")));
    }
    if let Some(key) = api_key {
        headers.push(("X-API-Key", key.to_owned()));
    }
    HttpRequest {
        method: endpoint.method(),
        url,
        headers,
        body,
    }
}
