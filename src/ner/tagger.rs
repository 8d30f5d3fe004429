//! The NER pipeline stage: tags each sentence with Viterbi over the model's
//! scores, then makes a document's mentions of one name agree on their type. A
//! document of more than [`MAX_DOCUMENT_TOKENS`] tokens is tagged in blocks of
//! whole sentences, and a sentence of more than [`MAX_SENTENCE_TOKENS`] in pieces,
//! so that memory stays bounded on any input.

use super::features::VEC_WINDOW;
use super::features::{extract_hint_keys, extract_with_hints};
use super::model::{decode_spans, viterbi, DenseTable, NerModel, NL};
use crate::document::{Document, Entity, EntityLabel};
use crate::learn::hash::IdMap;
use crate::stage::{Processor, ProcessorError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The shipped model, compiled in.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/ner.bin");

/// Add row `row` of a weight matrix (NL wide) into `out`; `u32::MAX` is no row.
/// Over fixed-size arrays, so that the label loop vectorises whatever the inlining.
#[inline]
fn add_row(weights: &[f32], row: u32, out: &mut [f32; NL]) {
    if row == u32::MAX {
        return;
    }
    let at = row as usize * NL;
    if let Some(Ok(w)) = weights.get(at..at + NL).map(<&[f32; NL]>::try_from) {
        for l in 0..NL {
            out[l] += w[l];
        }
    }
}

/// Feature key → its row in each of a two-stage model's stages (`u32::MAX`: none).
fn joint_index(model: &NerModel) -> IdMap<[u32; 2]> {
    let mut both: IdMap<[u32; 2]> = IdMap::default();
    for (stage, scorer) in model.stages.iter().take(2).enumerate() {
        for (&k, &row) in &scorer.index {
            both.entry(k).or_insert([u32::MAX; 2])[stage] = row;
        }
    }
    both
}

/// Entity spans of one sentence: `(start, end, type)` in token indices.
pub type SentenceSpans = Vec<(usize, usize, EntityLabel)>;

/// The `ner` stage. Immutable after loading: share one across threads.
#[derive(Debug, Clone)]
pub struct NerTagger {
    pub model: NerModel,
    /// Extra pass: identical names in a document take their majority type.
    /// Off by default: the second stage already sees the document, and the vote
    /// cost 0.04 F1 on the dev set.
    pub consistency: bool,
    /// Both stages' rows per feature key, for one lookup per feature.
    both: IdMap<[u32; 2]>,
    /// Per stage, its dense scores for every word vector and window slot (empty
    /// for a stage without dense features): tagging looks them up instead of
    /// computing dot products.
    dense: Vec<DenseTable>,
}

impl NerTagger {
    pub fn new(model: NerModel) -> Self {
        let dense = model
            .stages
            .iter()
            .map(|st| {
                if model.cfg.vectors {
                    DenseTable::new(&st.dense, &model.lexicon.vectors)
                } else {
                    DenseTable::default()
                }
            })
            .collect();
        NerTagger {
            both: joint_index(&model),
            dense,
            model,
            consistency: false,
        }
    }

    /// The same tagger computing the dense scores directly (the reference the
    /// precomputed tables must agree with).
    #[cfg(test)]
    fn without_dense_tables(mut self) -> Self {
        self.dense = Vec::new();
        self
    }

    /// Bytes held by the precomputed dense scores.
    pub fn dense_table_bytes(&self) -> usize {
        self.dense.iter().map(DenseTable::bytes).sum()
    }

    /// Add stage `stage`'s dense scores for the window `rows` into `out`: from its
    /// table when there is one, else computed.
    #[inline]
    fn add_dense(&self, stage: usize, rows: [u32; VEC_WINDOW], out: &mut [f32]) {
        match self.dense.get(stage) {
            Some(t) if !t.is_empty() => t.add(rows, out),
            _ => {
                if let Some(st) = self.model.stages.get(stage) {
                    st.dense_emissions(&self.model.lexicon.vectors, rows, out);
                }
            }
        }
    }

    pub fn load(path: &Path) -> Result<Self, String> {
        NerModel::load(path).map(NerTagger::new)
    }

    /// Where a model file is looked for when none is named: `$BYLINE_NER_MODEL`,
    /// else the shipped `models/ner.bin` in the source tree (for training and evaluation).
    pub fn default_model_path() -> PathBuf {
        if let Some(p) = std::env::var_os("BYLINE_NER_MODEL") {
            return PathBuf::from(p);
        }
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/ner.bin")
    }

    /// The default tagger: `$BYLINE_NER_MODEL` when set, else the model shipped
    /// in `models/ner.bin`, which is compiled into the binary so that byline
    /// runs from anywhere with nothing beside it. Loaded once per process and shared.
    pub fn load_default() -> Result<Arc<Self>, String> {
        static DEFAULT: OnceLock<Result<Arc<NerTagger>, String>> = OnceLock::new();
        DEFAULT
            .get_or_init(|| match std::env::var_os("BYLINE_NER_MODEL") {
                Some(p) => Self::load(Path::new(&p)).map(Arc::new),
                None => NerModel::from_bytes(EMBEDDED_MODEL)
                    .map(|m| Arc::new(NerTagger::new(m)))
                    .map_err(|e| format!("the built-in NER model is unreadable: {e}")),
            })
            .clone()
    }

    /// BILOU labels of a document given as sentences of words, after `stages`
    /// stages (all of them when `stages` is larger than the model has).
    pub fn label_document<S: AsRef<str>, V: AsRef<[S]>>(
        &self,
        sentences: &[V],
        stages: usize,
    ) -> Vec<Vec<u8>> {
        if self.model.stages.len() == 2 && stages >= 2 {
            return self.label_two_stages(sentences);
        }
        self.label_stagewise(sentences, stages)
    }

    /// Stage after stage, each extracting all its features: the reference the
    /// fast two-stage path must agree with.
    pub(crate) fn label_stagewise<S: AsRef<str>, V: AsRef<[S]>>(
        &self,
        sentences: &[V],
        stages: usize,
    ) -> Vec<Vec<u8>> {
        let m = &self.model;
        let mut labels: Option<Vec<Vec<u8>>> = None;
        let mut em: Vec<f32> = Vec::new();
        for (k, st) in m.stages.iter().take(stages.max(1)).enumerate() {
            let feats = extract_with_hints(&m.lexicon, m.cfg, sentences, labels.as_deref());
            let mut next = Vec::with_capacity(sentences.len());
            for (s, sent) in sentences.iter().enumerate() {
                let n = sent.as_ref().len();
                em.clear();
                em.resize(n * NL, 0.0);
                for i in 0..n {
                    let out = &mut em[i * NL..(i + 1) * NL];
                    st.emissions(feats.token(s, i), out);
                    if m.cfg.vectors {
                        self.add_dense(k, feats.window_rows(s, i), out);
                    }
                }
                next.push(viterbi(&em, n, &st.transitions));
            }
            labels = Some(next);
        }
        labels.unwrap_or_else(|| {
            sentences
                .iter()
                .map(|s| vec![0u8; s.as_ref().len()])
                .collect()
        })
    }

    /// The two-stage model, fast: the first stage's features are looked up once
    /// for both stages (one hash probe per feature through `both`), and the
    /// second stage extracts only the features its hints add.
    fn label_two_stages<S: AsRef<str>, V: AsRef<[S]>>(&self, sentences: &[V]) -> Vec<Vec<u8>> {
        let m = &self.model;
        let (one, two) = (&m.stages[0], &m.stages[1]);
        let base = extract_with_hints(&m.lexicon, m.cfg, sentences, None);
        let mut first = Vec::with_capacity(sentences.len());
        let mut partial: Vec<Vec<f32>> = Vec::with_capacity(sentences.len());
        let mut em: Vec<f32> = Vec::new();
        for (s, sent) in sentences.iter().enumerate() {
            let n = sent.as_ref().len();
            em.clear();
            em.resize(n * NL, 0.0);
            let mut em2 = vec![0.0f32; n * NL];
            for (i, (e1, e2)) in em
                .chunks_exact_mut(NL)
                .zip(em2.chunks_exact_mut(NL))
                .enumerate()
            {
                let (Ok(e1), Ok(e2)) = (
                    <&mut [f32; NL]>::try_from(e1),
                    <&mut [f32; NL]>::try_from(e2),
                ) else {
                    continue;
                };
                for k in base.token(s, i) {
                    if let Some(&[r1, r2]) = self.both.get(k) {
                        add_row(&one.weights, r1, e1);
                        add_row(&two.weights, r2, e2);
                    }
                }
                if m.cfg.vectors {
                    let rows = base.window_rows(s, i);
                    self.add_dense(0, rows, e1);
                    self.add_dense(1, rows, e2);
                }
            }
            first.push(viterbi(&em, n, &one.transitions));
            partial.push(em2);
        }
        let extra = extract_hint_keys(&m.lexicon, m.cfg, sentences, &first);
        partial
            .into_iter()
            .enumerate()
            .map(|(s, mut em2)| {
                let n = sentences[s].as_ref().len();
                for i in 0..n {
                    two.emissions(extra.token(s, i), &mut em2[i * NL..(i + 1) * NL]);
                }
                viterbi(&em2, n, &two.transitions)
            })
            .collect()
    }

    /// Tag a document given as sentences of words.
    pub fn tag_document<S: AsRef<str>, V: AsRef<[S]>>(
        &self,
        sentences: &[V],
    ) -> Vec<SentenceSpans> {
        let mut out: Vec<SentenceSpans> = self
            .label_document(sentences, usize::MAX)
            .iter()
            .map(|l| decode_spans(l))
            .collect();
        if self.consistency {
            make_consistent(sentences, &mut out);
        }
        out
    }
}

/// Identical names (compared lower-cased) in one document take the type most
/// of their mentions have; ties leave mentions as they are.
pub fn make_consistent<S: AsRef<str>, V: AsRef<[S]>>(sentences: &[V], spans: &mut [SentenceSpans]) {
    let key = |s: usize, a: usize, b: usize| -> String {
        let mut k = String::new();
        for w in sentences[s].as_ref().get(a..b).unwrap_or(&[]) {
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&w.as_ref().to_lowercase());
        }
        k
    };
    let mut votes: HashMap<String, [u32; 4]> = HashMap::new();
    for (s, sp) in spans.iter().enumerate() {
        for &(a, b, t) in sp {
            votes.entry(key(s, a, b)).or_default()[t as usize] += 1;
        }
    }
    for (s, sp) in spans.iter_mut().enumerate() {
        for (a, b, t) in sp.iter_mut() {
            if let Some(v) = votes.get(&key(s, *a, *b)) {
                let (best, &n) = v
                    .iter()
                    .enumerate()
                    .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))
                    .unwrap_or((0, &0));
                if n > v[*t as usize] {
                    *t = EntityLabel::ALL[best];
                }
            }
        }
    }
}

