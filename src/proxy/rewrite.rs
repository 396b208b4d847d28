//! Validation and rewriting of each route's input before it is forwarded, with the client's
//! rules and the API's own error messages (so the browser-side client maps a local rejection to
//! the same error code as the server's): only the documented fields travel upstream.
//!
//! Adapter note: until the client core exposes its validators and JSON writers for values that are
//! not yet typed, this module holds the minimal versions the proxy needs.

use super::respond::LocalResponse;
use crate::{country, email};

/// One field of a parsed JSON object, as far as validation cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Absent,
    Null,
    Str(String),
    Num(f64),
    /// A boolean, array or object.
    Other,
}

/// A parsed JSON object: implemented over `JsValue` by the shell and over serde_json in tests.
pub trait JsonObject: Sized {
    fn field(&self, name: &str) -> Field;
    /// The field as a JSON object (not an array), if it is one.
    fn object(&self, name: &str) -> Option<Self>;
}

pub enum Outcome {
    Respond(LocalResponse),
    /// Forward with this JSON body.
    Body(String),
    /// Forward with this query string.
    Query(String),
}

const EMAIL_REQUIRED: &str = "User email is required";
const COUNTRY_REQUIRED: &str = "User IP (country) is required";
const INVALID_EMAIL: &str = "Invalid email format";
const CREATE_MISSING: &str =
    "Required fields missing: name, email, companyName, and toBeInvitedById are required";
const UPDATE_MISSING: &str = "Required fields missing: id and either status or email are required";
const EMAIL_PARAM_REQUIRED: &str = "Email parameter is required";

fn reject(message: &str, code: &str) -> Outcome {
    Outcome::Respond(LocalResponse::error_with_code(400, message, Some(code)))
}

/// A field of the wrong JSON type.
fn wrong_type(field: &str, expected: &str) -> Outcome {
    let mut message = String::with_capacity(field.len() + expected.len() + 12);
    message.push_str(field);
    message.push_str(" must be ");
    message.push_str(expected);
    reject(&message, "invalid_argument")
}

pub fn bad_json() -> LocalResponse {
    LocalResponse::error_with_code(
        400,
        "Request body must be a JSON object",
        Some("invalid_argument"),
    )
}

/// Appends `s` as a JSON string literal.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                let n = c as u32;
                for shift in [12u32, 8, 4, 0] {
                    out.push(hex_digit((n >> shift) & 0xf));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn hex_digit(n: u32) -> char {
    char::from_digit(n, 16).unwrap_or('0')
}

/// Writes `{"a":...,"b":...}` from the fields collected so far.
struct ObjectWriter {
    out: String,
    empty: bool,
}

impl ObjectWriter {
    fn new() -> Self {
        ObjectWriter {
            out: String::from("{"),
            empty: true,
        }
    }
    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_json_string(&mut self.out, key);
        self.out.push(':');
    }
    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        push_json_string(&mut self.out, value);
    }
    fn raw(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push_str(value);
    }
    fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// A required string: Ok(None) when absent, null or blank.
fn required_str<O: JsonObject>(
    obj: &O,
    name: &str,
    label: &str,
) -> Result<Option<String>, Outcome> {
    match obj.field(name) {
        Field::Absent | Field::Null => Ok(None),
        Field::Str(s) if s.trim().is_empty() => Ok(None),
        Field::Str(s) => Ok(Some(s.trim().to_string())),
        _ => Err(wrong_type(label, "a string")),
    }
}

/// An optional string, copied as given.
fn optional_str<O: JsonObject>(
    obj: &O,
    name: &str,
    label: &str,
) -> Result<Option<String>, Outcome> {
    match obj.field(name) {
        Field::Absent | Field::Null => Ok(None),
        Field::Str(s) => Ok(Some(s)),
        _ => Err(wrong_type(label, "a string")),
    }
}

fn copy_optional<O: JsonObject>(
    obj: &O,
    w: &mut ObjectWriter,
    names: &[(&str, &str)],
) -> Result<(), Outcome> {
    for (name, label) in names {
        if let Some(v) = optional_str(obj, name, label)? {
            w.string(name, &v);
        }
    }
    Ok(())
}

fn email_valid(address: &str) -> bool {
    email::classify(address).valid
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(outcome) => return outcome,
        }
    };
}

