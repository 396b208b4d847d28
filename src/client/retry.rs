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

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// Day names from Thursday, the weekday of 1970-01-01 (day 0).
const WEEKDAYS: [&str; 7] = ["thu", "fri", "sat", "sun", "mon", "tue", "wed"];
const WEEKDAYS_LONG: [&str; 7] = [
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
];

/// An HTTP date (RFC 9110 5.6.7: IMF-fixdate, obsolete RFC 850 and asctime forms) as Unix ms.
/// Hand-written rather than the `httpdate` crate, whose SystemTime conversions link std's time
/// panics into the wasm; `httpdate` is this parser's oracle in tests/client_props.rs and fuzz/. An impossible date (29 Feb 2100, 31 Nov,
/// hour 24, second 60, a weekday that is not the date's) is None: the caller treats it as absent.
pub fn parse_http_date(s: &str) -> Option<f64> {
    let mut day: Option<u32> = None;
    let mut month: Option<u32> = None;
    let mut year: Option<i64> = None;
    let mut time: Option<(u32, u32, u32)> = None;
    let mut weekday: Option<Option<usize>> = None;
    // Surrounding whitespace (tabs included) is the header's, not the date's.
    let tokens = s.trim().split([' ', ',', '-']).filter(|t| !t.is_empty());
    for token in tokens {
        if token.contains(':') {
            let mut parts = token.split(':');
            let h = parts.next()?.parse::<u32>().ok()?;
            let m = parts.next()?.parse::<u32>().ok()?;
            let sec = parts.next()?.parse::<u32>().ok()?;
            if parts.next().is_some() || time.is_some() {
                return None;
            }
            time = Some((h, m, sec));
        } else if token.bytes().all(|b| b.is_ascii_digit()) {
            let n = token.parse::<i64>().ok()?;
            if token.len() <= 2 && day.is_none() {
                // All three forms put the day before the year.
                day = Some(n as u32);
            } else if year.is_none() && (token.len() == 4 || token.len() == 2) {
                // RFC 850 two-digit years: 70-99 are 19xx, the rest 20xx.
                year = Some(if token.len() == 2 {
                    if n >= 70 {
                        1900 + n
                    } else {
                        2000 + n
                    }
                } else {
                    n
                });
            } else {
                return None;
            }
        } else if token.eq_ignore_ascii_case("GMT") || token.eq_ignore_ascii_case("UTC") {
            continue;
        } else if token.len() == 3 && month.is_none() {
            let lower = token.to_ascii_lowercase();
            if let Some(i) = MONTHS.iter().position(|m| *m == lower) {
                month = Some(i as u32 + 1);
            } else if weekday.is_none() {
                weekday = Some(WEEKDAYS.iter().position(|d| *d == lower));
            } else {
                return None;
            }
        } else if token.len() >= 3
            && weekday.is_none()
            && token.bytes().all(|b| b.is_ascii_alphabetic())
        {
            let lower = token.to_ascii_lowercase();
            weekday = Some(WEEKDAYS_LONG.iter().position(|d| *d == lower));
        } else {
            return None;
        }
    }
    let (day, month, year, (h, m, sec)) = (day?, month?, year?, time?);
    if day < 1
        || day > days_in_month(year, month)
        || h > 23
        || m > 59
        || sec > 59
        || !(1970..=9999).contains(&year)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day name that is not a day, or not this date's, makes the date invalid.
    if let Some(named) = weekday {
        if named != Some(days.rem_euclid(7) as usize) {
            return None;
        }
    }
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(sec);
    Some(secs as f64 * 1000.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
