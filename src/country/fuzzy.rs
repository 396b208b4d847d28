//! Typo matching against the Latin-script keys: a weighted optimal-string-alignment (Damerau)
//! distance, bounded by the input's length, accepted only when one country is clearly nearest.
//!
//! Candidates come from a deletion-neighbourhood index (as in SymSpell): every key and each of its
//! one-letter deletions, hashed and sorted. An input's own one-letter deletions then find, with a
//! dozen binary searches, every key one edit away (and the insert+delete pairs of "Phillipines"),
//! instead of running the distance against thousands of keys. The index (~17k entries, ~140 KB) is
//! built on the first typo query, never at start-up.

use super::data::{LATIN, REJECT};
use super::store::{fnv1a, heap_sort, text_entry};
use std::sync::OnceLock;

/// Longest input we try to correct, and longest candidate name. Long names are official forms
/// ("Republika Czeska", "Repubblica di Cina") where a two-letter difference is a different country,
/// not a typo: only short and common names are corrected.
const MAX_LEN: usize = 16;
const MAX_CAND: usize = 14;
/// Shortest: below this a single edit turns one name into another too easily.
const MIN_LEN: usize = 5;

/// (hash of a key or of one of its one-letter deletions) << 16 | offset of the key in LATIN, sorted.
fn index() -> &'static [u64] {
    static INDEX: OnceLock<Vec<u64>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut out = Vec::with_capacity(20_000);
        let mut pos = 0;
        while let Some((key, _, next)) = text_entry(LATIN, pos) {
            if (MIN_LEN - 1..=MAX_CAND).contains(&key.len()) {
                let at = pos as u64; // LATIN is < 64 KiB (checked by the generator)
                out.push(u64::from(fnv1a(key)) << 16 | at);
                for skip in 0..key.len() {
                    out.push(u64::from(hash_without(key, skip)) << 16 | at);
                }
            }
            pos = next;
        }
        heap_sort(&mut out);
        out.dedup();
        out
    })
}

/// FNV-1a of `key` with the byte at `skip` left out.
fn hash_without(key: &[u8], skip: usize) -> u32 {
    let (a, b) = key.split_at(skip.min(key.len()));
    let h = a.iter().fold(0x811c_9dc5u32, |h, &x| {
        (h ^ u32::from(x)).wrapping_mul(0x0100_0193)
    });
    b.iter()
        .skip(1)
        .fold(h, |h, &x| (h ^ u32::from(x)).wrapping_mul(0x0100_0193))
}

/// Edit costs, doubled to stay integral. Typing slips double or drop a letter ("Phillipines"), drop
/// or swap one ("Untied"); a changed letter, or a letter added or lost that is no doubling, is more
/// often another name ("Řecká" vs "Česká republika", "San Martín" vs "San Marino") and costs more.
const DOUBLING: usize = 1;
const INDEL: usize = 2;
const SWAP: usize = 2;
const SUB: usize = 3;
/// Another country less than this much further away makes the answer a guess.
const MARGIN: usize = 3;

/// Cost allowed for an input of `len` bytes: none below MIN_LEN, one dropped, added or swapped
/// letter up to 8, and from 9 also one changed letter or one slip plus one doubling.
pub fn max_cost(len: usize) -> usize {
    match len {
        0..=4 => 0,
        // No changed letter in short names: "Siberia" is one letter from "Liberia".
        5..=8 => INDEL,
        _ => SUB,
    }
}

/// Cost of having `s[i]` in one string and not the other: cheap when it doubles its neighbour.
fn indel(s: &[u8], i: usize) -> usize {
    let doubled = i > 0 && s.get(i) == s.get(i - 1) || s.get(i) == s.get(i + 1);
    if doubled {
        DOUBLING
    } else {
        INDEL
    }
}

