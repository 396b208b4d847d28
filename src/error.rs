//! The crate's one error type. Every failure of every call is an `Error` with a stable `ErrorCode`;
//! the wasm shell maps it, once, to the JS `WazperError`.

/// The stable codes of docs/contract.md ("Errors"). Their strings are public API; tests/drift.rs
/// checks that the contract and pkg-template/index.d.ts list the same ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    EmailRequired,
    CountryRequired,
    InvalidCountry,
    MissingFields,
    InvalidEmail,
    InvalidArgument,
    ApiKeyNotLinked,
    ApiKeyRequired,
    InvalidApiKey,
    InvalidOrganization,
    NoCredits,
    WazDisabled,
    NotFound,
    DuplicateEmail,
    RateLimited,
    ServerError,
    HttpError,
    NetworkError,
    Timeout,
    Aborted,
    InvalidResponse,
    BrowserKeyExposure,
    InsecureBaseUrl,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmailRequired => "email_required",
            ErrorCode::CountryRequired => "country_required",
            ErrorCode::InvalidCountry => "invalid_country",
            ErrorCode::MissingFields => "missing_fields",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::InvalidArgument => "invalid_argument",
            ErrorCode::ApiKeyNotLinked => "api_key_not_linked",
            ErrorCode::ApiKeyRequired => "api_key_required",
            ErrorCode::InvalidApiKey => "invalid_api_key",
            ErrorCode::InvalidOrganization => "invalid_organization",
            ErrorCode::NoCredits => "no_credits",
            ErrorCode::WazDisabled => "waz_disabled",
            ErrorCode::NotFound => "not_found",
            ErrorCode::DuplicateEmail => "duplicate_email",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServerError => "server_error",
            ErrorCode::HttpError => "http_error",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Aborted => "aborted",
            ErrorCode::InvalidResponse => "invalid_response",
            ErrorCode::BrowserKeyExposure => "browser_key_exposure",
            ErrorCode::InsecureBaseUrl => "insecure_base_url",
        }
    }
}

/// A failure: `status` is the HTTP status when a response was involved, `details` what the
/// caller can act on (the offending field, the server's own details). Never holds the API key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub status: Option<u16>,
    pub message: String,
    pub details: Option<ErrorDetails>,
}

/// Extra facts about an error, surfaced to JS as the `details` object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// The input field a client-side validation error is about ("email", "user.country", ...).
    pub field: Option<&'static str>,
    /// The server's `details` string (500 bodies carry one), with the API key scrubbed out.
    pub server: Option<String>,
    /// A Retry-After the client refused to wait for (over 60 s), in whole seconds.
    pub retry_after_seconds: Option<u64>,
}

impl Error {
    pub fn new(code: ErrorCode, status: Option<u16>, message: impl Into<String>) -> Self {
        Error {
            code,
            status,
            message: message.into(),
            details: None,
        }
    }

    /// A client-side error (no response involved) about one input field.
    pub fn field(code: ErrorCode, field: &'static str, message: impl Into<String>) -> Self {
        Error {
            code,
            status: None,
            message: message.into(),
            details: Some(ErrorDetails {
                field: Some(field),
                ..ErrorDetails::default()
            }),
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code.as_str())?;
        f.write_str(": ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
