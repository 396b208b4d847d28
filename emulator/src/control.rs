//! The control API for tests, under /__emulator/ (no auth, CORS-enabled): queue faults, reset to
//! the seed, read or clear the request log, inspect credits and colleague counts, set credits.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::error::{json_response, ApiError};
use crate::faults::parse_fault;
use crate::state::AppState;

fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Malformed JSON body: {e}")))
}

/// POST /__emulator/faults: one fault object, or an array of them, queued in order.
pub async fn add_faults(State(app): State<AppState>, body: Bytes) -> Response {
    let parsed = parse_json(&body).and_then(|v| match v {
        Value::Array(items) => items.iter().map(parse_fault).collect::<Result<Vec<_>, _>>(),
        one => parse_fault(&one).map(|f| vec![f]),
    });
    match parsed {
        Ok(faults) => {
            let mut q = app.faults();
            for f in faults {
                q.push(f);
            }
            json_response(201, &json!({ "faults": q.list() }))
        }
        Err(e) => e.into_response(),
    }
}

pub async fn list_faults(State(app): State<AppState>) -> Response {
    json_response(200, &json!({ "faults": app.faults().list() }))
}

pub async fn clear_faults(State(app): State<AppState>) -> Response {
    app.faults().clear();
    json_response(200, &json!({ "faults": [] }))
}

pub async fn reset(State(app): State<AppState>) -> Response {
    app.reset();
    json_response(200, &json!({ "ok": true }))
}

pub async fn requests(State(app): State<AppState>) -> Response {
    json_response(200, &*app.requests())
}

pub async fn clear_requests(State(app): State<AppState>) -> Response {
    app.requests().clear();
    json_response(200, &json!([]))
}

pub async fn state(State(app): State<AppState>) -> Response {
    let mut snap = app.store().snapshot();
    if let Some(m) = snap.as_object_mut() {
        m.insert("faultsQueued".into(), json!(app.faults().list().len()));
        m.insert("requestsLogged".into(), json!(app.requests().len()));
    }
    json_response(200, &snap)
}

/// POST /__emulator/credits {"key": "demo_key", "credits": 1}: set a key's credits.
pub async fn set_credits(State(app): State<AppState>, body: Bytes) -> Response {
    let v = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let (Some(key), Some(credits)) = (
        v.get("key").and_then(Value::as_str),
        v.get("credits").and_then(Value::as_i64),
    ) else {
        return ApiError::bad_request("Expected {\"key\": string, \"credits\": integer}")
            .into_response();
    };
    if app.store().set_credits(key, credits) {
        json_response(200, &json!({ "key": key, "credits": credits }))
    } else {
        ApiError::new(404, "Unknown API key").into_response()
    }
}
