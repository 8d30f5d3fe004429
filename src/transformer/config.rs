//! Reading a Hugging Face model directory: which files are there, which architecture,
//! and how the model's labels map onto byline's four entity types.
//!
//! Everything here is plain JSON and file checks, so a bad directory gives an error
//! before libtorch is touched.

use super::error::TransformerError;
use crate::document::EntityLabel;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The encoder families byline can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    Bert,
    DistilBert,
    Roberta,
}

impl Architecture {
    pub fn as_str(self) -> &'static str {
        match self {
            Architecture::Bert => "bert",
            Architecture::DistilBert => "distilbert",
            Architecture::Roberta => "roberta",
        }
    }

    /// Positions the model reserves beyond the tokens themselves (RoBERTa starts its
    /// position ids after the padding index, so 514 positions give 512 tokens).
    fn reserved_positions(self) -> usize {
        match self {
            Architecture::Roberta => 2,
            _ => 0,
        }
    }
}

/// How the sub-word tokenizer is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenizerFiles {
    /// `tokenizer.json`, read by the `tokenizers` crate.
    Json(PathBuf),
    /// A WordPiece `vocab.txt` (BERT, DistilBERT), and whether to lower-case.
    WordPiece { vocab: PathBuf, lowercase: bool },
    /// A byte-level BPE `vocab.json` + `merges.txt` (RoBERTa).
    ByteBpe { vocab: PathBuf, merges: PathBuf },
}

/// What a label of the model means for byline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// Outside any entity (`O`), or an entity type byline drops (DATE, CARDINAL, …).
    Outside,
    /// Starts a mention: `B-X`, `S-X`, `U-X`.
    Begin,
    /// Continues a mention: `I-X`, `E-X`, `L-X`, or a bare `X` (IO tagging).
    Inside,
}

/// One model label, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The label as the model names it ("B-GPE").
    pub raw: String,
    pub kind: TagKind,
    /// The model's own type ("GPE"); mentions are built over these, then mapped.
    pub model_type: String,
    /// byline's type, `None` for `O` and for dropped types.
    pub label: Option<EntityLabel>,
}

/// A model directory, checked.
#[derive(Debug, Clone)]
pub struct ModelDir {
    pub dir: PathBuf,
    pub architecture: Architecture,
    /// `config.json`, parsed.
    pub config: Value,
    pub weights: PathBuf,
    pub tokenizer: TokenizerFiles,
    /// NER labels by class index (empty for a model opened with
    /// [`ModelDir::open_heads`]).
    pub tags: Vec<Tag>,
    /// The label names of `id2label`, by class index.
    pub label_names: Vec<String>,
    /// Most sub-word tokens one input may hold, special tokens included.
    pub max_positions: usize,
    pub cls_token: String,
    pub sep_token: String,
    pub pad_token: String,
}

impl ModelDir {
    /// Check a directory and read its configuration: a NER model, whose labels must
    /// map onto byline's entity types.
    pub fn open(dir: impl AsRef<Path>) -> Result<ModelDir, TransformerError> {
        Self::open_with(dir.as_ref(), true)
    }

    /// The same for a model of other heads (byline's attribution encoder): its labels
    /// are read but not taken as NER tags.
    pub fn open_heads(dir: impl AsRef<Path>) -> Result<ModelDir, TransformerError> {
        Self::open_with(dir.as_ref(), false)
    }

    fn open_with(dir: &Path, ner: bool) -> Result<ModelDir, TransformerError> {
        let dir = dir.to_path_buf();
        let bad = |msg: String| TransformerError::ModelDir {
            dir: dir.clone(),
            message: msg,
        };
        if !dir.is_dir() {
            return Err(bad("it is not a directory".into()));
        }
        let config_path = dir.join("config.json");
        if !config_path.is_file() {
            return Err(bad(
                "config.json is missing (a model saved by transformers' save_pretrained has one)"
                    .into(),
            ));
        }
        let text = std::fs::read_to_string(&config_path)
            .map_err(|e| bad(format!("cannot read config.json: {e}")))?;
        let config: Value = serde_json::from_str(&text)
            .map_err(|e| bad(format!("config.json is not valid JSON: {e}")))?;
        if !config.is_object() {
            return Err(bad("config.json is not a JSON object".into()));
        }
        let architecture = architecture(&config).map_err(bad)?;
        let label_names = label_names(&config).map_err(bad)?;
        let tags = if ner {
            parse_labels(&label_names).map_err(bad)?
        } else {
            Vec::new()
        };
        let weights = find_weights(&dir).map_err(bad)?;
        let tok_config = read_optional_json(&dir.join("tokenizer_config.json")).map_err(bad)?;
        let tokenizer = find_tokenizer(&dir, architecture, tok_config.as_ref()).map_err(bad)?;

        let max_pos = config
            .get(match architecture {
                Architecture::DistilBert | Architecture::Bert | Architecture::Roberta => {
                    "max_position_embeddings"
                }
            })
            .and_then(Value::as_u64)
            .unwrap_or(512) as usize;
        let mut max_positions = max_pos.saturating_sub(architecture.reserved_positions());
        if let Some(m) = tok_config
            .as_ref()
            .and_then(|t| t.get("model_max_length"))
            .and_then(Value::as_u64)
        {
            // Tokenizers with no limit write a huge sentinel; only a real one narrows.
            if (m as usize) < max_positions {
                max_positions = m as usize;
            }
        }
        if max_positions < 8 {
            return Err(bad(format!(
                "max_position_embeddings gives only {max_positions} positions"
            )));
        }
        let (cls, sep, pad) = match architecture {
            Architecture::Roberta => ("<s>", "</s>", "<pad>"),
            _ => ("[CLS]", "[SEP]", "[PAD]"),
        };
        let special = |key: &str, default: &str| -> String {
            tok_config
                .as_ref()
                .and_then(|t| t.get(key))
                .and_then(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("content").and_then(Value::as_str).map(String::from),
                    _ => None,
                })
                .unwrap_or_else(|| default.to_string())
        };
        Ok(ModelDir {
            cls_token: special("cls_token", cls),
            sep_token: special("sep_token", sep),
            pad_token: special("pad_token", pad),
            dir,
            architecture,
            config,
            weights,
            tokenizer,
            tags,
            label_names,
            max_positions,
        })
    }
}

