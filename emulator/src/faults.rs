//! Fault injection: a queue of faults set through POST /__emulator/faults, each applied to the
//! next `count` API requests whose path matches its route (or any, for "*"). A faulted request is
//! not processed: the fault's response replaces the endpoint's (except "delay", which answers
//! normally after waiting).

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::error::ApiError;
use crate::messages;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Answer `status` with the documented error body (or `body`).
    Status,
    /// Wait `delayMs`, then answer normally.
    Delay,
    /// Close the connection without answering.
    Drop,
    /// Answer the success status with a body that is not JSON.
    Malformed,
    /// Announce a Content-Length larger than the body sent, then close.
    Truncated,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    pub route: String,
    pub count: u64,
    pub action: Action,
    pub status: Option<u16>,
    pub retry_after: Option<String>,
    pub body: Option<String>,
    pub content_type: Option<String>,
    pub delay_ms: Option<u64>,
}

#[derive(Debug, Default)]
pub struct FaultQueue {
    queue: VecDeque<Fault>,
}

impl FaultQueue {
    pub fn push(&mut self, f: Fault) {
        self.queue.push_back(f);
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }

    pub fn list(&self) -> Vec<Fault> {
        self.queue.iter().cloned().collect()
    }

    /// The first queued fault matching `path`, consuming one of its uses.
    pub fn take(&mut self, path: &str) -> Option<Fault> {
        let i = self
            .queue
            .iter()
            .position(|f| f.route == "*" || f.route == path)?;
        let f = self.queue.get_mut(i)?;
        f.count = f.count.saturating_sub(1);
        let out = f.clone();
        if f.count == 0 {
            self.queue.remove(i);
        }
        Some(out)
    }
}

/// Parses one fault of the control API, filling in the defaults.
pub fn parse_fault(v: &Value) -> Result<Fault, ApiError> {
    let m = v
        .as_object()
        .ok_or_else(|| ApiError::bad_request("A fault must be a JSON object"))?;
    const KNOWN: [&str; 8] = [
        "route",
        "count",
        "action",
        "status",
        "retryAfter",
        "body",
        "contentType",
        "delayMs",
    ];
    if let Some(k) = m.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(ApiError::bad_request(format!("Unknown fault field {k}")));
    }
    let s = |k: &str| -> Result<Option<String>, ApiError> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if k == "retryAfter" => Ok(Some(n.to_string())),
            Some(_) => Err(ApiError::bad_request(format!(
                "Fault field {k} must be a string"
            ))),
        }
    };
    let n = |k: &str| -> Result<Option<u64>, ApiError> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| {
                ApiError::bad_request(format!("Fault field {k} must be a non-negative integer"))
            }),
        }
    };
    let route = s("route")?.unwrap_or_else(|| "*".into());
    if route != "*" && !route.starts_with("/v1/") {
        return Err(ApiError::bad_request(
            "Fault route must be \"*\" or an API path such as /v1/user-sync",
        ));
    }
    let action = match s("action")?.as_deref() {
        None | Some("status") => Action::Status,
        Some("delay") => Action::Delay,
        Some("drop") => Action::Drop,
        Some("malformed") => Action::Malformed,
        Some("truncated") => Action::Truncated,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "Unknown fault action {other}"
            )))
        }
    };
    let count = n("count")?.unwrap_or(1);
    if count == 0 {
        return Err(ApiError::bad_request("Fault count must be at least 1"));
    }
    let status = match n("status")? {
        Some(code) if (200..=599).contains(&code) => Some(code as u16),
        Some(_) => {
            return Err(ApiError::bad_request(
                "Fault status must be between 200 and 599",
            ))
        }
        None if action == Action::Status => Some(500),
        None => None,
    };
    let retry_after = s("retryAfter")?;
    let content_type = s("contentType")?;
    for h in [&retry_after, &content_type].into_iter().flatten() {
        if HeaderValue::from_str(h).is_err() {
            return Err(ApiError::bad_request(
                "Fault retryAfter/contentType must be a valid header value",
            ));
        }
    }
    Ok(Fault {
        route,
        count,
        action,
        status,
        retry_after,
        body: s("body")?,
        content_type,
        delay_ms: n("delayMs")?.or((action == Action::Delay).then_some(1000)),
    })
}

/// Marks a response the connection loop must not send: it closes the connection instead.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// The status an endpoint answers on success.
pub fn success_status(path: &str) -> u16 {
    match path {
        "/v1/user-sync" => 202,
        "/v1/colleagues-create" => 201,
        _ => 200,
    }
}

/// What the request carried, for error bodies that quote it (404/409 messages).
pub struct RequestFacts<'a> {
    pub path: &'a str,
    pub body: &'a [u8],
    pub org: Option<String>,
}

