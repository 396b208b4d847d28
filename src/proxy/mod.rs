//! The edge proxy's pure core: routes, access and CORS decisions, body limits, and the
//! user-sync rewrite (country from the edge, personal emails answered locally).
//!
//! The wasm shell (`crate::wasm::proxy`) feeds it the facts of one request in steps — head first
//! ([`Proxy::check_head`]), then the body ([`BodyLimit`], [`Proxy::prepare`]) — and turns the answers
//! into `Response`s or an upstream `fetch`. Nothing here knows of JavaScript, so every decision is
//! tested natively.

mod config;
mod cors;
mod reply;
mod respond;
pub(crate) mod rewrite;
mod route;

pub use crate::api::{Endpoint, Method};
pub use config::{
    Config, Options, DEFAULT_BASE_URL, DEFAULT_BINDING, DEFAULT_MAX_BODY_BYTES, DEFAULT_PREFIX,
    DEFAULT_TIMEOUT_MS,
};
pub use cors::{OriginCheck, PREFLIGHT_MAX_AGE};
pub use reply::{scrub, Reply, Upstream, MAX_UPSTREAM_BYTES};
pub use respond::LocalResponse;
pub use rewrite::RequestJson;
pub use route::{allow_header, query_of};

/// What the shell knows about a request before reading its body.
#[derive(Clone, Copy, Debug)]
pub struct Head<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub origin: Option<&'a str>,
    /// `Access-Control-Request-Method` (present on CORS preflights).
    pub preflight_method: Option<&'a str>,
    /// `Access-Control-Request-Headers`.
    pub preflight_headers: Option<&'a str>,
    pub content_length: Option<&'a str>,
}

/// The answer to a request's head.
#[derive(Debug, PartialEq)]
pub enum HeadDecision {
    /// Answer at once (404, 405, 403, 413, preflight 204...).
    Respond(LocalResponse),
    /// Read the body (bounded by `max_body_bytes`), authorize, then [`Proxy::prepare`].
    Proceed { route: Endpoint, cors: OriginCheck },
}

/// What to do once the body is read and the caller authorized.
#[derive(Debug, PartialEq)]
pub enum Prepared {
    Respond(LocalResponse),
    /// Forward to `url` with `method`, and `body` as `application/json` when present.
    Forward {
        method: Method,
        url: String,
        body: Option<String>,
    },
}

/// One configured proxy: immutable, shared by every request.
#[derive(Clone, Debug)]
pub struct Proxy {
    pub config: Config,
}

impl Proxy {
    pub fn new(config: Config) -> Self {
        Proxy { config }
    }

