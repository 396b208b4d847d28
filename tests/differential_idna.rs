//! Differential test of the email parser's internationalised domains (src/email/parse.rs: a subset
//! of UTS 46 without its tables) against the `idna` crate's UTS 46 processing, which is what
//! browsers and mail systems apply. The rule: every domain the parser ACCEPTS maps exactly as
//! UTS 46 does; where the parser answers invalid although UTS 46 accepts, the reason is one of the
//! documented categories in `REFUSED_THOUGH_UTS46_ACCEPTS`, asserted below.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::BTreeSet;
use wazper::email::{classify, normalize};

/// The domain the email parser makes of `domain`, or None when it rejects it.
fn ours(domain: &str) -> Option<String> {
    // normalize: the same parse as classify's, without the (slow) typo suggestion.
    normalize(&format!("someone@{domain}")).map(|a| a["someone@".len()..].to_string())
}

/// UTS 46 ToASCII with the DNS rules on (STD3 ASCII, hyphen checks, lengths): the same rules the
/// email parser applies.
fn uts46(domain: &str) -> Option<String> {
    idna::domain_to_ascii_strict(domain).ok()
}

/// The non-ASCII code points the parser accepts (its `ALLOWED`), restated here: the letters of
/// Latin-1, Latin Extended-A, Greek, Cyrillic and Armenian, kana, CJK ideographs, Hangul
/// syllables, fullwidth Latin letters and digits. The exhaustive test asserts the parser accepts
/// exactly these.
const ALPHABET: &[(u32, u32)] = &[
    (0xC0, 0xD6), // Latin-1 letters (without U+00D7, the multiplication sign)
    (0xD8, 0xF6), // (without U+00F7, the division sign)
    (0xF8, 0xFF),
    (0x100, 0x17F), // Latin Extended-A, İ Ĳ ĳ Ŀ ŀ ŉ ſ included
    (0x386, 0x386), // Greek letters, assigned ones only
    (0x388, 0x38A),
    (0x38C, 0x38C),
    (0x38E, 0x3A1),
    (0x3A3, 0x3CE),
    (0x400, 0x481), // Cyrillic letters
    (0x48A, 0x52F),
    (0x531, 0x556), // Armenian
    (0x561, 0x586),
    (0x3041, 0x3096), // Hiragana
    (0x30A1, 0x30FA), // Katakana
    (0x4E00, 0x9FFF), // CJK ideographs
    (0xAC00, 0xD7A3), // Hangul syllables
    (0xFF10, 0xFF19), // fullwidth digits
    (0xFF21, 0xFF3A), // fullwidth A-Z
    (0xFF41, 0xFF5A), // fullwidth a-z
];

fn in_alphabet(c: char) -> bool {
    let u = u32::from(c);
    ALPHABET.iter().any(|&(lo, hi)| lo <= u && u <= hi)
}

/// Why the parser may answer invalid for a domain UTS 46 accepts. Nothing else is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Refusal {
    /// A code point outside ALPHABET that UTS 46 keeps as it is (letters, marks and symbols of
    /// other scripts and blocks).
    KeptOutsideAlphabet,
    /// A code point outside ALPHABET that UTS 46 maps to other code points (compatibility and
    /// halfwidth forms, capitals of other scripts, Greek symbol forms...).
    MappedOutsideAlphabet,
    /// A code point outside ALPHABET that UTS 46 deletes (soft hyphen, variation selectors...).
    IgnoredOutsideAlphabet,
    /// An "xn--" label whose decoded form holds a code point the parser would not produce.
    ALabelOutsideAlphabet,
}

const REFUSED_THOUGH_UTS46_ACCEPTS: &[Refusal] = &[
    Refusal::KeptOutsideAlphabet,
    Refusal::MappedOutsideAlphabet,
    Refusal::IgnoredOutsideAlphabet,
    Refusal::ALabelOutsideAlphabet,
];

/// The category of a code point outside ALPHABET, from what UTS 46 makes of "a{c}b.com".
fn code_point_refusal(c: char, a_label: &str) -> Refusal {
    let (unicode, _) = idna::domain_to_unicode(a_label);
    if unicode.contains(c) {
        Refusal::KeptOutsideAlphabet
    } else if unicode == "ab.com" {
        Refusal::IgnoredOutsideAlphabet
    } else {
        Refusal::MappedOutsideAlphabet
    }
}

