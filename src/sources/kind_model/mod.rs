//! The learned source-kind classifier: for each source mention, one of the eight
//! kinds (person, organization, anonymous, group, document, author, none, other),
//! from hashed features of the mention, its context and the rules' own answer. It
//! is one more [`KindProposer`] of the stage (`propose.rs`): trained on PolNeAR's
//! labelled train sources by `byline train sources` ([`train`]), shipped as
//! `models/sources.bin` (card: `models/sources.md`), and it takes the rules' kind
//! as a feature, so it learns where the hand-written lists draw their boundaries
//! wrongly rather than re-learning what they get right.
//!
//! What it reads (see [`features`]): the phrase reader's head lemma, noun class,
//! number, determiner, pronoun class and whether the head is a name; the first
//! and last words; post-modifier words ("familiar", "who", "close"); the entity
//! types inside; the words around the mention; the cue of the quote it is the
//! source of; the type of the speaker the `speakers` stage resolved it to;
//! whether an anonymity statement stands in its sentence; and the rules' kind,
//! alone and crossed with number, naming and the statement.
//!
//! Where it disagrees with the rules, it decides only when it prefers its kind to
//! the rules' by more than the model's `min_margin`; below that it abstains and the
//! rules' kind stands. It abstains in the headline too (the first paragraph), whose
//! capitals its features read as names.

pub mod train;

use super::propose::{KindProposal, KindProposer, MentionView, Rules};
use crate::document::{Document, SourceKind};
use crate::learn::hash::FeatHash;
use crate::learn::linear;
use crate::phrase::tok_text;
use std::sync::{Arc, OnceLock};

/// The labels, in [`SourceKind::ALL`] order.
pub const LABELS: usize = 8;

const MAGIC: &[u8; 8] = b"BYLKIND2";

/// The shipped model (written by `byline train sources`).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/sources.bin");

/// A hashed linear model over mention features, one row of eight weights per feature.
#[derive(Debug, Clone)]
pub struct KindModel {
    pub bits: u32,
    pub weights: Vec<f32>,
    /// How much the model must prefer its kind to the rules' (in score) to
    /// overrule them; below it the model abstains.
    pub min_margin: f32,
}

impl KindModel {
    /// A model with all weights zero (a table of `2^bits` rows).
    pub fn empty(bits: u32) -> KindModel {
        KindModel {
            bits,
            weights: vec![0.0; (1usize << bits) * LABELS],
            min_margin: 0.0,
        }
    }

    /// The shipped model, read once; `None` when the embedded file does not read
    /// (a corrupt build, which a test rules out).
    pub fn embedded() -> Option<Arc<KindModel>> {
        static MODEL: OnceLock<Option<Arc<KindModel>>> = OnceLock::new();
        MODEL
            .get_or_init(|| KindModel::read(EMBEDDED_MODEL).ok().map(Arc::new))
            .clone()
    }

    /// The label scores of a feature list.
    pub fn scores(&self, feats: &[u64]) -> [f32; LABELS] {
        linear::scores::<LABELS>(&self.weights, self.bits, feats)
    }

    /// The best label (the first on ties).
    pub fn label(&self, feats: &[u64]) -> usize {
        argmax(&self.scores(feats))
    }

    /// The model file: magic, bits, the minimum margin, the non-zero weights.
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.min_margin.to_le_bytes());
        linear::write_nonzero(&mut out, &self.weights);
        out
    }

    /// Read what [`KindModel::write`] wrote.
    pub fn read(bytes: &[u8]) -> Result<KindModel, String> {
        let mut r = linear::Reader::open(bytes, MAGIC, "source-kind model")?;
        let bits = r.bits()?;
        let min_margin = r.f32()?;
        let weights = r.nonzero((1usize << bits) * LABELS)?;
        Ok(KindModel {
            bits,
            weights,
            min_margin,
        })
    }
}

/// The index of the largest score, the first among equals.
pub fn argmax(s: &[f32; LABELS]) -> usize {
    let mut best = 0;
    for (k, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = k;
        }
    }
    best
}

/// The kind of a label index.
pub fn kind_of(label: usize) -> SourceKind {
    SourceKind::ALL[label.min(LABELS - 1)]
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// Bucketed token count of the mention.
fn length_bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=6 => 4,
        7..=10 => 5,
        _ => 6,
    }
}

