//! Tests of the accurate pipeline's attribution encoder (cargo feature `transformer`):
//! its scores against PyTorch's on a tiny random model and on the shipped
//! `models/encoder`, and the accurate pipeline end to end. The fixtures come from
//! `scripts/test-transformer.sh` (scripts/make_transformer_fixtures.py).
#![cfg(feature = "transformer")]

use byline::quotes::{EncoderCues, QuoteFinder};
use byline::transformer::AttributionEncoder;
use byline::{Document, Pipeline, Processor, Segmenter};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    common::transformer::fixtures("tiny-attribution.expected.json")
}

use common::transformer::cpu;

fn shipped() -> PathBuf {
    root().join("models/encoder")
}

/// Byline's scores for each fixture sentence against PyTorch's, to `tol`.
fn check_parity(model: &Path, expected: &Path, tol: f32) {
    let enc = AttributionEncoder::new(model, cpu()).unwrap();
    let exp: Value = serde_json::from_str(&std::fs::read_to_string(expected).unwrap()).unwrap();
    let labels: Vec<String> = serde_json::from_value(exp["labels"].clone()).unwrap();
    assert_eq!(enc.labels(), labels.as_slice());
    let mut worst = 0f32;
    let mut checked = 0;
    for s in exp["sentences"].as_array().unwrap() {
        let mut doc = Document::new("t", s["text"].as_str().unwrap());
        Segmenter::new().process(&mut doc).unwrap();
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
        let want: Vec<String> = serde_json::from_value(s["words"].clone()).unwrap();
        assert_eq!(
            words, want,
            "byline's tokens differ from the fixture's words"
        );
        let got = enc.encode(&doc).unwrap();
        for (i, row) in s["scores"].as_array().unwrap().iter().enumerate() {
            match row.as_array() {
                None => assert!(got.row(i).is_none(), "word {i} should be unscored"),
                Some(row) => {
                    let ours = got.row(i).expect("scored");
                    for (a, b) in ours.iter().zip(row) {
                        let d = (a - b.as_f64().unwrap() as f32).abs();
                        worst = worst.max(d);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} scores compared");
    assert!(
        worst <= tol,
        "largest difference from PyTorch {worst} > {tol}"
    );
    eprintln!(
        "{}: {checked} scores, largest difference {worst:e}",
        model.display()
    );
}

#[test]
fn tiny_encoder_matches_pytorch() {
    let dir = fixtures();
    check_parity(
        &dir.join("tiny-attribution"),
        &dir.join("tiny-attribution.expected.json"),
        1e-4,
    );
}

#[test]
fn shipped_encoder_matches_pytorch() {
    let expected = fixtures().join("shipped-encoder.expected.json");
    assert!(
        shipped().join("heads.json").is_file() && expected.is_file(),
        "models/encoder and its fixture are expected in this checkout"
    );
    check_parity(&shipped(), &expected, 1e-3);
}

/// The accurate pipeline: segment, ner, encoder, quotes (encoder proposer first),
/// speakers, sources.
fn accurate(model: &Path) -> Pipeline {
    Pipeline::from_names(&["segment", "ner"])
        .unwrap()
        .stage(AttributionEncoder::new(model, cpu()).unwrap())
        .stage(QuoteFinder::new().with_encoder(EncoderCues::default()))
        .named_stage("speakers")
        .and_then(|b| b.named_stage("sources"))
        .unwrap()
        .build()
}

#[test]
fn the_encoder_layer_reaches_the_quotes_stage() {
    // A random model says random things; what matters is that the layer is there, the
    // stages read it without failing, and every span stays inside the text.
    let p = accurate(&fixtures().join("tiny-attribution"));
    let text = "Officials said the plan would fail. \"We will not back down,\" said Senator \
                Elizabeth Warren of Massachusetts.\n\nMicrosoft and OpenAI signed a deal, officials said.";
    let doc = p.annotate(Document::new("d", text)).unwrap();
    let enc = doc
        .encoded
        .as_ref()
        .expect("the encoder stage leaves its scores");
    assert_eq!(enc.reached.len(), doc.tokens.len());
    assert!(enc.reached.iter().all(|&r| r));
    let n = text.chars().count() as u32;
    for q in &doc.quotes {
        for c in &q.content {
            assert!(c.start < c.end && c.end <= n);
        }
    }
    // Never serialized.
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("cue:B"));
}

#[test]
#[ignore = "issue 16 open: with the encoder's cues the first official's anonymity statement is not linked (anonymity_cue None on \"President Trump is preparing…\"); every other seed check passes"]
fn the_accurate_pipeline_passes_the_seed_acceptance_test_where_shared_data_is() {
    let seed = root().join("../shared/fixtures/seed-article.txt");
    if !seed.is_file() {
        eprintln!("SKIPPED: ../shared/fixtures/seed-article.txt is absent");
        return;
    }
    let text = std::fs::read_to_string(&seed).unwrap();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("../shared/fixtures/seed-article.expected.json"))
            .unwrap(),
    )
    .unwrap();
    let doc = accurate(&shipped())
        .annotate(Document::new("seed", text))
        .unwrap();
    let mut problems = common::seed::quote_failures(&doc, &expected);
    problems.extend(common::seed::anonymity_failures(&doc, &expected));
    assert!(
        problems.is_empty(),
        "seed article, accurate pipeline:\n{}",
        problems.join("\n")
    );
}

mod common;
