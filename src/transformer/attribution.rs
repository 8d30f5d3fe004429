//! The accurate pipeline's `encoder` stage: byline's fine-tuned attribution encoder
//! (`models/encoder/`, trained by `scripts/train-encoder.sh`) run once per window over a
//! segmented document, leaving its per-token scores on the document
//! ([`Document::encoded`]) for the quotes stage's encoder proposer
//! ([`crate::quotes::encoder_cues`]) and the stages after it.
//!
//! The model directory is a Hugging Face `BertForTokenClassification` (its classifier rows
//! are the heads) plus `heads.json`: the head labels (`cue:O`, `cue:B`, `cue:I`,
//! `role:source`, `role:content`, `kind:*`), a bias per word-case class added to the
//! logits (the encoder is uncased), and the window policy it was trained with, which this
//! stage follows exactly: a paragraph's sentences packed in order into windows of at most
//! `window_words` words, a longer sentence cut into pieces of that many, at most
//! `max_subtokens` sub-tokens a window with `[CLS]` and `[SEP]` (words past that are left
//! unscored). Each word is scored at its first sub-token.

use super::config::ModelDir;
use super::error::TransformerError;
use super::options::TransformerOptions;
use super::tagger::{self, Encoders, SubwordTokenizer};
use crate::document::{Document, Encoded};
use crate::stage::{Processor, ProcessorError};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// `heads.json` of an attribution encoder.
#[derive(Debug, Clone, Deserialize)]
pub struct Heads {
    pub format: String,
    pub labels: Vec<String>,
    pub cases: Vec<String>,
    pub case_bias: Vec<Vec<f32>>,
    pub window_words: usize,
    pub max_subtokens: usize,
}

