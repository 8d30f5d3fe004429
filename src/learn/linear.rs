//! What the learned linear models ([`crate::quotes::cue_model`], [`crate::quotes::span_model`])
//! share: hashed weight tables with one row per feature and the labels side by
//! side (scoring a word touches one cache line per feature), their file encoding
//! (the non-zero weights as index/value pairs), and averaged-perceptron training
//! with the epoch chosen on dev.

use crate::score::Counts;

/// The largest hashed table a model file may ask for, as a power of two (a model
/// of eight labels then holds 512 MB of weights): a file asking for more is
/// refused before anything is allocated. The shipped models use 17 and 18.
pub const MAX_BITS: u32 = 24;

/// The slot of feature `h` for `label` in a table of `2^bits` rows of `labels`.
#[inline]
pub fn slot(bits: u32, h: u64, labels: usize, label: usize) -> usize {
    (h & ((1u64 << bits) - 1)) as usize * labels + label
}

/// The label scores of a feature list: the sum of the features' rows.
#[inline]
pub fn scores<const L: usize>(weights: &[f32], bits: u32, feats: &[u64]) -> [f32; L] {
    let mut out = [0.0; L];
    for &h in feats {
        let k = slot(bits, h, L, 0);
        if let Some(w) = weights.get(k..k + L) {
            for (o, w) in out.iter_mut().zip(w) {
                *o += w;
            }
        }
    }
    out
}

/// Append `count: u32` and the `(index: u32, weight: f32)` pairs of the non-zero weights.
pub fn write_nonzero(out: &mut Vec<u8>, weights: &[f32]) {
    let nonzero: Vec<(u32, f32)> = weights
        .iter()
        .enumerate()
        .filter(|(_, &w)| w != 0.0)
        .map(|(k, &w)| (k as u32, w))
        .collect();
    out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
    for (k, w) in nonzero {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
}

/// Reads a model file front to back; errors name the model (`what`).
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader after the 8-byte `magic`, or an error if the file does not start with it.
    pub fn open(bytes: &'a [u8], magic: &[u8; 8], what: &'static str) -> Result<Self, String> {
        if bytes.get(..8) != Some(magic.as_slice()) {
            return Err(format!("not a byline {what} (bad magic)"));
        }
        Ok(Reader {
            bytes,
            pos: 8,
            what,
        })
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let b = self
            .bytes
            .get(self.pos..self.pos + N)
            .ok_or_else(|| format!("{} file is truncated", self.what))?;
        self.pos += N;
        let mut a = [0u8; N];
        a.copy_from_slice(b);
        Ok(a)
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        self.take().map(u32::from_le_bytes)
    }

    pub fn f32(&mut self) -> Result<f32, String> {
        self.take().map(f32::from_le_bytes)
    }

    pub fn u64(&mut self) -> Result<u64, String> {
        self.take().map(u64::from_le_bytes)
    }

    /// The table size exponent, checked to be sane.
    pub fn bits(&mut self) -> Result<u32, String> {
        let bits = self.u32()?;
        if !(8..=MAX_BITS).contains(&bits) {
            return Err(format!("{}: bad table size 2^{bits}", self.what));
        }
        Ok(bits)
    }

    /// A table of `len` weights from what [`write_nonzero`] wrote.
    pub fn nonzero(&mut self, len: usize) -> Result<Vec<f32>, String> {
        let count = self.u32()? as usize;
        let mut weights = vec![0.0f32; len];
        for _ in 0..count {
            let k = self.u32()? as usize;
            let w = self.f32()?;
            *weights
                .get_mut(k)
                .ok_or_else(|| format!("{}: index {k} out of range", self.what))? = w;
        }
        Ok(weights)
    }
}

/// Perceptron weights and their running averages: each update also adds
/// `c · delta` to a sum, so the average over all steps is `w − sum / c` without
/// copying the table every step.
pub struct Averaged {
    pub w: Vec<f32>,
    sums: Vec<f64>,
    c: f64,
}

