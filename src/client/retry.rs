//! The retry policy of the contract: which failures are retried for which endpoint, the backoff
//! `min(0.5 * 2^n, 8) s * jitter[0.75, 1]`, and `Retry-After` in seconds or as an HTTP date
//! (waited for within 0-60 s; a longer one ends the call with the error that carried it).

use super::request::Endpoint;
use crate::error::{Error, ErrorCode};

/// The longest Retry-After the client waits for.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;
const BASE_DELAY_MS: f64 = 500.0;
const MAX_DELAY_MS: f64 = 8_000.0;

/// Whether `error` may be retried for `endpoint`, by whether a repeat can cost the customer.
/// createColleague is retried only on 429, where the server promises it did nothing. userSync only
/// on 408/429/503, where the API did not run: after a timeout, a reset or another 5xx the sync may
/// have started a billed background run, so a blind repeat could bill twice (`retry_unsafe` opts in
/// to the full list). List and update repeat the same values, so every transient failure is retried.
pub fn is_retryable(endpoint: Endpoint, error: &Error, retry_unsafe: bool) -> bool {
    match endpoint {
        Endpoint::CreateColleague => error.status == Some(429),
        Endpoint::UserSync if !retry_unsafe => matches!(error.status, Some(408 | 429 | 503)),
        _ => match error.code {
            ErrorCode::NetworkError | ErrorCode::Timeout => true,
            _ => matches!(error.status, Some(408 | 429 | 500 | 502 | 503 | 504)),
        },
    }
}

/// Backoff before retry `n` (0-based) with `random` in [0, 1): the jitter factor is
/// `0.75 + 0.25 * random`, so the delay lies in [0.75, 1] times `min(0.5 * 2^n, 8)` s.
pub fn backoff_ms(n: u32, random: f64) -> u32 {
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let base = if n >= 5 {
        MAX_DELAY_MS
    } else {
        (BASE_DELAY_MS * f64::from(1u32 << n)).min(MAX_DELAY_MS)
    };
    (base * (0.75 + 0.25 * random)).round() as u32
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A parsed `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    /// Wait this long (0..=60 s), in ms.
    Wait(u32),
    /// The server asks for more than 60 s: give up with the error. In whole seconds, capped at
    /// `MAX_SAFE_INTEGER` so JS gets an exact number ("at least this long") for any header.
    TooLong(u64),
}

/// Parses `Retry-After` as delay-seconds or an HTTP date (IMF-fixdate, RFC 850, asctime),
/// relative to `now_ms` (Unix ms). A date in the past means "now". Unparseable or an impossible
/// date (29 Feb 2100, hour 25, a weekday that does not match) -> None, which counts as absent.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<RetryAfter> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let ms: u64 = if value.bytes().all(|b| b.is_ascii_digit()) {
        // Long digit strings saturate: they are "too long" either way.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        secs.saturating_mul(1000)
    } else {
        let at = parse_http_date(value)?;
        let delta = at - now_ms;
        if !delta.is_finite() || delta <= 0.0 {
            0
        } else {
            delta.ceil() as u64
        }
    };
    if ms <= MAX_RETRY_AFTER_MS {
        Some(RetryAfter::Wait(ms as u32))
    } else {
        Some(RetryAfter::TooLong(ms.div_ceil(1000).min(MAX_SAFE_INTEGER)))
    }
}

/// An HTTP date (RFC 9110 5.6.7: IMF-fixdate and the obsolete RFC 850 and asctime forms) as Unix
/// ms, by the `httpdate` crate: it checks the calendar (day of month, leap years, weekday), which
/// a date that only looks right would otherwise slip past.
pub fn parse_http_date(s: &str) -> Option<f64> {
    let at = httpdate::parse_http_date(s).ok()?;
    let secs = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(secs as f64 * 1000.0)
}
