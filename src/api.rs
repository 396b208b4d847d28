//! The Wazper API as this crate knows it: the four endpoints (path, method, whether they take a
//! JSON body), the default base URL and which key values can travel in its header. One home,
//! shared by the client, the edge proxy and the shell, so a path or a method is never written twice.

/// The API everyone talks to unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.wazper.com";

/// How long one attempt waits for the API unless told otherwise (client and proxy alike).
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// Whether a key can travel in an HTTP header as given: visible ASCII only, so no CR/LF header
/// injection and no value that fetch would reject or silently alter.
pub fn is_header_safe(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

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

/// The four endpoints; the client's retry policy and the proxy's routes both key on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    UserSync,
    CreateColleague,
    ListColleagues,
    UpdateColleague,
}

impl Endpoint {
    pub const ALL: [Endpoint; 4] = [
        Endpoint::UserSync,
        Endpoint::CreateColleague,
        Endpoint::ListColleagues,
        Endpoint::UpdateColleague,
    ];

    /// The path under the base URL (and under the proxy's prefix).
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

    /// Whether the request carries a JSON body (the list takes its one parameter in the query).
    pub fn has_body(self) -> bool {
        self != Endpoint::ListColleagues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_distinct_and_methods_match_bodies() {
        for (i, a) in Endpoint::ALL.iter().enumerate() {
            assert!(a.path().starts_with("/v1/"));
            assert_eq!(a.has_body(), a.method() != Method::Get);
            for b in Endpoint::ALL.iter().skip(i + 1) {
                assert_ne!(a.path(), b.path());
            }
        }
    }
}
