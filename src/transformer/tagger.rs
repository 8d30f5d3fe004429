//! The sub-word tokenizer (`tokenizers` crate) and the encoder (rust-bert on libtorch).

use super::config::{Architecture, ModelDir, TokenizerFiles};
use super::error::TransformerError;
use super::fused::FusedEncoder;
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use serde_json::Value;
use tch::{nn, Device, Kind, Tensor};
use tokenizers::models::bpe::BPE;
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::normalizers::bert::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::pre_tokenizers::PreTokenizerWrapper;
use tokenizers::Tokenizer;

/// Sub-word tokenizer, used one word at a time (as `is_split_into_words=True` does).
pub struct SubwordTokenizer {
    tok: Tokenizer,
    pub cls: u32,
    pub sep: u32,
    pub pad: u32,
}

fn tok_err(e: impl std::fmt::Display) -> TransformerError {
    TransformerError::Tokenizer(e.to_string())
}

/// Byte-level BPE tokenizers must see each word with a leading space, as Hugging Face
/// does for pre-split words (`add_prefix_space=True`), which is how NER models on them
/// are fine-tuned.
fn with_prefix_space(pt: &PreTokenizerWrapper) -> PreTokenizerWrapper {
    match pt {
        PreTokenizerWrapper::ByteLevel(b) => {
            let mut b = *b;
            b.add_prefix_space = true;
            PreTokenizerWrapper::ByteLevel(b)
        }
        PreTokenizerWrapper::Sequence(s) => {
            let mut s = s.clone();
            for p in s.get_pre_tokenizers_mut() {
                *p = with_prefix_space(p);
            }
            PreTokenizerWrapper::Sequence(s)
        }
        other => other.clone(),
    }
}

impl SubwordTokenizer {
    pub fn load(md: &ModelDir) -> Result<SubwordTokenizer, TransformerError> {
        let mut tok = match &md.tokenizer {
            TokenizerFiles::Json(path) => Tokenizer::from_file(path)
                .map_err(|e| tok_err(format!("cannot read {}: {e}", path.display())))?,
            TokenizerFiles::WordPiece { vocab, lowercase } => {
                let vocab = vocab.to_string_lossy().into_owned();
                let wp = WordPiece::from_file(&vocab)
                    .unk_token("[UNK]".into())
                    .build()
                    .map_err(|e| tok_err(format!("cannot read {vocab}: {e}")))?;
                let mut tok = Tokenizer::new(wp);
                tok.with_normalizer(Some(BertNormalizer::new(true, true, None, *lowercase)));
                tok.with_pre_tokenizer(Some(BertPreTokenizer));
                tok
            }
            TokenizerFiles::ByteBpe { vocab, merges } => {
                let bpe = BPE::from_file(&vocab.to_string_lossy(), &merges.to_string_lossy())
                    .build()
                    .map_err(|e| tok_err(format!("cannot read vocab.json/merges.txt: {e}")))?;
                let mut tok = Tokenizer::new(bpe);
                tok.with_pre_tokenizer(Some(ByteLevel::default()));
                tok
            }
        };
        if let Some(pt) = tok.get_pre_tokenizer() {
            let pt = with_prefix_space(pt);
            tok.with_pre_tokenizer(Some(pt));
        }
        tok.with_truncation(None).map_err(tok_err)?;
        tok.with_padding(None);
        let id = |t: &str| {
            tok.token_to_id(t)
                .ok_or_else(|| tok_err(format!("the vocabulary has no special token {t}")))
        };
        Ok(SubwordTokenizer {
            cls: id(&md.cls_token)?,
            sep: id(&md.sep_token)?,
            pad: id(&md.pad_token)?,
            tok,
        })
    }

    /// The sub-token ids of one word, no special tokens.
    pub fn word(&self, word: &str) -> Result<Vec<u32>, TransformerError> {
        let enc = self.tok.encode(word, false).map_err(tok_err)?;
        Ok(enc.get_ids().to_vec())
    }
}

enum Encoder {
    Bert(BertForTokenClassification),
    DistilBert(DistilBertForTokenClassification),
    Roberta(RobertaForTokenClassification),
}