impl Averaged {
    pub fn new(len: usize) -> Self {
        Averaged {
            w: vec![0.0; len],
            sums: vec![0.0; len],
            c: 1.0,
        }
    }

    #[inline]
    pub fn add(&mut self, k: usize, delta: f32) {
        self.w[k] += delta;
        self.sums[k] += self.c * delta as f64;
    }

    /// One training example done.
    pub fn step(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.sums)
            .map(|(&w, &s)| (w as f64 - s / self.c) as f32)
            .collect()
    }
}

/// The model of the epoch that scores best on dev (the last one without dev).
pub struct BestEpoch<M> {
    best: Option<(f64, M, usize)>,
}

impl<M> Default for BestEpoch<M> {
    fn default() -> Self {
        BestEpoch { best: None }
    }
}

impl<M> BestEpoch<M> {
    /// Offer an epoch's model with its dev score (`None`: no dev data).
    pub fn offer(&mut self, epoch: usize, model: M, dev: Option<Counts>) {
        let f1 = dev.map_or(0.0, |s| s.f1());
        if dev.is_none() || self.best.as_ref().is_none_or(|(f, _, _)| f1 > *f) {
            self.best = Some((f1, model, epoch));
        }
    }

    /// The kept model and its epoch, if any epoch was offered.
    pub fn into_inner(self) -> Option<(M, usize)> {
        self.best.map(|(_, m, e)| (m, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_and_the_file_encoding() {
        let mut a = Averaged::new(4);
        // Weight 1 is 1.0 after the first of three steps, then stays: its average
        // over the steps the sum counts (c = 4 after three) is 1 − 1/4.
        a.add(1, 1.0);
        a.step();
        a.step();
        a.step();
        assert_eq!(a.averaged(), vec![0.0, 0.75, 0.0, 0.0]);
        let mut out = b"MAGIC123".to_vec();
        write_nonzero(&mut out, &[0.0, 2.5, 0.0, -1.0]);
        let mut r = Reader::open(&out, b"MAGIC123", "test model").unwrap();
        assert_eq!(r.nonzero(4).unwrap(), vec![0.0, 2.5, 0.0, -1.0]);
        assert!(Reader::open(&out, b"OTHER123", "test model").is_err());
        let mut short = Reader::open(&out[..out.len() - 1], b"MAGIC123", "test model").unwrap();
        assert!(short.nonzero(4).is_err());
        let mut small = Reader::open(&out, b"MAGIC123", "test model").unwrap();
        assert!(small.nonzero(2).is_err());
        // A table larger than MAX_BITS is refused before it is allocated (the
        // fuzzer's first find: 12 bytes asking for 2^26 rows of eight labels).
        for bits in [7, MAX_BITS + 1, 26, u32::MAX] {
            let mut f = b"MAGIC123".to_vec();
            f.extend_from_slice(&bits.to_le_bytes());
            let mut r = Reader::open(&f, b"MAGIC123", "test model").unwrap();
            assert!(r.bits().is_err(), "{bits}");
        }
        assert_eq!(
            scores::<2>(&[1.0, 2.0, 3.0, 4.0], 1, &[0, 1, 2]),
            [5.0, 8.0]
        );
    }

    #[test]
    fn the_best_dev_epoch_is_kept() {
        let score = |tp| Counts {
            true_pos: tp,
            predicted: 10,
            gold: 10,
        };
        let mut b = BestEpoch::default();
        b.offer(1, "a", Some(score(3)));
        b.offer(2, "b", Some(score(5)));
        b.offer(3, "c", Some(score(4)));
        assert_eq!(b.into_inner(), Some(("b", 2)));
        let mut b = BestEpoch::default();
        b.offer(1, "a", None);
        b.offer(2, "b", None);
        assert_eq!(b.into_inner(), Some(("b", 2)));
    }
}
