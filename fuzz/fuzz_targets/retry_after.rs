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
    if let Ok(t) = httpdate::parse_http_date(&input) {
        let want = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as f64 * 1000.0;
        assert_eq!(ours, Some(want), "{input:?}");
    }
    if let Some(ms) = ours {
        assert!(ms >= 0.0 && ms < 253_402_300_800_000.0, "{input:?} -> {ms}");
    }
});
