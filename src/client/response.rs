//! Turning a response into the call's outcome: 2xx bodies checked against the documented shape (the
//! caller gets the original value back, unknown fields and all), error statuses and the server's
//! documented messages mapped to the contract's codes, with server text scrubbed of the API key.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::request::Endpoint;
use super::text::{push_u64, sanitize_server_text};
use crate::error::{Error, ErrorCode, ErrorDetails};

/// A decoded JSON response body the core can check against a documented shape without owning it
/// (`JsValue` in the shell, `serde_json::Value` in native tests). Read-only, whole-value checks;
/// its request-side counterpart is `proxy::RequestJson`, which reads single fields.
pub trait ResponseJson {
    fn conforms<T: DeserializeOwned>(&self) -> bool;
}

/// What a transport read from one response.
#[derive(Clone, Debug, PartialEq)]
pub struct RawResponse<V> {
    pub status: u16,
    /// The status line's reason phrase; empty over HTTP/2.
    pub status_text: String,
    pub retry_after: Option<String>,
    pub body: ResponseBody<V>,
}

/// A 2xx body is parsed as JSON (`Json` or `NotJson`); an error body is read as text and its
/// `error` / `details` / `code` strings taken when it parses as a JSON object (`Error`).
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseBody<V> {
    Json(V),
    NotJson,
    Error {
        error: Option<String>,
        details: Option<String>,
        /// A contract error code: wazper's edge proxy (src/proxy) adds one to the rejections it
        /// makes itself, whose messages the API never sends.
        code: Option<String>,
    },
}

/// The documented userSync answer (202). Optional fields may be missing.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // read only by serde: the fields are the shape check
struct UserSyncShape {
    success: bool,
    status: String,
    request_id: Option<String>,
    user_id: Option<String>,
    message: Option<String>,
}

/// A colleague record: `id` and `email` are always there and are strings; `status` and `team`,
/// the fields callers branch on, must have the documented type when present. The other documented
/// fields are not type-checked: every checked string is copied out of JS, and a 50-record list
/// would pay for ~700 copies on each call.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct ColleagueShape {
    id: String,
    email: String,
    status: Option<String>,
    team: Option<f64>,
}

/// Whether a 2xx body has the documented shape of `endpoint`'s answer.
pub fn has_documented_shape<V: ResponseJson>(endpoint: Endpoint, body: &V) -> bool {
    match endpoint {
        Endpoint::UserSync => body.conforms::<UserSyncShape>(),
        Endpoint::CreateColleague | Endpoint::UpdateColleague => body.conforms::<ColleagueShape>(),
        Endpoint::ListColleagues => body.conforms::<Vec<ColleagueShape>>(),
    }
}

/// A failed attempt: the error, and the Retry-After header that came with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub error: Error,
    pub retry_after: Option<String>,
}

/// Decodes one response: the body on a documented 2xx, else the mapped error.
pub fn decode<V: ResponseJson>(
    endpoint: Endpoint,
    response: RawResponse<V>,
    api_key: Option<&str>,
) -> Result<V, Failure> {
    let RawResponse {
        status,
        status_text,
        retry_after,
        body,
    } = response;
    if (200..300).contains(&status) {
        return match body {
            ResponseBody::Json(v) if has_documented_shape(endpoint, &v) => Ok(v),
            ResponseBody::Json(_) => Err(Failure {
                error: invalid_response(status, "The API answered with an unexpected JSON shape"),
                retry_after: None,
            }),
            _ => Err(Failure {
                error: invalid_response(status, "The API answered with a body that is not JSON"),
                retry_after: None,
            }),
        };
    }
    let (error, details, code) = match body {
        ResponseBody::Error {
            error,
            details,
            code,
        } => (error, details, code),
        _ => (None, None, None),
    };
    let mut mapped = map_error(
        status,
        &status_text,
        error.as_deref(),
        details.as_deref(),
        api_key,
    );
    if let Some(code) = code.as_deref().and_then(|c| validation_code(status, c)) {
        mapped.code = code;
    }
    Err(Failure {
        error: mapped,
        retry_after,
    })
}

