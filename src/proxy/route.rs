//! The routes under the prefix: one per API endpoint (`crate::api::Endpoint`, the one list), and
//! what the proxy adds to each (the `Allow` header), plus reading the path and query of a URL.

use crate::api::Endpoint;

/// The endpoint `path` names under `prefix` (exact match; one trailing "/" tolerated).
pub fn find(prefix: &str, path: &str) -> Option<Endpoint> {
    let rest = path.strip_prefix(prefix)?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    Endpoint::ALL.into_iter().find(|e| e.path() == rest)
}

/// The `Allow` header of a route: its one method, and OPTIONS for preflights.
pub fn allow_header(endpoint: Endpoint) -> &'static str {
    match endpoint.method() {
        crate::api::Method::Post => "POST, OPTIONS",
        crate::api::Method::Get => "GET, OPTIONS",
        crate::api::Method::Patch => "PATCH, OPTIONS",
    }
}

/// Splits an absolute request URL into (path, origin); the query and fragment are dropped from
/// the path. Unparseable input gives an empty path (which no route matches) and an empty origin.
pub fn split_url(url: &str) -> (&str, &str) {
    let Some(scheme_end) = url.find("://") else {
        return ("", "");
    };
    let after = scheme_end + 3;
    let rest = url.get(after..).unwrap_or("");
    let path_start = rest
        .find(['/', '?', '#'])
        .map(|i| after + i)
        .unwrap_or(url.len());
    let origin = url.get(..path_start).unwrap_or("");
    let tail = url.get(path_start..).unwrap_or("");
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    (tail.get(..path_end).unwrap_or(""), origin)
}

/// The raw query string of an absolute URL ("" when none).
pub fn query_of(url: &str) -> &str {
    let Some(q) = url.find('?') else { return "" };
    let rest = url.get(q + 1..).unwrap_or("");
    rest.split('#').next().unwrap_or("")
}
