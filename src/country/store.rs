//! The generated key stores: binary search over bucket heads, then a short linear scan.
//! Formats are described in scripts/gen-country-data.mjs (textStore, hashStore).

use super::data::{
    BUCKET, HASH_DELTAS, HASH_HEADS, HASH_OFFSETS, HASH_RICE_K, HASH_VALUES, REJECT, TEXT_BUCKET,
};
use core::cmp::Ordering;

/// What a key resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Country(u8),
    Reject,
}

fn hit(v: u8) -> Hit {
    if v == REJECT {
        Hit::Reject
    } else {
        Hit::Country(v)
    }
}

/// Reads the text entry at `pos`: (key, value, next position).
pub fn text_entry(blob: &[u8], pos: usize) -> Option<(&[u8], u8, usize)> {
    let rest = blob.get(pos..)?;
    let n = rest.iter().position(|&b| b >= 0x80 || b == 0x01)?;
    let key = rest.get(..n)?;
    let term = *rest.get(n)?;
    if term == 0x01 {
        Some((key, *rest.get(n + 1)?, pos + n + 2))
    } else {
        Some((key, term - 0x80, pos + n + 1))
    }
}

/// Compares the text entry at `pos` with `key`, reading only as far as the first difference.
/// Returns the ordering, the entry's value when equal, and where the next entry starts when less
/// (the rest of an entry is only scanned for entries that are passed over).
fn text_cmp(blob: &[u8], pos: usize, key: &[u8]) -> Option<(Ordering, u8, usize)> {
    let rest = blob.get(pos..)?;
    let mut i = 0;
    let ord = loop {
        let b = *rest.get(i)?;
        if b >= 0x80 || b == 0x01 {
            if i == key.len() {
                let v = if b == 0x01 {
                    *rest.get(i + 1)?
                } else {
                    b - 0x80
                };
                return Some((Ordering::Equal, v, 0));
            }
            return Some((Ordering::Less, 0, pos + i + if b == 0x01 { 2 } else { 1 }));
        }
        match key.get(i) {
            Some(&k) if b == k => i += 1,
            Some(&k) if b < k => break Ordering::Less,
            _ => return Some((Ordering::Greater, 0, 0)),
        }
    };
    // Less: skip to the terminator for the caller that walks on.
    let end = i + rest
        .get(i..)?
        .iter()
        .position(|&b| b >= 0x80 || b == 0x01)?;
    let step = if *rest.get(end)? == 0x01 { 2 } else { 1 };
    Some((ord, 0, pos + end + step))
}

/// How the text entry at `pos` orders against `key`, reading only up to the first difference (the
/// binary search over bucket heads needs no more: a third of a lookup's time went to scanning the
/// rest of entries it passed over).
fn text_order(blob: &[u8], pos: usize, key: &[u8]) -> Option<Ordering> {
    let rest = blob.get(pos..)?;
    for (i, &b) in rest.iter().enumerate() {
        if b >= 0x80 || b == 0x01 {
            return Some(if i == key.len() {
                Ordering::Equal
            } else {
                Ordering::Less
            });
        }
        match key.get(i) {
            Some(&k) if b == k => {}
            Some(&k) => return Some(b.cmp(&k)),
            None => return Some(Ordering::Greater),
        }
    }
    None
}

/// Two-letter prefix code of a key, as the generator computes it: a-z -> 1..=26, else 0.
fn prefix(key: &[u8]) -> usize {
    let code = |c: Option<&u8>| match c {
        Some(&c @ b'a'..=b'z') => usize::from(c - b'a' + 1),
        _ => 0,
    };
    27 * code(key.first()) + code(key.get(1))
}

/// Exact lookup in a text store; `by_prefix` narrows the binary search to the buckets whose heads
/// share the key's two-letter prefix (the bucket before them may hold the key too: it can run over).
pub fn text_find(blob: &[u8], buckets: &[u16], by_prefix: &[u16; 729], key: &[u8]) -> Option<Hit> {
    let p = prefix(key);
    let lo = usize::from(*by_prefix.get(p)?);
    let hi = by_prefix
        .get(p + 1)
        .map_or(buckets.len(), |&h| usize::from(h));
    // The last bucket whose head is <= key: among lo..hi, else the one before lo.
    let within = buckets.get(lo..hi.max(lo))?.partition_point(|&start| {
        text_order(blob, usize::from(start), key).is_some_and(|ord| ord != Ordering::Greater)
    });
    let b = lo + within;
    let mut pos = usize::from(*buckets.get(b.checked_sub(1)?)?);
    for _ in 0..TEXT_BUCKET {
        match text_cmp(blob, pos, key)? {
            (Ordering::Equal, v, _) => return Some(hit(v)),
            (Ordering::Greater, _, _) => return None,
            (Ordering::Less, _, next) => pos = next,
        }
    }
    None
}

