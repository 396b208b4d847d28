//! Lookup in the generated domain table: a front-coded, sorted list of reversed-label keys
//! ("com.gmail"), searched in place so cold start builds nothing and a lookup allocates nothing.

use super::data::{BLOCK, BLOCK_OFFSETS, DOMAINS};

/// What a table entry says about a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listed {
    Personal,
    Disposable,
}

/// Longest key the table can hold: a domain is at most 253 octets.
pub(crate) const MAX_KEY: usize = 253;

const HEADER: u8 = 0x80;

/// End of the key bytes that start at `start`: the next header byte or the end of the table.
fn key_end(start: usize) -> usize {
    let rest = DOMAINS.get(start..).unwrap_or(&[]);
    start + rest.iter().position(|&b| b >= HEADER).unwrap_or(rest.len())
}

/// The first key of block `i` (stored whole: block heads share no prefix).
fn block_head(i: usize) -> &'static [u8] {
    let Some(&off) = BLOCK_OFFSETS.get(i) else {
        return &[];
    };
    let start = off as usize + 1;
    DOMAINS.get(start..key_end(start)).unwrap_or(&[])
}

/// Looks up one reversed-label key exactly.
pub(crate) fn lookup(key: &[u8]) -> Option<Listed> {
    // Largest block whose head is <= key.
    let (mut lo, mut hi) = (0usize, BLOCK_OFFSETS.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if block_head(mid) <= key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let block = lo.checked_sub(1)?;
    let mut pos = *BLOCK_OFFSETS.get(block)? as usize;
    let mut cur = [0u8; MAX_KEY + 1];
    let mut cur_len = 0usize;
    for _ in 0..BLOCK {
        let header = *DOMAINS.get(pos)?;
        if header < HEADER {
            return None; // corrupt table: fail closed (treated as unlisted)
        }
        let shared = usize::from(header & 0x3f).min(cur_len);
        let end = key_end(pos + 1);
        let suffix = DOMAINS.get(pos + 1..end)?;
        let len = shared + suffix.len();
        cur.get_mut(shared..len)?.copy_from_slice(suffix);
        cur_len = len;
        let entry = cur.get(..cur_len)?;
        match entry.cmp(key) {
            core::cmp::Ordering::Equal => {
                return Some(if header & 0x40 != 0 {
                    Listed::Disposable
                } else {
                    Listed::Personal
                });
            }
            core::cmp::Ordering::Greater => return None,
            core::cmp::Ordering::Less => {}
        }
        pos = end;
    }
    None
}

/// Writes the reversed-label key of an ASCII domain ("mail.example.com" -> "com.example.mail")
/// into `out`, returning its length; None when it does not fit.
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

/// Classifies a validated, lower-case ASCII domain: listed itself (personal or disposable), or a
/// subdomain of a listed disposable domain. Subdomains of personal providers are not personal:
/// nobody gets a mailbox at mail.gmail.com, while throwaway services hand out subdomains freely.
pub(crate) fn classify_domain(domain: &[u8]) -> Option<Listed> {
    let mut buf = [0u8; MAX_KEY];
    let len = reverse_key(domain, &mut buf)?;
    let key = buf.get(..len)?;
    if let Some(found) = lookup(key) {
        return Some(found);
    }
    // Parents are the prefixes of the reversed key ending before a '.', longest first; a parent
    // keeps at least two labels (a bare TLD is never listed).
    let first_dot = key.iter().position(|&b| b == b'.')?;
    let mut end = key.len();
    while let Some(cut) = key.get(..end)?.iter().rposition(|&b| b == b'.') {
        if cut <= first_dot {
            break;
        }
        if lookup(key.get(..cut)?) == Some(Listed::Disposable) {
            return Some(Listed::Disposable);
        }
        end = cut;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(d: &str) -> Option<Listed> {
        classify_domain(d.as_bytes())
    }

    #[test]
    fn finds_block_heads_middles_and_ends() {
        // Every entry of the table must be found again by decoding it independently.
        let mut found = 0;
        let mut cur: Vec<u8> = Vec::new();
        let mut pos = 0;
        while pos < DOMAINS.len() {
            let h = DOMAINS[pos];
            let end = key_end(pos + 1);
            cur.truncate(usize::from(h & 0x3f));
            cur.extend_from_slice(&DOMAINS[pos + 1..end]);
            let want = if h & 0x40 != 0 {
                Listed::Disposable
            } else {
                Listed::Personal
            };
            assert_eq!(
                lookup(&cur),
                Some(want),
                "{}",
                String::from_utf8_lossy(&cur)
            );
            found += 1;
            pos = end;
        }
        assert!(found > 10_000, "table holds {found} entries");
    }

    #[test]
    fn misses_between_and_around_entries() {
        assert_eq!(lookup(b""), None);
        assert_eq!(lookup(b"\x00"), None);
        assert_eq!(lookup(b"zzzzzzzz.zzz"), None);
        assert_eq!(lookup(b"com.gmai"), None);
        assert_eq!(lookup(b"com.gmaila"), None);
        assert_eq!(lookup(b"com.gmail"), Some(Listed::Personal));
    }

    #[test]
    fn reverses_labels() {
        let mut b = [0u8; MAX_KEY];
        let n = reverse_key(b"a.bb.ccc", &mut b).unwrap();
        assert_eq!(&b[..n], b"ccc.bb.a");
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
    }
}
