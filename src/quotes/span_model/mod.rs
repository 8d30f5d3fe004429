//! A learned source/content tagger anchored on a cue: given a cue in a sentence,
//! which words are its source and which its content.
//!
//! The patterns in [`super`] build reported speech of the usual shapes ("X said
//! (that) …", "…, X said", "according to X, …"). PolNeAR's attributions are
//! broader (beliefs, plans, support: "Trump has long favored …", "the poll shows
//! …") and many cues the lexicon or the cue model find fit none of them. For those,
//! this model labels each word of the cue's sentence as outside, source or content
//! (begin/inside, so five labels) with a first-order linear model decoded by
//! Viterbi; the features are the word and its neighbours *relative to the cue*
//! (side, distance, the words between), entity tags and lexicon classes. Trained
//! on PolNeAR train as a structured averaged perceptron (`byline train spans`, see
//! [`train`]); a cue the model gives no content is no attribution.
//!
//! File format (`models/spans.bin`, little-endian): magic `BYLSPN01`, `bits: u32`
//! (the table holds `5 · 2^bits` weights), `(LABELS + 1) · LABELS` transition
//! weights (f32; the last row is the start), `count: u32`, then `count` pairs of
//! `(index: u32, weight: f32)` for the non-zero feature weights.

pub mod train;

use crate::learn::hash::FeatHash;
use crate::learn::linear;
use crate::quotes::context::CueContext;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 8] = b"BYLSPN01";

/// Labels: outside, source (begin, inside), content (begin, inside).
pub const OUTSIDE: usize = 0;
pub const SOURCE_BEGIN: usize = 1;
pub const SOURCE_INSIDE: usize = 2;
pub const CONTENT_BEGIN: usize = 3;
pub const CONTENT_INSIDE: usize = 4;
pub const LABELS: usize = 5;

/// The shipped model, compiled into the binary.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/spans.bin");

type Range = (usize, usize);

/// Transition weights: `[from][to]`, row [`LABELS`] is the sentence start.
pub type Transitions = [[f32; LABELS]; LABELS + 1];

/// A linear source/content tagger over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanModel {
    bits: u32,
    pub(crate) weights: Vec<f32>,
    pub(crate) transitions: Transitions,
}

/// Whether label `to` may follow `from` (`None`: the sentence start): an inside
/// label continues its own kind of span.
#[inline]
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    match to {
        SOURCE_INSIDE => matches!(from, Some(SOURCE_BEGIN | SOURCE_INSIDE)),
        CONTENT_INSIDE => matches!(from, Some(CONTENT_BEGIN | CONTENT_INSIDE)),
        _ => true,
    }
}

fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=5 => 4,
        6..=9 => 5,
        10..=15 => 6,
        _ => 7,
    }
}

/// What lies between a word and the cue, as bits: a comma, "that", a quotation
/// mark, a conjunction opening a clause, a relative pronoun, a clause-ending mark.
/// The words are part of the feature template the shipped weights were trained on,
/// so they stay here, not in `data/quotes/words.txt`: changing them means retraining.
fn between_bit(w: &str) -> u64 {
    match w {
        "," => 1,
        "that" => 2,
        "“" | "”" | "\"" => 4,
        "because" | "but" | "and" | "while" | "although" | "though" | "when" | "after" | "as"
        | "if" | "since" | "before" | "so" => 8,
        "who" | "which" | "whom" | "whose" => 16,
        ";" | ":" | "—" | "–" | "(" | ")" => 32,
        _ => 0,
    }
}

/// A word's shape: lower, capitalised, a number, other, empty (unlike the cue
/// model's shape, numbers have a class of their own).
fn shape(w: &str) -> u64 {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => 0,
        Some(c) if c.is_uppercase() => 1,
        Some(c) if c.is_numeric() => 2,
        Some(_) => 3,
        None => 4,
    }
}

