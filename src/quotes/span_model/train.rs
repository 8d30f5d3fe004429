//! Training the span model ([`super`]) on PolNeAR (`byline train spans`).
//!
//! Each article runs through `segment` and `ner`. Every gold attribution whose cue
//! starts in a sentence gives one example: that sentence, the cue, and each word
//! labelled source, content or outside from the gold spans. Cues the run-time
//! would propose that no gold cue starts at (lexicon cues, and the cue model's)
//! give examples with every word outside, so that the model learns to leave a
//! false cue without content. A structured averaged perceptron learns the weights
//! (Viterbi decoding, as at run time); the epoch with the best dev score is kept.

use super::{
    self as span_model, SpanModel, Transitions, CONTENT_BEGIN, CONTENT_INSIDE, LABELS, OUTSIDE,
    SOURCE_BEGIN, SOURCE_INSIDE,
};
use crate::document::Document;
use crate::gold::polnear::Article;
use crate::learn::linear::{self, Averaged, BestEpoch};
use crate::learn::Rng;
use crate::quotes::context::CueContext;
use crate::quotes::cue_model::{self, CueModel};
use crate::quotes::marks;
use crate::score::Counts;
use rayon::prelude::*;

type Range = (usize, usize);

/// One cue in its sentence: each word's features and gold label.
pub struct Example {
    pub(crate) feats: Vec<Vec<u64>>,
    gold: Vec<u8>,
    /// The cue, as offsets into the sentence.
    cue: Range,
}

pub struct SpanTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// The weight table holds 2^bits rows.
    pub bits: u32,
}

impl Default for SpanTrainOptions {
    fn default() -> Self {
        SpanTrainOptions {
            epochs: 10,
            seed: 2018,
            bits: 17,
        }
    }
}

/// The examples of every article, annotated by `annotate` (the `segment` and
/// `ner` stages; articles it rejects are skipped);
/// `cue_model` proposes the false cues, beside the lexicon's.
pub fn examples<F>(
    annotate: F,
    articles: &[Article],
    cue_model: Option<&CueModel>,
) -> Vec<Vec<Example>>
where
    F: Fn(Document) -> Option<Document> + Sync,
{
    articles
        .par_iter()
        .filter_map(|a| {
            let doc = annotate(Document::new(a.name.clone(), a.text.clone()))?;
            Some(article_examples(&doc, a, cue_model))
        })
        .collect()
}

fn article_examples(
    doc: &Document,
    article: &Article,
    cue_model: Option<&CueModel>,
) -> Vec<Example> {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let mut in_quote = vec![false; words.len()];
    for q in marks::quoted_spans(doc) {
        for (a, b) in q.segments {
            in_quote[a..b].iter_mut().for_each(|x| *x = true);
        }
    }
    let ctx = CueContext::new(doc, &words, &in_quote);
    let overlaps = |i: usize, spans: &[(u32, u32)]| {
        let t = &doc.tokens[i];
        spans.iter().any(|&(x, y)| t.start < y && x < t.end)
    };
    let mut out = Vec::new();
    let mut gold_cue_start = vec![false; words.len()];
    let mut cue_feats = Vec::new();
    for sent in &doc.sentences {
        let (a, b) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        // Gold attributions whose cue starts here.
        for g in &article.attributions {
            let (Some(cue), Some(content)) = (g.cue.as_ref(), g.content.as_ref()) else {
                continue;
            };
            let first = &cue[..1];
            let Some(c0) = (a..b).find(|&i| overlaps(i, first)) else {
                continue;
            };
            let mut c1 = c0 + 1;
            while c1 < b && overlaps(c1, first) {
                c1 += 1;
            }
            gold_cue_start[c0] = true;
            let source = g.source.as_deref().unwrap_or(&[]);
            let mut gold = Vec::with_capacity(b - a);
            let mut prev = OUTSIDE;
            for i in a..b {
                let l = if (c0..c1).contains(&i) {
                    OUTSIDE
                } else if overlaps(i, content) {
                    if matches!(prev, CONTENT_BEGIN | CONTENT_INSIDE) {
                        CONTENT_INSIDE
                    } else {
                        CONTENT_BEGIN
                    }
                } else if overlaps(i, source) {
                    if matches!(prev, SOURCE_BEGIN | SOURCE_INSIDE) {
                        SOURCE_INSIDE
                    } else {
                        SOURCE_BEGIN
                    }
                } else {
                    OUTSIDE
                };
                gold.push(l as u8);
                prev = l;
            }
            let mut feats = Vec::new();
            span_model::features(&ctx, (a, b), (c0, c1), &mut feats);
            out.push(Example {
                feats,
                gold,
                cue: (c0 - a, c1 - a),
            });
        }
        // Proposed cues that no gold cue starts at.
        for (i, &gold_start) in gold_cue_start.iter().enumerate().take(b).skip(a) {
            if gold_start || !cue_model::is_candidate(&ctx, i) {
                continue;
            }
            let proposed = ctx.lexicon_cue(i)
                || cue_model.is_some_and(|m| {
                    m.may_begin(ctx.word_hash(i)) && {
                        cue_model::features(&ctx, (a, b), i, &mut cue_feats);
                        m.label(&cue_feats) == cue_model::BEGIN
                    }
                });
            if !proposed {
                continue;
            }
            let mut feats = Vec::new();
            span_model::features(&ctx, (a, b), (i, i + 1), &mut feats);
            out.push(Example {
                feats,
                gold: vec![OUTSIDE as u8; b - a],
                cue: (i - a, i - a + 1),
            });
        }
    }
    out
}

