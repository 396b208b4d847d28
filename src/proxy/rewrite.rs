//! Validation and rewriting of each route's input before it is forwarded, with the client core's
//! own rules and JSON writers (`crate::client::validate`, `crate::client::request`): a body the
//! client would refuse costs no request, and only the documented fields travel upstream.

use super::respond::LocalResponse;
use crate::client::request::{
    colleague_update_body, encode_query_component, new_colleague_body, user_sync_body,
};
use crate::client::validate::{self, RawColleagueUpdate, RawNewColleague, RawSyncUser};
use crate::input::{Arg, Field};
use crate::{country, email, Error, ErrorCode};

/// A parsed JSON request body the proxy reads field by field: implemented over `JsValue` by the
/// shell and over serde_json in tests. (Responses are checked whole through
/// `client::response::ResponseJson`.)
pub trait RequestJson: Sized {
    fn field(&self, name: &str) -> Field;
    /// The member `name` as an object argument (`Arg::Other` with its type when it is not one).
    fn object(&self, name: &str) -> Arg<Self>;
}

pub enum Outcome {
    Respond(LocalResponse),
    /// Forward with this JSON body.
    Body(String),
    /// Forward with this query string.
    Query(String),
}

/// A client-side validation error as the API would answer it: 400 `{"error", "code", "field"}`.
/// Messages start like the API's where the API has one, so the browser-side client maps them to
/// the same codes.
fn reject(e: &Error) -> Outcome {
    let message = match e.code {
        ErrorCode::CountryRequired => "User IP (country) is required",
        _ => e.message.as_str(),
    };
    let field = e.details.as_ref().and_then(|d| d.field);
    Outcome::Respond(LocalResponse::error_with(
        400,
        message,
        Some(e.code.as_str()),
        field,
    ))
}

pub fn bad_json() -> LocalResponse {
    LocalResponse::error_with(
        400,
        "Request body must be a JSON object",
        Some("invalid_argument"),
        None,
    )
}

fn map_arg<O, T>(arg: Arg<O>, f: impl FnOnce(O) -> T) -> Arg<T> {
    match arg {
        Arg::Absent => Arg::Absent,
        Arg::Null => Arg::Null,
        Arg::Other(t) => Arg::Other(t),
        Arg::Object(o) => Arg::Object(f(o)),
    }
}

/// `{"user": {...}}`: a missing or unrecognisable country is first filled from the edge's country
/// code, then the client's rules apply (the country sent as its canonical name), and a personal
/// email is answered locally.
pub fn user_sync<O: RequestJson>(
    body: Option<&O>,
    cf_country: Option<&str>,
    skip_personal: bool,
) -> Outcome {
    let Some(body) = body else {
        return Outcome::Respond(bad_json());
    };
    let mut user = map_arg(body.object("user"), |u| RawSyncUser {
        email: u.field("email"),
        country: u.field("country"),
        first_name: u.field("firstName"),
        last_name: u.field("lastName"),
        name: u.field("name"),
        job_title: u.field("jobTitle"),
        invite_link: u.field("inviteLink"),
    });
    if let Arg::Object(raw) = &mut user {
        let fillable = match &raw.country {
            Field::Absent | Field::Null => true,
            Field::Text(given) => country::lookup(given).is_none(),
            _ => false,
        };
        if let (true, Some(edge)) = (fillable, cf_country.and_then(country::lookup)) {
            raw.country = Field::Text(edge.name.to_string());
        }
    }
    let personal = match &user {
        Arg::Object(RawSyncUser {
            email: Field::Text(address),
            ..
        }) => skip_personal && email::is_personal(address),
        _ => false,
    };
    match validate::sync_user(user, validate::CountryRule::Required) {
        // The API never runs for personal emails, so their country does not matter either.
        Err(e)
            if personal
                && matches!(
                    e.code,
                    ErrorCode::CountryRequired | ErrorCode::InvalidCountry
                ) =>
        {
            skipped()
        }
        Err(e) => reject(&e),
        Ok(_) if personal => skipped(),
        Ok(wire) => Outcome::Body(user_sync_body(&wire)),
    }
}

fn skipped() -> Outcome {
    Outcome::Respond(LocalResponse::json(
        200,
        String::from("{\"success\":true,\"status\":\"skipped\",\"reason\":\"personal_email\"}"),
    ))
}

pub fn colleagues_create<O: RequestJson>(body: Option<&O>) -> Outcome {
    let Some(body) = body else {
        return Outcome::Respond(bad_json());
    };
    let raw = RawNewColleague {
        name: body.field("name"),
        email: body.field("email"),
        company_name: body.field("companyName"),
        to_be_invited_by_id: body.field("toBeInvitedById"),
        job_title: body.field("jobTitle"),
        website: body.field("website"),
        team: body.field("team"),
        invite_link: body.field("inviteLink"),
        redirection_link: body.field("redirectionLink"),
    };
    match validate::new_colleague(Arg::Object(raw)) {
        Ok(wire) => Outcome::Body(new_colleague_body(&wire)),
        Err(e) => reject(&e),
    }
}

pub fn colleagues_update<O: RequestJson>(body: Option<&O>) -> Outcome {
    let Some(body) = body else {
        return Outcome::Respond(bad_json());
    };
    let raw = RawColleagueUpdate {
        id: body.field("id"),
        status: body.field("status"),
        email: body.field("email"),
    };
    match validate::colleague_update(Arg::Object(raw)) {
        Ok(wire) => Outcome::Body(colleague_update_body(&wire)),
        Err(e) => reject(&e),
    }
}

/// `?email=...`: the one documented parameter, validated and re-encoded; anything else is dropped.
/// An undecodable value counts as a malformed email.
pub fn colleagues_list(query: &str) -> Outcome {
    let mut found = Field::Absent;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(key).as_deref() == Some("email") {
            found = Field::Text(percent_decode(value).unwrap_or_else(|| String::from("%")));
            break;
        }
    }
    match validate::list_email(found) {
        Ok(address) => {
            let mut query = String::from("email=");
            query.push_str(&encode_query_component(&address));
            Outcome::Query(query)
        }
        Err(e) => reject(&e),
    }
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
