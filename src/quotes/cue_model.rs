//! A learned cue detector: which words outside quotation marks belong to an
//! attribution cue ("mocked", "has long insisted", "expressed concern").
//!
//! The cue lexicon (`data/quotes/cues.txt`) covers the frequent verbs of saying;
//! PolNeAR's cues have a long tail that no list reaches. This model scores each
//! word as outside, beginning or inside a cue, with linear functions of hashed context features (the word, its
//! neighbours, entity tags, lexicon classes, a following "that" …) trained as an
//! averaged perceptron on PolNeAR's train split (`byline train cues`, see
//! [`super::cue_train`]). A run of words it accepts becomes a cue, which the
//! same source/content patterns as a lexicon cue then try to complete: the model
//! proposes cues, the patterns still decide whether an attribution is there.
//!
//! File format (`models/cues.bin`, little-endian): magic `BYLCUE02`, `bits: u32`
//! (the table holds `3 · 2^bits` weights), `threshold: f32`, `veto: f32`, `count: u32`, then
//! `count` pairs of `(index: u32, weight: f32)` for the non-zero weights. Each
//! feature has one slot per label (outside / begin / inside a cue).

use super::lexicon::{CueClass, QuoteLexicon, SourceWord};
use crate::document::{Document, EntityLabel};
use crate::ner::hash::FeatHash;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 8] = b"BYLCUE02";

/// Labels: a word outside any cue, the first word of a cue, a later word of one.
pub const OUTSIDE: usize = 0;
pub const BEGIN: usize = 1;
pub const INSIDE: usize = 2;
pub const LABELS: usize = 3;

/// The shipped model, compiled into the binary.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/cues.bin");

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
    weights: Vec<f32>,
}

/// What the features of one document read, computed once per document.
pub struct CueContext<'a> {
    pub words: &'a [&'a str],
    pub in_quote: &'a [bool],
    /// Per token: 0 outside entities, else `1 + 2·label + (1 if the entity's last token)`.
    pub entity: Vec<u8>,
}

impl<'a> CueContext<'a> {
    pub fn new(doc: &Document, words: &'a [&'a str], in_quote: &'a [bool]) -> Self {
        let mut entity = vec![0u8; words.len()];
        for e in &doc.entities {
            let label = match e.label {
                EntityLabel::PER => 0,
                EntityLabel::ORG => 1,
                EntityLabel::LOC => 2,
                EntityLabel::MISC => 3,
            };
            let (a, b) = (e.tokens.0 as usize, (e.tokens.1 as usize).min(words.len()));
            for (k, slot) in entity.iter_mut().enumerate().take(b).skip(a) {
                *slot = 1 + 2 * label + u8::from(k + 1 == b);
            }
        }
        CueContext {
            words,
            in_quote,
            entity,
        }
    }
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

/// A word's lower-case form, hashed without allocating for short ASCII words.
fn lower(h: FeatHash, w: &str) -> FeatHash {
    let mut buf = [0u8; 24];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays valid UTF-8 after lower-casing.
        h.str(std::str::from_utf8(b).unwrap_or(w))
    } else {
        h.str(&w.to_lowercase())
    }
}

fn cue_class_id(c: Option<(usize, CueClass)>) -> u64 {
    match c {
        None => 0,
        Some((_, CueClass::Speech)) => 1,
        Some((_, CueClass::Tell)) => 2,
        Some((_, CueClass::Belief)) => 3,
        Some((_, CueClass::Act)) => 4,
        Some((_, CueClass::According)) => 5,
    }
}

