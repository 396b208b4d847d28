//! The four routes under the prefix, and what the shell needs to know of each.

/// One of the API's four endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    UserSync,
    ColleaguesCreate,
    ColleaguesList,
    ColleaguesUpdate,
}

const ROUTES: [Route; 4] = [
    Route::UserSync,
    Route::ColleaguesCreate,
    Route::ColleaguesList,
    Route::ColleaguesUpdate,
];

impl Route {
    /// The path under both the proxy prefix and the upstream base URL.
    pub fn upstream_path(self) -> &'static str {
        match self {
            Route::UserSync => "/v1/user-sync",
            Route::ColleaguesCreate => "/v1/colleagues-create",
            Route::ColleaguesList => "/v1/colleagues-list",
            Route::ColleaguesUpdate => "/v1/colleagues-update",
        }
    }

    pub fn method(self) -> &'static str {
        match self {
            Route::UserSync | Route::ColleaguesCreate => "POST",
            Route::ColleaguesList => "GET",
            Route::ColleaguesUpdate => "PATCH",
        }
    }

    pub fn allow_header(self) -> &'static str {
        match self {
            Route::UserSync | Route::ColleaguesCreate => "POST, OPTIONS",
            Route::ColleaguesList => "GET, OPTIONS",
            Route::ColleaguesUpdate => "PATCH, OPTIONS",
        }
    }

    /// Whether the route takes a JSON body (read, validated and rewritten before forwarding).
    pub fn has_body(self) -> bool {
        self != Route::ColleaguesList
    }

    /// The route `path` names under `prefix` (exact match; one trailing "/" tolerated).
    pub fn find(prefix: &str, path: &str) -> Option<Route> {
        let rest = path.strip_prefix(prefix)?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        ROUTES.into_iter().find(|r| r.upstream_path() == rest)
    }
}

/// Splits an absolute request URL into (path, origin); the query and fragment are dropped from
/// the path. Unparseable input gives an empty path (which no route matches) and an empty origin.
pub fn split_url(url: &str) -> (&str, &str) {
    let Some(scheme_end) = crate::client::text::find(url, "://") else {
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