/// The hashed features of one mention, given the rules' kind for it; `out` is
/// cleared first.
pub fn features(
    doc: &Document,
    view: &MentionView<'_>,
    rules: Option<SourceKind>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let r = view.reading;
    let (a, b) = view.tokens;
    let f = FeatHash::new;
    let rules = rules.map_or("-", SourceKind::as_str);
    let phrase = r.kind.map_or("-", SourceKind::as_str);
    let head = r.lemma.as_deref().or(r.head.as_deref()).map(lower);
    let head = head.as_deref().unwrap_or("-");
    let noun_class = r.noun_class.map(|c| format!("{c:?}"));
    let noun_class = noun_class.as_deref().unwrap_or("-");
    let pronoun = r.pronoun.map(|p| format!("{p:?}"));
    let pronoun = pronoun.as_deref().unwrap_or("-");
    let number = if r.plural { "pl" } else { "sg" };
    let det = match (r.definite, r.indefinite) {
        (true, _) => "def",
        (_, true) => "indef",
        _ => "bare",
    };
    let named = if r.named { "named" } else { "unnamed" };
    let statement = if view.statement_in_sentence {
        "statement"
    } else {
        "-"
    };
    out.push(f(1).finish());
    out.push(f(2).str(rules).finish());
    out.push(f(3).str(phrase).finish());
    out.push(f(4).str(head).finish());
    out.push(f(5).str(noun_class).finish());
    out.push(f(6).str(number).str(det).str(named).finish());
    out.push(f(7).str(pronoun).finish());
    out.push(f(8).num(length_bucket(b.saturating_sub(a))).finish());
    out.push(f(9).str(statement).finish());
    // Crossings with the rules' answer: where the lists draw their boundaries.
    out.push(f(20).str(rules).str(number).finish());
    out.push(f(21).str(rules).str(named).finish());
    out.push(f(22).str(rules).str(statement).finish());
    out.push(f(23).str(rules).str(det).finish());
    out.push(f(24).str(head).str(number).finish());
    out.push(f(25).str(rules).str(head).finish());
    if a < b {
        out.push(f(10).str(&lower(tok_text(doc, a))).finish());
        out.push(f(11).str(&lower(tok_text(doc, b - 1))).finish());
        // Post-modifier words ("familiar with", "who spoke", "close to").
        for k in r.core_end.max(a)..b.min(r.core_end.max(a) + 4) {
            out.push(f(12).str(&lower(tok_text(doc, k))).finish());
        }
        for k in a..b {
            let w = tok_text(doc, k);
            if matches!(w, "'s" | "’s") {
                out.push(f(13).finish());
            }
        }
        // Entity types inside the mention (entities are in text order).
        let first = doc.entities.partition_point(|e| (e.tokens.1 as usize) <= a);
        for e in doc.entities[first..]
            .iter()
            .take_while(|e| (e.tokens.0 as usize) < b)
        {
            out.push(f(14).str(e.label.as_str()).finish());
        }
        let before = if a > 0 {
            lower(tok_text(doc, a - 1))
        } else {
            "<s>".into()
        };
        out.push(f(15).str(&before).finish());
        let after = if b < doc.tokens.len() {
            lower(tok_text(doc, b))
        } else {
            "</s>".into()
        };
        out.push(f(16).str(&after).finish());
    } else {
        out.push(f(17).finish());
    }
    // The cue of the quote this mention is the source of.
    if let Some(cue) = view.cue {
        out.push(f(18).str(&lower(&cue.text)).finish());
    }
    // What the speakers stage resolved the mention to.
    let speaker = view
        .source
        .speaker
        .and_then(|c| doc.clusters.get(c as usize))
        .map_or("-", |c| c.label.as_str());
    out.push(f(19).str(speaker).finish());
    out.push(f(26).str(rules).str(speaker).finish());
}

/// The classifier as a proposer of the stage.
#[derive(Debug, Clone)]
pub struct LearnedKinds {
    pub model: Arc<KindModel>,
    /// The score of every proposal (the stage's rules score less, so the model decides).
    pub score: f32,
}

impl KindProposer for LearnedKinds {
    fn name(&self) -> &str {
        "kind model"
    }

    fn propose(&self, doc: &Document, mention: &MentionView<'_>) -> Option<KindProposal> {
        // A headline (the first paragraph) sets common nouns in capitals ("…,
        // Official Says"), which the features read as names; there the rules decide.
        let in_headline = doc
            .sentences
            .get(mention.reading.sentence)
            .is_some_and(|s| s.paragraph == 0);
        if in_headline {
            return None;
        }
        let rules = Rules::default()
            .propose(doc, mention)
            .map(|p| p.decided_kind());
        let mut feats = Vec::with_capacity(40);
        features(doc, mention, rules, &mut feats);
        let scores = self.model.scores(&feats);
        let best = argmax(&scores);
        let kind = kind_of(best);
        // Against the rules, only by a margin.
        if let Some(r) = rules.filter(|&r| r != kind) {
            if scores[best] - scores[r as usize] <= self.model.min_margin {
                return None;
            }
        }
        Some(KindProposal {
            kind,
            anonymous: Some(kind == SourceKind::Anonymous),
            score: self.score,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trip_and_errors() {
        let mut m = KindModel::empty(8);
        m.weights[3] = 0.5;
        m.weights[100] = -2.0;
        m.min_margin = 1.5;
        let back = KindModel::read(&m.write()).unwrap();
        assert_eq!((back.bits, back.min_margin), (8, 1.5));
        assert_eq!(back.weights, m.weights);
        assert!(KindModel::read(b"NOTAKIND").is_err());
        assert!(KindModel::read(&m.write()[..18]).is_err());
    }

    #[test]
    fn the_shipped_model_reads() {
        assert!(KindModel::embedded().is_some());
    }

    #[test]
    fn labels_are_the_kinds_in_order() {
        assert_eq!(kind_of(0), SourceKind::Person);
        assert_eq!(kind_of(2), SourceKind::Anonymous);
        assert_eq!(kind_of(7), SourceKind::Other);
        assert_eq!(argmax(&[0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]), 1);
    }
}
