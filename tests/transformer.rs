//! Tests of the transformer NER backend (cargo feature `transformer`).
//!
//! The model tests read fixtures that `scripts/test-transformer.sh` generates with
//! PyTorch (tiny random models and PyTorch's logits and labels for a few sentences) into
//! `tests/fixtures/transformer/generated`. The error tests need no weights.
#![cfg(feature = "transformer")]

use byline::transformer::{TransformerError, TransformerNer, TransformerOptions};
use byline::{Document, Pipeline, Segmenter};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    common::transformer::fixtures("tiny-bert.expected.json")
}

use common::transformer::cpu;

fn load(name: &str, options: TransformerOptions) -> (TransformerNer, Value) {
    let dir = fixtures();
    let ner = TransformerNer::new(dir.join(name), options)
        .unwrap_or_else(|e| panic!("cannot load {name}: {e}"));
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
    )
    .unwrap();
    (ner, expected)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Entities as (first token, end token, label), for comparison with PyTorch's.
fn spans(doc: &Document) -> Vec<(u32, u32, String)> {
    doc.entities
        .iter()
        .map(|e| (e.tokens.0, e.tokens.1, e.label.as_str().to_string()))
        .collect()
}

fn expected_spans(sentence: &Value, offset: u32) -> Vec<(u32, u32, String)> {
    sentence["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_u64().unwrap() as u32 + offset,
                e[1].as_u64().unwrap() as u32 + offset,
                e[2].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_model(name: &str) {
    let (ner, expected) = load(name, cpu());
    assert!(ner.fused(), "{name} should run on the fused forward pass");
    assert_eq!(ner.labels(), strings(&expected["labels"]));
    let pipeline = Pipeline::builder().stage(Segmenter::new()).build();
    let mut worst = 0f32;
    for s in expected["sentences"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        let words = strings(&s["words"]);
        let doc = pipeline.annotate(Document::new("t", text)).unwrap();
        let tokens: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
        assert_eq!(
            tokens, words,
            "byline's tokens differ from the fixture's words"
        );

        // Same sub-word ids as transformers' tokenizer with is_split_into_words=True.
        let ids = ner.input_ids(&tokens).unwrap();
        let py_ids: Vec<i64> = s["input_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        assert_eq!(ids, py_ids, "{name}: input ids of {text:?}");

        // Same logits as PyTorch.
        let logits = ner.logits(&ids).unwrap();
        let py: Vec<f32> = s["logits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|row| {
                row.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap() as f32)
            })
            .collect();
        assert_eq!(logits.len(), py.len());
        for (a, b) in logits.iter().zip(&py) {
            worst = worst.max((a - b).abs());
        }

        // Same word labels, and the entities decoded from them.
        let tags = ner
            .tag_words(std::slice::from_ref(&tokens))
            .unwrap()
            .remove(0);
        let labels = ner.labels();
        let got: Vec<Value> = tags
            .iter()
            .map(|t| t.map_or(Value::Null, |k| Value::from(labels[k])))
            .collect();
        assert_eq!(
            got,
            s["word_labels"].as_array().unwrap().clone(),
            "{name}: {text:?}"
        );

        let mut doc = doc;
        ner.annotate(&mut doc).unwrap();
        assert_eq!(
            spans(&doc),
            expected_spans(s, 0),
            "{name}: entities of {text:?}"
        );
        for e in &doc.entities {
            assert_eq!(
                doc.slice(byline::document::Span::new(e.start, e.end))
                    .unwrap(),
                e.text
            );
        }
    }
    eprintln!("{name}: largest logit difference from PyTorch: {worst:e}");
    assert!(
        worst < 1e-4,
        "{name}: logits differ from PyTorch's by {worst}"
    );
}

#[test]
fn bert_matches_pytorch() {
    check_model("tiny-bert");
}

#[test]
fn bert_from_vocab_txt_matches_pytorch() {
    check_model("tiny-bert-vocab-only");
}

#[test]
fn distilbert_matches_pytorch() {
    check_model("tiny-distilbert");
}

#[test]
fn roberta_matches_pytorch() {
    check_model("tiny-roberta");
}

#[test]
fn roberta_from_vocab_json_matches_pytorch() {
    check_model("tiny-roberta-vocab-only");
}

/// All sentences in one document: batched together, padded, same answers.
/// rust-bert's own module-by-module forward pass (kept for comparison) computes the same
/// logits as the fused one, on models whose layer-norm epsilon is rust-bert's 1e-12.
#[test]
fn module_forward_matches_fused_forward() {
    for name in ["tiny-bert", "tiny-distilbert"] {
        let (fused, expected) = load(name, cpu());
        let (module, _) = load(
            name,
            TransformerOptions {
                fused: false,
                ..cpu()
            },
        );
        assert!(fused.fused() && !module.fused());
        for s in expected["sentences"].as_array().unwrap() {
            let words = strings(&s["words"]);
            let words: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
            let ids = fused.input_ids(&words).unwrap();
            let (a, b) = (fused.logits(&ids).unwrap(), module.logits(&ids).unwrap());
            assert_eq!(a.len(), b.len());
            let worst = a
                .iter()
                .zip(&b)
                .map(|(x, y)| (x - y).abs())
                .fold(0f32, f32::max);
            assert!(
                worst < 1e-4,
                "{name}: fused and module logits differ by {worst}"
            );
        }
    }
}

#[test]
fn a_document_is_tagged_sentence_by_sentence_in_batches() {
    for name in ["tiny-bert", "tiny-roberta"] {
        for batch_size in [1, 2, 16] {
            let (ner, expected) = load(
                name,
                TransformerOptions {
                    batch_size,
                    ..cpu()
                },
            );
            let sentences = expected["sentences"].as_array().unwrap();
            let text: Vec<&str> = sentences
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            let pipeline = Pipeline::builder()
                .stage(Segmenter::new())
                .stage(ner)
                .build();
            let doc = pipeline
                .annotate(Document::new("d", text.join(" ")))
                .unwrap();
            assert_eq!(doc.sentences.len(), sentences.len());
            let mut want = Vec::new();
            for (s, sent) in sentences.iter().zip(&doc.sentences) {
                want.extend(expected_spans(s, sent.tokens.0));
            }
            assert_eq!(spans(&doc), want, "{name}, batch size {batch_size}");
        }
    }
}

/// A sentence longer than the model's window (tiny-bert: 64 positions) is cut into
/// overlapping windows; every word still gets a label and entities stay well formed.
#[test]
fn long_sentences_use_overlapping_windows() {
    let (ner, expected) = load("tiny-bert", cpu());
    let words: Vec<String> = expected["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| strings(&s["words"]))
        .filter(|w| w != ".")
        .collect();
    let long: Vec<&str> = words
        .iter()
        .chain(&words)
        .chain(&words)
        .map(|s| s.as_str())
        .collect();
    assert!(ner.input_ids(&long).unwrap().len() > 64 * 2);
    let tags = ner
        .tag_words(std::slice::from_ref(&long))
        .unwrap()
        .remove(0);
    assert_eq!(tags.len(), long.len());
    assert!(tags.iter().all(|t| t.is_some()));

    // A window of 24 positions (22 sub-tokens) cuts even an ordinary sentence.
    let (short, _) = load(
        "tiny-bert",
        TransformerOptions {
            max_length: Some(24),
            ..cpu()
        },
    );
    let first = &expected["sentences"][0];
    let sentence: Vec<String> = strings(&first["words"]);
    let sentence: Vec<&str> = sentence.iter().map(|s| s.as_str()).collect();
    let cut = short
        .tag_words(std::slice::from_ref(&sentence))
        .unwrap()
        .remove(0);
    assert_eq!(cut.len(), sentence.len());
    assert!(cut.iter().all(|t| t.is_some()));

    // Through the pipeline: a long document, entities inside it and in order.
    let text = long.join(" ") + ".";
    let pipeline = Pipeline::builder()
        .stage(Segmenter::new())
        .stage(short)
        .build();
    let doc = pipeline.annotate(Document::new("long", text)).unwrap();
    assert!(!doc.entities.is_empty());
    for pair in doc.entities.windows(2) {
        assert!(pair[0].tokens.1 <= pair[1].tokens.0);
    }
    for e in &doc.entities {
        let t0 = &doc.tokens[e.tokens.0 as usize];
        let t1 = &doc.tokens[e.tokens.1 as usize - 1];
        assert_eq!((e.start, e.end), (t0.start, t1.end));
    }
}

#[test]
fn documents_without_tokens_are_refused() {
    let (ner, _) = load("tiny-bert", cpu());
    let pipeline = Pipeline::builder().stage(ner).build();
    let err = pipeline
        .annotate(Document::new("x", "Some text."))
        .unwrap_err();
    assert!(err.message.contains("segment"), "{}", err.message);
}

// ---- Errors for bad model directories (no weights needed) ----

fn model_dir(config: &str, files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if !config.is_empty() {
        std::fs::write(dir.path().join("config.json"), config).unwrap();
    }
    for f in files {
        std::fs::write(dir.path().join(f), "").unwrap();
    }
    dir
}

fn error_of(dir: &Path) -> String {
    match TransformerNer::new(dir, cpu()) {
        Ok(_) => panic!("{} loaded", dir.display()),
        Err(e) => {
            assert!(matches!(e, TransformerError::ModelDir { .. }), "{e:?}");
            e.to_string()
        }
    }
}

const BERT_CONFIG: &str = r#"{"model_type": "bert", "architectures": ["BertForTokenClassification"],
  "id2label": {"0": "O", "1": "B-PER", "2": "I-PER", "3": "B-DATE"}}"#;

#[test]
fn missing_directory_or_config() {
    let e = error_of(Path::new("/nonexistent/model"));
    assert!(e.contains("not a directory"), "{e}");
    let dir = model_dir("", &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(e.contains("config.json is missing"), "{e}");
    let dir = model_dir("{not json", &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(e.contains("not valid JSON"), "{e}");
}

#[test]
fn missing_weights() {
    let dir = model_dir(BERT_CONFIG, &["vocab.txt"]);
    let e = error_of(dir.path());
    assert!(
        e.contains("no weights") && e.contains("model.safetensors"),
        "{e}"
    );
    let dir = model_dir(BERT_CONFIG, &["vocab.txt", "pytorch_model.bin"]);
    let e = error_of(dir.path());
    assert!(
        e.contains("pytorch_model.bin") && e.contains("safetensors"),
        "{e}"
    );
}

#[test]
fn missing_tokenizer() {
    let dir = model_dir(BERT_CONFIG, &["model.safetensors"]);
    let e = error_of(dir.path());
    assert!(e.contains("no tokenizer") && e.contains("vocab.txt"), "{e}");
    let roberta = BERT_CONFIG.replace("\"bert\"", "\"roberta\"").replace(
        "BertForTokenClassification",
        "RobertaForTokenClassification",
    );
    let dir = model_dir(&roberta, &["model.safetensors", "vocab.json"]);
    let e = error_of(dir.path());
    assert!(e.contains("merges.txt"), "{e}");
}

#[test]
fn unknown_architecture() {
    let gpt = r#"{"model_type": "gpt2", "architectures": ["GPT2ForTokenClassification"],
      "id2label": {"0": "O", "1": "B-PER"}}"#;
    let dir = model_dir(gpt, &["model.safetensors", "tokenizer.json"]);
    let e = error_of(dir.path());
    assert!(e.contains("gpt2") && e.contains("supported"), "{e}");

    let mlm = r#"{"model_type": "bert", "architectures": ["BertForMaskedLM"],
      "id2label": {"0": "O", "1": "B-PER"}}"#;
    let dir = model_dir(mlm, &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(
        e.contains("BertForMaskedLM") && e.contains("token-classification"),
        "{e}"
    );

    let dir = model_dir(r#"{"id2label": {"0": "O"}}"#, &["model.safetensors"]);
    let e = error_of(dir.path());
    assert!(e.contains("architecture"), "{e}");
}

#[test]
fn labels_that_cannot_be_mapped() {
    let cfg = r#"{"model_type": "bert", "id2label": {"0": "LABEL_0", "1": "LABEL_1"}}"#;
    let dir = model_dir(cfg, &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(
        e.contains("LABEL_0") && e.contains("PER/ORG/LOC/MISC"),
        "{e}"
    );

    let cfg = r#"{"model_type": "bert", "id2label": {"0": "O", "1": "B-PER", "2": "B-FOOD"}}"#;
    let dir = model_dir(cfg, &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(e.contains("B-FOOD") && !e.contains("B-PER,"), "{e}");

    let cfg = r#"{"model_type": "bert", "id2label": {"0": "O", "1": "B-DATE"}}"#;
    let dir = model_dir(cfg, &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(e.contains("no label"), "{e}");

    let cfg = r#"{"model_type": "bert"}"#;
    let dir = model_dir(cfg, &["model.safetensors", "vocab.txt"]);
    let e = error_of(dir.path());
    assert!(e.contains("id2label"), "{e}");
}

/// Weights that do not fit config.json are an error, not a crash.
#[test]
fn weights_that_do_not_fit_the_config() {
    let src = fixtures().join("tiny-bert");
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "model.safetensors",
        "tokenizer.json",
        "vocab.txt",
        "tokenizer_config.json",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let mut cfg: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("config.json")).unwrap()).unwrap();
    cfg["hidden_size"] = Value::from(64);
    cfg["intermediate_size"] = Value::from(128);
    std::fs::write(dir.path().join("config.json"), cfg.to_string()).unwrap();
    let e = error_of(dir.path());
    assert!(e.contains("do not fit"), "{e}");

    // A corrupt weights file.
    std::fs::write(dir.path().join("model.safetensors"), b"not safetensors").unwrap();
    std::fs::write(
        dir.path().join("config.json"),
        std::fs::read_to_string(src.join("config.json")).unwrap(),
    )
    .unwrap();
    let e = error_of(dir.path());
    assert!(e.contains("do not fit") || e.contains("weights"), "{e}");
}

mod common;
