//! Client-side validation of the four calls' inputs, mirroring the server's documented rules so a bad
//! input fails with the contract's code before any request. Reused by the edge proxy to check the
//! bodies browsers send it: the `Raw*` structs are filled from JS values or from parsed JSON alike.

use crate::error::{Error, ErrorCode};
use crate::input::{Arg, Field};

/// `SyncUser` as read from JS.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawSyncUser {
    pub email: Field,
    pub country: Field,
    pub first_name: Field,
    pub last_name: Field,
    pub name: Field,
    pub job_title: Field,
    pub invite_link: Field,
}

/// The `user` object userSync sends: country already the canonical English name, or absent when
/// a keyless client leaves it to the proxy (see [`CountryRule`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireUser {
    pub email: String,
    pub country: Option<&'static str>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub name: Option<String>,
    pub job_title: Option<String>,
    pub invite_link: Option<String>,
}

/// `NewColleague` as read from JS.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawNewColleague {
    pub name: Field,
    pub email: Field,
    pub company_name: Field,
    pub to_be_invited_by_id: Field,
    pub job_title: Field,
    pub website: Field,
    pub team: Field,
    pub invite_link: Field,
    pub redirection_link: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WireNewColleague {
    pub name: String,
    pub email: String,
    pub company_name: String,
    pub to_be_invited_by_id: String,
    pub job_title: Option<String>,
    pub website: Option<String>,
    /// A safe integer (checked), kept as the f64 JS gave.
    pub team: Option<i64>,
    pub invite_link: Option<String>,
    pub redirection_link: Option<String>,
}

/// `ColleagueUpdate` as read from JS.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawColleagueUpdate {
    pub id: Field,
    pub status: Field,
    pub email: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireColleagueUpdate {
    pub id: String,
    pub status: Option<String>,
    pub email: Option<String>,
}

fn message(parts: &[&str]) -> String {
    super::text::concat(parts)
}

fn join_names(names: &[&str]) -> String {
    names.join(", ")
}

fn wrong_type(field: &'static str, got: &Field) -> Error {
    Error::field(
        ErrorCode::InvalidArgument,
        field,
        message(&[field, " must be a string, got ", got.type_name()]),
    )
}

fn object<T>(arg: Arg<T>, what: &'static str) -> Result<T, Error> {
    match arg {
        Arg::Object(t) => Ok(t),
        Arg::Absent => Err(Error::field(
            ErrorCode::InvalidArgument,
            what,
            message(&[what, " must be an object, got undefined"]),
        )),
        Arg::Null => Err(Error::field(
            ErrorCode::InvalidArgument,
            what,
            message(&[what, " must be an object, got null"]),
        )),
        Arg::Other(t) => Err(Error::field(
            ErrorCode::InvalidArgument,
            what,
            message(&[what, " must be an object, got ", t]),
        )),
    }
}

/// A required string: `Ok(None)` when missing or blank (the caller picks the code), an error when
/// it has the wrong type.
fn required_text(field: &'static str, value: Field) -> Result<Option<String>, Error> {
    match value {
        Field::Absent | Field::Null => Ok(None),
        Field::Text(s) if s.trim().is_empty() => Ok(None),
        Field::Text(s) => Ok(Some(s)),
        other => Err(wrong_type(field, &other)),
    }
}

