//! The optional full disposable list (`wazper/disposable`): a sorted set of truncated key hashes,
//! shipped Rice-coded (format and the choice of hash width in scripts/gen-email-data.mjs) and
//! decoded here into a sorted array with a bucket index over its top bits. The asset holds hashes,
//! not names, because that is near the entropy of the set: about 34 bits a domain.

/// Why an asset was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not a full-list asset: wrong magic, parameters, length or coding.
    Malformed,
}

/// More domains than any list holds; bounds what a forged header can make us allocate.
const MAX_DOMAINS: usize = 1 << 22;

#[derive(Default)]
pub(crate) struct FullList {
    /// Hash width in bits (32..=60).
    bits: u32,
    /// Sorted, distinct `bits`-bit values.
    keys: Vec<u64>,
    /// `keys` index where each bucket of the top `bucket_bits` bits starts; one more at the end.
    buckets: Vec<u32>,
    bucket_bits: u32,
}

/// MurmurHash3's 64-bit finaliser: FNV-1a's high bits are weakly mixed for short keys.
#[inline(always)]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Reads an MSB-first bit stream.
struct Bits<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    #[inline(always)]
    fn bit(&mut self) -> Option<u64> {
        let b = *self.bytes.get(self.pos >> 3)?;
        let v = (b >> (7 - (self.pos & 7))) & 1;
        self.pos += 1;
        Some(u64::from(v))
    }

    /// A run of 1 bits ended by a 0, at most `max` long.
    fn unary(&mut self, max: u64) -> Option<u64> {
        let mut q = 0u64;
        loop {
            // Whole 0xff bytes at a byte boundary at once: long runs are rare but cheap this way.
            while self.pos & 7 == 0 && matches!(self.bytes.get(self.pos >> 3), Some(&0xff)) {
                q += 8;
                self.pos += 8;
            }
            if q > max {
                return None;
            }
            if self.bit()? == 0 {
                return Some(q);
            }
            q += 1;
        }
    }

    fn bits(&mut self, n: u32) -> Option<u64> {
        let mut v = 0u64;
        for _ in 0..n {
            v = (v << 1) | self.bit()?;
        }
        Some(v)
    }
}

impl FullList {
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<FullList, LoadError> {
        Self::try_decode(bytes).ok_or(LoadError::Malformed)
    }

    fn try_decode(bytes: &[u8]) -> Option<FullList> {
        let (head, body) = (bytes.get(..10)?, bytes.get(10..)?);
        if head.get(..4)? != b"WZD1" {
            return None;
        }
        let bits = u32::from(*head.get(4)?);
        let r = u32::from(*head.get(5)?);
        let n = u32::from_le_bytes(head.get(6..10)?.try_into().ok()?) as usize;
        // Every entry takes at least r + 1 bits, so the count is bounded by the bytes given.
        if !(32..=60).contains(&bits) || r >= bits || n > MAX_DOMAINS || n > body.len() * 8 {
            return None;
        }
        let limit = 1u64 << bits;
        let mut keys = Vec::with_capacity(n);
        let mut rd = Bits {
            bytes: body,
            pos: 0,
        };
        let mut prev = 0u64;
        for i in 0..n {
            let q = rd.unary(limit >> r)?;
            let gap = (q << r) | rd.bits(r)?;
            if i > 0 && gap == 0 {
                return None; // not distinct
            }
            prev = prev.checked_add(gap).filter(|&v| v < limit)?;
            keys.push(prev);
        }
        // Only zero padding to the end of the last byte may follow.
        if body.len() != rd.pos.div_ceil(8)
            || (rd.pos & 7 != 0 && rd.bits(8 - (rd.pos as u32 & 7))? != 0)
        {
            return None;
        }
        // About four keys a bucket.
        let mut bucket_bits = 0u32;
        while bucket_bits < 20 && (4usize << bucket_bits) < n {
            bucket_bits += 1;
        }
        let mut buckets = vec![0u32; (1usize << bucket_bits) + 1];
        let shift = bits - bucket_bits;
        for &k in &keys {
            if let Some(b) = buckets.get_mut((k >> shift) as usize + 1) {
                *b += 1;
            }
        }
        for i in 1..buckets.len() {
            let before = buckets.get(i - 1).copied().unwrap_or(0);
            if let Some(b) = buckets.get_mut(i) {
                *b += before;
            }
        }
        Some(FullList {
            bits,
            keys,
            buckets,
            bucket_bits,
        })
    }

