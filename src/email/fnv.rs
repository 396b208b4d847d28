//! FNV-1a, the hash of the domain keys shared by the embedded table (table.rs) and the disposable
//! asset (full.rs; the generator's `keyHash`). A leaf module so both can use it without depending
//! on each other.

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline(always)]
pub(crate) fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// The FNV-1a hash of a reversed-label key ("a.example" -> "example.a"), as the generator's
/// `keyHash` (for tests).
#[cfg(test)]
pub(crate) fn key_hash(domain: &str) -> u64 {
    let rev: Vec<&str> = domain.split('.').rev().collect();
    rev.join(".").bytes().fold(FNV_OFFSET, fnv_step)
}
