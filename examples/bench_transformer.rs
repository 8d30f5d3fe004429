//! Words per second of the transformer NER stage, on pre-segmented documents.
//!
//!     bench_transformer MODEL_DIR DOCS.jsonl [--threads N] [--batch-size N] [--repeat N] [--words-out FILE] [--micro] [--rust-bert-forward]
//!
//! Segments every document first (not timed), optionally writes each document's
//! sentences as word lists (JSON) for the Python side of scripts/bench-transformer.sh,
//! then times `TransformerNer::annotate` over all documents on the CPU, `--repeat` times
//! (0: only write the words), and prints the best pass. `--micro` times one batch instead;
//! `--rust-bert-forward` runs rust-bert's module forward instead of the fused one.

use byline::transformer::{DeviceChoice, TransformerNer, TransformerOptions};
use byline::{Document, Segmenter};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let [model, input] = positional[..] else {
        eprintln!("usage: bench_transformer MODEL_DIR DOCS.jsonl [--threads N] [--batch-size N] [--words-out FILE]");
        std::process::exit(2);
    };
    let options = TransformerOptions {
        device: DeviceChoice::Cpu,
        batch_size: flag("--batch-size").map_or(16, |s| s.parse().unwrap()),
        threads: flag("--threads").map(|s| s.parse().unwrap()),
        fused: !args.iter().any(|a| a == "--rust-bert-forward"),
        ..TransformerOptions::default()
    };
    let ner = TransformerNer::new(model, options).unwrap_or_else(|e| {
        eprintln!("bench_transformer: {e}");
        std::process::exit(2);
    });

    let segmenter = Segmenter::new();
    let mut docs: Vec<Document> = std::fs::read_to_string(input)
        .expect("cannot read the documents")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l).expect("bad JSON line");
            let mut d = Document::new(i.to_string(), v["text"].as_str().expect("no text"));
            segmenter.segment(&mut d);
            d
        })
        .collect();
    let words: usize = docs.iter().map(|d| d.word_count()).sum();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    if let Some(path) = flag("--words-out") {
        let out: Vec<Vec<Vec<&str>>> = docs
            .iter()
            .map(|d| {
                d.sentences
                    .iter()
                    .map(|s| {
                        (s.tokens.0..s.tokens.1)
                            .map(|i| d.token_text(i as usize))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let json = serde_json::json!({"words": words, "docs": out});
        std::fs::write(path, json.to_string()).expect("cannot write the words");
    }

    if args.iter().any(|a| a == "--micro") {
        // 16 copies of one 30-word sentence, ten times: libtorch alone, no document effects.
        let words: Vec<&str> = (0..docs[0].tokens.len().min(30))
            .map(|i| docs[0].token_text(i))
            .collect();
        let units = vec![words; 16];
        ner.tag_words(&units).unwrap();
        let start = Instant::now();
        for _ in 0..10 {
            ner.tag_words(&units).unwrap();
        }
        println!(
            "byline micro: {:.3} s per batch of 16 x {} ids",
            start.elapsed().as_secs_f64() / 10.0,
            ner.input_ids(&units[0]).unwrap().len()
        );
        return;
    }
    // Warm-up on one document, then timed passes over all; the best pass is reported
    // (the machine may be shared; the spread is printed too).
    let repeat: usize = flag("--repeat").map_or(1, |s| s.parse().unwrap());
    if repeat == 0 {
        return;
    }
    ner.annotate(&mut docs[0].clone()).unwrap();
    let mut times = Vec::new();
    let mut entities = 0;
    for _ in 0..repeat {
        let start = Instant::now();
        entities = 0;
        for d in docs.iter_mut() {
            ner.annotate(d).unwrap();
            entities += d.entities.len();
        }
        times.push(start.elapsed().as_secs_f64());
    }
    let best = times.iter().cloned().fold(f64::INFINITY, f64::min);
    let spread: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
    println!(
        "byline (rust-bert, {} forward, libtorch {} threads): {} docs, {words} words ({tokens} tokens), best of [{}] s: {:.0} words/s ({entities} entities)",
        if ner.fused() { "fused" } else { "module" },
        tch::get_num_threads(),
        docs.len(),
        spread.join(", "),
        words as f64 / best
    );
}
