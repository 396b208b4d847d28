//! Building the HTTP request of each call: endpoint URLs joined onto the base URL, the list query
//! percent-encoded, JSON bodies written by a tiny escaper (no serde_json in the wasm path), headers.

use super::validate::{WireColleagueUpdate, WireNewColleague, WireUser};
use crate::json::JsonWriter;
// Re-exported: the JSON writer moved to `crate::json`.
pub use crate::json::push_json_string;

// The endpoints and methods live in `crate::api`; re-exported for the client's modules.
pub use crate::api::{Endpoint, Method};

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

/// `{"user": {...}}`, optional fields omitted when absent.
pub fn user_sync_body(user: &WireUser) -> String {
    let inner = JsonWriter::new()
        .string("email", &user.email)
        .opt_string("country", user.country)
        .opt_string("firstName", user.first_name.as_deref())
        .opt_string("lastName", user.last_name.as_deref())
        .opt_string("name", user.name.as_deref())
        .opt_string("jobTitle", user.job_title.as_deref())
        .opt_string("inviteLink", user.invite_link.as_deref())
        .finish();
    JsonWriter::new().raw("user", &inner).finish()
}

pub fn new_colleague_body(c: &WireNewColleague) -> String {
    let mut o = JsonWriter::new();
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
    JsonWriter::new()
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
