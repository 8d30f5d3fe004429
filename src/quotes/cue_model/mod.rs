//! A learned cue detector: which words outside quotation marks belong to an
//! attribution cue ("mocked", "has long insisted", "expressed concern").
//!
//! The cue lexicon (`data/quotes/cues.txt`) covers the frequent verbs of saying;
//! PolNeAR's cues have a long tail that no list reaches. This model scores each
//! word as outside, beginning or inside a cue, with linear functions of hashed context features (the word, its
//! neighbours, entity tags, lexicon classes, a following "that" …) trained as an
//! averaged perceptron on PolNeAR's train split (`byline train cues`, see
//! [`train`]). A run of words it accepts becomes a cue, which the
//! same source/content patterns as a lexicon cue then try to complete: the model
//! proposes cues, the patterns still decide whether an attribution is there.
//!
//! File format (`models/cues.bin`, little-endian): magic `BYLCUE03`, `bits: u32`
//! (the table holds `3 · 2^bits` weights), `threshold: f32`, `veto: f32`, `count: u32`, then
//! `count` pairs of `(index: u32, weight: f32)` for the non-zero weights. Each
//! feature has one slot per label (outside / begin / inside a cue). Then `n: u32`
//! and `n` word hashes (u64) of the words that never begin a cue.

pub mod train;

use crate::learn::hash::FeatHash;
use crate::learn::hash::IdBuild;
use crate::learn::linear;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::quotes::context::lower;
/// The per-document context both learned models read, defined in
/// [`crate::quotes::context`] (re-exported here, where its users found it first).
pub use crate::quotes::context::{word_hash, CueContext};

const MAGIC: &[u8; 8] = b"BYLCUE03";

/// Labels: a word outside any cue, the first word of a cue, a later word of one.
pub const OUTSIDE: usize = 0;
pub const BEGIN: usize = 1;
pub const INSIDE: usize = 2;
pub const LABELS: usize = 3;

/// The shipped model, compiled into the binary.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/cues.bin");

/// A linear cue scorer over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct CueModel {
    bits: u32,
    /// Margin by which "begins a cue" must beat the other labels for a word the
    /// lexicon does not know to start a cue.
    pub threshold: f32,
    /// Margin by which "outside" must beat the other labels for the model to
    /// overrule a lexicon cue ("the two states": not the verb).
    pub veto: f32,
    /// Words (hashes of their lower-case forms, [`word_hash`]) that were frequent in
    /// training and never began a cue: not scored as cue starts, which saves most of
    /// the scoring time ("the", "of", "Trump").
    pub never_begins: HashSet<u64, IdBuild>,
    weights: Vec<f32>,
}

/// Whether token `i` is scored at all: a word outside quotation marks.
pub fn is_candidate(ctx: &CueContext, i: usize) -> bool {
    !ctx.in_quote[i]
        && ctx.words[i]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic())
}

/// A word's shape class: 0 lower, 1 Capitalized, 2 UPPER, 3 other.
fn shape(w: &str) -> u64 {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => 0,
        Some(c) if c.is_uppercase() => {
            if w.len() > 1 && chars.all(|c| !c.is_lowercase()) {
                2
            } else {
                1
            }
        }
        _ => 3,
    }
}

fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