/// `{"user": {...}}`: email checked, personal emails answered locally, a missing or unrecognisable
/// country filled from the edge's country code, the country sent as its canonical name.
pub fn user_sync<O: JsonObject>(
    body: Option<&O>,
    cf_country: Option<&str>,
    skip_personal: bool,
) -> Outcome {
    let Some(body) = body else {
        return Outcome::Respond(bad_json());
    };
    let user = match body.field("user") {
        Field::Absent | Field::Null => return reject(EMAIL_REQUIRED, "email_required"),
        _ => match body.object("user") {
            Some(user) => user,
            None => return wrong_type("user", "an object"),
        },
    };
    let Some(address) = tri!(required_str(&user, "email", "user.email")) else {
        return reject(EMAIL_REQUIRED, "email_required");
    };
    if !email_valid(&address) {
        return reject(INVALID_EMAIL, "invalid_email");
    }
    if skip_personal && email::is_personal(&address) {
        return Outcome::Respond(LocalResponse::json(
            200,
            String::from("{\"success\":true,\"status\":\"skipped\",\"reason\":\"personal_email\"}"),
        ));
    }
    let given = tri!(required_str(&user, "country", "user.country"));
    let from_edge = || cf_country.and_then(country::lookup);
    let resolved = match &given {
        Some(g) => country::lookup(g).or_else(from_edge),
        None => from_edge(),
    };
    let Some(resolved) = resolved else {
        return match given {
            Some(_) => reject(
                "User country is not a recognisable country",
                "invalid_country",
            ),
            None => reject(COUNTRY_REQUIRED, "country_required"),
        };
    };
    let mut w = ObjectWriter::new();
    w.string("email", &address);
    w.string("country", resolved.name);
    tri!(copy_optional(
        &user,
        &mut w,
        &[
            ("firstName", "user.firstName"),
            ("lastName", "user.lastName"),
            ("name", "user.name"),
            ("jobTitle", "user.jobTitle"),
            ("inviteLink", "user.inviteLink"),
        ],
    ));
    let mut outer = ObjectWriter::new();
    outer.raw("user", &w.finish());
    Outcome::Body(outer.finish())
}

pub fn colleagues_create<O: JsonObject>(body: Option<&O>) -> Outcome {
    let Some(body) = body else {
        return Outcome::Respond(bad_json());
    };
    let name = tri!(required_str(body, "name", "name"));
    let address = tri!(required_str(body, "email", "email"));
    let company = tri!(required_str(body, "companyName", "companyName"));
    let inviter = tri!(required_str(body, "toBeInvitedById", "toBeInvitedById"));
    let (Some(name), Some(address), Some(company), Some(inviter)) =
        (name, address, company, inviter)
    else {
        return reject(CREATE_MISSING, "missing_fields");
    };
    if !email_valid(&address) || !email_valid(&inviter) {
        return reject(INVALID_EMAIL, "invalid_email");
    }
    let mut w = ObjectWriter::new();
    w.string("name", &name);
    w.string("email", &address);
    w.string("companyName", &company);
    w.string("toBeInvitedById", &inviter);
    tri!(copy_optional(
        body,
        &mut w,
        &[("jobTitle", "jobTitle"), ("website", "website")]
    ));
    match body.field("team") {
        Field::Absent | Field::Null => {}
        // 2^53: beyond it a JS number is no longer an exact integer.
        Field::Num(n)
            if n.is_finite() && n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 =>
        {
            w.raw("team", &(n as i64).to_string());
        }
        _ => return wrong_type("team", "an integer"),
    }
    tri!(copy_optional(
        body,
        &mut w,
        &[
            ("inviteLink", "inviteLink"),
            ("redirectionLink", "redirectionLink")
        ]
    ));
    Outcome::Body(w.finish())
}

pub fn colleagues_update<O: JsonObject>(body: Option<&O>) -> Outcome {
    let Some(body) = body else {
        return Outcome::Respond(bad_json());
    };
    let id = tri!(required_str(body, "id", "id"));
    let status = tri!(required_str(body, "status", "status"));
    let address = tri!(required_str(body, "email", "email"));
    let Some(id) = id else {
        return reject(UPDATE_MISSING, "missing_fields");
    };
    if status.is_none() && address.is_none() {
        return reject(UPDATE_MISSING, "missing_fields");
    }
    let mut w = ObjectWriter::new();
    w.string("id", &id);
    if let Some(status) = status {
        w.string("status", &status);
    }
    if let Some(address) = address {
        if !email_valid(&address) {
            return reject(INVALID_EMAIL, "invalid_email");
        }
        w.string("email", &address);
    }
    Outcome::Body(w.finish())
}

/// `?email=...`: the one documented parameter, re-encoded; anything else is dropped.
pub fn colleagues_list(query: &str) -> Outcome {
    let mut found = None;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(key).as_deref() == Some("email") {
            found = percent_decode(value);
            break;
        }
    }
    let address = match found {
        Some(a) if !a.trim().is_empty() => a.trim().to_string(),
        _ => return reject(EMAIL_PARAM_REQUIRED, "email_required"),
    };
    if !email_valid(&address) {
        return reject(INVALID_EMAIL, "invalid_email");
    }
    let mut query = String::from("email=");
    percent_encode(&mut query, &address);
    Outcome::Query(query)
}

/// Form-style decoding ("+" is a space); None on bad escapes or bad UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|&h| (h as char).to_digit(16))?;
                let lo = bytes.get(i + 2).and_then(|&l| (l as char).to_digit(16))?;
                out.push((hi * 16 + lo) as u8);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Encodes everything but RFC 3986 unreserved characters ("@" and "+" included).
pub fn percent_encode(out: &mut String, s: &str) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(hex_digit((b >> 4) as u32).to_ascii_uppercase());
            out.push(hex_digit((b & 0xf) as u32).to_ascii_uppercase());
        }
    }
}
