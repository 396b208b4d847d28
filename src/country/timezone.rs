//! IANA time zone -> country, from tzdata's zone.tab / zone1970.tab and its backward-compatible links
//! (data/country/tz-overrides.tsv fixes the links that cross borders). UTC, Etc/* and unknown -> None.

use super::data::{COUNTRIES, TZ_DELTAS, TZ_HEADS, TZ_OFFSETS, TZ_RICE_K, TZ_VALUES};
use super::store::{hash_find, HashStore, Hit};

static ZONES: HashStore = HashStore {
    heads: &TZ_HEADS,
    offsets: &TZ_OFFSETS,
    deltas: TZ_DELTAS,
    rice_k: TZ_RICE_K,
    values: &TZ_VALUES,
};

/// Longest zone name (America/Argentina/ComodRivadavia is 32).
const MAX_TZ: usize = 64;

pub fn from_time_zone(tz: &str) -> Option<&'static str> {
    let tz = tz.trim();
    if tz.is_empty() || tz.len() > MAX_TZ {
        return None;
    }
    let mut buf = [0u8; MAX_TZ];
    let key = buf.get_mut(..tz.len())?;
    for (d, s) in key.iter_mut().zip(tz.bytes()) {
        // Zone names are ASCII; a non-ASCII byte simply fails the lookup.
        *d = s.to_ascii_lowercase();
    }
    match hash_find(&ZONES, key)? {
        Hit::Country(i) => COUNTRIES.get(usize::from(i)).map(|c| c.alpha2),
        Hit::Reject => None,
    }
}

#[cfg(test)]
mod tests {
    use super::from_time_zone as tz;

    #[test]
    fn zones() {
        assert_eq!(tz("Europe/Paris"), Some("FR"));
        assert_eq!(tz("europe/paris"), Some("FR"));
        assert_eq!(tz("America/New_York"), Some("US"));
        assert_eq!(tz("Asia/Calcutta"), Some("IN"));
        assert_eq!(tz("US/Eastern"), Some("US"));
        assert_eq!(tz("Europe/Kiev"), Some("UA"));
        assert_eq!(tz("America/Virgin"), Some("VI"));
        assert_eq!(tz("Iceland"), Some("IS"));
        assert_eq!(tz("UTC"), None);
        assert_eq!(tz("Etc/GMT+5"), None);
        assert_eq!(tz("EST"), None);
        assert_eq!(tz("CET"), None);
        assert_eq!(tz("Mars/Olympus"), None);
        assert_eq!(tz(""), None);
    }
}
