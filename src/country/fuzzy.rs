//! Typo matching against the Latin-script keys: a weighted optimal-string-alignment (Damerau)
//! distance, bounded by the input's length, accepted only when one country is clearly nearest.
//!
//! Candidates come from a deletion-neighbourhood index (as in SymSpell): every key and each of its
//! one-letter deletions, hashed and sorted. An input's own one-letter deletions then find, with a
//! dozen binary searches, every key one edit away (and the insert+delete pairs of "Phillipines"),
//! instead of running the distance against thousands of keys. The index (~17k entries, ~140 KB) is
//! built on the first typo query, never at start-up. Longer inputs (long names: "Uniited Arab
//! Emirates", "Central African Repuulbic") are measured against every name of about their length.

use super::data::{LATIN, REJECT};
use super::store::{fnv1a, heap_sort, text_entry, Hit};
use std::sync::OnceLock;

/// Longest input we try to correct; inputs longer than MAX_CAND are compared with every name of
/// about their length, shorter ones with the index (of names up to MAX_CAND letters).
const MAX_LEN: usize = 40;
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
/// or swap one ("Untied"), or hit a key next to the right one ("Anguills"); spelling slips change a
/// vowel ("Bilivia"). A far letter changed, or a first letter added or lost, is more often another
/// name ("Siberia" / "Liberia", "Neverland" / "Nederland", "Prussia" / "Russia") and costs more.
const DOUBLING: usize = 1;
const INDEL: usize = 2;
const FIRST: usize = 3;
const SWAP: usize = 2;
const CLOSE: usize = 2;
const FAR: usize = 4;
/// Another country less than this much further away makes the answer a guess.
const MARGIN: usize = 3;

/// Cost allowed for an input of `len` bytes: none below MIN_LEN; one dropped, added or swapped
/// letter up to 6; also one close change up to 8; then one slip plus one doubling; from 17 letters
/// (long names) two slips.
pub fn max_cost(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => INDEL,
        9..=16 => INDEL + DOUBLING,
        _ => 2 * INDEL,
    }
}

/// For each letter a-z, the letters a slip may put in its place (bit n = letter n): its QWERTY
/// neighbours, and for a vowel the other vowels. Computed at compile time.
const CLOSE_TO: [u32; 26] = close_table();

const fn close_table() -> [u32; 26] {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    const VOWELS: &[u8] = b"aeiouy";
    // (row, column in half keys) of each letter.
    let mut pos = [(0i32, 0i32); 26];
    let mut r = 0;
    while r < 3 {
        let mut i = 0;
        while i < ROWS[r].len() {
            pos[(ROWS[r][i] - b'a') as usize] = (r as i32, 2 * i as i32 + r as i32);
            i += 1;
        }
        r += 1;
    }
    let mut out = [0u32; 26];
    let mut a = 0;
    while a < 26 {
        let mut b = 0;
        while b < 26 {
            let (ra, ca) = pos[a];
            let (rb, cb) = pos[b];
            let (dr, dc) = ((ra - rb).abs(), (ca - cb).abs());
            let keys = (dr == 0 && dc == 2) || (dr == 1 && dc <= 1);
            let mut va = false;
            let mut vb = false;
            let mut v = 0;
            while v < VOWELS.len() {
                va |= VOWELS[v] == b'a' + a as u8;
                vb |= VOWELS[v] == b'a' + b as u8;
                v += 1;
            }
            if a != b && (keys || (va && vb)) {
                out[a] |= 1 << b;
            }
            b += 1;
        }
        a += 1;
    }
    out
}

/// Cost of reading `a` where `b` was meant: close for two vowels or neighbouring keys.
fn change(a: u8, b: u8, close_ok: bool) -> usize {
    let close = a.is_ascii_lowercase()
        && b.is_ascii_lowercase()
        && CLOSE_TO
            .get(usize::from(a - b'a'))
            .is_some_and(|m| m & 1 << (b - b'a') != 0);
    if close && close_ok {
        CLOSE
    } else {
        FAR
    }
}

/// Cost of having `s[i]` in one string and not the other: cheap when it doubles its neighbour.
fn indel(s: &[u8], i: usize) -> usize {
    let doubled = i > 0 && s.get(i) == s.get(i - 1) || s.get(i) == s.get(i + 1);
    if doubled {
        DOUBLING
    } else if i == 0 {
        FIRST
    } else {
        INDEL
    }
}

/// Weighted optimal-string-alignment distance of `a` and `b`, or `None` when it exceeds `bound`.
/// `close_ok`: whether a close change is cheap (not in names of 5-6 letters, where it mostly
/// makes another word: "Sedan", "Chino").
pub fn osa_within(a: &[u8], b: &[u8], bound: usize, close_ok: bool) -> Option<usize> {
    // Rows sized to the strings: the short ones (nearly every call) copy 3 rows of 20, not 44.
    if a.len() < 20 && b.len() < 20 {
        osa_rows::<20>(a, b, bound, close_ok)
    } else {
        osa_rows::<{ MAX_LEN + 4 }>(a, b, bound, close_ok)
    }
}