/// Why the parser refused `d` although UTS 46 accepts it, or None when no documented reason holds.
fn refusal(d: &str, a_label: &str) -> Option<Refusal> {
    if let Some(c) = d
        .chars()
        .find(|&c| !c.is_ascii() && !in_alphabet(c) && !is_dot(c))
    {
        let ours_alone = format!("a{c}b.com");
        return Some(match uts46(&ours_alone) {
            Some(a) => code_point_refusal(c, &a),
            None => Refusal::KeptOutsideAlphabet, // only in context (e.g. a joiner): still outside
        });
    }
    let decoded = d
        .split(is_dot)
        .filter(|l| l.to_ascii_lowercase().starts_with("xn--"))
        .map(|l| idna::domain_to_unicode(l).0)
        .collect::<String>();
    let _ = a_label;
    decoded
        .chars()
        .any(|c| !c.is_ascii() && !in_alphabet(c))
        .then_some(Refusal::ALabelOutsideAlphabet)
}

fn is_dot(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

#[test]
fn every_code_point_alone() {
    // Exhaustive over every non-ASCII code point: where the parser accepts, it maps as UTS 46
    // does; it accepts exactly ALPHABET; its refusals of what UTS 46 accepts fall in the
    // documented categories, all of which occur.
    let mut accepted = Vec::new();
    let mut refusals = BTreeSet::new();
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        if is_dot(c) {
            continue;
        }
        let d = format!("a{c}b.com");
        let (mine, theirs) = (ours(&d), uts46(&d));
        match (&mine, &theirs) {
            (Some(m), _) => {
                assert_eq!(Some(m), theirs.as_ref(), "{c:?} U+{:04X}", u32::from(c));
                accepted.push(c);
            }
            (None, Some(t)) => {
                assert!(!in_alphabet(c), "{c:?} refused, UTS 46 gives {t}");
                refusals.insert(code_point_refusal(c, t));
            }
            (None, None) => {}
        }
    }
    let alphabet: Vec<char> = ALPHABET
        .iter()
        .flat_map(|&(lo, hi)| lo..=hi)
        .filter_map(char::from_u32)
        .filter(|&c| !matches!(c, '\u{D7}' | '\u{F7}'))
        .collect();
    assert_eq!(accepted, alphabet, "the code points the parser accepts");
    assert_eq!(
        refusals.into_iter().collect::<Vec<_>>(),
        REFUSED_THOUGH_UTS46_ACCEPTS
            .iter()
            .copied()
            .filter(|&r| r != Refusal::ALabelOutsideAlphabet)
            .collect::<Vec<_>>()
    );
}

fn letter() -> impl Strategy<Value = char> {
    let mut picks: Vec<_> = ALPHABET
        .iter()
        .map(|&(lo, hi)| (lo..=hi).prop_filter_map("a char", char::from_u32).boxed())
        .collect();
    picks.push(
        (0x61u32..=0x7A)
            .prop_filter_map("a-z", char::from_u32)
            .boxed(),
    );
    picks.push(Just('-').boxed());
    // The letters UTS 46 maps to more than one code point, and ß / final sigma it keeps.
    picks.push(prop::sample::select(vec!['İ', 'Ĳ', 'ĳ', 'Ŀ', 'ŀ', 'ŉ', 'ſ', 'ß', 'ς']).boxed());
    proptest::strategy::Union::new(picks)
}

fn label() -> impl Strategy<Value = String> {
    proptest::collection::vec(letter(), 1..12).prop_map(|v| v.into_iter().collect())
}

fn dot() -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => Just("."), 1 => Just("\u{3002}"), 1 => Just("\u{FF0E}"), 1 => Just("\u{FF61}")]
}

