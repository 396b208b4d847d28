//! The generated key stores: binary search over bucket heads, then a short linear scan.
//! Formats are described in scripts/gen-country-data.mjs (textStore, hashStore).

use super::data::{BUCKET, HASH_DELTAS, HASH_HEADS, HASH_OFFSETS, HASH_VALUES, REJECT};
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

/// Exact lookup in a text store.
pub fn text_find(blob: &[u8], buckets: &[u16], key: &[u8]) -> Option<Hit> {
    // The last bucket whose head is <= key.
    let b = buckets.partition_point(|&start| {
        text_entry(blob, usize::from(start)).is_some_and(|(head, _, _)| head <= key)
    });
    let mut pos = usize::from(*buckets.get(b.checked_sub(1)?)?);
    for _ in 0..BUCKET {
        let (k, v, next) = text_entry(blob, pos)?;
        match k.cmp(key) {
            Ordering::Equal => return Some(hit(v)),
            Ordering::Greater => return None,
            Ordering::Less => pos = next,
        }
    }
    None
}

/// FNV-1a, as the generator hashes non-Latin keys.
pub fn fnv1a(key: &[u8]) -> u32 {
    key.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Exact lookup of a non-Latin key by its hash.
pub fn hash_find(key: &[u8]) -> Option<Hit> {
    let h = fnv1a(key);
    let b = HASH_HEADS
        .partition_point(|&head| head <= h)
        .checked_sub(1)?;
    let mut cur = *HASH_HEADS.get(b)?;
    let mut rank = b * BUCKET;
    let mut deltas = HASH_DELTAS
        .get(usize::from(*HASH_OFFSETS.get(b)?)..)?
        .iter();
    loop {
        match cur.cmp(&h) {
            Ordering::Equal => return HASH_VALUES.get(rank).map(|&v| hit(v)),
            Ordering::Greater => return None,
            Ordering::Less => {}
        }
        rank += 1;
        if rank % BUCKET == 0 {
            return None;
        }
        cur = cur.wrapping_add(read_leb(&mut deltas)?);
    }
}

fn read_leb(it: &mut core::slice::Iter<u8>) -> Option<u32> {
    let mut v = 0u32;
    for shift in [0, 7, 14, 21, 28] {
        let b = *it.next()?;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}