fn invalid_response(status: u16, message: &str) -> Error {
    Error::new(ErrorCode::InvalidResponse, Some(status), message)
}

/// The contract's code for an error response: by status, and for 400/401 by the documented message.
pub fn code_for(status: u16, message: Option<&str>) -> ErrorCode {
    let m = message.map(str::trim).unwrap_or("");
    let starts = |p: &str| super::text::strip_prefix_ci(m, p).is_some();
    match status {
        400 if starts("User email is required") || starts("Email parameter is required") => {
            ErrorCode::EmailRequired
        }
        400 if starts("User IP (country) is required") => ErrorCode::CountryRequired,
        400 if starts("Required fields missing") => ErrorCode::MissingFields,
        400 if starts("Invalid email format") => ErrorCode::InvalidEmail,
        400 if starts("API Key is not linked") => ErrorCode::ApiKeyNotLinked,
        401 if starts("API Key is required") => ErrorCode::ApiKeyRequired,
        401 if starts("Invalid API Key") => ErrorCode::InvalidApiKey,
        401 if starts("Invalid organization") => ErrorCode::InvalidOrganization,
        402 => ErrorCode::NoCredits,
        403 => ErrorCode::WazDisabled,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::DuplicateEmail,
        429 => ErrorCode::RateLimited,
        500..=599 => ErrorCode::ServerError,
        _ => ErrorCode::HttpError,
    }
}

/// The code of a 400 that the body names itself: only the client-side validation codes, which a
/// wazper proxy answers with before forwarding. Anything else keeps the status/message mapping, so
/// an arbitrary server cannot pass off, say, a 400 as `no_credits`.
pub fn validation_code(status: u16, code: &str) -> Option<ErrorCode> {
    if status != 400 {
        return None;
    }
    [
        ErrorCode::EmailRequired,
        ErrorCode::CountryRequired,
        ErrorCode::InvalidCountry,
        ErrorCode::MissingFields,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidArgument,
    ]
    .into_iter()
    .find(|c| c.as_str() == code)
}

/// The standard reason phrase, for responses whose status line carried none (HTTP/2).
fn reason_phrase(status: u16) -> &'static str {
    match status {
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

const REDIRECT_MESSAGE: &str =
    "The API answered with a redirect; the client does not follow redirects, which would carry the API key to another address";

/// Builds the error for a non-2xx response. The message is the server's `error` when it sent one,
/// else "HTTP <status> <reason>"; both are scrubbed of the key and capped in length.
pub fn map_error(
    status: u16,
    status_text: &str,
    error: Option<&str>,
    details: Option<&str>,
    api_key: Option<&str>,
) -> Error {
    if status == 0 {
        // Browsers report a redirect that fetch was told not to follow as an opaque status 0.
        return Error::new(ErrorCode::HttpError, None, REDIRECT_MESSAGE);
    }
    let code = code_for(status, error);
    let server_message = error
        .map(|e| sanitize_server_text(e, api_key))
        .filter(|e| !e.is_empty());
    let message = match server_message {
        Some(m) => m,
        None => {
            let mut m = String::from("HTTP ");
            push_u64(&mut m, u64::from(status));
            let reason = sanitize_server_text(status_text, api_key);
            let reason = if reason.is_empty() {
                reason_phrase(status).to_owned()
            } else {
                reason
            };
            if !reason.is_empty() {
                m.push(' ');
                m.push_str(&reason);
            }
            m
        }
    };
    let server = details
        .map(|d| sanitize_server_text(d, api_key))
        .filter(|d| !d.is_empty());
    Error {
        code,
        status: Some(status),
        message,
        details: server.map(|s| ErrorDetails {
            server: Some(s),
            ..ErrorDetails::default()
        }),
    }
}