fn read_optional_json(path: &Path) -> Result<Option<Value>, String> {
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", file_name(path)))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{} is not valid JSON: {e}", file_name(path)))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The architecture, from `model_type` or else `architectures`.
fn architecture(config: &Value) -> Result<Architecture, String> {
    let archs: Vec<&str> = config
        .get("architectures")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !archs.is_empty() && !archs.iter().any(|a| a.ends_with("ForTokenClassification")) {
        return Err(format!(
            "the model is a {}, not a token-classification (NER) model; byline needs a \
             BertForTokenClassification, DistilBertForTokenClassification or \
             RobertaForTokenClassification",
            archs.join(", ")
        ));
    }
    let from_type = config.get("model_type").and_then(Value::as_str);
    let name = match from_type {
        Some(t) => t.to_ascii_lowercase(),
        None => match archs.first() {
            Some(a) => a
                .trim_end_matches("ForTokenClassification")
                .to_ascii_lowercase(),
            None => {
                return Err(
                    "config.json names no model_type and no architectures; cannot tell the \
                     architecture"
                        .into(),
                )
            }
        },
    };
    match name.as_str() {
        "bert" => Ok(Architecture::Bert),
        "distilbert" => Ok(Architecture::DistilBert),
        "roberta" => Ok(Architecture::Roberta),
        other => Err(format!(
            "unknown or unsupported architecture '{other}'; supported: bert, distilbert, roberta"
        )),
    }
}

fn find_weights(dir: &Path) -> Result<PathBuf, String> {
    for name in ["model.safetensors", "rust_model.ot", "model.ot"] {
        let p = dir.join(name);
        if p.is_file() {
            return Ok(p);
        }
    }
    if dir.join("model.safetensors.index.json").is_file() {
        return Err(
            "sharded weights (model.safetensors.index.json) are not supported; \
                    save the model with save_pretrained(..., max_shard_size=\"10GB\")"
                .into(),
        );
    }
    if dir.join("pytorch_model.bin").is_file() {
        return Err(
            "the weights are pytorch_model.bin only; byline reads model.safetensors \
                    (re-save with save_pretrained(dir, safe_serialization=True)) or rust_model.ot"
                .into(),
        );
    }
    Err("no weights: expected model.safetensors (or rust-bert's rust_model.ot)".into())
}

fn find_tokenizer(
    dir: &Path,
    arch: Architecture,
    tok_config: Option<&Value>,
) -> Result<TokenizerFiles, String> {
    let json = dir.join("tokenizer.json");
    if json.is_file() {
        return Ok(TokenizerFiles::Json(json));
    }
    match arch {
        Architecture::Bert | Architecture::DistilBert => {
            let vocab = dir.join("vocab.txt");
            if vocab.is_file() {
                // BertTokenizer's own default is to lower-case.
                let lowercase = tok_config
                    .and_then(|t| t.get("do_lower_case"))
                    .and_then(Value::as_bool)
                    .unwrap_or(true);
                return Ok(TokenizerFiles::WordPiece { vocab, lowercase });
            }
            Err("no tokenizer: expected tokenizer.json or vocab.txt".into())
        }
        Architecture::Roberta => {
            let vocab = dir.join("vocab.json");
            let merges = dir.join("merges.txt");
            if vocab.is_file() && merges.is_file() {
                return Ok(TokenizerFiles::ByteBpe { vocab, merges });
            }
            Err("no tokenizer: expected tokenizer.json, or vocab.json and merges.txt".into())
        }
    }
}