/// Type checks of a call's string fields, in the order their errors take precedence; run on
/// references before any field is moved out, so an early return drops the raw input as a whole
/// (one drop call) instead of field by field at every `?` (2.2 KB of wasm over the three calls).
fn check_texts(fields: &[(&'static str, &Field)]) -> Result<(), Error> {
    for (name, value) in fields {
        if !matches!(value, Field::Absent | Field::Null | Field::Text(_)) {
            return Err(wrong_type(name, value));
        }
    }
    Ok(())
}

/// The string of a type-checked optional field (`optional_text` after `check_texts`).
fn take_optional(value: Field) -> Option<String> {
    match value {
        Field::Text(s) => Some(s),
        _ => None,
    }
}

/// The string of a type-checked required field, None when missing or blank (`required_text`
/// after `check_texts`).
fn take_required(value: Field) -> Option<String> {
    take_optional(value).filter(|s| !s.trim().is_empty())
}

/// A syntactically valid address, normalised by the email module (trimmed, domain lower-cased).
fn checked_email(field: &'static str, raw: &str) -> Result<String, Error> {
    match crate::email::normalize(raw) {
        Some(email) => Ok(email),
        None => Err(Error::field(
            ErrorCode::InvalidEmail,
            field,
            message(&["Invalid email format (", field, ")"]),
        )),
    }
}

/// Whether userSync may leave the country out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountryRule {
    /// Straight to the API (a client with an apiKey, or the proxy after its fill): a missing
    /// country is `country_required`, as the API would answer.
    Required,
    /// A keyless client talks to a proxy, which fills the country from the request's edge data
    /// (`crate::geo`); a missing country is sent as absent. A given one must still be recognisable.
    FilledByProxy,
}

/// userSync's `user`: email required, country required unless `rule` lets the proxy fill it; a
/// given country is normalised to the canonical name (unrecognisable: `invalid_country`).
pub fn sync_user(arg: Arg<RawSyncUser>, rule: CountryRule) -> Result<WireUser, Error> {
    let raw = object(arg, "user")?;
    check_texts(&[
        ("user.email", &raw.email),
        ("user.country", &raw.country),
        ("user.firstName", &raw.first_name),
        ("user.lastName", &raw.last_name),
        ("user.name", &raw.name),
        ("user.jobTitle", &raw.job_title),
        ("user.inviteLink", &raw.invite_link),
    ])?;
    let email = take_required(raw.email);
    let country = take_required(raw.country);
    let first_name = take_optional(raw.first_name);
    let last_name = take_optional(raw.last_name);
    let name = take_optional(raw.name);
    let job_title = take_optional(raw.job_title);
    let invite_link = take_optional(raw.invite_link);
    let Some(email) = email else {
        return Err(Error::field(
            ErrorCode::EmailRequired,
            "user.email",
            "User email is required",
        ));
    };
    let email = checked_email("user.email", &email)?;
    let country = match (country, rule) {
        (None, CountryRule::FilledByProxy) => None,
        (None, CountryRule::Required) => {
            return Err(Error::field(
                ErrorCode::CountryRequired,
                "user.country",
                "User country is required",
            ))
        }
        (Some(given), _) => match crate::country::lookup(&given) {
            Some(found) => Some(found.name),
            None => {
                return Err(Error::field(
                    ErrorCode::InvalidCountry,
                    "user.country",
                    "User country is not a recognisable country name or code",
                ))
            }
        },
    };
    Ok(WireUser {
        email,
        country,
        first_name,
        last_name,
        name,
        job_title,
        invite_link,
    })
}

/// Largest integer JS represents exactly; `team` beyond it is surely a mistake.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// createColleague's input: name, email, companyName, toBeInvitedById required; team an integer.
pub fn new_colleague(arg: Arg<RawNewColleague>) -> Result<WireNewColleague, Error> {
    let raw = object(arg, "input")?;
    check_texts(&[
        ("name", &raw.name),
        ("email", &raw.email),
        ("companyName", &raw.company_name),
        ("toBeInvitedById", &raw.to_be_invited_by_id),
        ("jobTitle", &raw.job_title),
        ("website", &raw.website),
        ("inviteLink", &raw.invite_link),
        ("redirectionLink", &raw.redirection_link),
    ])?;
    let team = match &raw.team {
        Field::Absent | Field::Null => None,
        Field::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => Some(*n as i64),
        Field::Number(_) => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "team",
                "team must be an integer",
            ))
        }
        other => {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                "team",
                message(&["team must be an integer, got ", other.type_name()]),
            ))
        }
    };
    let name = take_required(raw.name);
    let email = take_required(raw.email);
    let company_name = take_required(raw.company_name);
    let inviter = take_required(raw.to_be_invited_by_id);
    let job_title = take_optional(raw.job_title);
    let website = take_optional(raw.website);
    let invite_link = take_optional(raw.invite_link);
    let redirection_link = take_optional(raw.redirection_link);
    let mut missing: Vec<&'static str> = Vec::new();
    for (field, value) in [
        ("name", &name),
        ("email", &email),
        ("companyName", &company_name),
        ("toBeInvitedById", &inviter),
    ] {
        if value.is_none() {
            missing.push(field);
        }
    }
    let (Some(name), Some(email), Some(company_name), Some(inviter)) =
        (name, email, company_name, inviter)
    else {
        let first = missing.first().copied().unwrap_or("name");
        return Err(Error::field(
            ErrorCode::MissingFields,
            first,
            message(&["Required fields missing: ", &join_names(&missing)]),
        ));
    };
    let email = checked_email("email", &email)?;
    let to_be_invited_by_id = checked_email("toBeInvitedById", &inviter)?;
    Ok(WireNewColleague {
        name,
        email,
        company_name,
        to_be_invited_by_id,
        job_title,
        website,
        team,
        invite_link,
        redirection_link,
    })
}

/// updateColleague's input: id required, and at least one of status / email.
pub fn colleague_update(arg: Arg<RawColleagueUpdate>) -> Result<WireColleagueUpdate, Error> {
    let raw = object(arg, "input")?;
    check_texts(&[
        ("id", &raw.id),
        ("status", &raw.status),
        ("email", &raw.email),
    ])?;
    let id = take_required(raw.id);
    let status = take_required(raw.status);
    let email = take_required(raw.email);
    let Some(id) = id else {
        return Err(Error::field(
            ErrorCode::MissingFields,
            "id",
            "Required fields missing: id and either status or email are required",
        ));
    };
    if status.is_none() && email.is_none() {
        return Err(Error::field(
            ErrorCode::MissingFields,
            "status",
            "Required fields missing: id and either status or email are required",
        ));
    }
    let email = match email {
        Some(e) => Some(checked_email("email", &e)?),
        None => None,
    };
    Ok(WireColleagueUpdate { id, status, email })
}

/// listColleagues' email argument.
pub fn list_email(value: Field) -> Result<String, Error> {
    match required_text("email", value)? {
        None => Err(Error::field(
            ErrorCode::EmailRequired,
            "email",
            "Email parameter is required",
        )),
        Some(email) => checked_email("email", &email),
    }
}