impl Processor for NerTagger {
    fn name(&self) -> &str {
        "ner"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        doc.entities.clear();
        let ranges: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| {
                let a = (s.tokens.0 as usize).min(doc.tokens.len());
                let b = (s.tokens.1 as usize).clamp(a, doc.tokens.len());
                (a, b)
            })
            .collect();
        let ranges = pieces(&ranges);
        let mut entities = Vec::new();
        for block in blocks(&ranges) {
            let block = &ranges[block];
            let sentences: Vec<Vec<&str>> = block
                .iter()
                .map(|&(a, b)| (a..b).map(|i| doc.token_text(i)).collect())
                .collect();
            let tagged = self.tag_document(&sentences);
            for (&(a, _), spans) in block.iter().zip(&tagged) {
                push_entities(doc, a, spans, &mut entities);
            }
        }
        doc.entities = entities;
        Ok(())
    }
}

/// The longest run of tokens tagged as one sentence: a longer "sentence" (a list,
/// a table, text that is no prose; no PolNeAR or CoNLL sentence comes near) is
/// tagged in pieces of this length.
pub const MAX_SENTENCE_TOKENS: usize = 1_000;

/// The most tokens tagged as one document: the document-level evidence (casing
/// statistics, the first stage's votes, one type per name) is gathered over blocks
/// of whole sentences of about this many tokens, so that the features held at once
/// are bounded whatever the document's length. News articles are far shorter.
pub const MAX_DOCUMENT_TOKENS: usize = 100_000;