/// Parse `id2label` into tags, refusing labels byline cannot place.
/// The names of `id2label`, by class index.
fn label_names(config: &Value) -> Result<Vec<String>, String> {
    let map = config
        .get("id2label")
        .and_then(Value::as_object)
        .ok_or("config.json has no id2label; byline needs the model's label names")?;
    let mut by_id = BTreeMap::new();
    for (k, v) in map {
        let id: usize = k
            .parse()
            .map_err(|_| format!("id2label has a key that is not a number: '{k}'"))?;
        let name = v
            .as_str()
            .ok_or_else(|| format!("id2label[{k}] is not a string"))?;
        by_id.insert(id, name.to_string());
    }
    if by_id.keys().copied().ne(0..by_id.len()) {
        return Err("id2label's keys are not 0..n".into());
    }
    Ok(by_id.into_values().collect())
}

fn parse_labels(names: &[String]) -> Result<Vec<Tag>, String> {
    let mut tags = Vec::with_capacity(names.len());
    let mut unknown = Vec::new();
    for name in names {
        let name = name.clone();
        match parse_tag(&name) {
            Some(tag) => tags.push(tag),
            None => unknown.push(name),
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "labels byline cannot map onto PER/ORG/LOC/MISC: {}; see the README's \
             'Transformer NER' section for the labels it knows",
            unknown.join(", ")
        ));
    }
    if !tags.iter().any(|t| t.label.is_some()) {
        return Err("no label of the model maps to PER, ORG, LOC or MISC".into());
    }
    Ok(tags)
}

/// Parse one label: an optional scheme prefix (`B-`, `I-`, `E-`, `S-`, `L-`, `U-`,
/// with `-` or `_`) and a type. `None` for a type byline does not know.
pub fn parse_tag(raw: &str) -> Option<Tag> {
    let trimmed = raw.trim();
    if trimmed.eq_ignore_ascii_case("O") {
        return Some(Tag {
            raw: raw.to_string(),
            kind: TagKind::Outside,
            model_type: String::new(),
            label: None,
        });
    }
    let (kind, ty) = match trimmed.as_bytes() {
        [p, b'-' | b'_', ..] => {
            let rest = &trimmed[2..];
            match p.to_ascii_uppercase() {
                b'B' | b'S' | b'U' => (TagKind::Begin, rest),
                b'I' | b'E' | b'L' | b'M' => (TagKind::Inside, rest),
                _ => (TagKind::Inside, trimmed),
            }
        }
        _ => (TagKind::Inside, trimmed),
    };
    let mapped = map_type(ty)?;
    Some(Tag {
        raw: raw.to_string(),
        kind: if mapped.is_some() {
            kind
        } else {
            TagKind::Outside
        },
        model_type: ty.to_ascii_uppercase(),
        label: mapped,
    })
}

/// A model's entity type in byline's terms: `Some(Some(label))`, `Some(None)` for a type
/// byline drops, `None` for one it does not know.
pub fn map_type(ty: &str) -> Option<Option<EntityLabel>> {
    use EntityLabel::*;
    let t = ty.trim().to_ascii_uppercase();
    Some(match t.as_str() {
        "PER" | "PERS" | "PERSON" => Some(PER),
        "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(ORG),
        "LOC" | "LOCATION" | "GPE" | "FAC" | "FACILITY" => Some(LOC),
        "MISC" | "MISCELLANEOUS" | "NORP" | "EVENT" | "WORK_OF_ART" | "LAW" | "LANGUAGE"
        | "PRODUCT" => Some(MISC),
        "DATE" | "TIME" | "PERCENT" | "MONEY" | "QUANTITY" | "ORDINAL" | "CARDINAL" => None,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_onto_four_types() {
        let t = parse_tag("B-PER").unwrap();
        assert_eq!((t.kind, t.label), (TagKind::Begin, Some(EntityLabel::PER)));
        let t = parse_tag("I-GPE").unwrap();
        assert_eq!((t.kind, t.label), (TagKind::Inside, Some(EntityLabel::LOC)));
        assert_eq!(t.model_type, "GPE");
        let t = parse_tag("S-NORP").unwrap();
        assert_eq!((t.kind, t.label), (TagKind::Begin, Some(EntityLabel::MISC)));
        let t = parse_tag("ORG").unwrap();
        assert_eq!((t.kind, t.label), (TagKind::Inside, Some(EntityLabel::ORG)));
        let t = parse_tag("B-CARDINAL").unwrap();
        assert_eq!((t.kind, t.label), (TagKind::Outside, None));
        assert_eq!(parse_tag("O").unwrap().kind, TagKind::Outside);
        assert!(parse_tag("B-FOOD").is_none());
        assert!(parse_tag("LABEL_3").is_none());
    }

    #[test]
    fn ontonotes_types_all_known() {
        for t in [
            "PERSON",
            "NORP",
            "FAC",
            "ORG",
            "GPE",
            "LOC",
            "PRODUCT",
            "EVENT",
            "WORK_OF_ART",
            "LAW",
            "LANGUAGE",
            "DATE",
            "TIME",
            "PERCENT",
            "MONEY",
            "QUANTITY",
            "ORDINAL",
            "CARDINAL",
        ] {
            assert!(map_type(t).is_some(), "{t}");
        }
    }
}
