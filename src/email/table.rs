//! Domain lookup: the generated embedded table (front-coded, decoded once into a hash index), the
//! app's runtime additions (`extendEmailDomains`) in that same index, and the optional full
//! disposable list (src/email/full.rs). One table per thread: wasm has one thread, and native
//! tests that extend the detector do not see each other's additions.

use std::cell::RefCell;

use super::data::{DOMAINS, REGIONAL};
use super::fnv::{fnv_step, FNV_OFFSET};
use super::full::{FullList, LoadError};

/// What the lists say about a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listed {
    Personal,
    Disposable,
}

/// Longest key the table can hold: a domain is at most 253 octets.
pub(crate) const MAX_KEY: usize = 253;

const HEADER: u8 = 0x80;

/// What an index entry says. `Work` comes only from `extendEmailDomains({ work })`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Personal = 0,
    Disposable = 1,
    /// Personal, and so are its subdomains (an ISP with regional mailbox domains).
    Regional = 2,
    Work = 3,
}

impl Entry {
    fn from_bits(v: u64) -> Entry {
        match v & 3 {
            0 => Entry::Personal,
            1 => Entry::Disposable,
            2 => Entry::Regional,
            _ => Entry::Work,
        }
    }
}

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

// Speed: a search of the front-coded table costs about a microsecond at opt-level "z", too slow
// for isPersonalEmail's target of millions of calls per second. So the first classification
// decodes the table once (about a millisecond) into an open-addressing table of 64-bit FNV-1a
// hashes of the keys, nothing at module start-up. A slot holds the hash with its low 3 bits
// replaced by the entry kind and bit 2 set (so it is never the empty value 0), leaving 61 bits: a
// domain outside the lists matches an entry with probability about 15000 / 2^61, 7e-15 per
// lookup, and the generator checks that the entries and the company test set never collide.

const TAG_MASK: u64 = !7;
const PRESENT: u64 = 4;

/// Open addressing with linear probing, kept at most 5/8 full; grows by doubling.
struct Index {
    slots: Vec<u64>,
    used: usize,
    shift: u32,
}

impl Index {
    fn with_capacity(n: usize) -> Index {
        let mut len = 1024usize;
        while len * 5 / 8 < n {
            len *= 2;
        }
        Index {
            slots: vec![0; len],
            used: 0,
            // The high bits are the best mixed ones of FNV-1a, and a slot value keeps them.
            shift: 64 - len.trailing_zeros(),
        }
    }

