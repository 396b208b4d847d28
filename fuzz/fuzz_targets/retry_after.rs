//! Retry-After: never panics, waits stay within 60 s, refusals are exact JS numbers, and every date
//! the `httpdate` crate accepts is read the same (httpdate is the oracle; ours is more lenient).
#![no_main]
use libfuzzer_sys::fuzz_target;
use wazper::client::retry::{parse_http_date, parse_retry_after, RetryAfter, MAX_SAFE_INTEGER};

fuzz_target!(|data: &[u8]| {
    let (now, text) = match data.split_first_chunk::<8>() {
        Some((n, rest)) => (f64::from_le_bytes(*n), rest),
        None => (1.7e12, data),
    };
    let input = String::from_utf8_lossy(text);
    match parse_retry_after(&input, now) {
        Some(RetryAfter::Wait(ms)) => assert!(ms <= 60_000),
        Some(RetryAfter::TooLong(secs)) => assert!(secs > 60 && secs <= MAX_SAFE_INTEGER),
        None => {}
    }
    let ours = parse_http_date(&input);
    // httpdate 1.0.3 does not check the separator after an RFC 850 date's year (it accepts
    // "Sunday, 06-Nov-94\x1608:49:37 GMT"; found by this target): such inputs are not compared.
    let t = input.trim();
    let strict = !t.contains('-')
        || t.split_once(", ")
            .is_some_and(|(_, rest)| rest.as_bytes().get(9) == Some(&b' '));
    if let Ok(t) = httpdate::parse_http_date(&input)
        .map_err(|_| ())
        .and_then(|t| if strict { Ok(t) } else { Err(()) })
    {
        let want = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as f64 * 1000.0;
        assert_eq!(ours, Some(want), "{input:?}");
    }
    if let Some(ms) = ours {
        assert!(ms >= 0.0 && ms < 253_402_300_800_000.0, "{input:?} -> {ms}");
    }
});