/// The case class of a word, as `scripts/train_encoder.py` computes it: 0 lower, 1 Title
/// (or a single capital), 2 ALLCAPS, 3 has a digit, 4 other.
pub fn case_class(word: &str) -> usize {
    if word.chars().any(|c| c.is_numeric()) {
        return 3;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    let Some(&first) = letters.peek() else {
        return 4;
    };
    let (mut n, mut lower, mut upper) = (0, true, true);
    for c in letters {
        n += 1;
        lower &= c.is_lowercase();
        upper &= c.is_uppercase();
    }
    if lower {
        0
    } else if upper {
        if n > 1 {
            2
        } else {
            1
        }
    } else if first.is_uppercase() {
        1
    } else {
        4
    }
}

/// The windows of a segmented document: token ranges, in order (see the module comment).
pub fn windows(doc: &Document, max_words: usize) -> Vec<(usize, usize)> {
    let max_words = max_words.max(1);
    let mut out = Vec::new();
    let mut push_paragraph = |sentences: &mut dyn Iterator<Item = (usize, usize)>| {
        let mut cur: Option<(usize, usize)> = None;
        for (mut a, b) in sentences {
            if let Some((x, y)) = cur {
                if y - x + (b - a) > max_words {
                    out.push((x, y));
                    cur = None;
                }
            }
            while b - a > max_words {
                out.push((a, a + max_words));
                a += max_words;
            }
            cur = Some(match cur {
                Some((x, _)) => (x, b),
                None => (a, b),
            });
        }
        if let Some(w) = cur {
            out.push(w);
        }
    };
    let n = doc.tokens.len();
    let sentence = |s: usize| {
        let t = doc.sentences[s].tokens;
        ((t.0 as usize).min(n), (t.1 as usize).min(n))
    };
    if doc.paragraphs.is_empty() {
        if doc.sentences.is_empty() {
            push_paragraph(&mut std::iter::once((0, n)));
        } else {
            push_paragraph(&mut (0..doc.sentences.len()).map(sentence));
        }
    } else {
        for p in &doc.paragraphs {
            let (a, b) = (p.sentences.0 as usize, p.sentences.1 as usize);
            let b = b.min(doc.sentences.len());
            push_paragraph(&mut (a.min(b)..b).map(sentence));
        }
    }
    out.retain(|&(a, b)| a < b);
    out
}

/// One window as the model sees it: its sub-token ids, and per word (token index) the
/// position of its first sub-token.
type Window = (Vec<i64>, Vec<(usize, usize)>);

/// The `encoder` stage (see the module comment).
pub struct AttributionEncoder {
    tokenizer: SubwordTokenizer,
    encoder: Mutex<Encoders>,
    heads: Heads,
    /// The label ranges read as one softmax (see [`softmax_groups`]).
    groups: Vec<std::ops::Range<usize>>,
    batch_size: usize,
    device: tch::Device,
}

impl AttributionEncoder {
    /// Load a model directory: a `BertForTokenClassification` with `heads.json`.
    pub fn new(
        dir: impl AsRef<Path>,
        options: TransformerOptions,
    ) -> Result<AttributionEncoder, TransformerError> {
        let dir = dir.as_ref();
        let model = ModelDir::open_heads(dir)?;
        let bad = |message: String| TransformerError::ModelDir {
            dir: dir.to_path_buf(),
            message,
        };
        let path = dir.join("heads.json");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            bad(format!(
                "cannot read heads.json ({e}); an attribution encoder has one \
                 (scripts/train_encoder.py export writes it)"
            ))
        })?;
        let heads: Heads = serde_json::from_str(&text)
            .map_err(|e| bad(format!("heads.json is not what byline expects: {e}")))?;
        if !heads.format.starts_with("byline-attribution-encoder/") {
            return Err(bad(format!("heads.json has format '{}'", heads.format)));
        }
        if heads.labels != model.label_names {
            return Err(bad(
                "heads.json's labels differ from config.json's id2label".into(),
            ));
        }
        if heads.case_bias.len() != 5
            || heads
                .case_bias
                .iter()
                .any(|r| r.len() != heads.labels.len())
        {
            return Err(bad(format!(
                "heads.json's case_bias must be 5 rows of {} numbers",
                heads.labels.len()
            )));
        }
        if heads.max_subtokens < 3 || heads.max_subtokens > model.max_positions {
            return Err(bad(format!(
                "heads.json's max_subtokens {} is outside 3..={}",
                heads.max_subtokens, model.max_positions
            )));
        }
        let tokenizer = SubwordTokenizer::load(&model)?;
        let device = tagger::resolve_device(options.device)?;
        if let Some(n) = options.threads {
            tch::set_num_threads(n.max(1) as i32);
        }
        let encoder = Encoders::load(&model, device, tokenizer.pad, options.fused)?;
        Ok(AttributionEncoder {
            tokenizer,
            encoder: Mutex::new(encoder),
            groups: softmax_groups(&heads.labels),
            heads,
            batch_size: options.batch_size.max(1),
            device,
        })
    }

    /// The head labels, in score order.
    pub fn labels(&self) -> &[String] {
        &self.heads.labels
    }

    /// Whether the model runs on a CUDA device.
    pub fn on_gpu(&self) -> bool {
        self.device.is_cuda()
    }

    /// The scores of a segmented document (see [`Encoded`]).
    pub fn encode(&self, doc: &Document) -> Result<Encoded, TransformerError> {
        let n = doc.tokens.len();
        let nl = self.heads.labels.len();
        let mut out = Encoded {
            labels: self.heads.labels.clone(),
            scores: vec![0.0; n * nl],
            reached: vec![false; n],
        };
        let cap = self.heads.max_subtokens;
        let mut cache: HashMap<&str, Vec<i64>> = HashMap::new();
        let mut seqs: Vec<Window> = Vec::new();
        for (a, b) in windows(doc, self.heads.window_words) {
            let mut ids = vec![self.tokenizer.cls as i64];
            let mut first = Vec::with_capacity(b - a);
            for i in a..b {
                let w = doc.token_text(i);
                if !cache.contains_key(w) {
                    let sub: Vec<i64> =
                        self.tokenizer.word(w)?.into_iter().map(i64::from).collect();
                    cache.insert(w, sub);
                }
                let sub = &cache[w];
                if sub.is_empty() || ids.len() + sub.len() + 1 > cap {
                    continue;
                }
                first.push((i, ids.len()));
                ids.extend_from_slice(sub);
            }
            ids.push(self.tokenizer.sep as i64);
            seqs.push((ids, first));
        }
        let mut order: Vec<usize> = (0..seqs.len()).collect();
        order.sort_by_key(|&k| seqs[k].0.len());
        let enc = self.encoder.lock().unwrap_or_else(|p| p.into_inner());
        for batch in order.chunks(self.batch_size) {
            let inputs: Vec<&[i64]> = batch.iter().map(|&k| seqs[k].0.as_slice()).collect();
            let logits = enc.logits(&inputs)?;
            for (&k, l) in batch.iter().zip(logits) {
                for &(i, p) in &seqs[k].1 {
                    let row = &mut out.scores[i * nl..(i + 1) * nl];
                    row.copy_from_slice(&l[p * nl..(p + 1) * nl]);
                    let bias = &self.heads.case_bias[case_class(doc.token_text(i))];
                    for (x, b) in row.iter_mut().zip(bias) {
                        *x += b;
                    }
                    for g in &self.groups {
                        log_softmax(&mut row[g.clone()]);
                    }
                    out.reached[i] = true;
                }
            }
        }
        Ok(out)
    }
}

