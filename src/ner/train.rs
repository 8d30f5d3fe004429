//! Training: an averaged structured perceptron over BILOU labels with Viterbi
//! decoding, shuffled with a fixed seed, the epoch that scores best on the dev
//! set kept.

use super::conll::{spans, ConllDoc};
use super::conlleval::NerScore;
use super::features::{extract, FeatureConfig, Lexicon};
use super::hash::IdMap;
use super::model::{encode, parse_type, viterbi, NerModel, Transitions, NL};
use super::tagger::NerTagger;

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
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 2003,
            min_count: 1,
            features: FeatureConfig::default(),
            consistency: true,
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
}

/// xorshift64*: a small fixed-seed generator for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
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
    // 1. Features of the training data, and their counts.
    let mut doc_feats = Vec::with_capacity(train_docs.len());
    let mut counts: IdMap<u32> = IdMap::default();
    for d in train_docs {
        let words: Vec<&Vec<String>> = d.sentences.iter().map(|s| &s.words).collect();
        let f = extract(&lexicon, cfg, &words);
        for k in &f.keys {
            *counts.entry(*k).or_insert(0) += 1;
        }
        doc_feats.push(f);
    }
    let mut index: IdMap<u32> = IdMap::default();
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= opts.min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    for (i, k) in keys.iter().enumerate() {
        index.insert(*k, i as u32);
    }
    drop(counts);
    let rows = keys.len();
    log(&format!(
        "features: {rows} kept (min count {}), extracted in {:.1}s",
        opts.min_count,
        t0.elapsed().as_secs_f64()
    ));
    let mut sents: Vec<TSent> = Vec::new();
    for (d, f) in train_docs.iter().zip(&doc_feats) {
        for (s, cs) in d.sentences.iter().enumerate() {
            let n = cs.words.len();
            let mut rows_v = Vec::new();
            let mut offs = vec![0u32];
            for i in 0..n {
                rows_v.extend(f.token(s, i).iter().filter_map(|k| index.get(k).copied()));
                offs.push(rows_v.len() as u32);
            }
            sents.push(TSent {
                rows: rows_v,
                offs,
                gold: gold_labels(&cs.tags),
            });
        }
    }
    drop(doc_feats);

    // 2. Averaged perceptron.
    let mut w = vec![0f32; rows * NL];
    let mut acc = vec![0f32; rows * NL];
    let mut tr = Transitions::default();
    let mut tr_acc = Transitions::default();
    let mut c: f32 = 1.0;
    let mut rng = Rng(opts.seed.max(1));
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut em: Vec<f32> = Vec::new();
    let mut reports = Vec::new();
    let mut best: Option<(f64, NerModel)> = None;
    let bar = indicatif::ProgressBar::new((opts.epochs * sents.len()) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} sentences {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let average = |w: &[f32], acc: &[f32], c: f32| -> Vec<f32> {
        w.iter().zip(acc).map(|(x, a)| x - a / c).collect()
    };
    for epoch in 1..=opts.epochs {
        let te = std::time::Instant::now();
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for (k, &si) in order.iter().enumerate() {
            let s = &sents[si];
            let n = s.gold.len();
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
            }
            let pred = viterbi(&em, n, &tr);
            if pred != s.gold {
                mistakes += 1;
                for i in 0..n {
                    let (g, p) = (s.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &r in &s.rows[s.offs[i] as usize..s.offs[i + 1] as usize] {
                            let r = r as usize * NL;
                            w[r + g] += 1.0;
                            w[r + p] -= 1.0;
                            acc[r + g] += c;
                            acc[r + p] -= c;
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
                                tr_acc.trans[a * NL + g] += c;
                                tr.trans[b * NL + p] -= 1.0;
                                tr_acc.trans[b * NL + p] -= c;
                            }
                            _ => {
                                tr.start[g] += 1.0;
                                tr_acc.start[g] += c;
                                tr.start[p] -= 1.0;
                                tr_acc.start[p] -= c;
                            }
                        }
                    }
                }
                let (g, p) = (s.gold[n - 1] as usize, pred[n - 1] as usize);
                if g != p {
                    tr.end[g] += 1.0;
                    tr_acc.end[g] += c;
                    tr.end[p] -= 1.0;
                    tr_acc.end[p] -= c;
                }
            }
            c += 1.0;
            if k % 512 == 0 {
                bar.set_position(((epoch - 1) * sents.len() + k) as u64);
            }
        }
        let model = NerModel {
            cfg,
            lexicon: lexicon.clone(),
            index: index.clone(),
            weights: average(&w, &acc, c),
            transitions: Transitions {
                trans: average(&tr.trans, &tr_acc.trans, c),
                start: average(&tr.start, &tr_acc.start, c),
                end: average(&tr.end, &tr_acc.end, c),
            },
        };
        let mut tagger = NerTagger::new(model);
        tagger.consistency = opts.consistency;
        let dev_f1 = if dev_docs.is_empty() {
            0.0
        } else {
            evaluate(&tagger, dev_docs).0.f1()
        };
        let rep = EpochReport {
            epoch,
            mistakes,
            dev_f1,
            seconds: te.elapsed().as_secs_f64(),
        };
        bar.suspend(|| {
            log(&format!(
                "epoch {epoch:>2}: {mistakes} sentences wrong, dev F1 {:.2}, {:.1}s",
                100.0 * dev_f1,
                rep.seconds
            ))
        });
        reports.push(rep);
        if best.as_ref().map_or(true, |(f, _)| dev_f1 > *f) || dev_docs.is_empty() {
            best = Some((dev_f1, tagger.model));
        }
    }
    bar.finish_and_clear();
    let (_, model) = best.ok_or("no epochs to train")?;
    Ok((model, reports))
}