/// Position of the first text entry whose key is >= `key` (so the entries that start with `key`
/// follow it, contiguously); the blob's end when there is none.
pub fn text_seek(blob: &[u8], buckets: &[u16], by_prefix: &[u16; 729], key: &[u8]) -> usize {
    let p = prefix(key);
    let lo = by_prefix.get(p).map_or(buckets.len(), |&l| usize::from(l));
    let hi = by_prefix
        .get(p + 1)
        .map_or(buckets.len(), |&h| usize::from(h));
    let within = buckets.get(lo..hi.max(lo)).map_or(0, |b| {
        b.partition_point(|&start| {
            text_order(blob, usize::from(start), key) == Some(Ordering::Less)
        })
    });
    let mut pos = (lo + within)
        .checked_sub(1)
        .and_then(|b| buckets.get(b))
        .map_or(0, |&s| usize::from(s));
    while let Some((Ordering::Less, _, next)) = text_cmp(blob, pos, key) {
        pos = next;
    }
    pos
}

/// FNV-1a, as the generator hashes non-Latin keys.
pub fn fnv1a(key: &[u8]) -> u32 {
    key.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A hash store (hashStore in the generator): bucket heads, Rice-coded deltas (each bucket's on a
/// byte boundary, at `offsets`), values by rank.
pub struct HashStore {
    pub heads: &'static [u32],
    pub offsets: &'static [u16],
    pub deltas: &'static [u8],
    pub rice_k: u32,
    pub values: &'static [u8],
}

pub static NAME_HASHES: HashStore = HashStore {
    heads: &HASH_HEADS,
    offsets: &HASH_OFFSETS,
    deltas: HASH_DELTAS,
    rice_k: HASH_RICE_K,
    values: &HASH_VALUES,
};

/// Exact lookup of a key by its hash. A false hit needs a 32-bit collision with one of a few
/// thousand keys (p < 1e-6 for any input that is no key).
pub fn hash_find(store: &HashStore, key: &[u8]) -> Option<Hit> {
    let h = fnv1a(key);
    let b = store
        .heads
        .partition_point(|&head| head <= h)
        .checked_sub(1)?;
    let mut cur = *store.heads.get(b)?;
    let mut rank = b * BUCKET;
    let mut deltas = RiceReader {
        bytes: store.deltas,
        bit: usize::from(*store.offsets.get(b)?) * 8,
    };
    loop {
        match cur.cmp(&h) {
            Ordering::Equal => return store.values.get(rank).map(|&v| hit(v)),
            Ordering::Greater => return None,
            Ordering::Less => {}
        }
        rank += 1;
        if rank % BUCKET == 0 {
            return None;
        }
        cur = cur.wrapping_add(deltas.next(store.rice_k)?);
    }
}

/// Reads Rice codes (q one-bits, a zero, then k low bits, most significant first) from a bit
/// position; `None` past the end or on a value over 32 bits.
struct RiceReader {
    bytes: &'static [u8],
    bit: usize,
}

impl RiceReader {
    /// The 64 bits from the current position (zeros past the end).
    fn window(&self) -> u64 {
        let at = self.bit / 8;
        let mut w = [0u8; 8];
        for (i, b) in w.iter_mut().enumerate() {
            *b = self.bytes.get(at + i).copied().unwrap_or(0);
        }
        u64::from_be_bytes(w) << (self.bit % 8)
    }

    fn next(&mut self, k: u32) -> Option<u32> {
        if self.bit >= self.bytes.len() * 8 || k > 31 {
            return None;
        }
        // The window holds at least 57 bits; a code longer than that is no valid delta.
        let w = self.window();
        let q = w.leading_ones();
        if q + 1 + k > 57 {
            return None;
        }
        let low = if k == 0 {
            0
        } else {
            (w << (q + 1)) >> (64 - k)
        };
        self.bit += (q + 1 + k) as usize;
        u32::try_from((u64::from(q) << k) | low).ok()
    }
}

/// In-place heapsort: a few dozen bytes of wasm where the standard sorts cost kilobytes, and it
/// runs once per index (typo index, runtime names).
pub fn heap_sort(v: &mut [u64]) {
    fn sift(v: &mut [u64], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v.get(child) < v.get(child + 1) {
                child += 1;
            }
            if v.get(root) >= v.get(child) {
                return;
            }
            v.swap(root, child); // panic-ok: root < child < end <= len
            root = child;
        }
    }
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end); // panic-ok: end < n
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::data::{LATIN, LATIN_BUCKETS, LATIN_BY_PREFIX};

    #[test]
    fn seek_finds_the_first_key_at_or_after() {
        let mut pos = 0;
        let mut all = vec![];
        while let Some((k, _, next)) = text_entry(LATIN, pos) {
            all.push((pos, k.to_vec()));
            pos = next;
        }
        for probe in [
            &b"a"[..],
            b"ango",
            b"germ",
            b"zzzz",
            b"",
            b"0",
            b"niger",
            b"nigeri",
            b"qq",
        ] {
            let want = all
                .iter()
                .find(|(_, k)| k.as_slice() >= probe)
                .map_or(LATIN.len(), |(p, _)| *p);
            assert_eq!(
                text_seek(LATIN, &LATIN_BUCKETS, &LATIN_BY_PREFIX, probe),
                want,
                "{}",
                String::from_utf8_lossy(probe)
            );
        }
    }

    #[test]
    fn heap_sort_sorts() {
        let mut v: Vec<u64> = (0..1000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 7)
            .collect();
        let mut w = v.clone();
        heap_sort(&mut v);
        w.sort_unstable();
        assert_eq!(v, w);
        heap_sort(&mut []);
    }
}
