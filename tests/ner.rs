//! The shipped NER model, through the library, the pipeline and the CLI.

use byline::ner::{conll, train::evaluate, NerTagger};
use byline::{Document, Pipeline};
use std::path::Path;
use std::sync::OnceLock;

fn tagger() -> &'static NerTagger {
    static T: OnceLock<NerTagger> = OnceLock::new();
    T.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/ner.bin");
        NerTagger::load(&p).expect("models/ner.bin loads")
    })
}

fn types(words: &[&str]) -> Vec<(String, &'static str)> {
    tagger().tag_document(&[words.to_vec()])[0]
        .iter()
        .map(|&(s, e, t)| (words[s..e].join(" "), t.as_str()))
        .collect()
}

#[test]
fn tags_a_sentence_with_the_shipped_model() {
    let got = types(&[
        "Jim", "Mattis", "met", "Angela", "Merkel", "in", "Berlin", ".",
    ]);
    assert_eq!(
        got,
        vec![
            ("Jim Mattis".to_string(), "PER"),
            ("Angela Merkel".to_string(), "PER"),
            ("Berlin".to_string(), "LOC")
        ]
    );
}

#[test]
fn survives_caps_lowercase_and_odd_input() {
    let caps = types(&["ANGELA", "MERKEL", "MEETS", "OBAMA", "IN", "BERLIN"]);
    assert!(!caps.is_empty(), "headline tagged: {caps:?}");
    let _ = types(&["angela", "merkel", "met", "obama", "in", "berlin", "."]);
    let long: Vec<String> = (0..10_000)
        .map(|i| {
            if i % 3 == 0 {
                "Smith".into()
            } else {
                format!("w{i}")
            }
        })
        .collect();
    let odd = vec![
        vec![],
        long,
        vec![
            "\u{200b}".into(),
            "ﬁ".into(),
            "𝔘𝔫𝔦".into(),
            "İ".into(),
            "".into(),
        ],
        vec!["\u{301}".into(); 3],
    ];
    let out = tagger().tag_document(&odd);
    assert_eq!(out.len(), 4);
    for (sent, spans) in odd.iter().zip(&out) {
        assert!(spans.iter().all(|&(s, e, _)| s < e && e <= sent.len()));
    }
}

#[test]
fn pipeline_stage_writes_entities_with_offsets() {
    let text = "Jim Mattis met Angela Merkel in Berlin on Monday.\nMERKEL SAYS NO\n";
    let pipeline = Pipeline::from_names(&["segment", "ner"])
        .expect("ner stage loads")
        .build();
    assert_eq!(pipeline.stage_names(), ["segment", "ner"]);
    let doc = pipeline.annotate(Document::new("d", text)).unwrap();
    assert!(doc.entities.len() >= 3, "{:?}", doc.entities);
    let chars: Vec<char> = text.chars().collect();
    for e in &doc.entities {
        let span: String = chars[e.start as usize..e.end as usize].iter().collect();
        assert_eq!(span, e.text);
    }
    assert_eq!(doc.entities[0].text, "Jim Mattis");
    assert_eq!(doc.entities[0].label.as_str(), "PER");
    // Lower-case and ALL-CAPS documents do not crash the stage.
    for t in [text.to_lowercase(), text.to_uppercase(), "…".repeat(500)] {
        pipeline.annotate(Document::new("x", t)).unwrap();
    }
}

#[test]
fn cli_eval_ner_scores_a_tiny_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pred.conll");
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tiny.conll");
    let assert = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", "ner", "--gold"])
        .arg(&gold)
        .arg("--write-predictions")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("processed 8 tokens with 3 phrases"),
        "{stdout}"
    );
    assert!(stdout.contains("FB1: 100.00"), "{stdout}");
    let pred = std::fs::read_to_string(out).unwrap();
    assert!(pred.contains("Berlin NNP I-NP I-LOC B-LOC"), "{pred}");
}

/// Needs CoNLL-2003 in ../shared (not part of the repository): skipped when absent.
#[test]
fn dev_f1_on_conll2003_testa() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/eng.testa");
    if !path.is_file() {
        eprintln!(
            "SKIPPED dev_f1_on_conll2003_testa: {} not found (CoNLL-2003 lives in ../shared)",
            path.display()
        );
        return;
    }
    let docs = conll::read(&path).unwrap();
    let (score, _) = evaluate(tagger(), &docs);
    assert!(score.f1() > 0.92, "dev F1 {:.4}", score.f1());
}
