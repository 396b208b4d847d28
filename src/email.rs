//! Personal-email detection: parse an address, classify its domain as work / personal /
//! disposable, and suggest a fix for likely typos of well-known providers.
//! (Skeleton: the full detector and its generated tables land with the email issue.)

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailKind {
    Work,
    Personal,
    Disposable,
    Invalid,
}

impl EmailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::Work => "work",
            EmailKind::Personal => "personal",
            EmailKind::Disposable => "disposable",
            EmailKind::Invalid => "invalid",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailClassification {
    pub valid: bool,
    /// The normalised address (trimmed, domain lower-cased), when valid.
    pub email: Option<String>,
    pub domain: Option<String>,
    pub kind: EmailKind,
    /// The whole corrected address for a likely typo of a known provider.
    pub suggestion: Option<String>,
}

const INTERIM_PERSONAL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "yahoo.com",
    "icloud.com",
];

pub fn classify(input: &str) -> EmailClassification {
    let trimmed = input.trim();
    let invalid = EmailClassification {
        valid: false,
        email: None,
        domain: None,
        kind: EmailKind::Invalid,
        suggestion: None,
    };
    let Some((local, domain)) = trimmed.rsplit_once('@') else {
        return invalid;
    };
    if local.is_empty() || !domain.contains('.') || trimmed.contains(char::is_whitespace) {
        return invalid;
    }
    let domain = domain.to_ascii_lowercase();
    let kind = if INTERIM_PERSONAL.contains(&domain.as_str()) {
        EmailKind::Personal
    } else {
        EmailKind::Work
    };
    EmailClassification {
        valid: true,
        email: Some(format!("{local}@{domain}")),
        domain: Some(domain),
        kind,
        suggestion: None,
    }
}

pub fn is_personal(input: &str) -> bool {
    matches!(
        classify(input).kind,
        EmailKind::Personal | EmailKind::Disposable
    )
}