fn osa_rows<const W: usize>(a: &[u8], b: &[u8], bound: usize, close_ok: bool) -> Option<usize> {
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
            let cost = if ca == cb {
                0
            } else {
                change(ca, cb, close_ok)
            };
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
    let close_ok = n >= 7;
    if n > MAX_CAND {
        // Long names: every name of about the same length with the same first letter (a slip
        // there is rare, and costs too much to take anyway).
        let mut pos = 0;
        while let Some((cand, value, next)) = text_entry(LATIN, pos) {
            pos = next;
            if cand.first() == key.first() && cand.len().abs_diff(n) * DOUBLING <= reach {
                if let Some(d) = osa_within(key, cand, reach, close_ok) {
                    f(d, value);
                }
            }
        }
        return;
    }
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
            if let Some(d) = osa_within(key, cand, reach, close_ok) {
                f(d, value);
            }
        }
    }
}

/// Calls `f(cost, value)` for the names two neighbouring letters shorter than `key` ("niger" for
/// "nigeris"): the index only sees one deletion a side, and such a neighbour must count for the
/// near-tie rule. A few exact lookups.
fn scan_pairs(key: &[u8], reach: usize, mut f: impl FnMut(usize, u8)) {
    let n = key.len();
    let close_ok = n >= 7;
    let mut short = [0u8; MAX_CAND];
    // The last two letters ("nigeris" -> "niger") and doubled letters ("assland" -> "aland"):
    // the neighbours that matter are names one of which extends the other.
    let pairs = (0..n.saturating_sub(1)).filter(|&i| i + 2 == n || key.get(i) == key.get(i + 1));
    for i in pairs {
        let mut len = 0;
        for (at, &b) in key.iter().enumerate() {
            if at != i && at != i + 1 {
                if let Some(slot) = short.get_mut(len) {
                    *slot = b;
                    len += 1;
                }
            }
        }
        let cand = short.get(..len).unwrap_or(&[]);
        if let Some(Hit::Country(v)) = super::find_static(cand) {
            if let Some(d) = osa_within(key, cand, reach, close_ok) {
                f(d, v);
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
    if d > k || v == REJECT || second < d + MARGIN {
        return None;
    }
    // Two letters off a 5-letter input leave no name (names have 4 letters and more).
    if (6..=MAX_CAND).contains(&key.len()) {
        scan_pairs(key, k + MARGIN - 1, |d2, v2| {
            if v2 != v {
                second = second.min(d2);
            }
        });
    }
    (second >= d + MARGIN).then_some(v)
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
    if key.len() <= MAX_CAND {
        scan_pairs(key, max_cost(key.len()), |_, value| {
            near |= value != country
        });
    }
    near
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa() {
        assert_eq!(osa_within(b"germnay", b"germany", 8, true), Some(SWAP));
        assert_eq!(
            osa_within(b"phillipines", b"philippines", 8, true),
            Some(2 * DOUBLING)
        );
        assert_eq!(
            osa_within(b"sanmartin", b"sanmarino", 8, true),
            Some(2 * INDEL)
        );
        assert_eq!(osa_within(b"bilivia", b"bolivia", 8, true), Some(CLOSE));
        assert_eq!(osa_within(b"anguills", b"anguilla", 8, true), Some(CLOSE));
        assert_eq!(osa_within(b"anguills", b"anguilla", 8, false), Some(FAR));
        assert_eq!(osa_within(b"siberia", b"liberia", 8, true), Some(FAR));
        assert_eq!(osa_within(b"prussia", b"russia", 8, true), Some(FIRST));
        assert_eq!(osa_within(b"abc", b"xyz", 4, true), None);
        assert_eq!(osa_within(b"", b"ab", 8, true), Some(FIRST + INDEL));
    }

    #[test]
    fn typos_in_long_names() {
        for (input, want) in [
            (&b"uniitedarabemirates"[..], "AE"),
            (b"bosniaandherzegovian", "BA"),
            (b"centralafricanrepuulbic", "CF"),
            (b"bilivia", "BO"),
            (b"anguills", "AI"),
        ] {
            let got = nearest(input).and_then(|i| super::super::all().get(usize::from(i)));
            assert_eq!(
                got.map(|c| c.alpha2),
                Some(want),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
        for input in [&b"neverland"[..], b"prussia", b"siberia"] {
            assert_eq!(nearest(input), None, "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(max_cost(4), 0);
        assert_eq!(max_cost(7), INDEL);
        assert!(nearest(b"").is_none());
        assert!(nearest(&[b'a'; 200]).is_none());
    }
}
