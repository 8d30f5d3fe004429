//! Training: an averaged structured perceptron over BILOU labels with Viterbi
//! decoding, shuffled with a fixed seed, the epoch that scores best on the dev
//! set kept.

use super::conll::{spans, ConllDoc};
use super::conlleval::NerScore;
use super::features::{extract_with_hints, FeatureConfig, Lexicon, VectorTable, VEC_WINDOW};
use super::model::{add_dense, encode, parse_type, viterbi, NerModel, Scorer, Transitions, NL};
use super::tagger::NerTagger;
use crate::learn::hash::IdMap;
use crate::learn::Rng;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Keep features seen at least this often in the training data.
    pub min_count: u32,
    pub features: FeatureConfig,
    /// Use the document consistency pass when scoring dev.
    pub consistency: bool,
    /// 1: one tagger; 2: add a second stage over the first stage's document labels.
    pub stages: usize,
    /// Folds for the first-stage labels of the training data (stage 2).
    pub folds: usize,
    /// Epochs of stage 2 when they differ from `epochs` (a refit replays the epochs
    /// dev chose for each stage).
    pub stage2_epochs: Option<usize>,
    /// Perceptrons per stage, each over its own shuffle, averaged into one.
    pub bags: usize,
    /// With dense features on: whether the second stage uses them too (else only the
    /// first does, which halves their cost when tagging).
    pub vectors_stage2: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 2003,
            min_count: 1,
            features: FeatureConfig::default(),
            consistency: false,
            stages: 2,
            folds: 5,
            stage2_epochs: None,
            bags: 1,
            vectors_stage2: true,
        }
    }
}

/// One epoch's outcome.
#[derive(Debug, Clone)]
pub struct EpochReport {
    pub epoch: usize,
    pub mistakes: usize,
    pub dev_f1: f64,
    pub seconds: f64,
}

struct TSent {
    rows: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
    /// Per token, the vector rows of its window (dense features; empty without).
    vrows: Vec<[u32; VEC_WINDOW]>,
}

/// Gold BILOU labels of a CoNLL sentence.
pub fn gold_labels(tags: &[String]) -> Vec<u8> {
    let sp: Vec<_> = spans(tags)
        .into_iter()
        .filter_map(|(s, e, t)| parse_type(&t).map(|t| (s, e, t)))
        .collect();
    encode(tags.len(), &sp)
}

/// Tag CoNLL documents and score them against their gold tags.
pub fn evaluate(tagger: &NerTagger, docs: &[ConllDoc]) -> (NerScore, Vec<Vec<Vec<String>>>) {
    let mut score = NerScore::default();
    let mut all = Vec::with_capacity(docs.len());
    for d in docs {
        let sents: Vec<&Vec<String>> = d.sentences.iter().map(|s| &s.words).collect();
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let tagged = tagger.tag_document(&words);
        let mut pd = Vec::with_capacity(tagged.len());
        for (s, sp) in d.sentences.iter().zip(tagged) {
            let sp: Vec<(usize, usize, String)> = sp
                .into_iter()
                .map(|(a, b, t)| (a, b, t.as_str().to_string()))
                .collect();
            let pred = super::conll::iob2(s.words.len(), &sp);
            score.add(&s.tags, &pred);
            pd.push(pred);
        }
        all.push(pd);
    }
    (score, all)
}

/// Features of documents mapped to rows of a feature table.
struct Prepared<'a> {
    index: IdMap<u32>,
    sents: Vec<TSent>,
    /// The word vectors of the dense features, if on.
    vectors: Option<&'a VectorTable>,
}

