//! Lookup in the generated domain table: a front-coded, sorted list of reversed-label keys
//! ("com.gmail"), searched in place so cold start builds nothing and a lookup allocates nothing.

use super::data::DOMAINS;

/// What a table entry says about a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listed {
    Personal,
    Disposable,
}

/// Longest key the table can hold: a domain is at most 253 octets.
pub(crate) const MAX_KEY: usize = 253;

const HEADER: u8 = 0x80;

// Plain loops rather than iterator adaptors in this file: the release profile is opt-level "z",
// which inlines little, and closures there cost several times a simple loop.
#[inline(always)]
fn key_end(start: usize) -> usize {
    let mut i = start;
    while i < DOMAINS.len() && DOMAINS[i] < HEADER {
        // panic-ok: i < DOMAINS.len() checked first
        i += 1;
    }
    i
}

/// Writes the reversed-label key of an ASCII domain ("mail.example.com" -> "com.example.mail")
/// into `out`, returning its length; None when it does not fit.
#[cfg(test)]
pub(crate) fn reverse_key(domain: &[u8], out: &mut [u8; MAX_KEY]) -> Option<usize> {
    if domain.len() > MAX_KEY {
        return None;
    }
    let mut w = 0usize;
    for label in domain.rsplit(|&b| b == b'.') {
        if w > 0 {
            *out.get_mut(w)? = b'.';
            w += 1;
        }
        out.get_mut(w..w + label.len())?.copy_from_slice(label);
        w += label.len();
    }
    Some(w)
}

// Speed: a search of the front-coded table costs about a microsecond at opt-level "z", too slow
// for isPersonalEmail's target of millions of calls per second. So the first classification
// decodes the table once (about a millisecond) into an open-addressing table of 64-bit FNV-1a
// hashes of the keys: 32768 slots, 256 KiB of memory, nothing at module start-up. A slot holds the
// hash with bit 0 replaced by the kind and bit 1 set (so it is never the empty value 0), leaving 62
// bits: a domain outside the lists matches an entry with probability about 13000 / 2^62, 3e-15 per
// lookup, and the generator checks that the entries and the company test set never collide.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const SLOTS: usize = 1 << 15;
const TAG_MASK: u64 = !3;

#[inline(always)]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

#[inline(always)]
fn slot_of(h: u64) -> usize {
    // The high bits are the best mixed ones of FNV-1a.
    (h >> 49) as usize & (SLOTS - 1)
}

fn build_index() -> Box<[u64]> {
    let mut slots = vec![0u64; SLOTS].into_boxed_slice();
    let mut cur = [0u8; MAX_KEY + 1];
    let mut cur_len = 0usize;
    let mut pos = 0usize;
    while pos < DOMAINS.len() {
        let header = DOMAINS[pos]; // panic-ok: pos < DOMAINS.len()
        let end = key_end(pos + 1);
        let shared = usize::from(header & 0x3f).min(cur_len);
        let Some(suffix) = DOMAINS.get(pos + 1..end) else {
            break;
        };
        let Some(dst) = cur.get_mut(shared..shared + suffix.len()) else {
            break;
        };
        dst.copy_from_slice(suffix);
        cur_len = shared + suffix.len();
        let mut h = FNV_OFFSET;
        for &b in cur.get(..cur_len).unwrap_or(&[]) {
            h = fnv_step(h, b);
        }
        let value = (h & TAG_MASK) | 2 | u64::from(header >> 6 & 1);
        let mut i = slot_of(h);
        // The table is less than half full, so an empty slot is always found.
        for _ in 0..SLOTS {
            let Some(slot) = slots.get_mut(i) else { break };
            if *slot == 0 {
                *slot = value;
                break;
            }
            i = (i + 1) & (SLOTS - 1);
        }
        pos = end;
    }
    slots
}

fn index() -> &'static [u64] {
    static INDEX: std::sync::OnceLock<Box<[u64]>> = std::sync::OnceLock::new();
    INDEX.get_or_init(build_index)
}

/// Looks up a key by its FNV-1a hash.
#[inline(always)]
fn lookup_hash(slots: &[u64], h: u64) -> Option<Listed> {
    let want = (h & TAG_MASK) | 2;
    let mut i = slot_of(h);
    for _ in 0..SLOTS {
        let v = *slots.get(i)?;
        if v == 0 {
            return None;
        }
        if v & !1 == want {
            return Some(if v & 1 != 0 {
                Listed::Disposable
            } else {
                Listed::Personal
            });
        }
        i = (i + 1) & (SLOTS - 1);
    }
    None
}