    /// Whether the key whose FNV-1a hash (table.rs) is `h` is in the list.
    #[inline(always)]
    pub(crate) fn contains(&self, h: u64) -> bool {
        if self.keys.is_empty() {
            return false;
        }
        let k = fmix64(h) >> (64 - self.bits);
        let b = (k >> (self.bits - self.bucket_bits)) as usize;
        let (Some(&lo), Some(&hi)) = (self.buckets.get(b), self.buckets.get(b + 1)) else {
            return false;
        };
        self.keys
            .get(lo as usize..hi as usize)
            .is_some_and(|s| s.binary_search(&k).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fnv::key_hash;
    use super::*;
    use proptest::prelude::*;

    /// Encodes values the generator's way (a reference writer for the tests).
    fn encode(bits: u8, r: u8, values: &[u64]) -> Vec<u8> {
        let mut out = b"WZD1".to_vec();
        out.push(bits);
        out.push(r);
        out.extend_from_slice(&(values.len() as u32).to_le_bytes());
        let mut bitv: Vec<bool> = Vec::new();
        let mut prev = 0;
        for &v in values {
            let g = v - prev;
            prev = v;
            bitv.resize(bitv.len() + (g >> r) as usize, true);
            bitv.push(false);
            for i in (0..r).rev() {
                bitv.push((g >> i) & 1 == 1);
            }
        }
        for chunk in bitv.chunks(8) {
            let mut b = 0u8;
            for (i, &x) in chunk.iter().enumerate() {
                if x {
                    b |= 0x80 >> i;
                }
            }
            out.push(b);
        }
        out
    }

    fn list_of(domains: &[&str], bits: u8) -> Vec<u8> {
        let mut v: Vec<u64> = domains
            .iter()
            .map(|d| fmix64(key_hash(d)) >> (64 - u32::from(bits)))
            .collect();
        v.sort();
        v.dedup();
        encode(bits, bits - 12, &v)
    }

    #[test]
    fn round_trip_and_lookup() {
        let domains = ["throwaway.example", "a.b.example", "x.test", "yy.test"];
        let l = FullList::decode(&list_of(&domains, 40)).unwrap();
        assert_eq!(l.len(), 4);
        for d in domains {
            assert!(l.contains(key_hash(d)), "{d}");
        }
        for d in ["gmail.com", "example", "b.example", "throwaway.exampl"] {
            assert!(!l.contains(key_hash(d)), "{d}");
        }
        assert!(!FullList::default().contains(key_hash("x.test")));
    }

    #[test]
    fn refuses_malformed_assets() {
        let good = list_of(&["a.test", "b.test", "c.test"], 40);
        assert!(FullList::decode(&good).is_ok());
        let mut bad_magic = good.clone();
        bad_magic[0] = b'X';
        let mut bad_bits = good.clone();
        bad_bits[4] = 61;
        let mut bad_r = good.clone();
        bad_r[5] = 40;
        let mut huge_n = good.clone();
        huge_n[6..10].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut extra = good.clone();
        extra.push(0);
        let mut short = good.clone();
        short.pop();
        let dup = encode(40, 20, &[5, 5]);
        let over = encode(33, 20, &[1u64 << 33]);
        for (what, b) in [
            ("magic", bad_magic),
            ("bits", bad_bits),
            ("rice", bad_r),
            ("count", huge_n),
            ("trailing byte", extra),
            ("truncated", short),
            ("duplicate", dup),
            ("value over the width", over),
            ("empty", Vec::new()),
            ("header only", b"WZD1".to_vec()),
            ("all ones", [&good[..10], &[0xff; 64][..]].concat()),
        ] {
            assert_eq!(
                FullList::decode(&b).err(),
                Some(LoadError::Malformed),
                "{what}"
            );
        }
    }

    #[test]
    fn the_shipped_asset_decodes_and_holds_its_count() {
        let bytes = include_bytes!("../../pkg-template/disposable-domains.bin");
        let l = FullList::decode(bytes).unwrap();
        let n = u32::from_le_bytes(bytes[6..10].try_into().unwrap()) as usize;
        assert_eq!(l.len(), n);
        assert!(n > 100_000, "{n}");
        assert!(l.keys.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(*l.buckets.last().unwrap() as usize, n);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn never_panics_on_any_bytes(tail in prop::collection::vec(any::<u8>(), 0..200), bits in 0u8..70, r in 0u8..70, n in 0u32..2000) {
            let mut b = b"WZD1".to_vec();
            b.push(bits);
            b.push(r);
            b.extend_from_slice(&n.to_le_bytes());
            b.extend_from_slice(&tail);
            if let Ok(l) = FullList::decode(&b) {
                prop_assert_eq!(l.len(), n as usize);
                prop_assert!(l.keys.windows(2).all(|w| w[0] < w[1]));
            }
            let _ = FullList::decode(&tail);
        }

        #[test]
        fn any_sorted_set_round_trips(mut v in prop::collection::vec(0u64..(1u64 << 45), 1..300), r in 36u8..45) {
            v.sort();
            v.dedup();
            let l = FullList::decode(&encode(45, r, &v)).unwrap();
            prop_assert_eq!(&l.keys, &v);
        }
    }
}