/// Extract features (with first-stage labels as hints, for a second stage),
/// keep those seen `min_count` times, and map each sentence to rows.
fn prepare<'a>(
    docs: &[&ConllDoc],
    hints: Option<&[Vec<Vec<u8>>]>,
    lexicon: &'a Lexicon,
    cfg: FeatureConfig,
    min_count: u32,
) -> Prepared<'a> {
    let mut doc_feats = Vec::with_capacity(docs.len());
    let mut counts: IdMap<u32> = IdMap::default();
    for (k, d) in docs.iter().enumerate() {
        let words: Vec<&Vec<String>> = d.sentences.iter().map(|s| &s.words).collect();
        let h = hints.map(|h| h[k].as_slice());
        let f = extract_with_hints(lexicon, cfg, &words, h);
        for key in &f.keys {
            *counts.entry(*key).or_insert(0) += 1;
        }
        doc_feats.push(f);
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let mut index: IdMap<u32> = IdMap::default();
    for (i, k) in keys.iter().enumerate() {
        index.insert(*k, i as u32);
    }
    let mut sents = Vec::new();
    for (d, f) in docs.iter().zip(&doc_feats) {
        for (s, cs) in d.sentences.iter().enumerate() {
            let n = cs.words.len();
            let mut rows = Vec::new();
            let mut offs = vec![0u32];
            for i in 0..n {
                rows.extend(f.token(s, i).iter().filter_map(|k| index.get(k).copied()));
                offs.push(rows.len() as u32);
            }
            let vrows = if cfg.vectors {
                (0..n).map(|i| f.window_rows(s, i)).collect()
            } else {
                Vec::new()
            };
            sents.push(TSent {
                rows,
                offs,
                gold: gold_labels(&cs.tags),
                vrows,
            });
        }
    }
    let vectors = (cfg.vectors && !lexicon.vectors.is_empty()).then_some(&lexicon.vectors);
    Prepared {
        index,
        sents,
        vectors,
    }
}

/// One averaged structured perceptron: current weights, their running sums for
/// the average (the usual trick: `acc` holds `c`-weighted updates), and its own
/// shuffle of the sentences.
struct Perceptron {
    w: Vec<f32>,
    acc: Vec<f32>,
    tr: Transitions,
    tr_acc: Transitions,
    c: f32,
    rng: Rng,
    order: Vec<usize>,
    /// Dense weights (see `Scorer::dense`) and their running sums.
    dense: Vec<f32>,
    dense_acc: Vec<f32>,
}

impl Perceptron {
    fn new(rows: usize, dense: usize, sentences: usize, seed: u64) -> Self {
        Perceptron {
            w: vec![0f32; rows * NL],
            acc: vec![0f32; rows * NL],
            dense: vec![0f32; dense],
            dense_acc: vec![0f32; dense],
            tr: Transitions::default(),
            tr_acc: Transitions::default(),
            c: 1.0,
            rng: Rng(seed.max(1)),
            order: (0..sentences).collect(),
        }
    }