/// The hashed features of token `i` in the sentence `[a, b)`; `out` is cleared first.
pub fn features(ctx: &CueContext, (a, b): (usize, usize), i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = ctx.words;
    // Words outside the sentence read as boundary markers.
    let at = |k: isize| -> Option<usize> {
        let j = i as isize + k;
        (j >= a as isize && j < b as isize).then_some(j as usize)
    };
    let word = |k: isize| -> u64 {
        match at(k) {
            Some(j) => ctx.lower[j],
            None if k < 0 => 1,
            None => 2,
        }
    };
    let ent = |k: isize| -> u64 { at(k).map_or(99, |j| ctx.entity[j] as u64) };
    let lexicon = |k: isize| -> u64 { at(k).map_or(9, |j| ctx.lexicon[j] as u64) };
    let w0 = w[i];
    let (wm2, wm1, wp1, wp2, l0) = (word(-2), word(-1), word(1), word(2), word(0));
    out.push(FeatHash::new(0).finish());
    out.push(FeatHash::new(1).num(l0).finish());
    out.push(FeatHash::new(2).num(wm1).finish());
    out.push(FeatHash::new(3).num(wp1).finish());
    out.push(FeatHash::new(4).num(wm2).finish());
    out.push(FeatHash::new(5).num(wp2).finish());
    out.push(FeatHash::new(6).num(wm1).num(l0).finish());
    out.push(FeatHash::new(7).num(l0).num(wp1).finish());
    // Suffixes of 2–4 characters (by char boundary, no allocation).
    let n_chars = w0.chars().count();
    for (t, n) in [(8u32, 2usize), (9, 3), (10, 4)] {
        if n_chars > n {
            if let Some((start, _)) = w0.char_indices().rev().nth(n - 1) {
                out.push(lower(FeatHash::new(t), &w0[start..]).finish());
            }
        }
    }
    let s0 = shape(w0);
    let sm1 = at(-1).map_or(4, |j| shape(w[j]));
    out.push(FeatHash::new(11).num(s0).num(sm1).finish());
    out.push(FeatHash::new(12).num(s0).num(u64::from(i == a)).finish());
    out.push(FeatHash::new(13).num(ent(-1)).finish());
    out.push(FeatHash::new(14).num(ent(0)).finish());
    out.push(FeatHash::new(15).num(ent(1)).finish());
    out.push(FeatHash::new(16).num(ent(-1)).num(s0).finish());
    let here = lexicon(0);
    out.push(FeatHash::new(17).num(here).finish());
    out.push(FeatHash::new(18).num(lexicon(-1)).num(lexicon(1)).finish());
    out.push(FeatHash::new(19).num(here).num(l0).finish());
    out.push(
        FeatHash::new(20)
            .num(at(-1).map_or(9, |j| ctx.source_word[j] as u64))
            .finish(),
    );
    out.push(FeatHash::new(21).num(ctx.source_word[i] as u64).finish());
    // A complement clause or a quotation ahead: "… that", "…: “". (These words are
    // part of the feature template the shipped weights were trained on, so they stay
    // here, not in data/quotes/words.txt: changing them means retraining.)
    let ahead = (i + 1..b.min(i + 5)).find(|&k| {
        matches!(
            w[k],
            "that" | ":" | "“" | "\"" | "whether" | "to" | "for" | "about"
        )
    });
    let ahead_word = ahead.map_or("", |k| w[k]);
    let ahead = ahead.map_or(0, |k| (k - i) as u64);
    out.push(FeatHash::new(22).num(ahead).str(ahead_word).finish());
    out.push(FeatHash::new(23).num(l0).str(ahead_word).finish());
    out.push(
        FeatHash::new(24)
            .num(u64::from(i > a && ctx.in_quote[i - 1]))
            .num(u64::from(i + 1 < b && ctx.in_quote[i + 1]))
            .finish(),
    );
    out.push(FeatHash::new(25).num(bucket(i - a)).finish());
    out.push(FeatHash::new(26).num(bucket(b - i)).finish());
    // A quotation anywhere in the sentence.
    let quoted = ctx.quoted[b] > ctx.quoted[a];
    out.push(FeatHash::new(27).num(u64::from(quoted)).num(here).finish());
}

impl CueModel {
    /// A model with every weight zero: it accepts nothing.
    pub fn empty(bits: u32) -> CueModel {
        CueModel {
            bits,
            threshold: 0.0,
            veto: f32::INFINITY,
            never_begins: HashSet::default(),
            weights: vec![0.0; LABELS << bits],
        }
    }