fn join(labels: Vec<(String, &'static str)>, tld: String) -> String {
    let mut s = String::new();
    for (l, d) in labels {
        s.push_str(&l);
        s.push_str(d);
    }
    s.push_str(&tld);
    s
}

fn domain() -> impl Strategy<Value = String> {
    // One to three labels of ALPHABET letters and hyphens, then an ASCII-letter TLD (the email
    // parser, unlike UTS 46, refuses an all-digit TLD; that rule is tested on its own elsewhere).
    (
        proptest::collection::vec((label(), dot()), 1..4),
        "[a-zA-Z]{2,6}",
    )
        .prop_map(|(labels, tld)| join(labels, tld))
}

/// Labels of any code points at all (letters of every script, symbols, marks, controls).
fn wild_domain() -> impl Strategy<Value = String> {
    let wild = proptest::collection::vec(
        prop_oneof![
            2 => letter(),
            1 => any::<char>(),
            1 => (0x80u32..0x3000).prop_filter_map("a char", char::from_u32),
        ],
        1..8,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    (proptest::collection::vec((wild, dot()), 1..3), "[a-z]{2,4}")
        .prop_map(|(labels, tld)| join(labels, tld))
}

/// The check every generated domain goes through.
fn check(d: &str) -> Result<(), TestCaseError> {
    let (mine, theirs) = (ours(d), uts46(d));
    match (&mine, &theirs) {
        (Some(_), _) => prop_assert_eq!(&mine, &theirs, "{:?}", d),
        (None, Some(t)) => prop_assert!(
            refusal(d, t).is_some_and(|r| REFUSED_THOUGH_UTS46_ACCEPTS.contains(&r)),
            "{:?}: refused, UTS 46 gives {}",
            d,
            t
        ),
        (None, None) => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn alphabet_domains_match_uts46(d in domain()) {
        // Within ALPHABET there is no refusal category: the answers are the same.
        prop_assert_eq!(ours(&d), uts46(&d), "{:?}", d);
    }

    #[test]
    fn any_domain_accepted_maps_as_uts46(d in wild_domain()) {
        check(&d)?;
    }

    #[test]
    fn a_labels_are_fixed_points(d in domain()) {
        // What the parser outputs is in ToASCII form: UTS 46 and the parser leave it unchanged.
        if let Some(mine) = ours(&d) {
            prop_assert_eq!(uts46(&mine), Some(mine.clone()), "{:?}", d);
            prop_assert_eq!(ours(&mine), Some(mine.clone()), "{:?}", d);
        }
    }

    #[test]
    fn any_a_label_accepted_is_valid(body in "[a-z0-9-]{1,16}", upper in any::<bool>()) {
        // Random "xn--" labels: most do not decode, decode to nonsense, or are not the canonical
        // encoding; the parser accepts one only where UTS 46 gives the same.
        let d = format!("{}{body}.com", if upper { "XN--" } else { "xn--" });
        check(&d)?;
        let d = format!("a{body}.xn--{body}");
        check(&d)?;
    }
}

#[test]
fn known_answers_agree() {
    for d in [
        "münchen.de",
        "MÜNCHEN.DE",
        "bücher.example",
        "例え.テスト",
        "пример.рф",
        "中国。cn",
        "ＥＸＡＭＰＬＥ．com",
        "straße.de",
        "ελληνικά.gr",
        "한국.kr",
        "xn--mnchen-3ya.de",
        "XN--MNCHEN-3YA.DE",
        "İstanbul.com",
        "ĳssel.nl",
        "ŀa.cat",
        "ŉa.com",
        "ſtraße.de",
    ] {
        assert_eq!(ours(d), uts46(d), "{d}");
        assert!(ours(d).is_some(), "{d}");
        assert_eq!(classify(&format!("x@{d}")).domain, ours(d), "{d}");
    }
    // What UTS 46 refuses, the parser refuses too.
    for d in [
        "ab--ü.com",      // "--" in the third and fourth places
        "ab--cd.com",     // the same, in ASCII
        "-ü.com",         // hyphen first...
        "ü-.com",         // ...or last
        "a！b.com",       // fullwidth punctuation
        "a\u{378}b.com",  // unassigned
        "a\u{E000}b.com", // private use
        "xn--zz.com",     // does not decode
        "xn--abc-.com",   // decodes to ASCII only
        "xn--mnchen-3ya-.de",
        "xn--ls8h.la", // decodes, but to an emoji (U+1F4A9): refused though UTS 46 accepts
    ] {
        assert_eq!(ours(d), None, "{d}");
        assert!(classify(&format!("x@{d}")).domain.is_none(), "{d}");
    }
    assert_eq!(uts46("xn--ls8h.la"), Some("xn--ls8h.la".into()));
    // The A-labels of the letters with special mappings are read back (i + U+0307, l + U+00B7,
    // U+02BC + n). (Typed as such, those code points are outside the alphabet: refused.)
    for d in ["İstanbul.com", "ŀa.cat", "ŉa.com"] {
        let a = ours(d).unwrap();
        assert_eq!(ours(&a), Some(a.clone()), "{d}");
        assert_eq!(ours(&idna::domain_to_unicode(&a).0), None, "{d}");
    }
    // Over-long labels and domains: both refuse.
    let long_label = format!("{}.de", "ü".repeat(64));
    assert_eq!(ours(&long_label), None);
    assert_eq!(uts46(&long_label), None);
}
