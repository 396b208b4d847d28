//! Small string helpers shared by the client modules.

/// `s` without `prefix`, compared ASCII case-insensitively.
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Byte offset of the first `needle` in `hay`. A plain window scan: `str::find(&str)` links core's
/// Two-Way searcher (~2.3 KB of wasm, with its slicing panics) for inputs that are a few hundred
/// bytes and needles of a few. An empty needle is found at 0, as with `str::find`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len().max(1))
        .position(|w| w == n)
        .or(n.is_empty().then_some(0))
}

/// `find` with ASCII letters compared case-insensitively: a server may echo the key upper-cased.
pub fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    find(&hay.to_ascii_lowercase(), &needle.to_ascii_lowercase())
}

/// `s` with every non-overlapping `from` replaced by `to`, left to right (as `str::replace` with a
/// non-empty `from`; an empty `from` leaves `s` as it is).
pub fn replace(s: &str, from: &str, to: &str) -> String {
    replace_in(s, s, from, to)
}

/// `replace` matching `from` in any ASCII letter case. Matches are found in lower-cased copies,
/// whose byte offsets are the original's (ASCII case mapping keeps lengths), and cut from `s`.
pub fn replace_ci(s: &str, from: &str, to: &str) -> String {
    replace_in(s, &s.to_ascii_lowercase(), &from.to_ascii_lowercase(), to)
}

/// Replaces in `s` the matches of `from` found in `hay`, which has `s`'s byte offsets.
fn replace_in(s: &str, hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    while let Some(i) = hay
        .get(at..)
        .and_then(|rest| find(rest, from))
        .filter(|_| !from.is_empty())
    {
        // A match starts and ends on char boundaries, so `get` always succeeds; it keeps this
        // free of slicing panics all the same.
        let Some(head) = s.get(at..at + i) else {
            break;
        };
        out.push_str(head);
        out.push_str(to);
        at += i + from.len();
    }
    out.push_str(s.get(at..).unwrap_or(""));
    out
}

/// The parts joined into one String.
pub fn concat(parts: &[&str]) -> String {
    parts.concat()
}

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, n: u64) {
    out.push_str(&n.to_string());
}

pub fn u64_to_string(n: u64) -> String {
    n.to_string()
}

/// Longest text surfaced from a server body: enough for any documented message, short enough that
/// an HTML error page never ends up in an exception.
pub const MAX_SERVER_TEXT: usize = 300;

/// Server text made safe to surface: the API key replaced in any letter case, control characters
/// dropped, length capped.
pub fn sanitize_server_text(text: &str, api_key: Option<&str>) -> String {
    let scrubbed = match api_key {
        Some(key) if !key.is_empty() => replace_ci(text, key, "[redacted]"),
        _ => text.to_owned(),
    };
    let mut out = String::with_capacity(scrubbed.len().min(MAX_SERVER_TEXT + 3));
    for (count, c) in scrubbed.trim().chars().enumerate() {
        if count == MAX_SERVER_TEXT {
            out.push_str("...");
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    // Truncation must not leave a prefix of the key behind either.
    if let Some(key) = api_key {
        if key.len() >= 8 {
            for cut in (8..key.len()).rev() {
                if let Some(prefix) = key.get(..cut) {
                    let tail = out
                        .len()
                        .checked_sub(prefix.len() + 3)
                        .and_then(|at| out.get(at..));
                    if tail.is_some_and(|t| t.eq_ignore_ascii_case(&concat(&[prefix, "..."]))) {
                        let keep = out.len().saturating_sub(prefix.len() + 3);
                        out.truncate(keep);
                        out.push_str("[redacted]...");
                        break;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_and_replace_match_std() {
        let cases = [
            ("", ""),
            ("abc", ""),
            ("", "a"),
            ("abc", "abcd"),
            ("aaaa", "aa"),
            ("xkeyykeyz", "key"),
            ("ünïcödé key ü", "key"),
            ("ü", "\u{fc}"),
            ("abab", "bab"),
        ];
        for (hay, needle) in cases {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            if !needle.is_empty() {
                assert_eq!(replace(hay, needle, "[r]"), hay.replace(needle, "[r]"));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn find_and_replace_agree_with_std(hay in "[ab\u{fc}k]{0,12}", needle in "[ab\u{fc}k]{0,3}") {
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(needle.as_str()));
            if !needle.is_empty() {
                proptest::prop_assert_eq!(replace(&hay, &needle, "[r]"), hay.replace(needle.as_str(), "[r]"));
            }
        }
    }

    #[test]
    fn digits() {
        for n in [0u64, 7, 10, 99, 1234567890, u64::MAX] {
            assert_eq!(u64_to_string(n), n.to_string());
        }
    }

    #[test]
    fn prefix_ci() {
        assert_eq!(strip_prefix_ci("HTTPS://x", "https://"), Some("x"));
        assert_eq!(strip_prefix_ci("http", "https://"), None);
        assert_eq!(strip_prefix_ci("ééééééééé", "https://"), None);
    }

    #[test]
    fn sanitize_scrubs_and_caps() {
        let key = "sk_SECRET_123";
        let s = sanitize_server_text("bad key sk_SECRET_123 here", Some(key));
        assert!(!s.contains(key));
        assert!(s.contains("[redacted]"));
        let long = "x".repeat(1000);
        assert!(sanitize_server_text(&long, None).chars().count() <= MAX_SERVER_TEXT + 3);
        // A key cut in half by the length cap must not survive as a prefix.
        let text = ["y".repeat(MAX_SERVER_TEXT - 10), key.to_owned()].concat();
        let s = sanitize_server_text(&text, Some(key));
        assert!(!s.contains("sk_SECRET_"), "{s}");
        assert_eq!(sanitize_server_text("a\r\nb", None), "a  b");
    }

    #[test]
    fn sanitize_scrubs_any_letter_case() {
        let key = "sk_SECRET_123";
        for echo in ["SK_SECRET_123", "sk_secret_123", "Sk_SeCrEt_123"] {
            let s = sanitize_server_text(&["Invalid API Key ", echo, "!"].concat(), Some(key));
            assert_eq!(s, "Invalid API Key [redacted]!");
            let long = ["y".repeat(MAX_SERVER_TEXT - 10), echo.to_owned()].concat();
            let s = sanitize_server_text(&long, Some(key));
            assert!(!s.to_ascii_lowercase().contains("sk_secret_"), "{s}");
        }
        // Non-ASCII text around an echo keeps its characters.
        assert_eq!(
            sanitize_server_text("clé SK_SECRET_123 é", Some(key)),
            "clé [redacted] é"
        );
        assert_eq!(find_ci("xx\u{fc}ABC", "abc"), Some(4));
        assert_eq!(replace_ci("aBcabc", "ABC", "-"), "--");
    }
}