/// Classifies a validated ASCII domain (any case): listed itself (personal or disposable), or a
/// subdomain of a listed disposable domain. Subdomains of personal providers are not personal:
/// nobody gets a mailbox at mail.gmail.com, while throwaway services hand out subdomains freely.
pub(crate) fn classify_domain(domain: &[u8]) -> Option<Listed> {
    // Hashes the reversed-label key ("com.gmail") straight from the domain, last label first,
    // lower-casing on the way: no buffer to fill. Before each '.' of the key the running hash is
    // that of a parent; parents keep at least two labels (a bare TLD is never listed). The
    // domain's own entry, if any, wins over a disposable parent.
    let slots = index();
    let mut disposable_parent = false;
    let mut labels = 0usize;
    let mut h = FNV_OFFSET;
    let mut end = domain.len();
    loop {
        let mut start = end;
        while start > 0 && !matches!(domain.get(start - 1), Some(&b'.')) {
            start -= 1;
        }
        if labels > 0 {
            if labels >= 2 && !disposable_parent {
                disposable_parent = matches!(lookup_hash(slots, h), Some(Listed::Disposable));
            }
            h = fnv_step(h, b'.');
        }
        for &b in domain.get(start..end)? {
            h = fnv_step(h, b.to_ascii_lowercase());
        }
        labels += 1;
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    match lookup_hash(slots, h) {
        Some(found) => Some(found),
        None if disposable_parent => Some(Listed::Disposable),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn kind(d: &str) -> Option<Listed> {
        classify_domain(d.as_bytes())
    }

    fn hash(key: &[u8]) -> u64 {
        key.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
    }

    /// The table decoded by a straightforward reference reader.
    fn decoded() -> HashMap<Vec<u8>, Listed> {
        let mut out = HashMap::new();
        let mut cur: Vec<u8> = Vec::new();
        let mut pos = 0;
        while pos < DOMAINS.len() {
            let h = DOMAINS[pos];
            assert!(h >= HEADER, "header expected at {pos}");
            let end = key_end(pos + 1);
            assert!(usize::from(h & 0x3f) <= cur.len());
            cur.truncate(usize::from(h & 0x3f));
            cur.extend_from_slice(&DOMAINS[pos + 1..end]);
            let k = if h & 0x40 != 0 {
                Listed::Disposable
            } else {
                Listed::Personal
            };
            assert!(
                out.insert(cur.clone(), k).is_none(),
                "duplicate {}",
                String::from_utf8_lossy(&cur)
            );
            pos = end;
        }
        out
    }

    #[test]
    fn hash_index_holds_every_entry_and_nothing_collides() {
        let all = decoded();
        assert!(all.len() > 10_000, "table holds {} entries", all.len());
        let mut seen = HashMap::new();
        for (key, want) in &all {
            assert_eq!(
                lookup_hash(index(), hash(key)),
                Some(*want),
                "{}",
                String::from_utf8_lossy(key)
            );
            // 62 bits of hash compared: no two entries may share them.
            assert!(
                seen.insert(hash(key) & TAG_MASK, key).is_none(),
                "collision at {}",
                String::from_utf8_lossy(key)
            );
        }
    }

    #[test]
    fn hash_index_misses_around_entries() {
        for k in [
            &b"com.gmai"[..],
            b"com.gmaila",
            b"example.acme",
            b"",
            b"de.siemens",
            b"com",
        ] {
            assert_eq!(
                lookup_hash(index(), hash(k)),
                None,
                "{}",
                String::from_utf8_lossy(k)
            );
        }
        assert_eq!(
            lookup_hash(index(), hash(b"com.gmail")),
            Some(Listed::Personal)
        );
    }

    #[test]
    fn reverses_labels() {
        let mut b = [0u8; MAX_KEY];
        for (d, want) in [
            ("a.bb.ccc", "ccc.bb.a"),
            ("gmail.com", "com.gmail"),
            ("x", "x"),
            ("a..b", "b..a"),
        ] {
            let n = reverse_key(d.as_bytes(), &mut b).unwrap();
            assert_eq!(&b[..n], want.as_bytes());
        }
    }

    #[test]
    fn disposable_parents_cover_subdomains_personal_ones_do_not() {
        assert_eq!(kind("mailinator.com"), Some(Listed::Disposable));
        assert_eq!(kind("x.mailinator.com"), Some(Listed::Disposable));
        assert_eq!(kind("a.b.c.mailinator.com"), Some(Listed::Disposable));
        assert_eq!(kind("gmail.com"), Some(Listed::Personal));
        assert_eq!(kind("mail.gmail.com"), None);
        assert_eq!(kind("com"), None);
        assert_eq!(kind("mailinator.com.evil.example"), None);
        assert_eq!(kind("X.MailInator.COM"), Some(Listed::Disposable));
        assert_eq!(kind("GMAIL.com"), Some(Listed::Personal));
    }
}
