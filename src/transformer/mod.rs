//! Transformer NER (cargo feature `transformer`): a token-classification model saved by
//! Hugging Face `transformers` (BERT, DistilBERT or RoBERTa), run with rust-bert on
//! libtorch, as a pipeline stage.
//!
//! ```no_run
//! use byline::transformer::{TransformerNer, TransformerOptions};
//! use byline::{Document, Pipeline, Segmenter};
//!
//! let ner = TransformerNer::new("models/my-ner", TransformerOptions::default()).unwrap();
//! let pipeline = Pipeline::builder().stage(Segmenter::new()).stage(ner).build();
//! let doc = pipeline.annotate(Document::new("d", "Angela Merkel visited Paris.")).unwrap();
//! for e in &doc.entities {
//!     println!("{} {:?}", e.text, e.label);
//! }
//! ```
//!
//! **How it runs.** The stage reads byline's own tokens, sentence by sentence (the
//! `segment` stage must run first). Each token is one word for the model: its sub-word
//! tokens are fed in order, and the word takes the label of its first sub-token, as
//! models fine-tuned with `is_split_into_words=True` are trained. A sentence longer than
//! the model's window (512 sub-tokens for BERT) is cut into overlapping windows on word
//! boundaries, and each word takes its label from the window where it has the most
//! context. Sequences are sorted by length and batched, so padding stays small.
//! rust-bert defines the model and loads its weights; the forward pass then runs on
//! libtorch's fused kernels (fused attention, built-in GELU, `config.json`'s layer-norm
//! epsilon), as PyTorch's own does (see `fused.rs`).
//!
//! **Labels.** `B-`/`I-` (also `E-`/`S-`/`L-`/`U-`, or none) tags of the model are
//! decoded into mentions over the model's own types, which then map onto byline's four:
//! PER ← PER, PERS, PERSON; ORG ← ORG, ORGANIZATION; LOC ← LOC, LOCATION, GPE, FAC;
//! MISC ← MISC, NORP, EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT. OntoNotes' DATE, TIME,
//! PERCENT, MONEY, QUANTITY, ORDINAL and CARDINAL are dropped. Any other label is an error
//! when the model is loaded.

pub mod align;
pub mod attribution;
pub mod config;
mod error;
mod fused;
mod options;
mod tagger;

pub use attribution::AttributionEncoder;
pub use config::{Architecture, ModelDir};
pub use error::{DeviceChoice, TransformerError};
pub use options::TransformerOptions;

use crate::document::{Document, Entity};
use crate::stage::{Processor, ProcessorError};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use tagger::{Encoders, SubwordTokenizer};

/// The transformer NER stage: a [`Processor`] that writes `Document::entities`.
pub struct TransformerNer {
    model: ModelDir,
    tokenizer: SubwordTokenizer,
    /// One forward pass at a time: libtorch already spreads each over the cores.
    encoder: Mutex<Encoders>,
    options: TransformerOptions,
    /// Sub-tokens per sequence, special tokens included.
    max_length: usize,
    device: tch::Device,
}

/// One sequence fed to the model: a window of one unit (sentence).
struct Seq {
    ids: Vec<i64>,
    unit: usize,
    window: usize,
    /// Per word of the window: position of its first sub-token, if it has one.
    first: Vec<Option<usize>>,
}

impl TransformerNer {
    /// Load a model directory (see [`ModelDir::open`] for what it must hold).
    pub fn new(
        dir: impl AsRef<Path>,
        options: TransformerOptions,
    ) -> Result<TransformerNer, TransformerError> {
        let model = ModelDir::open(dir)?;
        let tokenizer = SubwordTokenizer::load(&model)?;
        let device = tagger::resolve_device(options.device)?;
        if let Some(n) = options.threads {
            tch::set_num_threads(n.max(1) as i32);
        }
        let encoder = Encoders::load(&model, device, tokenizer.pad, options.fused)?;
        let max_length = options
            .max_length
            .unwrap_or(model.max_positions)
            .clamp(3, model.max_positions);
        Ok(TransformerNer {
            model,
            tokenizer,
            encoder: Mutex::new(encoder),
            options,
            max_length,
            device,
        })
    }

    /// The model's labels, by class index.
    pub fn labels(&self) -> Vec<&str> {
        self.model.tags.iter().map(|t| t.raw.as_str()).collect()
    }

    pub fn architecture(&self) -> Architecture {
        self.model.architecture
    }

    /// Whether the forward pass runs on the fused kernels (`TransformerOptions::fused`,
    /// and the model is one that path knows).
    pub fn fused(&self) -> bool {
        self.encoder
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_fused()
    }

    /// Whether the model runs on a CUDA device.
    pub fn on_gpu(&self) -> bool {
        self.device.is_cuda()
    }

    /// The input ids of one sentence as the model sees it when it fits one window:
    /// `[CLS] sub-tokens… [SEP]`.
    pub fn input_ids(&self, words: &[&str]) -> Result<Vec<i64>, TransformerError> {
        let mut ids = vec![self.tokenizer.cls as i64];
        for w in words {
            ids.extend(self.tokenizer.word(w)?.into_iter().map(i64::from));
        }
        ids.push(self.tokenizer.sep as i64);
        Ok(ids)
    }

