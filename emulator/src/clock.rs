//! Time and identifiers: ISO-8601 timestamps with milliseconds, a clock that never repeats a
//! millisecond (so every update visibly moves `updatedAt` forward), and the id formats the API uses.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, rendered as `2023-10-27T10:00:00.000Z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Millis(pub i64);

impl Millis {
    pub fn iso(self) -> String {
        // jiff covers years -9999..=9999; a clock outside them is clamped rather than unprintable.
        let ts = jiff::Timestamp::from_millisecond(self.0).unwrap_or(if self.0 < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        });
        // RFC 3339 in UTC ("Z") with exactly three fractional digits, as the vendor's examples.
        format!("{ts:.3}")
    }
}

impl serde::Serialize for Millis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// The wall clock, in milliseconds since the epoch.
pub fn now() -> Millis {
    Millis(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    )
}

/// Hands out strictly increasing timestamps: wall-clock time, or one past the last one handed out.
#[derive(Debug, Default)]
pub struct Clock {
    last: i64,
}

impl Clock {
    pub fn tick(&mut self) -> Millis {
        self.last = now().0.max(self.last + 1);
        Millis(self.last)
    }
}

/// Unique ids for one process: a counter run through a bijective mixer, so ids look random but
/// can never collide.
#[derive(Debug)]
pub struct IdGen {
    salt: u64,
    next: u64,
}

impl IdGen {
    pub fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        IdGen {
            salt: mix(nanos ^ u64::from(std::process::id())),
            next: 0,
        }
    }

    pub fn next(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", base36(mix(self.salt.wrapping_add(self.next))))
    }
}

impl Default for IdGen {
    fn default() -> Self {
        Self::new()
    }
}

/// The userId of an email: derived from the address alone, so it is stable across syncs,
/// resets and restarts.
pub fn user_id_for(email: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a offset basis
    for b in email.trim().to_lowercase().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("user_{}", base36(mix(h)))
}

/// splitmix64's finaliser: a bijection on u64.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed width (13 digits) so all ids of a kind have the same length.
fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 13];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_format() {
        assert_eq!(Millis(0).iso(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Millis(1_698_400_800_123).iso(), "2023-10-27T10:00:00.123Z");
        assert_eq!(Millis(951_782_400_000).iso(), "2000-02-29T00:00:00.000Z");
        assert_eq!(Millis(-1).iso(), "1969-12-31T23:59:59.999Z");
        // Outside jiff's range (which leaves room for any UTC offset): clamped, never a panic.
        assert_eq!(Millis(i64::MAX).iso(), "9999-12-30T22:00:00.999Z");
        assert_eq!(Millis(i64::MIN).iso(), "-009999-01-02T01:59:59.000Z");
    }

    #[test]
    fn clock_strictly_increases() {
        let mut c = Clock::default();
        let mut prev = c.tick();
        for _ in 0..1000 {
            let t = c.tick();
            assert!(t > prev);
            prev = t;
        }
    }

    #[test]
    fn ids_unique_and_user_ids_stable() {
        let mut g = IdGen::new();
        let a = g.next("tbi_");
        let b = g.next("tbi_");
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 13);
        assert_eq!(
            user_id_for("A@Acme.example"),
            user_id_for(" a@acme.example")
        );
        assert_ne!(user_id_for("a@acme.example"), user_id_for("b@acme.example"));
    }
}