/// Content found per example, scored like the quote evaluation: a predicted
/// content matches the gold one when their words overlap with a Jaccard of 0.5.
pub fn score(model: &SpanModel, data: &[Vec<Example>]) -> Counts {
    let mut s = Counts::default();
    for ex in data.iter().flatten() {
        let labels = model.decode(&ex.feats, ex.cue);
        let is_content = |l: usize| matches!(l, CONTENT_BEGIN | CONTENT_INSIDE);
        let p: Vec<bool> = labels.iter().map(|&l| is_content(l)).collect();
        let g: Vec<bool> = ex.gold.iter().map(|&l| is_content(l as usize)).collect();
        let both = p.iter().zip(&g).filter(|(p, g)| **p && **g).count();
        let either = p.iter().zip(&g).filter(|(p, g)| **p || **g).count();
        let (has_p, has_g) = (p.contains(&true), g.contains(&true));
        s.predicted += usize::from(has_p);
        s.gold += usize::from(has_g);
        s.true_pos += usize::from(has_p && has_g && both * 2 >= either);
    }
    s
}

/// Train a structured averaged perceptron; with `dev`, keep the epoch that scores
/// best on it. Calls `report(epoch, dev score)` after each epoch.
pub fn train(
    train: &[Vec<Example>],
    dev: &[Vec<Example>],
    opts: &SpanTrainOptions,
    mut report: impl FnMut(usize, Option<Counts>),
) -> (SpanModel, usize) {
    let mut w = Averaged::new(LABELS << opts.bits);
    // Transition weights `[from][to]` flattened, `from` = LABELS at the sentence start.
    let mut t = Averaged::new((LABELS + 1) * LABELS);
    let transitions = |t: &[f32]| {
        let mut out: Transitions = [[0.0; LABELS]; LABELS + 1];
        for (k, x) in out.iter_mut().flatten().enumerate() {
            *x = t[k];
        }
        out
    };
    let examples: Vec<&Example> = train.iter().flatten().collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(opts.seed.max(1));
    let mut best = BestEpoch::default();
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = examples[e];
            let emissions: Vec<[f32; LABELS]> = ex
                .feats
                .iter()
                .map(|f| linear::scores(&w.w, opts.bits, f))
                .collect();
            let pred = span_model::viterbi(&emissions, &transitions(&t.w), ex.cue);
            if pred.iter().zip(&ex.gold).any(|(&p, &g)| p != g as usize) {
                let (mut prev_g, mut prev_p) = (LABELS, LABELS);
                for (i, f) in ex.feats.iter().enumerate() {
                    let (g, p) = (ex.gold[i] as usize, pred[i]);
                    if g != p {
                        for &h in f {
                            for (l, y) in [(g, 1.0f32), (p, -1.0)] {
                                w.add(linear::slot(opts.bits, h, LABELS, l), y);
                            }
                        }
                    }
                    if g != p || prev_g != prev_p {
                        t.add(prev_g * LABELS + g, 1.0);
                        t.add(prev_p * LABELS + p, -1.0);
                    }
                    prev_g = g;
                    prev_p = p;
                }
            }
            w.step();
            t.step();
        }
        let model = SpanModel::from_weights(opts.bits, w.averaged(), transitions(&t.averaged()));
        let s = (!dev.is_empty()).then(|| score(&model, dev));
        report(epoch, s);
        best.offer(epoch, model, s);
    }
    best.into_inner()
        .unwrap_or_else(|| (SpanModel::empty(opts.bits), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_learns_a_toy_tagging() {
        // Feature 1: a source word; 2: a content word; 3: other. Word 1 is the cue.
        let ex = |words: &[u64], gold: &[usize]| Example {
            feats: words.iter().map(|&w| vec![0, w]).collect(),
            gold: gold.iter().map(|&l| l as u8).collect(),
            cue: (1, 2),
        };
        let data = vec![vec![
            ex(
                &[1, 3, 2, 2],
                &[SOURCE_BEGIN, OUTSIDE, CONTENT_BEGIN, CONTENT_INSIDE],
            ),
            ex(
                &[1, 3, 3, 2],
                &[SOURCE_BEGIN, OUTSIDE, OUTSIDE, CONTENT_BEGIN],
            ),
            ex(&[3, 3, 3, 3], &[OUTSIDE; 4]),
        ]];
        let opts = SpanTrainOptions {
            epochs: 5,
            seed: 1,
            bits: 8,
        };
        let (model, epoch) = train(&data, &data, &opts, |_, _| {});
        assert!(epoch >= 1);
        let s = score(&model, &data);
        assert_eq!((s.true_pos, s.predicted, s.gold), (2, 2, 2));
        assert_eq!(
            model.decode(&data[0][0].feats, (1, 2)),
            vec![SOURCE_BEGIN, OUTSIDE, CONTENT_BEGIN, CONTENT_INSIDE]
        );
    }
}