/// The features of every word of the sentence `[a, b)` for the cue `cue`, one list
/// per word (`out[i - a]`), reusing `out`'s buffers.
pub fn features(ctx: &CueContext, (a, b): Range, cue: Range, out: &mut Vec<Vec<u64>>) {
    let n = b - a;
    out.resize_with(n, Vec::new);
    // What lies between each word and the cue, walking outwards from it.
    let mut between = vec![0u64; n];
    let mut mask = 0;
    for i in (a..cue.0.min(b)).rev() {
        between[i - a] = mask;
        mask |= between_bit(ctx.words[i]);
    }
    mask = 0;
    for i in cue.1.min(b)..b {
        between[i - a] = mask;
        mask |= between_bit(ctx.words[i]);
    }
    let word = |k: usize| ctx.word_hash(k);
    let cue_word = word(cue.0.min(b.saturating_sub(1)));
    let cue_class = ctx.lexicon_class(cue.0) as u64;
    let after_cue = if cue.1 < b { word(cue.1) } else { 2 };
    let before_cue = if cue.0 > a { word(cue.0 - 1) } else { 1 };
    for (i, f) in (a..b).zip(out.iter_mut()) {
        f.clear();
        let (side, dist) = if i < cue.0 {
            (0u64, cue.0 - i)
        } else if i >= cue.1 {
            (1, i - cue.1 + 1)
        } else {
            (2, 0)
        };
        let d = bucket(dist);
        let w = word(i);
        let prev = if i > a { word(i - 1) } else { 1 };
        let next = if i + 1 < b { word(i + 1) } else { 2 };
        let ent = ctx.entity[i] as u64;
        let ent_prev = if i > a { ctx.entity[i - 1] as u64 } else { 99 };
        let sh = shape(ctx.words[i]);
        let btw = between[i - a];
        let quoted = u64::from(ctx.in_quote[i]) | u64::from(i > a && ctx.in_quote[i - 1]) << 1;
        let h = |t: u32| FeatHash::new(t + 100).num(side);
        f.push(h(0).num(d).finish());
        f.push(h(1).num(w).finish());
        f.push(h(2).num(prev).finish());
        f.push(h(3).num(next).finish());
        f.push(h(4).num(sh).num(ent).finish());
        f.push(
            h(5).num(ctx.source_word_class(i) as u64)
                .num(d.min(3))
                .finish(),
        );
        f.push(h(6).num(cue_word).num(d.min(5)).finish());
        f.push(h(7).num(cue_class).num(d).finish());
        f.push(h(8).num(btw).finish());
        f.push(h(9).num(btw).num(d).finish());
        f.push(h(10).num(quoted).num(btw & 4).finish());
        f.push(h(11).num(after_cue).num(d.min(3)).finish());
        f.push(h(12).num(before_cue).num(d.min(3)).finish());
        f.push(
            h(13)
                .num(u64::from(i == a))
                .num(u64::from(i + 1 == b))
                .num(sh)
                .finish(),
        );
        f.push(h(14).num(w).num(u64::from(dist <= 2)).finish());
        f.push(h(15).num(ent).num(ent_prev).finish());
        f.push(h(16).num(prev).num(w).finish());
        f.push(h(17).num(cue_word).num(w).finish());
        f.push(h(18).num(btw).num(sh).num(ent).finish());
        f.push(h(19).num(cue_class).num(after_cue).num(btw).finish());
    }
}

impl SpanModel {
    /// A model with every weight zero: it finds nothing.
    pub fn empty(bits: u32) -> SpanModel {
        SpanModel {
            bits,
            weights: vec![0.0; LABELS << bits],
            transitions: [[0.0; LABELS]; LABELS + 1],
        }
    }

    pub fn from_weights(bits: u32, weights: Vec<f32>, transitions: Transitions) -> SpanModel {
        debug_assert_eq!(weights.len(), LABELS << bits);
        SpanModel {
            bits,
            weights,
            transitions,
        }
    }