    /// One pass over the sentences in a fresh shuffle; returns the sentences it got wrong.
    /// `tick(k)` is called every 512 sentences (progress).
    fn epoch(
        &mut self,
        sents: &[TSent],
        vectors: Option<&VectorTable>,
        em: &mut Vec<f32>,
        tick: &mut dyn FnMut(usize),
    ) -> usize {
        let Perceptron {
            w,
            acc,
            tr,
            tr_acc,
            c,
            rng,
            order,
            dense,
            dense_acc,
        } = self;
        let mut vbuf: Vec<f32> = Vec::new();
        rng.shuffle(order);
        let mut mistakes = 0;
        for (k, &si) in order.iter().enumerate() {
            let s = &sents[si];
            let n = s.gold.len();
            if n == 0 {
                continue;
            }
            em.clear();
            em.resize(n * NL, 0.0);
            for i in 0..n {
                let out = &mut em[i * NL..(i + 1) * NL];
                for &r in &s.rows[s.offs[i] as usize..s.offs[i + 1] as usize] {
                    let row = &w[r as usize * NL..r as usize * NL + NL];
                    for (o, x) in out.iter_mut().zip(row) {
                        *o += x;
                    }
                }
                if let Some(vt) = vectors {
                    add_dense(dense, vt, s.vrows[i], out);
                }
            }
            let pred = viterbi(em, n, tr);
            if pred != s.gold {
                mistakes += 1;
                for i in 0..n {
                    let (g, p) = (s.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &r in &s.rows[s.offs[i] as usize..s.offs[i + 1] as usize] {
                            let r = r as usize * NL;
                            w[r + g] += 1.0;
                            w[r + p] -= 1.0;
                            acc[r + g] += *c;
                            acc[r + p] -= *c;
                        }
                        if let Some(vt) = vectors {
                            let dim = vt.dim;
                            for (slot, &r) in s.vrows[i].iter().enumerate() {
                                if r == u32::MAX {
                                    continue;
                                }
                                vt.vector(r, &mut vbuf);
                                for (d, &x) in vbuf.iter().enumerate() {
                                    let at = (slot * dim + d) * NL;
                                    dense[at + g] += x;
                                    dense[at + p] -= x;
                                    dense_acc[at + g] += *c * x;
                                    dense_acc[at + p] -= *c * x;
                                }
                            }
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (None, None)
                    } else {
                        (Some(s.gold[i - 1] as usize), Some(pred[i - 1] as usize))
                    };
                    if (gp, g) != (pp, p) {
                        match (gp, pp) {
                            (Some(a), Some(b)) => {
                                tr.trans[a * NL + g] += 1.0;
                                tr_acc.trans[a * NL + g] += *c;
                                tr.trans[b * NL + p] -= 1.0;
                                tr_acc.trans[b * NL + p] -= *c;
                            }
                            _ => {
                                tr.start[g] += 1.0;
                                tr_acc.start[g] += *c;
                                tr.start[p] -= 1.0;
                                tr_acc.start[p] -= *c;
                            }
                        }
                    }
                }
                let (g, p) = (s.gold[n - 1] as usize, pred[n - 1] as usize);
                if g != p {
                    tr.end[g] += 1.0;
                    tr_acc.end[g] += *c;
                    tr.end[p] -= 1.0;
                    tr_acc.end[p] -= *c;
                }
            }
            *c += 1.0;
            if k % 512 == 0 {
                tick(k);
            }
        }
        mistakes
    }

    /// Add `share` × this perceptron's averaged weights into `sc`.
    fn add_average(&self, share: f32, sc: &mut Scorer) {
        let (w, t, dense) = (&mut sc.weights, &mut sc.transitions, &mut sc.dense);
        let c = self.c;
        let add = |out: &mut [f32], x: &[f32], a: &[f32]| {
            for ((o, x), a) in out.iter_mut().zip(x).zip(a) {
                *o += share * (x - a / c);
            }
        };
        add(w, &self.w, &self.acc);
        add(&mut t.trans, &self.tr.trans, &self.tr_acc.trans);
        add(&mut t.start, &self.tr.start, &self.tr_acc.start);
        add(&mut t.end, &self.tr.end, &self.tr_acc.end);
        add(dense, &self.dense, &self.dense_acc);
    }
}

/// Seed of bag `b` (bag 0 keeps `seed`, so one bag trains as before).
fn bag_seed(seed: u64, b: usize) -> u64 {
    if b == 0 {
        seed
    } else {
        seed ^ (b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// Averaged structured perceptron over prepared sentences; with `bags` > 1, that
/// many perceptrons, each over its own shuffle, whose averaged weights are
/// averaged again (an ensemble that is still one linear model: no cost when
/// tagging). After each epoch the scorer goes to `judge` (dev F1, or `None` for
/// none); the best is kept.
fn fit(
    p: Prepared,
    (epochs, bags): (usize, usize),
    seed: u64,
    judge: &mut dyn FnMut(&Scorer) -> Option<f64>,
    log: &mut dyn FnMut(&str),
    what: &str,
) -> (Scorer, Vec<EpochReport>) {
    let rows = p.index.len();
    let sents = p.sents;
    let vectors = p.vectors;
    let dense = vectors.map_or(0, |v| VEC_WINDOW * v.dim * NL);
    let bags = bags.max(1);
    let mut models: Vec<Perceptron> = (0..bags)
        .map(|b| Perceptron::new(rows, dense, sents.len(), bag_seed(seed, b)))
        .collect();
    let mut em: Vec<f32> = Vec::new();
    let mut reports = Vec::new();
    let mut best: Option<(f64, Scorer)> = None;
    let bar = indicatif::ProgressBar::new((epochs * bags * sents.len()) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} sentences {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    for epoch in 1..=epochs {
        let te = std::time::Instant::now();
        let mut mistakes = 0;
        for (b, m) in models.iter_mut().enumerate() {
            let done = ((epoch - 1) * bags + b) * sents.len();
            mistakes += m.epoch(&sents, vectors, &mut em, &mut |k| {
                bar.set_position((done + k) as u64)
            });
        }
        let mut scorer = Scorer {
            index: p.index.clone(),
            weights: vec![0f32; rows * NL],
            transitions: Transitions::default(),
            dense: vec![0f32; dense],
        };
        for m in &models {
            m.add_average(1.0 / bags as f32, &mut scorer);
        }
        let f1 = judge(&scorer);
        let rep = EpochReport {
            epoch,
            mistakes,
            dev_f1: f1.unwrap_or(0.0),
            seconds: te.elapsed().as_secs_f64(),
        };
        bar.suspend(|| {
            log(&format!(
                "{what} epoch {epoch:>2}: {mistakes} sentences wrong, dev F1 {}, {:.1}s",
                f1.map_or("-".to_string(), |f| format!("{:.2}", 100.0 * f)),
                rep.seconds
            ))
        });
        reports.push(rep);
        let score = f1.unwrap_or(epoch as f64);
        if best.as_ref().is_none_or(|(f, _)| score > *f) {
            best = Some((score, scorer));
        }
    }
    bar.finish_and_clear();
    let scorer = best.map(|b| b.1).unwrap_or_default();
    (scorer, reports)
}

/// Train a model; `log` receives one line per step (for stderr).
pub fn train(
    train_docs: &[ConllDoc],
    dev_docs: &[ConllDoc],
    lexicon: Lexicon,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(NerModel, Vec<EpochReport>), String> {
    let t0 = std::time::Instant::now();
    let cfg = opts.features;
    let all: Vec<&ConllDoc> = train_docs.iter().collect();
    let mut model = NerModel {
        cfg,
        lexicon,
        stages: Vec::new(),
    };
    let dev_f1 = |m: &NerModel| -> Option<f64> {
        if dev_docs.is_empty() {
            return None;
        }
        let mut t = NerTagger::new(m.clone());
        t.consistency = opts.consistency;
        Some(evaluate(&t, dev_docs).0.f1())
    };
    // Stage 1.
    let p = prepare(&all, None, &model.lexicon, cfg, opts.min_count);
    log(&format!(
        "stage 1: {} features (min count {}), extracted in {:.1}s",
        p.index.len(),
        opts.min_count,
        t0.elapsed().as_secs_f64()
    ));
    let (s1, mut reports) = {
        let base = model.clone();
        let mut judge = |sc: &Scorer| {
            let mut m = base.clone();
            m.stages = vec![sc.clone()];
            dev_f1(&m)
        };
        fit(
            p,
            (opts.epochs, opts.bags),
            opts.seed,
            &mut judge,
            log,
            "stage 1",
        )
    };
    let best1 = reports
        .iter()
        .max_by(|a, b| a.dev_f1.total_cmp(&b.dev_f1))
        .map_or(opts.epochs, |r| r.epoch);
    model.stages.push(s1);
    if opts.stages < 2 {
        return Ok((model, reports));
    }
    // Stage 2: first-stage labels for the training data come from models that
    // did not see the document (k-fold), so they are as noisy as at test time.
    let k = opts.folds.max(2);
    let mut hints: Vec<Vec<Vec<u8>>> = vec![Vec::new(); all.len()];
    for fold in 0..k {
        let rest: Vec<&ConllDoc> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, d)| *d)
            .collect();
        let p = prepare(&rest, None, &model.lexicon, cfg, opts.min_count);
        let (sc, _) = fit(
            p,
            (best1, opts.bags),
            opts.seed + fold as u64 + 1,
            &mut |_| None,
            &mut |_| {},
            &format!("fold {}/{k}", fold + 1),
        );
        let mut m = model.clone();
        m.stages = vec![sc];
        let t = NerTagger::new(m);
        for (i, d) in all.iter().enumerate().filter(|(i, _)| i % k == fold) {
            let words: Vec<&Vec<String>> = d.sentences.iter().map(|s| &s.words).collect();
            hints[i] = t.label_document(&words, 1);
        }
        log(&format!(
            "stage 2: fold {}/{k} labelled, {:.1}s",
            fold + 1,
            t0.elapsed().as_secs_f64()
        ));
    }
    let mut p = prepare(&all, Some(&hints), &model.lexicon, cfg, opts.min_count);
    if !opts.vectors_stage2 {
        p.vectors = None;
    }
    log(&format!("stage 2: {} features", p.index.len()));
    let (s2, r2) = {
        let base = model.clone();
        let mut judge = |sc: &Scorer| {
            let mut m = base.clone();
            m.stages.push(sc.clone());
            dev_f1(&m)
        };
        let epochs = opts.stage2_epochs.unwrap_or(opts.epochs);
        fit(
            p,
            (epochs, opts.bags),
            opts.seed + 100,
            &mut judge,
            log,
            "stage 2",
        )
    };
    model.stages.push(s2);
    reports.extend(r2);
    Ok((model, reports))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::conll;
    use crate::ner::features::VectorTable;

    fn docs() -> Vec<ConllDoc> {
        let mut text = String::new();
        for (who, place) in [("Merkel", "Berlin"), ("Chirac", "Paris"), ("Prodi", "Rome")] {
            text.push_str(&format!(
                "-DOCSTART- -X- O O\n\n{who} NNP I-NP I-PER\nvisited VBD I-VP O\n{place} NNP I-NP I-LOC\n. . O O\n\n"
            ));
        }
        conll::parse(&text).unwrap()
    }

    #[test]
    fn bagged_dense_training_learns_and_survives_the_file() {
        let docs = docs();
        let lex = Lexicon {
            vectors: VectorTable::parse("berlin\t1 0\nparis\t0.9 0.1\nmerkel\t0 1\n", 1.0).unwrap(),
            ..Lexicon::default()
        };
        let opts = TrainOptions {
            epochs: 3,
            bags: 2,
            folds: 3,
            vectors_stage2: false,
            features: FeatureConfig {
                vectors: true,
                ..FeatureConfig::default()
            },
            ..TrainOptions::default()
        };
        let (model, reports) = train(&docs, &docs, lex, &opts, &mut |_| {}).unwrap();
        assert_eq!(reports.len(), 6);
        assert_eq!(model.stages.len(), 2);
        assert_eq!(model.stages[0].dense.len(), VEC_WINDOW * 2 * NL);
        assert!(model.stages[0].dense.iter().any(|&x| x != 0.0));
        assert!(model.stages[1].dense.is_empty());
        let back = NerModel::from_bytes(&model.to_bytes()).unwrap();
        let t = NerTagger::new(back);
        let (score, _) = evaluate(&t, &docs);
        assert!(score.f1() > 0.99, "{}", score.f1());
        let words = [vec!["Merkel", "visited", "Berlin", "."]];
        assert_eq!(t.label_document(&words, 2), t.label_stagewise(&words, 2));
    }

    #[test]
    fn one_bag_keeps_the_seed() {
        assert_eq!(bag_seed(2003, 0), 2003);
        assert_ne!(bag_seed(2003, 1), bag_seed(2003, 2));
    }
}