/// The label ranges read as one softmax: runs of labels sharing a `name:` prefix, except
/// `role:` (independent sigmoids).
fn softmax_groups(labels: &[String]) -> Vec<std::ops::Range<usize>> {
    let prefix = |l: &str| l.split(':').next().unwrap_or("").to_string();
    let mut out = Vec::new();
    let mut a = 0;
    for b in 1..=labels.len() {
        if b == labels.len() || prefix(&labels[b]) != prefix(&labels[a]) {
            if prefix(&labels[a]) != "role" {
                out.push(a..b);
            }
            a = b;
        }
    }
    out
}

fn log_softmax(xs: &mut [f32]) {
    let m = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let z = xs.iter().map(|x| (x - m).exp()).sum::<f32>().ln() + m;
    xs.iter_mut().for_each(|x| *x -= z);
}

impl Processor for AttributionEncoder {
    fn name(&self) -> &str {
        "encoder"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        if doc.tokens.is_empty() && !doc.text.trim().is_empty() {
            return Err(ProcessorError::new(
                "the document has no tokens; run the 'segment' stage before the encoder stage",
            ));
        }
        let encoded = self
            .encode(doc)
            .map_err(|e| ProcessorError::new(e.to_string()))?;
        doc.encoded = Some(Arc::new(encoded));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_classes_match_the_trainer() {
        for (w, c) in [
            ("said", 0),
            ("Trump", 1),
            ("A", 1),
            ("FBI", 2),
            ("2016", 3),
            ("B-52", 3),
            (",", 4),
            ("iPhone", 4),
            ("McCain", 1),
        ] {
            assert_eq!(case_class(w), c, "{w}");
        }
    }

    #[test]
    fn groups_leave_roles_alone() {
        let labels: Vec<String> = [
            "cue:O",
            "cue:B",
            "cue:I",
            "role:source",
            "role:content",
            "kind:a",
            "kind:b",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(softmax_groups(&labels), vec![0..3, 5..7]);
    }

    #[test]
    fn windows_pack_sentences_and_cut_long_ones() {
        let text = "One two three. Four five six seven.\n\nEight nine.";
        let mut doc = Document::new("t", text);
        crate::Segmenter::new().process(&mut doc).unwrap();
        // Sentences: [0,4) [4,9) in paragraph 0, [9,12) in paragraph 1.
        assert_eq!(windows(&doc, 100), vec![(0, 9), (9, 12)]);
        assert_eq!(windows(&doc, 5), vec![(0, 4), (4, 9), (9, 12)]);
        assert_eq!(
            windows(&doc, 3),
            vec![(0, 3), (3, 4), (4, 7), (7, 9), (9, 12)]
        );
    }
}
