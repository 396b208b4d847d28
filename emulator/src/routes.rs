//! The four API endpoints: parse and validate the JSON (wrong types get a clear 400, never a
//! crash), authenticate with the endpoint's own messages, then call the store. user-sync answers
//! 202 at once and schedules the background run of the algorithm.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::auth::{authenticate, Caller, Endpoint};
use crate::error::{json_response, ApiError};
use crate::messages::{
    COUNTRY_REQUIRED, CREATE_MISSING, EMAIL_REQUIRED, INVALID_EMAIL, LIST_EMAIL_REQUIRED,
    SYNC_ACCEPTED, UPDATE_MISSING,
};
use crate::state::{AppState, Shared};
use crate::store::{NewColleague, User};

type Result<T> = std::result::Result<T, ApiError>;

/// Runs a handler body, turning its error into the JSON error response.
fn respond(r: Result<Response>) -> Response {
    r.unwrap_or_else(|e| json_response(e.status, &e.body))
}

/// The request body as a JSON object. An empty body counts as `{}` (so it fails on the first
/// missing field, as a typical JSON body parser would).
pub fn parse_object(body: &[u8]) -> Result<Map<String, Value>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ApiError::bad_request("Request body must be a JSON object")),
        Err(e) => Err(ApiError::bad_request(format!("Malformed JSON body: {e}"))),
    }
}

/// An optional string field: absent, null or "" (after trimming) is None; any other non-string
/// is a 400 naming the field.
fn opt_str(m: &Map<String, Value>, field: &str, label: &str) -> Result<Option<String>> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(ApiError::bad_request(format!(
            "Field {label} must be a string"
        ))),
    }
}

/// A required string: None when absent, null, empty or not a string.
fn req_str(m: &Map<String, Value>, field: &str) -> Option<String> {
    match m.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A plausible email: one '@', a non-empty local part, a dotted domain, no whitespace.
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `http://host:port` as the client addressed us, for absolute photo URLs.
fn origin(headers: &HeaderMap, app: &Shared) -> String {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        });
    match host {
        Some(h) => format!("http://{h}"),
        None => format!("http://{}", app.local_addr),
    }
}

pub async fn user_sync(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    respond(user_sync_inner(&app, &headers, &body))
}

fn user_sync_inner(app: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Response> {
    let caller = authenticate(&app.store(), headers, Endpoint::UserSync)?;
    let root = parse_object(body)?;
    let user = match root.get("user") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(ApiError::bad_request("Field user must be an object")),
    };
    let email = opt_str(&user, "email", "user.email")?
        .ok_or_else(|| ApiError::bad_request(EMAIL_REQUIRED))?;
    let country = opt_str(&user, "country", "user.country")?
        .ok_or_else(|| ApiError::bad_request(COUNTRY_REQUIRED))?;
    let first_name = opt_str(&user, "firstName", "user.firstName")?;
    let last_name = opt_str(&user, "lastName", "user.lastName")?;
    let mut name = opt_str(&user, "name", "user.name")?;
    let job_title = opt_str(&user, "jobTitle", "user.jobTitle")?;
    let invite_link = opt_str(&user, "inviteLink", "user.inviteLink")?;
    if name.is_none() {
        if let (Some(f), Some(l)) = (&first_name, &last_name) {
            name = Some(format!("{f} {l}"));
        }
    }
    let record = User {
        user_id: String::new(),
        email: email.clone(),
        country,
        first_name,
        last_name,
        name,
        job_title,
        invite_link: invite_link.clone(),
        created_at: crate::clock::Millis(0),
        updated_at: crate::clock::Millis(0),
    };
    let (user_id, request_id, run) = {
        let mut store = app.store();
        let user_id = store.upsert_user(&caller.org, record);
        let request_id = store.next_request_id();
        store.syncs.accepted += 1;
        // Personal mailboxes (and addresses without a domain) get no run, as the docs say.
        let run = !wazper::email::is_personal(&email) && email.contains('@');
        if run {
            store.syncs.pending += 1;
        } else {
            store.syncs.skipped += 1;
        }
        (user_id, request_id, run.then_some(store.generation))
    };
    if let Some(generation) = run {
        schedule_run(Arc::clone(app), caller, email, invite_link, generation);
    }
    Ok(json_response(
        202,
        &json!({
            "success": true,
            "status": "processing",
            "requestId": request_id,
            "userId": user_id,
            "message": SYNC_ACCEPTED
        }),
    ))
}