    /// A model over trained weights, with no veto over lexicon cues.
    pub fn from_weights(bits: u32, weights: Vec<f32>, threshold: f32) -> CueModel {
        debug_assert_eq!(weights.len(), LABELS << bits);
        CueModel {
            bits,
            threshold,
            veto: f32::INFINITY,
            never_begins: HashSet::default(),
            weights,
        }
    }

    /// The model shipped in `models/cues.bin`; `None` if that file holds no weights.
    pub fn embedded() -> Option<Arc<CueModel>> {
        static MODEL: OnceLock<Option<Arc<CueModel>>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                CueModel::read(EMBEDDED_MODEL)
                    .ok()
                    .filter(|m| m.weights.iter().any(|&w| w != 0.0))
                    .map(Arc::new)
            })
            .clone()
    }

    /// The scores of the labels outside, begin and inside a cue for a feature list.
    pub fn scores(&self, feats: &[u64]) -> [f32; LABELS] {
        linear::scores(&self.weights, self.bits, feats)
    }

    /// How much `label` wins over the best other label (negative when it loses).
    pub fn margin(&self, feats: &[u64], label: usize) -> f32 {
        let s = self.scores(feats);
        let other = (0..LABELS)
            .filter(|&l| l != label)
            .map(|l| s[l])
            .fold(f32::NEG_INFINITY, f32::max);
        s[label] - other
    }

    /// The label of a word: [`BEGIN`] needs a margin over the others of more than
    /// the model's threshold; otherwise the better of outside and inside.
    pub fn label(&self, feats: &[u64]) -> usize {
        let s = self.scores(feats);
        let best = if s[INSIDE] > s[OUTSIDE] {
            INSIDE
        } else {
            OUTSIDE
        };
        if s[BEGIN] - s[best] > self.threshold {
            BEGIN
        } else {
            best
        }
    }

    /// Add `delta` to the weight of every feature in `feats` for `label` (training).
    pub fn update(&mut self, feats: &[u64], label: usize, delta: f32) {
        for &h in feats {
            let k = linear::slot(self.bits, h, LABELS, label);
            self.weights[k] += delta;
        }
    }

    /// Whether a word (by [`word_hash`]) can begin a cue at all.
    pub fn may_begin(&self, word: u64) -> bool {
        !self.never_begins.contains(&word)
    }

    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&self.veto.to_le_bytes());
        linear::write_nonzero(&mut out, &self.weights);
        let mut never: Vec<u64> = self.never_begins.iter().copied().collect();
        never.sort_unstable();
        out.extend_from_slice(&(never.len() as u32).to_le_bytes());
        for h in never {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out
    }

    pub fn read(bytes: &[u8]) -> Result<CueModel, String> {
        let mut r = linear::Reader::open(bytes, MAGIC, "cue model")?;
        let bits = r.bits()?;
        let threshold = r.f32()?;
        let veto = r.f32()?;
        let weights = r.nonzero(LABELS << bits)?;
        let n_never = r.u32()?;
        let never_begins = (0..n_never).map(|_| r.u64()).collect::<Result<_, _>>()?;
        Ok(CueModel {
            bits,
            threshold,
            veto,
            never_begins,
            weights,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trip_and_errors() {
        let mut m = CueModel::empty(10);
        m.update(&[3, 1027, 77], BEGIN, 0.5);
        m.threshold = 0.25;
        m.veto = 12.0;
        m.never_begins.insert(word_hash("The"));
        let back = CueModel::read(&m.write()).unwrap();
        assert_eq!(back, m);
        // 3 and 1027 share a row in a 2^10 table.
        assert_eq!(back.scores(&[3]), [0.0, 1.0, 0.0]);
        assert_eq!(back.margin(&[3], BEGIN), 1.0);
        assert!(!back.may_begin(word_hash("the")) && back.may_begin(word_hash("said")));
        assert!(CueModel::read(b"nonsense").is_err());
        let bytes = m.write();
        assert!(CueModel::read(&bytes[..bytes.len() - 3]).is_err());
    }
}
