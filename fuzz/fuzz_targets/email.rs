//! Email parsing and classification: never panics, and the answers agree with each other.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wazper::email::{self, EmailKind};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let c = email::classify(&input);
    let normalized = email::normalize(&input);
    assert_eq!(c.valid, normalized.is_some(), "{input:?}");
    assert_eq!(c.email, normalized, "{input:?}");
    assert_eq!(c.valid, c.kind != EmailKind::Invalid);
    let personal = email::is_personal(&input);
    assert_eq!(
        personal,
        matches!(c.kind, EmailKind::Personal | EmailKind::Disposable),
        "{input:?}"
    );
    if let Some(domain) = &c.domain {
        assert!(c
            .email
            .as_deref()
            .is_some_and(|e| e.ends_with(domain.as_str())));
        let _ = email::domain_kind(domain);
    }
    if let Some(s) = &c.suggestion {
        // A suggestion is itself a valid address.
        assert!(email::classify(s).valid, "{input:?} -> {s:?}");
    }
});
