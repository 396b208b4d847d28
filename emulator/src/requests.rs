//! The request log behind GET /__emulator/requests: every API request received (CORS preflights
//! excluded), as the client sent it, so tests can prove what a call sent, or that it sent nothing.

use std::collections::BTreeMap;

use axum::http::{HeaderMap, Method, Uri};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    /// The raw query string (without '?'), or null when the URL had none.
    pub query: Option<String>,
    /// Lower-cased names; repeated headers joined with ", ".
    pub headers: BTreeMap<String, String>,
    /// The body as text (invalid UTF-8 replaced); null when it was too large to read.
    pub body: Option<String>,
    pub received_at: String,
}

impl LoggedRequest {
    pub fn new(
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: Option<&[u8]>,
        received_at: String,
    ) -> Self {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            map.entry(name.as_str().to_ascii_lowercase())
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert(value);
        }
        LoggedRequest {
            method: method.as_str().to_string(),
            path: uri.path().to_string(),
            query: uri.query().map(str::to_string),
            headers: map,
            body: body.map(|b| String::from_utf8_lossy(b).into_owned()),
            received_at,
        }
    }
}
