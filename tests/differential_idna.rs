//! Differential test of the email parser's internationalised domains (src/email/parse.rs: a small
//! lower-casing table plus an RFC 3492 Punycode encoder) against the `idna` crate's UTS 46
//! processing, which is what browsers and mail systems apply. On the scripts people type in
//! addresses (Latin, Greek, Cyrillic, Armenian, CJK, kana, fullwidth forms, the ideographic full
//! stops) the two must produce the same A-label domain, and accept and reject the same inputs.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
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

/// The code points the parser claims to handle like UTS 46: the letters and digits of the scripts
/// in its lower-casing table, caseless scripts, and the fullwidth forms IDNA folds to ASCII.
/// (Outside them it is more lenient than UTS 46: it accepts symbols and unassigned code points
/// that UTS 46 refuses; see the notes in known_divergence.)
const ALPHABET: &[(u32, u32)] = &[
    (0x30, 0x39), // 0-9
    (0x41, 0x5A), // A-Z
    (0x61, 0x7A), // a-z
    (0xC0, 0xD6), // Latin-1 letters (without U+00D7, the multiplication sign)
    (0xD8, 0xF6), // (without U+00F7, the division sign)
    (0xF8, 0xFF),
    (0x100, 0x17F), // Latin Extended-A
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

fn alphabet() -> impl Iterator<Item = char> {
    ALPHABET
        .iter()
        .flat_map(|&(lo, hi)| lo..=hi)
        .filter_map(char::from_u32)
}

fn letter() -> impl Strategy<Value = char> {
    let picks: Vec<_> = ALPHABET
        .iter()
        .map(|&(lo, hi)| (lo..=hi).prop_filter_map("a char", char::from_u32).boxed())
        .collect();
    proptest::strategy::Union::new(picks)
}

fn label() -> impl Strategy<Value = String> {
    proptest::collection::vec(letter(), 1..12).prop_map(|v| v.into_iter().collect())
}

fn dot() -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => Just("."), 1 => Just("\u{3002}"), 1 => Just("\u{FF0E}"), 1 => Just("\u{FF61}")]
}

fn domain() -> impl Strategy<Value = String> {
    // One to three labels of any script, then an ASCII-letter TLD (the email parser, unlike
    // UTS 46, refuses an all-digit TLD; that rule is tested on its own elsewhere).
    (
        proptest::collection::vec((label(), dot()), 1..4),
        "[a-zA-Z]{2,6}",
    )
        .prop_map(|(labels, tld)| {
            let mut s = String::new();
            for (l, d) in labels {
                s.push_str(&l);
                s.push_str(d);
            }
            s.push_str(&tld);
            s
        })
}

/// Where the email parser is known to differ from UTS 46 inside ALPHABET: Latin Extended-A code
/// points whose UTS 46 mapping is not a one-to-one lower-casing (İ -> i + U+0307, Ĳ/ĳ -> "ij",
/// Ŀ/ŀ -> "l" + U+00B7, ŉ -> U+02BC + "n", ſ -> "s"), which the parser's pairwise table gets wrong.
/// Reported for a fix in src/email/parse.rs; remove an entry once the parser agrees. Any other
/// difference fails the tests.
///
/// Noted, not asserted: outside ALPHABET the parser also accepts what UTS 46 refuses (fullwidth
/// punctuation such as U+FF01, unassigned Greek and kana code points) and does not apply UTS 46's
/// mappings of Greek symbol forms (U+03D0..U+03FF) or halfwidth forms (U+FF61..).
const KNOWN_DIVERGENCES: &[char] = &[
    '\u{130}', '\u{132}', '\u{133}', '\u{13F}', '\u{140}', '\u{149}', '\u{17F}',
];

fn known_divergence(domain: &str) -> bool {
    domain.chars().any(|c| KNOWN_DIVERGENCES.contains(&c))
}

#[test]
fn every_code_point_alone_matches_uts46() {
    // Exhaustive over ALPHABET (about 40,000 code points); the generated domains below cover
    // positions, several labels and the encoder's arithmetic on long mixed labels.
    let diverging: Vec<char> = alphabet()
        .filter(|c| {
            let d = format!("a{c}b.com");
            ours(&d) != uts46(&d)
        })
        .collect();
    assert_eq!(
        diverging, KNOWN_DIVERGENCES,
        "code points where the parser and UTS 46 differ"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn same_a_labels_as_uts46(d in domain()) {
        let mine = ours(&d);
        let theirs = uts46(&d);
        if mine != theirs {
            prop_assert!(
                known_divergence(&d),
                "{d:?}: email parser {mine:?}, UTS 46 {theirs:?}"
            );
        }
    }

    #[test]
    fn a_labels_are_fixed_points(d in domain()) {
        // What the parser outputs is already in ToASCII form: UTS 46 leaves it unchanged.
        prop_assume!(!known_divergence(&d));
        if let Some(mine) = ours(&d) {
            prop_assert_eq!(uts46(&mine), Some(mine.clone()), "{:?}", d);
        }
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
    ] {
        assert_eq!(ours(d), uts46(d), "{d}");
        assert!(ours(d).is_some(), "{d}");
        assert_eq!(classify(&format!("x@{d}")).domain, ours(d), "{d}");
    }
    // Over-long labels and domains: both refuse.
    let long_label = format!("{}.de", "ü".repeat(64));
    assert_eq!(ours(&long_label), None);
    assert_eq!(uts46(&long_label), None);
}