    /// Routing, origin, preflight, method and declared-length checks, in that order.
    pub fn check_head(&self, head: &Head<'_>) -> HeadDecision {
        let (path, self_origin) = route::split_url(head.url);
        let Some(route) = route::find(&self.config.prefix, path) else {
            return HeadDecision::Respond(LocalResponse::error(404, "Not found"));
        };
        let cors = cors::check_origin(&self.config.allowed_origins, head.origin, self_origin);
        if cors == OriginCheck::Forbidden {
            return HeadDecision::Respond(LocalResponse::error(403, "Origin not allowed"));
        }
        if head.method.eq_ignore_ascii_case("OPTIONS") {
            let resp = match (head.origin, head.preflight_method) {
                (Some(_), Some(requested)) => {
                    cors::preflight(route, requested, head.preflight_headers, &cors)
                }
                _ => LocalResponse::empty(204).with_header("Allow", allow_header(route)),
            };
            return HeadDecision::Respond(resp.with_cors(&cors));
        }
        if head.method != route.method().as_str() {
            let resp = LocalResponse::error(405, "Method not allowed")
                .with_header("Allow", allow_header(route));
            return HeadDecision::Respond(resp.with_cors(&cors));
        }
        if let Some(declared) = head
            .content_length
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            if declared > self.config.max_body_bytes {
                return HeadDecision::Respond(LocalResponse::too_large().with_cors(&cors));
            }
        }
        HeadDecision::Proceed { route, cors }
    }

    /// Validates and rewrites the request for `route`: `body` is the parsed JSON body (None when it
    /// is not a JSON object), `query` the raw query string, `cf_country` the client's country code as
    /// `crate::geo::country_from_request` found it (`request.cf.country`, then `config.trust`).
    pub fn prepare<O: RequestJson>(
        &self,
        route: Endpoint,
        body: Option<&O>,
        query: &str,
        cf_country: Option<&str>,
    ) -> Prepared {
        let outcome = match route {
            Endpoint::UserSync => {
                rewrite::user_sync(body, cf_country, self.config.skip_personal_emails)
            }
            Endpoint::CreateColleague => rewrite::colleagues_create(body),
            Endpoint::UpdateColleague => rewrite::colleagues_update(body),
            Endpoint::ListColleagues => rewrite::colleagues_list(query),
        };
        match outcome {
            rewrite::Outcome::Respond(resp) => Prepared::Respond(resp),
            rewrite::Outcome::Body(body) => Prepared::Forward {
                method: route.method(),
                url: self.upstream_url(route, ""),
                body: Some(body),
            },
            rewrite::Outcome::Query(query) => Prepared::Forward {
                method: route.method(),
                url: self.upstream_url(route, &query),
                body: None,
            },
        }
    }

    fn upstream_url(&self, route: Endpoint, query: &str) -> String {
        let mut url = String::with_capacity(self.config.base_url.len() + 40 + query.len());
        url.push_str(&self.config.base_url);
        url.push_str(route.path());
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

/// Counts body bytes while they stream in, so a missing or lying `Content-Length` cannot get
/// more than `max` bytes past the proxy.
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit {
    max: u64,
    seen: u64,
}

impl BodyLimit {
    pub fn new(max: u64) -> Self {
        BodyLimit { max, seen: 0 }
    }

    /// Adds a chunk; false once the total exceeds the limit.
    pub fn add(&mut self, chunk_len: usize) -> bool {
        self.seen = self.seen.saturating_add(chunk_len as u64);
        self.seen <= self.max
    }
}

/// The secret must be a non-empty, header-safe token (the client's rule): anything else would
/// make `Headers.set` throw an error that could quote it.
pub fn api_key_usable(key: &str) -> bool {
    crate::api::is_header_safe(key)
}

/// The answer when the secret binding is missing or unusable: says nothing about why.
pub fn misconfigured() -> LocalResponse {
    LocalResponse::error(500, "Internal server error")
}

/// The answer when the `authorize` hook says no.
pub fn unauthorized() -> LocalResponse {
    LocalResponse::error(401, "Unauthorized")
}

/// The answer when the upstream cannot be reached.
pub fn upstream_unreachable() -> LocalResponse {
    LocalResponse::error(502, "Upstream unreachable")
}

/// The answer when the upstream has not answered (body included) within `timeoutMs`.
pub fn upstream_timeout() -> LocalResponse {
    LocalResponse::error(504, "Upstream timed out")
}

/// The answer when the upstream redirects: the call never follows one, so the key goes nowhere
/// else and the browser never sees where it pointed.
pub fn upstream_redirected() -> LocalResponse {
    LocalResponse::error(502, "Upstream redirected")
}

/// The answer when the upstream body exceeds [`MAX_UPSTREAM_BYTES`].
pub fn upstream_too_large() -> LocalResponse {
    LocalResponse::error(502, "Upstream response too large")
}

/// The answer when the request body has not fully arrived within `timeoutMs` (a slow sender
/// must not hold the Worker open): 408, so a client knows to send it again, faster.
pub fn body_timeout() -> LocalResponse {
    LocalResponse::error(408, "Request body timed out")
}

/// The upstream request for a [`Prepared::Forward`]: only `Accept`, `Content-Type` (with a body)
/// and the key travel; nothing the browser sent is copied.
pub fn upstream_request(
    method: Method,
    url: String,
    body: Option<String>,
    key: &str,
) -> crate::client::HttpRequest {
    let mut headers = vec![("Accept", String::from("application/json"))];
    if body.is_some() {
        headers.push(("Content-Type", String::from("application/json")));
    }
    headers.push(("X-API-Key", key.to_string()));
    crate::client::HttpRequest {
        method,
        url,
        headers,
        body,
    }
}

/// The answer when the body exceeds the limit while streaming.
pub fn too_large() -> LocalResponse {
    LocalResponse::too_large()
}

/// The answer when the body is not a JSON object (bad UTF-8, bad JSON, an array...).
pub fn bad_json() -> LocalResponse {
    rewrite::bad_json()
}

#[cfg(test)]
mod tests;
