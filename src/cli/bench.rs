//! `byline bench`: throughput of segmentation and of the whole pipeline, on one core.

use anyhow::{bail, Result};
use byline::corpus::{self, synthetic, InputFormat, RecordReader};
use byline::{Document, Pipeline, Segmenter};
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
#[command(after_help = "\
Measures on the calling thread only, so the figures are per core:
  segment     paragraphs, sentences and tokens
  pipeline    every default stage
  pipeline+json  the same, plus writing the JSON output record

Examples:
  byline bench                         a synthetic corpus of 2,000 articles
  byline bench ../shared/data/polnear/dev/text --seconds 5")]
pub struct BenchArgs {
    /// Text or JSON Lines inputs to measure on (default: a synthetic corpus).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Size of the synthetic corpus, when no input is given.
    #[arg(long, default_value_t = 2000)]
    docs: u64,
    /// Minimum seconds to spend on each measurement.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
}

pub fn run(args: BenchArgs) -> Result<i32> {
    let docs: Vec<Document> = if args.inputs.is_empty() {
        (0..args.docs)
            .map(|i| Document::new(format!("synthetic-{i}"), synthetic::article(42, i)))
            .collect()
    } else {
        let sources = corpus::resolve_inputs(&args.inputs).map_err(anyhow::Error::msg)?;
        RecordReader::new(sources, InputFormat::Auto, usize::MAX / 8)
            .filter_map(|r| r.doc.ok())
            .collect()
    };
    if docs.is_empty() {
        bail!("no documents to measure on");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pipeline = Pipeline::default();
    let words: usize = docs
        .iter()
        .map(|d| {
            pipeline
                .annotate(d.clone())
                .map(|d| d.word_count())
                .unwrap_or(0)
        })
        .sum();
    println!(
        "corpus: {} documents, {:.2} MB, {} words; stages: {}",
        docs.len(),
        bytes as f64 / 1e6,
        words,
        pipeline.stage_names().join(", ")
    );
    println!(
        "{:<15} {:>10} {:>14} {:>12}",
        "measure", "MB/s", "words/s", "docs/s"
    );

    let segmenter = Segmenter::new();
    let mut scratch = docs.clone();
    report("segment", bytes, words, docs.len(), args.seconds, || {
        for d in scratch.iter_mut() {
            segmenter.segment(d);
        }
    });
    report("pipeline", bytes, words, docs.len(), args.seconds, || {
        for d in &docs {
            std::hint::black_box(pipeline.annotate(d.clone()).ok());
        }
    });
    let mut buf = Vec::with_capacity(1 << 20);
    report(
        "pipeline+json",
        bytes,
        words,
        docs.len(),
        args.seconds,
        || {
            for d in &docs {
                buf.clear();
                if let Ok(doc) = pipeline.annotate(d.clone()) {
                    let _ = serde_json::to_writer(&mut buf, &doc);
                }
                std::hint::black_box(&buf);
            }
        },
    );
    Ok(super::EXIT_OK)
}

/// Run `pass` (one pass over the corpus) until `seconds` have gone by; print rates.
fn report(
    name: &str,
    bytes: usize,
    words: usize,
    docs: usize,
    seconds: f64,
    mut pass: impl FnMut(),
) {
    pass(); // warm-up
    let start = Instant::now();
    let mut passes = 0u64;
    while passes == 0 || start.elapsed().as_secs_f64() < seconds {
        pass();
        passes += 1;
    }
    let t = start.elapsed().as_secs_f64() / passes as f64;
    println!(
        "{name:<15} {:>10.1} {:>14.0} {:>12.0}",
        bytes as f64 / t / 1e6,
        words as f64 / t,
        docs as f64 / t
    );
}
