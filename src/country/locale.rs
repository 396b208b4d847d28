//! BCP 47 / POSIX locale tag -> the country of its region subtag ("fr-CA" -> CA, "de_AT.UTF-8" -> AT,
//! "zh-Hant-TW" -> TW). Language-only tags, UN M.49 areas ("es-419") and private use give None.

use super::data::BY_NUMERIC;
use super::{by_alpha2, code_index, COUNTRIES};

pub fn from_locale(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    if tag.len() > 100 {
        return None;
    }
    // POSIX: language[_territory][.codeset][@modifier]
    let tag = tag.split(['.', '@']).next()?;
    let mut parts = tag.split(['-', '_']);
    let lang = parts.next()?;
    if !(2..=8).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None; // also rules out "x-..." private use and "i-..." grandfathered tags
    }
    let mut extlangs = 0;
    for sub in parts {
        let b = sub.as_bytes();
        match b.len() {
            // extlang (up to three) right after a 2-3 letter language
            3 if extlangs < 3 && lang.len() <= 3 && b.iter().all(u8::is_ascii_alphabetic) => {
                extlangs += 1
            }
            // script
            4 if b.iter().all(u8::is_ascii_alphabetic) => extlangs = 3,
            2 if b.iter().all(u8::is_ascii_alphabetic) => {
                if let Some(c) = by_alpha2(b) {
                    return Some(c.alpha2);
                }
                // Deprecated or non-ISO region codes with one clear successor (UK, BU, ZR, ...).
                let up = [
                    b.first()?.to_ascii_uppercase(),
                    b.get(1)?.to_ascii_uppercase(),
                ];
                return code_index(&up)
                    .and_then(|i| COUNTRIES.get(usize::from(i)))
                    .map(|c| c.alpha2);
            }
            3 if b.iter().all(u8::is_ascii_digit) => {
                // UN M.49: country codes equal ISO numeric; areas (001, 150, 419) match none.
                let at = BY_NUMERIC
                    .binary_search_by(|&i| {
                        COUNTRIES
                            .get(usize::from(i))
                            .map_or(&b""[..], |c| c.numeric.as_bytes())
                            .cmp(b)
                    })
                    .ok()?;
                return BY_NUMERIC
                    .get(at)
                    .and_then(|&i| COUNTRIES.get(usize::from(i)))
                    .map(|c| c.alpha2);
            }
            _ => return None, // variant, extension or private use before any region
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::from_locale as loc;

    #[test]
    fn tags() {
        assert_eq!(loc("fr-CA"), Some("CA"));
        assert_eq!(loc("de_AT"), Some("AT"));
        assert_eq!(loc("de_AT.UTF-8@euro"), Some("AT"));
        assert_eq!(loc("zh-Hant-TW"), Some("TW"));
        assert_eq!(loc("en-GB-oxendict"), Some("GB"));
        assert_eq!(loc("en-gb"), Some("GB"));
        assert_eq!(loc("zh-yue-HK"), Some("HK"));
        assert_eq!(loc("es-419"), None);
        assert_eq!(loc("es-484"), Some("MX"));
        assert_eq!(loc("en"), None);
        assert_eq!(loc("sr-Latn"), None);
        assert_eq!(loc("x-private"), None);
        assert_eq!(loc("C"), None);
        assert_eq!(loc("en-XA"), None);
        assert_eq!(loc("en-ZZ"), None);
        assert_eq!(loc(""), None);
        assert_eq!(loc("en-UK"), Some("GB"));
    }
}
