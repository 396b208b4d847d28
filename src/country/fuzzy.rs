//! Typo matching against the Latin-script keys: optimal-string-alignment (Damerau) distance, bounded
//! by the input's length, accepted only when one country is clearly nearest.
//!
//! The candidate index is built on the first typo query (not at init): per key its length, a
//! letter-presence mask and its offset. The mask gives a cheap lower bound on the distance, so
//! almost every candidate is skipped without running the dynamic programme.

use super::data::{LATIN, REJECT};
use super::store::text_entry;
use std::sync::OnceLock;

/// Longest input we try to correct, and longest candidate name. Long names are official forms
/// ("Republika Czeska", "Repubblica di Cina") where a two-letter difference is a different country,
/// not a typo: only short and common names are corrected.
const MAX_LEN: usize = 16;
const MAX_CAND: usize = 14;
/// Shortest: below this a single edit turns one name into another too easily.
const MIN_LEN: usize = 5;

#[derive(Clone, Copy)]
struct Cand {
    offset: u16,
    mask: u32,
}

/// Candidates sorted by key length, and where each length starts.
struct Index {
    cands: Vec<Cand>,
    by_len: [u16; MAX_LEN + 3],
}

fn mask(key: &[u8]) -> u32 {
    key.iter().fold(0, |m, &b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'0'..=b'9' => m | 1 << 26,
        _ => m | 1 << 27,
    })
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        // Two passes over the store (a counting sort by length): no comparison sort in the binary.
        let entries = || {
            let mut pos = 0;
            core::iter::from_fn(move || {
                let (key, _, next) = text_entry(LATIN, pos)?;
                let at = pos;
                pos = next;
                Some((at, key))
            })
            .filter(|(_, key)| (MIN_LEN - 1..=MAX_CAND).contains(&key.len()))
        };
        let mut by_len = [0u16; MAX_LEN + 3];
        for (_, key) in entries() {
            if let Some(n) = by_len.get_mut(key.len() + 1) {
                *n += 1;
            }
        }
        for i in 1..by_len.len() {
            by_len[i] += by_len[i - 1]; // panic-ok: 1 <= i < len
        }
        let mut fill = by_len;
        let mut cands = vec![Cand { offset: 0, mask: 0 }; usize::from(by_len[MAX_LEN + 2])]; // panic-ok: const index
        for (at, key) in entries() {
            let Some(slot) = fill.get_mut(key.len()) else {
                continue;
            };
            if let Some(c) = cands.get_mut(usize::from(*slot)) {
                *c = Cand {
                    offset: at as u16,
                    mask: mask(key),
                };
            }
            *slot += 1;
        }
        Index { cands, by_len }
    })
}

/// Edit costs, doubled to stay integral. A substitution costs more than an insertion, a deletion or a
/// swap: typing slips double, drop or swap letters ("Phillipines", "Untied"), while a changed letter
/// in the distinctive part of a name is more often another name ("Řecká" vs "Česká republika").
const INDEL: usize = 2;
const SWAP: usize = 2;
const SUB: usize = 3;
/// Another country this much further away still makes the answer a guess.
const MARGIN: usize = 4;

/// Cost allowed for an input of `len` bytes: none below MIN_LEN, one edit up to 8, two short ones
/// (or one substitution) from 9.
pub fn max_cost(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => SUB,
        _ => 2 * INDEL,
    }
}

/// Weighted optimal-string-alignment distance of `a` and `b`, or `None` when it exceeds `bound`.
pub fn osa_within(a: &[u8], b: &[u8], bound: usize) -> Option<usize> {
    const W: usize = MAX_LEN + 2;
    if a.len() >= W || b.len() >= W || a.len().abs_diff(b.len()) * INDEL > bound {
        return None;
    }
    let mut prev2 = [0usize; W];
    let mut prev: [usize; W] = core::array::from_fn(|j| j * INDEL);
    let mut cur = [0usize; W];
    // panic-ok (all indexing below): i < a.len() < W and j + 1 <= b.len() < W.
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = (i + 1) * INDEL;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = if ca == cb { 0 } else { SUB };
            let mut d = (prev[j] + cost)
                .min(prev[j + 1] + INDEL)
                .min(cur[j] + INDEL);
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

/// The country whose Latin-script name is uniquely nearest to `key` (an already normalised key).
/// Rejected when no name is within the allowed cost, when the nearest is a must-reject name, or
/// when another country (or a must-reject name) is within MARGIN more: near-ties are guesses.
pub fn nearest(key: &[u8]) -> Option<u8> {
    let n = key.len();
    let k = max_cost(n);
    if k == 0 || n > MAX_LEN || !key.iter().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let idx = index();
    let reach = k + MARGIN - 1; // costs up to here matter for the near-tie rule
    let lo = usize::from(*idx.by_len.get(n.saturating_sub(reach / INDEL))?);
    let hi = usize::from(*idx.by_len.get((n + reach / INDEL + 1).min(MAX_LEN + 2))?);
    let qmask = mask(key);
    let mut best: Option<(usize, u8)> = None;
    let mut second = usize::MAX; // nearest cost of any other value
    for c in idx.cands.get(lo..hi)? {
        // An edit changes the presence of at most one letter per INDEL of cost.
        if (c.mask ^ qmask).count_ones() as usize > reach {
            continue;
        }
        let Some((cand, value, _)) = text_entry(LATIN, usize::from(c.offset)) else {
            continue;
        };
        let Some(d) = osa_within(key, cand, reach) else {
            continue;
        };
        match best {
            Some((bd, bv)) if bv == value => best = Some((bd.min(d), bv)),
            Some((bd, _)) if d < bd => {
                second = second.min(bd);
                best = Some((d, value));
            }
            Some(_) => second = second.min(d),
            None => best = Some((d, value)),
        }
    }
    let (d, v) = best?;
    (d <= k && v != REJECT && second >= d + MARGIN).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa() {
        assert_eq!(osa_within(b"germnay", b"germany", 8), Some(SWAP));
        assert_eq!(
            osa_within(b"phillipines", b"philippines", 8),
            Some(2 * INDEL)
        );
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
        assert_eq!(max_cost(7), SUB);
        assert!(nearest(b"").is_none());
        assert!(nearest(&[b'a'; 200]).is_none());
    }
}