    /// The model shipped in `models/spans.bin`; `None` if that file holds no weights.
    pub fn embedded() -> Option<Arc<SpanModel>> {
        static MODEL: OnceLock<Option<Arc<SpanModel>>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                SpanModel::read(EMBEDDED_MODEL)
                    .ok()
                    .filter(|m| m.weights.iter().any(|&w| w != 0.0))
                    .map(Arc::new)
            })
            .clone()
    }

    /// The label scores of one word.
    #[inline]
    pub fn scores(&self, feats: &[u64]) -> [f32; LABELS] {
        linear::scores(&self.weights, self.bits, feats)
    }

    /// The best label sequence for a sentence's feature lists; the words in `cue`
    /// (offsets into the sentence) are outside.
    pub fn decode(&self, feats: &[Vec<u64>], cue: Range) -> Vec<usize> {
        let emissions: Vec<[f32; LABELS]> = feats.iter().map(|f| self.scores(f)).collect();
        viterbi(&emissions, &self.transitions, cue)
    }

    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        for row in &self.transitions {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        linear::write_nonzero(&mut out, &self.weights);
        out
    }

    pub fn read(bytes: &[u8]) -> Result<SpanModel, String> {
        let mut r = linear::Reader::open(bytes, MAGIC, "span model")?;
        let bits = r.bits()?;
        let mut transitions = [[0.0; LABELS]; LABELS + 1];
        for w in transitions.iter_mut().flatten() {
            *w = r.f32()?;
        }
        let weights = r.nonzero(LABELS << bits)?;
        Ok(SpanModel {
            bits,
            weights,
            transitions,
        })
    }
}

/// Viterbi over the five labels with the span constraints of [`allowed`]; words
/// in `cue` are forced outside.
pub fn viterbi(emissions: &[[f32; LABELS]], trans: &Transitions, cue: Range) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NONE: f32 = f32::NEG_INFINITY;
    let forced = |i: usize, l: usize| (cue.0..cue.1).contains(&i) && l != OUTSIDE;
    let mut score = vec![[NONE; LABELS]; n];
    let mut back = vec![[0u8; LABELS]; n];
    for l in 0..LABELS {
        if allowed(None, l) && !forced(0, l) {
            score[0][l] = trans[LABELS][l] + emissions[0][l];
        }
    }
    for i in 1..n {
        for l in 0..LABELS {
            if forced(i, l) {
                continue;
            }
            let mut best = (NONE, 0);
            for p in 0..LABELS {
                if score[i - 1][p] == NONE || !allowed(Some(p), l) {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][l];
                if s > best.0 {
                    best = (s, p);
                }
            }
            if best.0 > NONE {
                score[i][l] = best.0 + emissions[i][l];
                back[i][l] = best.1 as u8;
            }
        }
    }
    let mut l = (0..LABELS).fold(0, |b, l| {
        if score[n - 1][l] > score[n - 1][b] {
            l
        } else {
            b
        }
    });
    let mut out = vec![OUTSIDE; n];
    for i in (0..n).rev() {
        out[i] = l;
        l = back[i][l] as usize;
    }
    out
}

/// The spans of one kind in a label sequence (offsets into it): runs opened by
/// `begin` and continued by the matching inside label.
pub fn spans_of(labels: &[usize], begin: usize) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        if l == begin {
            out.push((i, i + 1));
        } else if l == begin + 1 {
            if let Some(last) = out.last_mut().filter(|s| s.1 == i) {
                last.1 = i + 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_span_constraints_and_the_cue() {
        // Emissions prefer inside-content everywhere; an inside label cannot open a
        // span, and the cue (word 1) must stay outside.
        let e = [[0.0, 0.0, 0.0, 1.0, 2.0]; 4];
        let t = [[0.0; LABELS]; LABELS + 1];
        let l = viterbi(&e, &t, (1, 2));
        assert_eq!(
            l,
            vec![CONTENT_BEGIN, OUTSIDE, CONTENT_BEGIN, CONTENT_INSIDE]
        );
        assert_eq!(spans_of(&l, CONTENT_BEGIN), vec![(0, 1), (2, 4)]);
        assert!(spans_of(&l, SOURCE_BEGIN).is_empty());
    }

    #[test]
    fn file_round_trip_and_errors() {
        let mut m = SpanModel::empty(9);
        m.weights[linear::slot(9, 12345, LABELS, CONTENT_BEGIN)] = 1.5;
        m.transitions[LABELS][SOURCE_BEGIN] = -0.5;
        let back = SpanModel::read(&m.write()).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.scores(&[12345])[CONTENT_BEGIN], 1.5);
        assert!(SpanModel::read(b"BYLCUE03").is_err());
        let bytes = m.write();
        assert!(SpanModel::read(&bytes[..bytes.len() - 2]).is_err());
    }
}
