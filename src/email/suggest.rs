//! Typo suggestions in the manner of mailcheck.js: the whole domain against well-known providers,
//! then the second-level name and the top-level domain separately. Two changes keep suggestions
//! rare on real company domains: the allowed distance shrinks with the provider name's length (a
//! short name such as "me" or "gmx" is one edit from many real domains), and the split steps only
//! suggest a domain the table lists as a personal provider.

use super::data::{POPULAR, SECOND_LEVEL};
use super::table::{classify_domain, Listed};

/// mailcheck.js's default top-level domains.
const TOP_LEVEL: &[&str] = &[
    "com", "com.au", "com.tw", "ca", "co.nz", "co.uk", "de", "fr", "it", "ru", "net", "org", "edu",
    "gov", "jp", "nl", "kr", "se", "eu", "ie", "co.il", "us", "at", "be", "dk", "hk", "es", "gr",
    "ch", "no", "cz", "in", "net.au", "info", "biz", "mil", "co.jp", "sg", "hu", "uk",
];

/// Edits allowed towards a provider whose second-level name has `len` bytes.
fn name_threshold(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=6 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped: returns
/// `cap + 1` as soon as the distance must exceed `cap`.
pub(crate) fn distance(a: &[u8], b: &[u8], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    // Rows span `b`, a provider name (short); `a` is within `cap` of its length (checked above).
    const W: usize = 64;
    if a.len() >= W || b.len() >= W {
        return cap + 1;
    }
    let mut prev2 = [0usize; W];
    let mut prev = [0usize; W];
    let mut cur = [0usize; W];
    for (j, slot) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *slot = j;
    }
    for i in 1..=a.len() {
        cur[0] = i; // panic-ok: W > 0
        let mut row_min = i;
        for j in 1..=b.len() {
            // panic-ok: i <= a.len() < W and j <= b.len() < W, checked above
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1;
        }
        prev2 = prev;
        prev = cur;
    }
    prev[b.len()].min(cap + 1) // panic-ok: b.len() < W
}

/// The closest candidate within its threshold; ties go to the earlier candidate.
fn closest<'a>(
    word: &str,
    candidates: &[&'a str],
    threshold: impl Fn(&str) -> usize,
) -> Option<&'a str> {
    let mut best: Option<(&str, usize)> = None;
    for &c in candidates {
        if c == word {
            return Some(c);
        }
        let cap = threshold(c);
        let d = distance(word.as_bytes(), c.as_bytes(), cap);
        if d <= cap && best.map_or(true, |(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

fn second_level(domain: &str) -> &str {
    domain.split('.').next().unwrap_or(domain)
}

fn is_personal_provider(domain: &str) -> bool {
    classify_domain(domain.as_bytes()) == Some(Listed::Personal)
}

/// The corrected domain for a likely typo of a well-known provider. `domain` is a validated,
/// lower-case ASCII domain that the table does not list (known domains never get a suggestion).
pub(crate) fn suggest_domain(domain: &str) -> Option<String> {
    if let Some(p) = closest(domain, POPULAR, |c| name_threshold(second_level(c).len())) {
        return (p != domain).then(|| p.to_string());
    }
    let (sld, tld) = domain.split_once('.')?;
    let new_sld = closest(sld, SECOND_LEVEL, |c| name_threshold(c.len())).unwrap_or(sld);
    let new_tld = closest(tld, TOP_LEVEL, |_| 2).unwrap_or(tld);
    for (s, t) in [(new_sld, new_tld), (new_sld, tld), (sld, new_tld)] {
        if (s, t) == (sld, tld) {
            continue;
        }
        let mut candidate = String::with_capacity(s.len() + 1 + t.len());
        candidate.push_str(s);
        candidate.push('.');
        candidate.push_str(t);
        if is_personal_provider(&candidate) {
            return Some(candidate);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_transpositions() {
        assert_eq!(distance(b"gmail", b"gmail", 2), 0);
        assert_eq!(distance(b"gmial", b"gmail", 2), 1);
        assert_eq!(distance(b"gmai", b"gmail", 2), 1);
        assert_eq!(distance(b"gmaill", b"gmail", 2), 1);
        assert_eq!(distance(b"gnail", b"gmail", 2), 1);
        assert_eq!(distance(b"abc", b"xyz", 2), 3);
        assert_eq!(distance(b"", b"abcdef", 2), 3);
        assert_eq!(distance(b"kitten", b"sitting", 5), 3);
    }

    #[test]
    fn suggests_the_issue_examples() {
        for (typo, want) in [
            ("gmial.com", "gmail.com"),
            ("hotmial.com", "hotmail.com"),
            ("yaho.com", "yahoo.com"),
            ("outlok.com", "outlook.com"),
            ("gmail.con", "gmail.com"),
            ("gmail.co", "gmail.com"),
            ("gmaiil.con", "gmail.com"),
            ("yahooo.co.jp", "yahoo.co.jp"),
            ("gmx.dr", "gmx.de"),
        ] {
            assert_eq!(suggest_domain(typo).as_deref(), Some(want), "{typo}");
        }
    }

    #[test]
    fn no_suggestion_for_short_lookalikes() {
        for d in [
            "ge.com",
            "hp.com",
            "amd.com",
            "sk.com",
            "gm.com",
            "acme.co",
            "siemens.de",
            "ibm.com",
        ] {
            assert_eq!(suggest_domain(d), None, "{d}");
        }
    }
}