    /// Raw logits of one input sequence, `len x labels`, row-major.
    pub fn logits(&self, ids: &[i64]) -> Result<Vec<f32>, TransformerError> {
        let enc = self.encoder.lock().unwrap_or_else(|p| p.into_inner());
        Ok(enc.logits(&[ids])?.remove(0))
    }

    /// The label (class index) of each word of each unit; `None` for a word that has no
    /// sub-token (the normalizer removed all of it).
    pub fn tag_words(
        &self,
        units: &[Vec<&str>],
    ) -> Result<Vec<Vec<Option<usize>>>, TransformerError> {
        let budget = self.max_length - 2;
        let mut cache: HashMap<&str, Vec<i64>> = HashMap::new();
        let mut seqs: Vec<Seq> = Vec::new();
        let mut plans = Vec::with_capacity(units.len());
        for (u, words) in units.iter().enumerate() {
            for w in words {
                if !cache.contains_key(w) {
                    let mut ids: Vec<i64> =
                        self.tokenizer.word(w)?.into_iter().map(i64::from).collect();
                    ids.truncate(budget);
                    cache.insert(w, ids);
                }
            }
            let lens: Vec<usize> = words.iter().map(|w| cache[w].len()).collect();
            let windows = align::plan_windows(&lens, budget, budget / 4);
            for (k, win) in windows.iter().enumerate() {
                let mut ids = Vec::with_capacity(budget + 2);
                ids.push(self.tokenizer.cls as i64);
                let mut first = Vec::with_capacity(win.len());
                for w in &words[win.clone()] {
                    let sub = &cache[w];
                    first.push(if sub.is_empty() {
                        None
                    } else {
                        Some(ids.len())
                    });
                    ids.extend_from_slice(sub);
                }
                ids.push(self.tokenizer.sep as i64);
                seqs.push(Seq {
                    ids,
                    unit: u,
                    window: k,
                    first,
                });
            }
            plans.push(windows);
        }

        // Batch by length: sort, then cut into runs of similar length.
        let mut order: Vec<usize> = (0..seqs.len()).collect();
        order.sort_by_key(|&i| seqs[i].ids.len());
        let labels = self.model.tags.len();
        // Per sequence, per word: the argmax label.
        let mut preds: Vec<Vec<Option<usize>>> = vec![Vec::new(); seqs.len()];
        {
            let enc = self.encoder.lock().unwrap_or_else(|p| p.into_inner());
            for batch in order.chunks(self.options.batch_size.max(1)) {
                let inputs: Vec<&[i64]> = batch.iter().map(|&i| seqs[i].ids.as_slice()).collect();
                let out = enc.logits(&inputs)?;
                for (&i, logits) in batch.iter().zip(out) {
                    preds[i] = seqs[i]
                        .first
                        .iter()
                        .map(|f| f.map(|p| argmax(&logits[p * labels..(p + 1) * labels])))
                        .collect();
                }
            }
        }

        let mut by_unit: Vec<Vec<Vec<Option<usize>>>> = vec![Vec::new(); units.len()];
        for (s, p) in seqs.iter().zip(preds) {
            let slot = &mut by_unit[s.unit];
            if slot.len() <= s.window {
                slot.resize(s.window + 1, Vec::new());
            }
            slot[s.window] = p;
        }
        Ok(units
            .iter()
            .enumerate()
            .map(|(u, words)| {
                let windows = &plans[u];
                let assign = align::assign_windows(words.len(), windows);
                (0..words.len())
                    .map(|i| {
                        let k = assign[i];
                        by_unit[u][k][i - windows[k].start]
                    })
                    .collect()
            })
            .collect())
    }

    /// Find the mentions of a segmented document; replaces `doc.entities`.
    pub fn annotate(&self, doc: &mut Document) -> Result<(), TransformerError> {
        // Units: sentences, or the whole token list when no sentences were marked.
        let ranges: Vec<(usize, usize)> = if doc.sentences.is_empty() {
            vec![(0, doc.tokens.len())]
        } else {
            doc.sentences
                .iter()
                .map(|s| (s.tokens.0 as usize, s.tokens.1 as usize))
                .collect()
        };
        let units: Vec<Vec<&str>> = ranges
            .iter()
            .map(|&(a, b)| (a..b).map(|i| doc.token_text(i)).collect())
            .collect();
        let tags = self.tag_words(&units)?;
        let mut entities = Vec::new();
        for (&(a, _), word_tags) in ranges.iter().zip(&tags) {
            for span in align::decode(word_tags, &self.model.tags) {
                let (t0, t1) = (&doc.tokens[a + span.start], &doc.tokens[a + span.end - 1]);
                entities.push(Entity {
                    start: t0.start,
                    end: t1.end,
                    text: doc.text[t0.bytes.0 as usize..t1.bytes.1 as usize].to_string(),
                    label: span.label,
                    tokens: ((a + span.start) as u32, (a + span.end) as u32),
                    cluster: None,
                });
            }
        }
        doc.entities = entities;
        Ok(())
    }
}

fn argmax(row: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in row.iter().enumerate() {
        if v > row[best] {
            best = i;
        }
    }
    best
}

impl Processor for TransformerNer {
    fn name(&self) -> &str {
        "ner-transformer"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        if doc.tokens.is_empty() && !doc.text.trim().is_empty() {
            return Err(ProcessorError::new(
                "the document has no tokens; run the 'segment' stage before the transformer NER stage",
            ));
        }
        self.annotate(doc)
            .map_err(|e| ProcessorError::new(e.to_string()))
    }
}