/// Weighted optimal-string-alignment distance of `a` and `b`, or `None` when it exceeds `bound`.
pub fn osa_within(a: &[u8], b: &[u8], bound: usize) -> Option<usize> {
    const W: usize = MAX_LEN + 2;
    if a.len() >= W || b.len() >= W || a.len().abs_diff(b.len()) * DOUBLING > bound {
        return None;
    }
    let mut prev2 = [0usize; W];
    let mut prev = [0usize; W];
    for j in 0..b.len() {
        prev[j + 1] = prev[j] + indel(b, j); // panic-ok: j + 1 <= b.len() < W
    }
    let mut cur = [0usize; W];
    // panic-ok (all indexing below): i < a.len() < W and j + 1 <= b.len() < W.
    for (i, &ca) in a.iter().enumerate() {
        let del = indel(a, i);
        cur[0] = prev[0] + del;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = if ca == cb { 0 } else { SUB };
            let mut d = (prev[j] + cost)
                .min(prev[j + 1] + del)
                .min(cur[j] + indel(b, j));
            if i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca) {
                d = d.min(prev2[j - 1] + SWAP);
            }
            cur[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > bound {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = *prev.get(b.len())?;
    (d <= bound).then_some(d)
}

/// Calls `f(cost, value)` for every Latin-script name within `reach` of `key` (an already
/// normalised key of at most MAX_LEN letters), each name once.
fn scan(key: &[u8], reach: usize, mut f: impl FnMut(usize, u8)) {
    let n = key.len();
    let idx = index();
    let mut seen = [u16::MAX; 48]; // candidates already measured (a key shows up under several hashes)
    let mut seen_n = 0;
    for probe in core::iter::once(fnv1a(key)).chain((0..n).map(|i| hash_without(key, i))) {
        let probe = u64::from(probe);
        let from = idx.partition_point(|&e| (e >> 16) < probe);
        let hits = idx
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&e| (e >> 16) == probe);
        for at in hits.map(|&e| e as u16) {
            if seen.get(..seen_n).unwrap_or(&[]).contains(&at) {
                continue;
            }
            if let Some(slot) = seen.get_mut(seen_n) {
                *slot = at;
                seen_n += 1;
            }
            let Some((cand, value, _)) = text_entry(LATIN, usize::from(at)) else {
                continue;
            };
            if let Some(d) = osa_within(key, cand, reach) {
                f(d, value);
            }
        }
    }
}

/// Whether `key` can be corrected at all: Latin letters and digits, of a length typos are read in.
fn correctable(key: &[u8]) -> bool {
    max_cost(key.len()) > 0 && key.len() <= MAX_LEN && key.iter().all(|b| b.is_ascii_alphanumeric())
}

/// The country whose Latin-script name is uniquely nearest to `key` (an already normalised key).
/// Rejected when no name is within the allowed cost, when the nearest is a must-reject name, or
/// when another country (or a must-reject name) in the neighbourhood is within MARGIN more:
/// near-ties are guesses.
pub fn nearest(key: &[u8]) -> Option<u8> {
    if !correctable(key) {
        return None;
    }
    let k = max_cost(key.len());
    let mut best: Option<(usize, u8)> = None;
    let mut second = usize::MAX; // nearest cost of any other value
                                 // Costs up to k + MARGIN - 1 matter for the near-tie rule.
    scan(key, k + MARGIN - 1, |d, value| match best {
        Some((bd, bv)) if bv == value => best = Some((bd.min(d), bv)),
        Some((bd, _)) if d < bd => {
            second = second.min(bd);
            best = Some((d, value));
        }
        Some(_) => second = second.min(d),
        None => best = Some((d, value)),
    });
    let (d, v) = best?;
    (d <= k && v != REJECT && second >= d + MARGIN).then_some(v)
}

/// Whether a shipped name of another country (or a must-reject name) is a typo away from `key`:
/// then an exact match among the runtime's names ("Nigera", Latvian for Niger, one slip from
/// Nigeria) is as likely a slip as that name, and is not taken.
pub fn near_other(key: &[u8], country: u8) -> bool {
    if !correctable(key) {
        return false;
    }
    let mut near = false;
    scan(key, max_cost(key.len()), |_, value| {
        near |= value != country
    });
    near
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa() {
        assert_eq!(osa_within(b"germnay", b"germany", 8), Some(SWAP));
        assert_eq!(
            osa_within(b"phillipines", b"philippines", 8),
            Some(2 * DOUBLING)
        );
        assert_eq!(osa_within(b"sanmartin", b"sanmarino", 8), Some(2 * INDEL));
        assert_eq!(
            osa_within(b"reckarepublika", b"ceskarepublika", 8),
            Some(2 * SUB)
        );
        assert_eq!(osa_within(b"abc", b"xyz", 4), None);
        assert_eq!(osa_within(b"", b"ab", 4), Some(2 * INDEL));
    }

    #[test]
    fn bounds() {
        assert_eq!(max_cost(4), 0);
        assert_eq!(max_cost(7), INDEL);
        assert!(nearest(b"").is_none());
        assert!(nearest(&[b'a'; 200]).is_none());
    }
}