fn source_word_id(w: &str, lx: &QuoteLexicon) -> u64 {
    match lx.source_word(w) {
        None => 0,
        Some(SourceWord::Pronoun) => 1,
        Some(SourceWord::Det) => 2,
        Some(SourceWord::Noun) => 3,
        Some(SourceWord::Mod) => 4,
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
    let lx = QuoteLexicon::get();
    let w = ctx.words;
    let word = |k: isize| -> &str {
        let j = i as isize + k;
        if j < a as isize {
            "<s>"
        } else if j >= b as isize {
            "</s>"
        } else {
            w[j as usize]
        }
    };
    let ent = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < a as isize || j >= b as isize {
            99
        } else {
            ctx.entity[j as usize] as u64
        }
    };
    let w0 = word(0);
    out.push(FeatHash::new(0).finish());
    out.push(lower(FeatHash::new(1), w0).finish());
    out.push(lower(FeatHash::new(2), word(-1)).finish());
    out.push(lower(FeatHash::new(3), word(1)).finish());
    out.push(lower(FeatHash::new(4), word(-2)).finish());
    out.push(lower(FeatHash::new(5), word(2)).finish());
    out.push(lower(lower(FeatHash::new(6), word(-1)), w0).finish());
    out.push(lower(lower(FeatHash::new(7), w0), word(1)).finish());
    let chars: Vec<char> = w0.chars().collect();
    for (t, n) in [(8u32, 2usize), (9, 3), (10, 4)] {
        if chars.len() > n {
            let suffix: String = chars[chars.len() - n..].iter().collect();
            out.push(lower(FeatHash::new(t), &suffix).finish());
        }
    }
    let s0 = shape(w0);
    out.push(FeatHash::new(11).num(s0).num(shape(word(-1))).finish());
    out.push(FeatHash::new(12).num(s0).num(u64::from(i == a)).finish());
    out.push(FeatHash::new(13).num(ent(-1)).finish());
    out.push(FeatHash::new(14).num(ent(0)).finish());
    out.push(FeatHash::new(15).num(ent(1)).finish());
    out.push(FeatHash::new(16).num(ent(-1)).num(s0).finish());
    let here = cue_class_id(lx.cue_at(&w[..b], i));
    let prev = if i > a {
        cue_class_id(lx.cue_at(&w[..b], i - 1))
    } else {
        9
    };
    let next = if i + 1 < b {
        cue_class_id(lx.cue_at(&w[..b], i + 1))
    } else {
        9
    };
    out.push(FeatHash::new(17).num(here).finish());
    out.push(FeatHash::new(18).num(prev).num(next).finish());
    out.push(lower(FeatHash::new(19).num(here), w0).finish());
    out.push(FeatHash::new(20).num(source_word_id(word(-1), lx)).finish());
    out.push(FeatHash::new(21).num(source_word_id(w0, lx)).finish());
    // A complement clause or a quotation ahead: "… that", "…: “".
    let ahead = (i + 1..b.min(i + 5)).find(|&k| {
        matches!(
            w[k],
            "that" | ":" | "“" | "\"" | "whether" | "to" | "for" | "about"
        )
    });
    let ahead_word = ahead.map_or("", |k| w[k]);
    let ahead = ahead.map_or(0, |k| (k - i) as u64);
    out.push(FeatHash::new(22).num(ahead).str(ahead_word).finish());
    out.push(lower(FeatHash::new(23), w0).str(ahead_word).finish());
    out.push(
        FeatHash::new(24)
            .num(u64::from(i > a && ctx.in_quote[i - 1]))
            .num(u64::from(i + 1 < b && ctx.in_quote[i + 1]))
            .finish(),
    );
    out.push(FeatHash::new(25).num(bucket(i - a)).finish());
    out.push(FeatHash::new(26).num(bucket(b - i)).finish());
    // A quotation anywhere in the sentence.
    let quoted = (a..b).any(|k| ctx.in_quote[k]);
    out.push(FeatHash::new(27).num(u64::from(quoted)).num(here).finish());
}

impl CueModel {
    /// A model with every weight zero: it accepts nothing.
    pub fn empty(bits: u32) -> CueModel {
        CueModel {
            bits,
            threshold: 0.0,
            veto: f32::INFINITY,
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

    /// The table slot of feature `h` for `label`: a feature's labels sit side by
    /// side, so scoring a word touches one cache line per feature.
    #[inline]
    pub fn index(&self, h: u64, label: usize) -> usize {
        (h & ((1u64 << self.bits) - 1)) as usize * LABELS + label
    }

    /// The scores of the labels outside, begin and inside a cue for a feature list.
    pub fn scores(&self, feats: &[u64]) -> [f32; LABELS] {
        let mut out = [0.0; LABELS];
        for &h in feats {
            let k = self.index(h, 0);
            if let Some(w) = self.weights.get(k..k + LABELS) {
                for (o, w) in out.iter_mut().zip(w) {
                    *o += w;
                }
            }
        }
        out
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

    /// Add `delta` to the weight of every feature in `feats` for `label` (training).
    pub fn update(&mut self, feats: &[u64], label: usize, delta: f32) {
        for &h in feats {
            let k = self.index(h, label);
            self.weights[k] += delta;
        }
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&self.veto.to_le_bytes());
        let nonzero: Vec<(u32, f32)> = self
            .weights
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
        out
    }

    pub fn read(bytes: &[u8]) -> Result<CueModel, String> {
        let u32_at = |p: usize| -> Result<u32, String> {
            bytes
                .get(p..p + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| "cue model file is truncated".to_string())
        };
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a byline cue model (bad magic)".into());
        }
        let bits = u32_at(8)?;
        if !(8..=26).contains(&bits) {
            return Err(format!("cue model: bad table size 2^{bits}"));
        }
        let threshold = f32::from_bits(u32_at(12)?);
        let veto = f32::from_bits(u32_at(16)?);
        let count = u32_at(20)? as usize;
        let mut weights = vec![0.0f32; LABELS << bits];
        for e in 0..count {
            let p = 24 + 8 * e;
            let k = u32_at(p)? as usize;
            let w = f32::from_bits(u32_at(p + 4)?);
            *weights
                .get_mut(k)
                .ok_or_else(|| format!("cue model: index {k} out of range"))? = w;
        }
        Ok(CueModel {
            bits,
            threshold,
            veto,
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
        let back = CueModel::read(&m.write()).unwrap();
        assert_eq!(back, m);
        // 3 and 1027 share a row in a 2^10 table.
        assert_eq!(back.scores(&[3]), [0.0, 1.0, 0.0]);
        assert_eq!(back.margin(&[3], BEGIN), 1.0);
        assert!(CueModel::read(b"nonsense").is_err());
        let bytes = m.write();
        assert!(CueModel::read(&bytes[..bytes.len() - 3]).is_err());
    }
}
