//! Middleware every request goes through. `cors` (outermost) answers preflights from any origin
//! and marks every response readable cross-origin. `intake` reads the body (64 KiB at most, else
//! 413) and, for API requests, logs the request, adds --latency-ms and applies a queued fault.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::faults::{fault_response, Action, RequestFacts};
use crate::requests::LoggedRequest;
use crate::state::AppState;

/// Most request-log entries kept (oldest dropped first).
pub const MAX_LOGGED: usize = 10_000;

/// Largest request body accepted, on every route.
pub const MAX_BODY: usize = 64 * 1024;

const ALLOW_METHODS: &str = "GET, POST, PATCH, DELETE, OPTIONS";
const ALLOW_HEADERS: &str = "X-API-Key, Content-Type, Accept";

pub fn is_api(path: &str) -> bool {
    path.starts_with("/v1/")
}

pub async fn cors(req: Request, next: Next) -> Response {
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut resp = if preflight {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        // Chromium's Private Network Access asks this when a public page calls loopback.
        if req
            .headers()
            .contains_key("access-control-request-private-network")
        {
            h.insert(
                "access-control-allow-private-network",
                HeaderValue::from_static("true"),
            );
        }
        r
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After"),
    );
    resp
}

fn too_large() -> Response {
    ApiError::new(
        413,
        format!("Request body too large (limit {MAX_BODY} bytes)"),
    )
    .into_response()
}

pub async fn intake(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let api = is_api(parts.uri.path());
    let announced = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let bytes = if announced.is_some_and(|n| n > MAX_BODY as u64) {
        None
    } else {
        to_bytes(body, MAX_BODY).await.ok()
    };
    if api {
        let entry = LoggedRequest::new(
            &parts.method,
            &parts.uri,
            &parts.headers,
            bytes.as_deref(),
            crate::clock::now().iso(),
        );
        let mut log = app.requests();
        // A long demo session must not grow without bound; tests never come near this.
        if log.len() >= MAX_LOGGED {
            log.remove(0);
        }
        log.push(entry);
    }
    let Some(bytes) = bytes else {
        return too_large();
    };
    if !api {
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    }
    if !app.latency.is_zero() {
        tokio::time::sleep(app.latency).await;
    }
    let fault = app.faults().take(parts.uri.path());
    if let Some(f) = fault {
        if f.action == Action::Delay {
            tokio::time::sleep(std::time::Duration::from_millis(f.delay_ms.unwrap_or(0))).await;
        } else {
            let org = crate::auth::api_key(&parts.headers)
                .and_then(|k| app.store().key(&k).and_then(|s| s.organization.clone()));
            let facts = RequestFacts {
                path: parts.uri.path(),
                body: &bytes,
                org,
            };
            return fault_response(&f, &facts);
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
