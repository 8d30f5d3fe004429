//! Training the cue model ([`super`]) on PolNeAR (`byline train cues`).
//!
//! Each article runs through the pipeline's `segment` and `ner` stages (the same
//! tokens and entity tags the model sees at run time); every word outside
//! quotation marks is an example, positive when it lies inside a gold cue span.
//! An averaged perceptron learns the weights; the epoch with the best word-level
//! F1 on the dev split is kept.

use super::{self as cue_model, CueModel, BEGIN, INSIDE, LABELS, OUTSIDE};
use crate::document::Document;
use crate::gold::polnear::Article;
use crate::learn::linear::{self, Averaged, BestEpoch};
use crate::learn::Rng;
use crate::quotes::context::CueContext;
use crate::quotes::marks;
use crate::score::Counts;
use rayon::prelude::*;

/// One article's examples: the feature buckets of each candidate word and its label.
pub struct ArticleExamples {
    feats: Vec<Vec<u64>>,
    /// Each word's [`cue_model::word_hash`].
    words: Vec<u64>,
    /// [`OUTSIDE`], [`BEGIN`] or [`INSIDE`].
    gold: Vec<u8>,
}

impl ArticleExamples {
    /// Number of candidate words.
    pub fn len(&self) -> usize {
        self.gold.len()
    }
    pub fn is_empty(&self) -> bool {
        self.gold.is_empty()
    }
}

pub struct CueTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// The weight table holds 2^bits entries.
    pub bits: u32,
}

impl Default for CueTrainOptions {
    fn default() -> Self {
        CueTrainOptions {
            epochs: 10,
            seed: 2018,
            bits: 20,
        }
    }
}

/// The examples of every article, annotated by `annotate` (the `segment` and
/// `ner` stages; articles it rejects are skipped).
pub fn examples<F>(annotate: F, articles: &[Article]) -> Vec<ArticleExamples>
where
    F: Fn(Document) -> Option<Document> + Sync,
{
    articles
        .par_iter()
        .filter_map(|a| {
            let doc = annotate(Document::new(a.name.clone(), a.text.clone()))?;
            let cues: Vec<(u32, u32)> = a
                .attributions
                .iter()
                .filter_map(|r| r.cue.as_ref())
                .flatten()
                .copied()
                .collect();
            Some(article_examples(&doc, &cues))
        })
        .collect()
}

fn article_examples(doc: &Document, cues: &[(u32, u32)]) -> ArticleExamples {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let mut in_quote = vec![false; words.len()];
    for q in marks::quoted_spans(doc) {
        for (a, b) in q.segments {
            in_quote[a..b].iter_mut().for_each(|x| *x = true);
        }
    }
    let ctx = CueContext::new(doc, &words, &in_quote);
    let mut out = ArticleExamples {
        feats: Vec::new(),
        words: Vec::new(),
        gold: Vec::new(),
    };
    let mut buf = Vec::new();
    for sent in &doc.sentences {
        let (a, b) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        for i in a..b {
            if !cue_model::is_candidate(&ctx, i) {
                continue;
            }
            cue_model::features(&ctx, (a, b), i, &mut buf);
            let t = &doc.tokens[i];
            let inside = |k: usize| {
                let t = &doc.tokens[k];
                cues.iter().any(|&(x, y)| t.start < y && x < t.end)
            };
            // A cue begins where the word before is not in a cue (or not a candidate).
            let gold = if !cues.iter().any(|&(x, y)| t.start < y && x < t.end) {
                OUTSIDE
            } else if i > a && cue_model::is_candidate(&ctx, i - 1) && inside(i - 1) {
                INSIDE
            } else {
                BEGIN
            };
            out.feats.push(buf.clone());
            out.words.push(ctx.word_hash(i));
            out.gold.push(gold as u8);
        }
    }
    out
}

/// Words seen at least `min_count` times in `data` and never at the start of a cue.
pub fn never_begins(data: &[ArticleExamples], min_count: usize) -> Vec<u64> {
    if min_count == 0 {
        return Vec::new();
    }
    let mut seen: std::collections::HashMap<u64, (usize, bool)> = Default::default();
    for art in data {
        for (&w, &g) in art.words.iter().zip(&art.gold) {
            let e = seen.entry(w).or_default();
            e.0 += 1;
            e.1 |= g as usize == BEGIN;
        }
    }
    let mut out: Vec<u64> = seen
        .into_iter()
        .filter(|&(_, (n, began))| n >= min_count && !began)
        .map(|(w, _)| w)
        .collect();
    out.sort_unstable();
    out
}

/// Precision, recall and F1 counts of `model`'s cue starts on examples (a word
/// labelled [`BEGIN`] where gold begins a cue), at its threshold.
pub fn score(model: &CueModel, data: &[ArticleExamples]) -> Counts {
    let mut s = Counts::default();
    for art in data {
        for (f, &g) in art.feats.iter().zip(&art.gold) {
            let p = model.label(f) == BEGIN;
            let g = g as usize == BEGIN;
            s.true_pos += usize::from(p && g);
            s.predicted += usize::from(p);
            s.gold += usize::from(g);
        }
    }
    s
}

/// Train an averaged perceptron; with `dev`, keep the epoch that scores best on it.
/// Calls `report(epoch, dev score)` after each epoch.
pub fn train(
    train: &[ArticleExamples],
    dev: &[ArticleExamples],
    opts: &CueTrainOptions,
    mut report: impl FnMut(usize, Option<Counts>),
) -> (CueModel, usize) {
    let mut w = Averaged::new(LABELS << opts.bits);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(opts.seed.max(1));
    let mut best = BestEpoch::default();
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let art = &train[d];
            for (f, &g) in art.feats.iter().zip(&art.gold) {
                let g = g as usize;
                let scores: [f32; LABELS] = linear::scores(&w.w, opts.bits, f);
                // The highest-scoring label, ties to the lowest.
                let p = (0..LABELS).fold(0, |b, l| if scores[l] > scores[b] { l } else { b });
                if p != g {
                    for &h in f {
                        for (l, y) in [(g, 1.0f32), (p, -1.0)] {
                            w.add(linear::slot(opts.bits, h, LABELS, l), y);
                        }
                    }
                }
                w.step();
            }
        }
        let model = CueModel::from_weights(opts.bits, w.averaged(), 0.0);
        let s = (!dev.is_empty()).then(|| score(&model, dev));
        report(epoch, s);
        best.offer(epoch, model, s);
    }
    best.into_inner()
        .unwrap_or_else(|| (CueModel::empty(opts.bits), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_separates_a_toy_problem() {
        // Feature 1 marks cue starts, feature 2 other words, feature 3 cue continuations.
        let art = ArticleExamples {
            feats: vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 2],
                vec![0, 1, 2],
                vec![0, 3],
            ],
            words: vec![10, 20, 20, 10, 30],
            gold: vec![1, 0, 0, 1, 2],
        };
        let data = [art];
        let opts = CueTrainOptions {
            epochs: 5,
            seed: 1,
            bits: 8,
        };
        let (model, epoch) = train(&data, &data, &opts, |_, _| {});
        assert!(epoch >= 1);
        let s = score(&model, &data);
        assert_eq!((s.true_pos, s.predicted, s.gold), (2, 2, 2));
        assert_eq!(never_begins(&data, 2), vec![20]);
    }
}