/// Read a rust-bert config from `config.json`, taking rust-bert's default for a field the
/// file leaves out (transformers does not write DistilBERT's `tie_weights_`, for one).
fn with_defaults<T>(config: &Value) -> Result<T, serde_json::Error>
where
    T: Default + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut merged = serde_json::to_value(T::default())?;
    if let (Some(m), Some(c)) = (merged.as_object_mut(), config.as_object()) {
        for (k, v) in c {
            m.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(merged)
}

/// The encoder with its token-classification head, on one device.
pub struct Encoders {
    _vs: nn::VarStore,
    model: Encoder,
    /// The same parameters run on fused kernels; `None` runs `model`'s own forward.
    fused: Option<FusedEncoder>,
    /// Position ids count from here: 0, or RoBERTa's padding index + 1.
    first_position: i64,
    device: Device,
    num_labels: usize,
    /// RoBERTa's padding index (also the position id of padding).
    position_pad: i64,
    pad: i64,
}

fn model_err(e: impl std::fmt::Display) -> TransformerError {
    TransformerError::Model(e.to_string())
}

impl Encoders {
    pub fn load(
        md: &ModelDir,
        device: Device,
        pad: u32,
        fused: bool,
    ) -> Result<Encoders, TransformerError> {
        let bad_config = |e: serde_json::Error| TransformerError::ModelDir {
            dir: md.dir.clone(),
            message: format!(
                "config.json does not describe a {} model: {e}",
                md.architecture.as_str()
            ),
        };
        let mut vs = nn::VarStore::new(device);
        let model = match md.architecture {
            Architecture::Bert => {
                let c: BertConfig = with_defaults(&md.config).map_err(bad_config)?;
                Encoder::Bert(BertForTokenClassification::new(vs.root(), &c).map_err(model_err)?)
            }
            Architecture::Roberta => {
                let c: BertConfig = with_defaults(&md.config).map_err(bad_config)?;
                Encoder::Roberta(
                    RobertaForTokenClassification::new(vs.root(), &c).map_err(model_err)?,
                )
            }
            Architecture::DistilBert => {
                let c: DistilBertConfig = with_defaults(&md.config).map_err(bad_config)?;
                Encoder::DistilBert(
                    DistilBertForTokenClassification::new(vs.root(), &c).map_err(model_err)?,
                )
            }
        };
        vs.load(&md.weights)
            .map_err(|e| TransformerError::ModelDir {
                dir: md.dir.clone(),
                message: format!(
                    "the weights in {} do not fit the {} model config.json describes: {e}",
                    md.weights.display(),
                    md.architecture.as_str()
                ),
            })?;
        // Inference only: no gradients are tracked for the parameters.
        vs.freeze();
        // Half-precision weights (the shipped encoder is stored in fp16) run in fp32 on the
        // CPU: libtorch's fp16 CPU kernels are slow and less precise.
        if device == Device::Cpu {
            vs.float();
        }
        let fused = if fused {
            FusedEncoder::new(md.architecture, &md.config, &vs.variables())
        } else {
            None
        };
        let position_pad = md
            .config
            .get("pad_token_id")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        Ok(Encoders {
            _vs: vs,
            model,
            fused,
            first_position: match md.architecture {
                Architecture::Roberta => position_pad + 1,
                _ => 0,
            },
            device,
            num_labels: md.label_names.len(),
            position_pad,
            pad: pad as i64,
        })
    }

    pub fn is_fused(&self) -> bool {
        self.fused.is_some()
    }

    /// Logits for a batch of sequences (special tokens included), padded here to the
    /// longest. Returns one row-major `len x num_labels` vector per sequence.
    pub fn logits(&self, seqs: &[&[i64]]) -> Result<Vec<Vec<f32>>, TransformerError> {
        if seqs.is_empty() {
            return Ok(Vec::new());
        }
        let b = seqs.len();
        let l = seqs.iter().map(|s| s.len()).max().unwrap_or(0);
        let mut ids = vec![self.pad; b * l];
        let mut mask = vec![0i64; b * l];
        let mut pos = vec![self.position_pad; b * l];
        for (i, s) in seqs.iter().enumerate() {
            ids[i * l..i * l + s.len()].copy_from_slice(s);
            for j in 0..s.len() {
                mask[i * l + j] = 1;
                pos[i * l + j] = self.first_position + j as i64;
            }
        }
        let to = |v: &[i64]| {
            Tensor::from_slice(v)
                .view([b as i64, l as i64])
                .to(self.device)
        };
        let (ids, mask) = (to(&ids), to(&mask));
        let flat: Vec<f32> = tch::no_grad(|| -> Result<Vec<f32>, TransformerError> {
            let logits = match (&self.fused, &self.model) {
                (Some(f), _) => f.forward(&ids, &mask, &to(&pos)).map_err(model_err)?,
                (None, Encoder::Bert(m)) => {
                    m.forward_t(Some(&ids), Some(&mask), None, None, None, false)
                        .logits
                }
                (None, Encoder::Roberta(m)) => {
                    let pos = to(&pos);
                    m.forward_t(Some(&ids), Some(&mask), None, Some(&pos), None, false)
                        .logits
                }
                (None, Encoder::DistilBert(m)) => {
                    m.forward_t(Some(&ids), Some(&mask), None, false)
                        .map_err(model_err)?
                        .logits
                }
            };
            let logits = logits
                .to_kind(Kind::Float)
                .to(Device::Cpu)
                .contiguous()
                .view([-1]);
            Vec::<f32>::try_from(&logits).map_err(model_err)
        })?;
        let c = self.num_labels;
        if flat.len() != b * l * c {
            return Err(model_err(format!(
                "the model gave {} logits for {b} x {l} tokens and {c} labels",
                flat.len()
            )));
        }
        Ok(seqs
            .iter()
            .enumerate()
            .map(|(i, s)| flat[i * l * c..(i * l + s.len()) * c].to_vec())
            .collect())
    }
}

/// Resolve a device choice against what libtorch sees.
pub fn resolve_device(choice: super::error::DeviceChoice) -> Result<Device, TransformerError> {
    match choice {
        super::error::DeviceChoice::Cpu => Ok(Device::Cpu),
        super::error::DeviceChoice::Auto => Ok(Device::cuda_if_available()),
        super::error::DeviceChoice::Cuda => {
            if tch::Cuda::is_available() {
                Ok(Device::Cuda(0))
            } else {
                Err(TransformerError::Device(
                    "--device cuda, but libtorch sees no CUDA device".into(),
                ))
            }
        }
    }
}
