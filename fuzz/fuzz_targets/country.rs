//! Country normalisation, time zones and locales: never panics; lookup and normalize agree.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wazper::country::{self, Format};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let found = country::lookup(&input);
    assert_eq!(
        found.map(|c| c.name),
        country::normalize(&input, Format::Name)
    );
    assert_eq!(
        found.map(|c| c.alpha2),
        country::normalize(&input, Format::Alpha2)
    );
    assert_eq!(
        found.map(|c| c.alpha3),
        country::normalize(&input, Format::Alpha3)
    );
    if let Some(c) = found {
        // The canonical name and codes name the same country again.
        assert_eq!(country::lookup(c.name).map(|d| d.alpha2), Some(c.alpha2));
        assert_eq!(country::lookup(c.alpha3).map(|d| d.alpha2), Some(c.alpha2));
    }
    if let Some(sk) = country::skeleton::of(&input) {
        assert!(core::str::from_utf8(sk.key.as_bytes()).is_ok());
    }
    let _ = country::from_time_zone(&input);
    let _ = country::from_locale(&input);
});