    #[inline(always)]
    fn slot_of(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    /// The slot holding `h`'s entry, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, h: u64) -> Option<usize> {
        let want = (h & TAG_MASK) | PRESENT;
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        // Never full (at most 5/8), so an empty slot ends every probe sequence.
        for _ in 0..self.slots.len() {
            let v = *self.slots.get(i)?;
            if v == 0 || v & !3 == want {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
        None
    }

    #[inline(always)]
    fn get(&self, h: u64) -> Option<Entry> {
        let v = *self.slots.get(self.find(h)?)?;
        if v == 0 {
            None
        } else {
            Some(Entry::from_bits(v))
        }
    }

    /// Sets `h`'s entry; true when that changed what the index says.
    fn set(&mut self, h: u64, e: Entry) -> bool {
        if (self.used + 1) * 8 > self.slots.len() * 5 {
            self.grow();
        }
        let value = (h & TAG_MASK) | PRESENT | e as u64;
        let Some(slot) = self.find(h).and_then(|i| self.slots.get_mut(i)) else {
            return false;
        };
        let old = *slot;
        *slot = value;
        if old == 0 {
            self.used += 1;
        }
        old != value
    }

    fn grow(&mut self) {
        let mut bigger = Index::with_capacity(self.slots.len());
        for &v in &self.slots {
            if v != 0 {
                if let Some(s) = bigger.find(v).and_then(|i| bigger.slots.get_mut(i)) {
                    *s = v;
                    bigger.used += 1;
                }
            }
        }
        *self = bigger;
    }
}

/// FNV-1a of a key's bytes.
fn hash(key: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in key {
        h = fnv_step(h, b);
    }
    h
}

/// Parents of a domain whose hashes `key_hashes` keeps: the 31 shortest (a listed parent sits near
/// the top-level domain; deeper ones of an absurdly deep domain are not looked up).
const MAX_PARENTS: usize = 31;

/// The FNV-1a hash of a domain's reversed-label key ("mail.example.com" -> "com.example.mail"),
/// lower-cased, and those of its parents of two labels or more, shortest first, into `out`;
/// returns how many (the domain's own is last).
#[inline(always)]
fn key_hashes(domain: &[u8], out: &mut [u64; MAX_PARENTS + 1]) -> usize {
    let mut n = 0usize;
    let mut labels = 0usize;
    let mut h = FNV_OFFSET;
    let mut end = domain.len();
    loop {
        let mut start = end;
        while start > 0 && !matches!(domain.get(start - 1), Some(&b'.')) {
            start -= 1;
        }
        if labels > 0 {
            if labels >= 2 && n < MAX_PARENTS {
                if let Some(slot) = out.get_mut(n) {
                    *slot = h;
                    n += 1;
                }
            }
            h = fnv_step(h, b'.');
        }
        let mut i = start;
        while i < end {
            h = fnv_step(h, domain.get(i).map_or(0, u8::to_ascii_lowercase));
            i += 1;
        }
        labels += 1;
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    if let Some(slot) = out.get_mut(n) {
        *slot = h;
    }
    n + 1
}

pub(crate) struct Table {
    index: Index,
    full: FullList,
}

impl Table {
    fn embedded() -> Table {
        let mut index = Index::with_capacity(DOMAINS.len() / 7);
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
            let kind = if header & 0x40 != 0 {
                Entry::Disposable
            } else {
                Entry::Personal
            };
            index.set(hash(cur.get(..cur_len).unwrap_or(&[])), kind);
            pos = end;
        }
        let mut hs = [0u64; MAX_PARENTS + 1];
        for r in REGIONAL {
            let n = key_hashes(r.as_bytes(), &mut hs);
            if let Some(&h) = hs.get(n.wrapping_sub(1)) {
                index.set(h, Entry::Regional);
            }
        }
        Table {
            index,
            full: FullList::default(),
        }
    }

    /// Classifies a validated ASCII domain (any case). The domain's own entry decides first (a
    /// `work` addition answers None); then the full disposable list; then its parents, nearest
    /// first: a disposable parent makes it disposable, a regional ISP parent personal, a `work`
    /// parent ends the search. Subdomains of other personal providers are not personal: nobody
    /// gets a mailbox at mail.gmail.com, while throwaway services hand out subdomains freely.
    fn classify(&self, domain: &[u8]) -> Option<Listed> {
        let mut hs = [0u64; MAX_PARENTS + 1];
        let n = key_hashes(domain, &mut hs);
        let mut i = n;
        while i > 0 {
            i -= 1;
            let h = *hs.get(i)?;
            let own = i + 1 == n;
            match self.index.get(h) {
                Some(Entry::Work) => return None,
                Some(Entry::Disposable) => return Some(Listed::Disposable),
                Some(Entry::Regional) => return Some(Listed::Personal),
                Some(Entry::Personal) if own => return Some(Listed::Personal),
                _ => {}
            }
            if self.full.contains(h) {
                return Some(Listed::Disposable);
            }
        }
        None
    }
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Runs `f` on this thread's table, decoding the embedded one on first use.
fn with_table<R>(f: impl FnOnce(&mut Table) -> R) -> Option<R> {
    TABLE
        .try_with(|t| {
            let mut t = t.try_borrow_mut().ok()?;
            Some(f(t.get_or_insert_with(Table::embedded)))
        })
        .ok()
        .flatten()
}

/// See `Table::classify`.
pub(crate) fn classify_domain(domain: &[u8]) -> Option<Listed> {
    with_table(|t| t.classify(domain)).flatten()
}

/// Records an app's entry for a validated ASCII domain (lower case); true when it changed the index.
pub(crate) fn set_domain(domain: &[u8], e: Entry) -> bool {
    let mut hs = [0u64; MAX_PARENTS + 1];
    let n = key_hashes(domain, &mut hs);
    match hs.get(n.wrapping_sub(1)) {
        Some(&h) => with_table(|t| t.index.set(h, e)).unwrap_or(false),
        None => false,
    }
}

/// Decodes and installs the full disposable list; the number of domains it adds (0 when one is
/// installed already; the bytes are checked all the same).
pub(crate) fn load_full(bytes: &[u8]) -> Result<usize, LoadError> {
    let list = FullList::decode(bytes)?;
    let n = list.len();
    Ok(with_table(|t| {
        if t.full.is_empty() {
            t.full = list;
            n
        } else {
            0
        }
    })
    .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn kind(d: &str) -> Option<Listed> {
        classify_domain(d.as_bytes())
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
        assert!(all.len() > 14_000, "table holds {} entries", all.len());
        let t = Table::embedded();
        let mut seen = HashMap::new();
        for (key, want) in &all {
            let got = match t.index.get(hash(key)) {
                Some(Entry::Personal | Entry::Regional) => Some(Listed::Personal),
                Some(Entry::Disposable) => Some(Listed::Disposable),
                _ => None,
            };
            assert_eq!(got, Some(*want), "{}", String::from_utf8_lossy(key));
            // 61 bits of hash compared: no two entries may share them.
            assert!(
                seen.insert(hash(key) & TAG_MASK, key).is_none(),
                "collision at {}",
                String::from_utf8_lossy(key)
            );
        }
        assert_eq!(t.index.used, all.len());
    }

    #[test]
    fn hash_index_misses_around_entries() {
        let t = Table::embedded();
        for k in [
            &b"com.gmailx"[..],
            b"com.gmaila",
            b"example.acme",
            b"",
            b"de.siemens",
            b"com",
        ] {
            assert_eq!(t.index.get(hash(k)), None, "{}", String::from_utf8_lossy(k));
        }
        assert_eq!(t.index.get(hash(b"com.gmail")), Some(Entry::Personal));
    }

    #[test]
    fn index_grows_and_keeps_every_entry() {
        let mut ix = Index::with_capacity(10);
        let keys: Vec<u64> = (0..5000u64).map(|i| hash(&i.to_le_bytes())).collect();
        for (i, &h) in keys.iter().enumerate() {
            assert!(ix.set(h, Entry::from_bits(i as u64)));
        }
        assert!(ix.slots.len() >= 8192);
        for (i, &h) in keys.iter().enumerate() {
            assert_eq!(ix.get(h), Some(Entry::from_bits(i as u64)));
        }
        // Setting the same entry again changes nothing; another kind replaces it in place.
        assert!(!ix.set(keys[0], Entry::Personal));
        assert!(ix.set(keys[0], Entry::Work));
        assert_eq!(ix.used, 5000);
    }

    #[test]
    fn key_hashes_are_the_reversed_keys_and_their_parents() {
        let mut hs = [0u64; MAX_PARENTS + 1];
        let n = key_hashes(b"A.b.Example.COM", &mut hs);
        assert_eq!(
            &hs[..n],
            &[
                hash(b"com.example"),
                hash(b"com.example.b"),
                hash(b"com.example.b.a")
            ]
        );
        assert_eq!(key_hashes(b"gmail.com", &mut hs), 1);
        assert_eq!(hs[0], hash(b"com.gmail"));
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

    #[test]
    fn regional_isp_subdomains_are_personal() {
        assert_eq!(kind("rr.com"), Some(Listed::Personal));
        assert_eq!(kind("carolina.rr.com"), Some(Listed::Personal));
        assert_eq!(kind("Some-New-Region.RR.com"), Some(Listed::Personal));
        assert_eq!(kind("rr.com.example"), None);
    }
}
