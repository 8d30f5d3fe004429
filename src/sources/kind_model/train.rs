//! Training the kind model ([`super`]) on labelled sources (`byline train
//! sources`): an averaged multiclass perceptron over the features of each gold
//! source mention, after the `speakers` stage and the rules have read it, with
//! the epoch chosen by kind accuracy on dev.

use super::{features, KindModel, LABELS};
use crate::document::{Document, SourceKind};
use crate::gold::polnear::SourceLabel;
use crate::learn::linear::{self, Averaged};
use crate::learn::Rng;
use crate::phrase::{Names, SourceLexicon};
use crate::sources::kinds;
use crate::sources::propose::{KindProposer, Rules};
use crate::sources::statements::{self, StatementPatterns};
use std::collections::HashMap;

/// One labelled mention.
#[derive(Debug, Clone)]
pub struct Example {
    pub feats: Vec<u64>,
    pub label: usize,
}

/// The labelled mentions of `doc`, a document holding one source per gold
/// attribution (see `gold::polnear::with_gold_attributions`) on which the
/// `speakers` stage has run; `rels` gives each source's relation id, and a source
/// without a label (or with a kind byline does not know) is left out.
pub fn examples(
    doc: &Document,
    rels: &[String],
    labels: &HashMap<(String, String), SourceLabel>,
) -> Vec<Example> {
    let lx = SourceLexicon::get();
    let found = statements::find(doc, StatementPatterns::get());
    let cx = kinds::Context::new(doc, &found);
    let mut out = Vec::new();
    for (i, (tokens, r)) in kinds::readings(doc, lx, &Names::of(doc)).iter().enumerate() {
        let Some(rel) = rels.get(i) else { continue };
        let Some(label) = labels.get(&(doc.id.clone(), rel.clone())) else {
            continue;
        };
        let Some(kind) = SourceKind::from_name(&label.kind) else {
            continue;
        };
        let view = kinds::view(doc, lx, i, *tokens, r, &cx);
        let rules = Rules::default()
            .propose(doc, &view)
            .map(|p| p.decided_kind());
        let mut feats = Vec::with_capacity(40);
        features(doc, &view, rules, &mut feats);
        out.push(Example {
            feats,
            label: kind as usize,
        });
    }
    out
}

/// Settings of a training run.
#[derive(Debug, Clone)]
pub struct KindTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// The weight table has `2^bits` rows.
    pub bits: u32,
    /// The model's margin over the rules' kind below which it abstains.
    pub min_margin: f32,
}

impl Default for KindTrainOptions {
    fn default() -> Self {
        KindTrainOptions {
            epochs: 10,
            seed: 2018,
            bits: 18,
            min_margin: 0.0,
        }
    }
}

/// How many examples the model labels right, of how many.
pub fn accuracy(model: &KindModel, data: &[Example]) -> (usize, usize) {
    let right = data
        .iter()
        .filter(|e| model.label(&e.feats) == e.label)
        .count();
    (right, data.len())
}

/// Train on `train`; with `dev`, keep the epoch of best dev accuracy (the earliest
/// among equals), else the last. `report` hears each epoch's dev accuracy.
pub fn train(
    train: &[Example],
    dev: &[Example],
    opts: &KindTrainOptions,
    mut report: impl FnMut(usize, Option<f64>),
) -> (KindModel, usize) {
    let bits = opts.bits;
    let mut avg = Averaged::new((1usize << bits) * LABELS);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(opts.seed.max(1));
    let mut best: Option<(f64, KindModel, usize)> = None;
    for epoch in 1..=opts.epochs.max(1) {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = &train[i];
            let scores = linear::scores::<LABELS>(&avg.w, bits, &e.feats);
            let pred = super::argmax(&scores);
            if pred != e.label {
                for &h in &e.feats {
                    avg.add(linear::slot(bits, h, LABELS, e.label), 1.0);
                    avg.add(linear::slot(bits, h, LABELS, pred), -1.0);
                }
            }
            avg.step();
        }
        let model = KindModel {
            bits,
            weights: avg.averaged(),
            min_margin: opts.min_margin,
        };
        let acc = (!dev.is_empty()).then(|| {
            let (right, n) = accuracy(&model, dev);
            right as f64 / n as f64
        });
        report(epoch, acc);
        let better = match (&best, acc) {
            (None, _) => true,
            (Some(_), None) => true,
            (Some((b, _, _)), Some(a)) => a > *b,
        };
        if better {
            best = Some((acc.unwrap_or(0.0), model, epoch));
        }
    }
    let (_, model, epoch) = best.unwrap_or((0.0, KindModel::empty(bits), 0));
    (model, epoch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_perceptron_learns_a_separable_toy_set() {
        // Feature 1 means person, feature 2 anonymous, feature 3 group.
        let ex = |f: u64, label: usize| Example {
            feats: vec![f * 7919, 424242],
            label,
        };
        let data: Vec<Example> = (0..30)
            .map(|i| match i % 3 {
                0 => ex(1, SourceKind::Person as usize),
                1 => ex(2, SourceKind::Anonymous as usize),
                _ => ex(3, SourceKind::Group as usize),
            })
            .collect();
        let opts = KindTrainOptions {
            epochs: 3,
            seed: 7,
            bits: 10,
            min_margin: 0.0,
        };
        let (model, epoch) = train(&data, &data, &opts, |_, _| {});
        assert_eq!(accuracy(&model, &data), (30, 30));
        assert!((1..=3).contains(&epoch));
    }
}