/// The documented error body of `status` on this endpoint, or a generic `{"error": reason}`.
pub fn documented_body(status: u16, facts: &RequestFacts) -> Value {
    let path = facts.path;
    let field = |k: &str| -> String {
        serde_json::from_slice::<Map<String, Value>>(facts.body)
            .ok()
            .and_then(|m| m.get(k).and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| "unknown".into())
    };
    let sync = path == "/v1/user-sync";
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let msg = match (status, path) {
        (400, "/v1/user-sync") => messages::EMAIL_REQUIRED.to_string(),
        (400, "/v1/colleagues-create") => messages::CREATE_MISSING.to_string(),
        (400, "/v1/colleagues-list") => messages::LIST_EMAIL_REQUIRED.to_string(),
        (400, "/v1/colleagues-update") => messages::UPDATE_MISSING.to_string(),
        (401, _) if sync => messages::INVALID_KEY_SYNC.to_string(),
        (401, _) => messages::INVALID_KEY_COLLEAGUES.to_string(),
        (402, _) => messages::NO_CREDITS.to_string(),
        (403, _) => messages::WAZ_DISABLED.to_string(),
        (404, "/v1/colleagues-update") => {
            messages::colleague_not_found(&field("id"), facts.org.as_deref().unwrap_or("unknown"))
        }
        (409, "/v1/colleagues-create") => messages::duplicate_on_create(&field("email")),
        (409, "/v1/colleagues-update") => messages::duplicate_on_update(&field("email")),
        (500..=599, _) => {
            let details = format!("Injected fault: {status} {reason}");
            return if sync {
                json!({ "success": false, "error": messages::INTERNAL_ERROR, "details": details })
            } else {
                json!({ "error": messages::INTERNAL_ERROR, "details": details })
            };
        }
        _ => reason.to_string(),
    };
    json!({ "error": msg })
}

/// The response a fault answers with (`Delay` is handled by the caller: it answers normally).
pub fn fault_response(f: &Fault, facts: &RequestFacts) -> Response {
    let json_type = "application/json; charset=utf-8";
    let (status, body, ctype): (u16, Vec<u8>, &str) = match f.action {
        Action::Drop | Action::Delay => {
            let mut r = StatusCode::NO_CONTENT.into_response();
            r.extensions_mut().insert(DropConnection);
            return r;
        }
        Action::Status => {
            let status = f.status.unwrap_or(500);
            let body = match &f.body {
                Some(b) => b.clone().into_bytes(),
                None => serde_json::to_vec(&documented_body(status, facts)).unwrap_or_default(),
            };
            (status, body, json_type)
        }
        Action::Malformed => (
            f.status.unwrap_or_else(|| success_status(facts.path)),
            f.body
                .clone()
                .unwrap_or_else(|| "{\"id\": ".into())
                .into_bytes(),
            json_type,
        ),
        Action::Truncated => {
            let partial = f
                .body
                .clone()
                .unwrap_or_else(|| "{\"id\":\"tbi_truncated\",\"name\":\"Trunc".into())
                .into_bytes();
            let announced = partial.len() + 64;
            let mut r = Response::new(Body::new(TruncatedBody::new(Bytes::from(partial))));
            *r.status_mut() =
                StatusCode::from_u16(f.status.unwrap_or_else(|| success_status(facts.path)))
                    .unwrap_or(StatusCode::OK);
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(announced));
            set_content_type(&mut r, f.content_type.as_deref().unwrap_or(json_type));
            return r;
        }
    };
    let mut r = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body,
    )
        .into_response();
    set_content_type(&mut r, f.content_type.as_deref().unwrap_or(ctype));
    if let Some(ra) = f
        .retry_after
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        r.headers_mut().insert(header::RETRY_AFTER, ra);
    }
    r
}

fn set_content_type(r: &mut Response, ctype: &str) {
    if let Ok(v) = HeaderValue::from_str(ctype) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
}

/// A body that sends its bytes, waits long enough for them to be flushed, then fails, so the
/// connection closes short of the announced Content-Length.
struct TruncatedBody {
    data: Option<Bytes>,
    pause: Pin<Box<tokio::time::Sleep>>,
}

impl TruncatedBody {
    fn new(data: Bytes) -> Self {
        TruncatedBody {
            data: Some(data),
            pause: Box::pin(tokio::time::sleep(Duration::from_millis(50))),
        }
    }
}

impl http_body::Body for TruncatedBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if let Some(d) = this.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(d))));
        }
        match this.pause.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => Poll::Ready(Some(Err(std::io::Error::other(
                "truncated by fault injection",
            )))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_order_and_counts() {
        let mut q = FaultQueue::default();
        q.push(parse_fault(&json!({"route": "/v1/user-sync", "count": 2, "status": 503})).unwrap());
        q.push(parse_fault(&json!({"action": "drop"})).unwrap());
        assert_eq!(q.take("/v1/colleagues-list").unwrap().action, Action::Drop);
        assert_eq!(q.take("/v1/user-sync").unwrap().status, Some(503));
        assert_eq!(q.take("/v1/user-sync").unwrap().status, Some(503));
        assert!(q.take("/v1/user-sync").is_none());
    }

    #[test]
    fn rejects_bad_faults() {
        for bad in [
            json!([]),
            json!({"action": "explode"}),
            json!({"count": 0}),
            json!({"route": "/x"}),
            json!({"status": 99}),
            json!({"zzz": 1}),
        ] {
            assert!(parse_fault(&bad).is_err(), "{bad}");
        }
    }
}