/// The asynchronous part of user-sync: after --sync-delay-ms, run the algorithm, unless a reset
/// happened meanwhile (the run belongs to a state that no longer exists).
fn schedule_run(
    app: AppState,
    caller: Caller,
    email: String,
    invite_link: Option<String>,
    generation: u64,
) {
    tokio::spawn(async move {
        tokio::time::sleep(app.sync_delay).await;
        let mut store = app.store();
        if store.generation != generation {
            return;
        }
        let rec = store.run_sync(&caller.key, &caller.org, &email, invite_link);
        store.record_run(rec);
        store.syncs.pending = store.syncs.pending.saturating_sub(1);
        store.syncs.completed += 1;
    });
}

pub async fn create(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    respond(create_inner(&app, &headers, &body))
}

fn create_inner(app: &Shared, headers: &HeaderMap, body: &[u8]) -> Result<Response> {
    let caller = authenticate(&app.store(), headers, Endpoint::Create)?;
    let m = parse_object(body)?;
    let (Some(name), Some(email), Some(company_name), Some(inviter)) = (
        req_str(&m, "name"),
        req_str(&m, "email"),
        req_str(&m, "companyName"),
        req_str(&m, "toBeInvitedById"),
    ) else {
        return Err(ApiError::bad_request(CREATE_MISSING));
    };
    let team = match m.get("team") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_i64()
                .ok_or_else(|| ApiError::bad_request("Field team must be an integer"))?,
        ),
    };
    let input = NewColleague {
        name,
        email,
        company_name,
        to_be_invited_by_id: inviter,
        job_title: opt_str(&m, "jobTitle", "jobTitle")?,
        website: opt_str(&m, "website", "website")?,
        team,
        invite_link: opt_str(&m, "inviteLink", "inviteLink")?,
        redirection_link: opt_str(&m, "redirectionLink", "redirectionLink")?,
        photo: None,
        status: None,
    };
    let created = app.store().create(&caller.org, input)?;
    Ok(json_response(201, &created.view(&origin(headers, app))))
}

pub async fn list(State(app): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    respond(list_inner(&app, &headers, &uri))
}

fn list_inner(app: &Shared, headers: &HeaderMap, uri: &Uri) -> Result<Response> {
    let caller = authenticate(&app.store(), headers, Endpoint::List)?;
    let email = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::bad_request(LIST_EMAIL_REQUIRED))?;
    let origin = origin(headers, app);
    let out: Vec<_> = app
        .store()
        .list(&caller.org, &email)
        .iter()
        .map(|c| c.view(&origin))
        .collect();
    Ok(json_response(200, &out))
}

pub async fn update(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    respond(update_inner(&app, &headers, &body))
}

fn update_inner(app: &Shared, headers: &HeaderMap, body: &[u8]) -> Result<Response> {
    let caller = authenticate(&app.store(), headers, Endpoint::Update)?;
    let m = parse_object(body)?;
    let id = req_str(&m, "id");
    let status = opt_str(&m, "status", "status")?;
    let email = opt_str(&m, "email", "email")?;
    let Some(id) = id.filter(|_| status.is_some() || email.is_some()) else {
        return Err(ApiError::bad_request(UPDATE_MISSING));
    };
    if let Some(e) = &email {
        if !valid_email(e) {
            return Err(ApiError::bad_request(INVALID_EMAIL));
        }
    }
    let updated = app.store().update(&caller.org, &id, status, email)?;
    Ok(json_response(200, &updated.view(&origin(headers, app))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_format() {
        for ok in ["a@b.co", "first.last+tag@acme.example"] {
            assert!(valid_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@@b.co", "a b@c.co", "a@.co", "a@b.co.", "a@b..co",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn body_parsing() {
        assert!(parse_object(b"  ").unwrap().is_empty());
        assert_eq!(parse_object(b"[1]").unwrap_err().status, 400);
        assert_eq!(parse_object(b"{\"a\":").unwrap_err().status, 400);
    }
}