/// The sentences' token ranges, each longer than [`MAX_SENTENCE_TOKENS`] cut.
fn pieces(ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges {
        let mut x = a;
        while b - x > MAX_SENTENCE_TOKENS {
            out.push((x, x + MAX_SENTENCE_TOKENS));
            x += MAX_SENTENCE_TOKENS;
        }
        out.push((x, b));
    }
    out
}

/// Consecutive runs of `ranges` holding at most [`MAX_DOCUMENT_TOKENS`] tokens
/// each (or one range).
fn blocks(ranges: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut tokens) = (0, 0);
    for (k, &(a, b)) in ranges.iter().enumerate() {
        if tokens + (b - a) > MAX_DOCUMENT_TOKENS && k > start {
            out.push(start..k);
            (start, tokens) = (k, 0);
        }
        tokens += b - a;
    }
    if start < ranges.len() || out.is_empty() {
        out.push(start..ranges.len());
    }
    out
}

/// The entities of one sentence (tokens from `a`) as document entities.
fn push_entities(doc: &Document, a: usize, spans: &SentenceSpans, entities: &mut Vec<Entity>) {
    for &(s, e, label) in spans {
        let (first, last) = (&doc.tokens[a + s], &doc.tokens[a + e - 1]);
        let (b0, b1) = (first.bytes.0 as usize, last.bytes.1 as usize);
        let text = doc.text.get(b0..b1).unwrap_or_default().to_string();
        entities.push(Entity {
            start: first.start,
            end: last.end,
            text,
            label,
            tokens: ((a + s) as u32, (a + e) as u32),
            cluster: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;

    #[test]
    fn long_sentences_are_cut_and_long_documents_blocked() {
        let m = MAX_SENTENCE_TOKENS;
        let cut = pieces(&[(0, 5), (5, 5 + 2 * m + 3), (5 + 2 * m + 3, 5 + 2 * m + 4)]);
        assert_eq!(
            cut,
            vec![
                (0, 5),
                (5, 5 + m),
                (5 + m, 5 + 2 * m),
                (5 + 2 * m, 5 + 2 * m + 3),
                (5 + 2 * m + 3, 5 + 2 * m + 4)
            ]
        );
        // Blocks are consecutive, cover every range once and stay within the bound.
        let ranges: Vec<(usize, usize)> = (0..500).map(|k| (k * 900, (k + 1) * 900)).collect();
        let b = blocks(&ranges);
        assert_eq!(b.first().unwrap().start, 0);
        assert_eq!(b.last().unwrap().end, ranges.len());
        for w in b.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for r in &b {
            let tokens: usize = ranges[r.clone()].iter().map(|(a, b)| b - a).sum();
            assert!(tokens <= MAX_DOCUMENT_TOKENS);
        }
        assert_eq!(blocks(&[]), vec![0..0]);
        assert_eq!(blocks(&[(0, 3)]), vec![0..1]);
    }

    #[test]
    fn fast_two_stage_path_agrees_with_stagewise() {
        let tagger = NerTagger::load_default().unwrap();
        let doc: Vec<Vec<&str>> = vec![
            "Jim Mattis met Angela Merkel in Berlin ."
                .split(' ')
                .collect(),
            "BRUSSELS 1996-08-22 ( Reuters ) - The European Commission said on Thursday ."
                .split(' ')
                .collect(),
            "Mattis and Merkel spoke to reporters at the White House ."
                .split(' ')
                .collect(),
            vec![],
        ];
        assert_eq!(tagger.model.stages.len(), 2);
        assert_eq!(
            tagger.label_document(&doc, 2),
            tagger.label_stagewise(&doc, 2)
        );
    }

    #[test]
    fn majority_vote_over_identical_names() {
        let sents = vec![
            vec!["Jordan", "won"],
            vec!["Jordan", "lost"],
            vec!["JORDAN", "drew"],
            vec!["Paris", "Hilton"],
        ];
        let mut spans = vec![
            vec![(0, 1, PER)],
            vec![(0, 1, PER)],
            vec![(0, 1, LOC)],
            vec![(0, 1, LOC)],
        ];
        make_consistent(&sents, &mut spans);
        assert_eq!(spans[2], vec![(0, 1, PER)]);
        assert_eq!(spans[3], vec![(0, 1, LOC)]);
    }

    #[test]
    fn untrained_model_tags_nothing_and_survives_odd_input() {
        let t = NerTagger::new(NerModel::default());
        let long: Vec<String> = (0..10_000).map(|i| format!("W{i}")).collect();
        let out = t.tag_document(&[vec![], long, vec!["\u{200b}".to_string()]]);
        assert!(out.iter().all(|s| s.is_empty()));
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn dense_tables_agree_with_computed_dense_scores() {
        // A small model whose labels hang on dense weights in both stages.
        let mut m = NerModel::default();
        m.cfg.vectors = true;
        m.lexicon.vectors = crate::ner::features::VectorTable::parse(
            "berlin\t0.5 -1 0.25\nmerkel\t-0.75 1 0\nsaid\t0.1 0.2 -0.3\n",
            1.0,
        )
        .unwrap();
        let mut rng = crate::learn::Rng(0x9e37_79b9_7f4a_7c15u64);
        let mut next = || ((rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 6.0;
        let mut stages = Vec::new();
        for _ in 0..2 {
            let mut st = crate::ner::model::Scorer {
                dense: (0..VEC_WINDOW * 3 * NL).map(|_| next()).collect(),
                ..Default::default()
            };
            for v in st.transitions.trans.iter_mut() {
                *v = next() / 4.0;
            }
            stages.push(st);
        }
        m.stages = stages;
        let tables = NerTagger::new(m.clone());
        assert_eq!(tables.dense_table_bytes(), 2 * 3 * VEC_WINDOW * NL * 4);
        let direct = NerTagger::new(m).without_dense_tables();
        assert_eq!(direct.dense_table_bytes(), 0);
        let doc = vec![
            vec!["Merkel", "said", "Berlin", "said", "Merkel"],
            vec!["merkel", "unknown", "BERLIN"],
            vec!["said"],
        ];
        let labels = tables.label_document(&doc, 2);
        assert!(labels.iter().flatten().any(|&l| l != 0), "{labels:?}");
        assert_eq!(labels, direct.label_document(&doc, 2));
        assert_eq!(labels, direct.label_stagewise(&doc, 2));
        assert_eq!(
            tables.label_stagewise(&doc, 1),
            direct.label_stagewise(&doc, 1)
        );

        // The shipped model, when it has dense features: the same labels and the
        // same dense scores, bit for bit, for a few real sentences.
        let shipped = NerTagger::load_default().unwrap();
        if !shipped.model.cfg.vectors {
            return;
        }
        let direct = NerTagger::new(shipped.model.clone()).without_dense_tables();
        let doc: Vec<Vec<&str>> = [
            "Jim Mattis met Angela Merkel in Berlin on Tuesday .",
            "BRUSSELS 1996-08-22 ( Reuters ) - The European Commission said on Thursday .",
            "Shares of Deutsche Bank rose 3.5 percent in Frankfurt , traders said .",
            "Xqzt Blorf visited the Kremlin .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        assert_eq!(
            shipped.label_document(&doc, 2),
            direct.label_document(&doc, 2)
        );
        let feats = crate::ner::features::extract_with_hints(
            &shipped.model.lexicon,
            shipped.model.cfg,
            &doc,
            None,
        );
        let mut checked = 0;
        for (s, sent) in doc.iter().enumerate() {
            for i in 0..sent.len() {
                let rows = feats.window_rows(s, i);
                for stage in 0..shipped.model.stages.len() {
                    let (mut a, mut b) = (vec![0.5f32; NL], vec![0.5f32; NL]);
                    shipped.add_dense(stage, rows, &mut a);
                    direct.add_dense(stage, rows, &mut b);
                    assert_eq!(
                        a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                        b.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 40);
    }
}
