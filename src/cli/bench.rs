//! `byline bench`: throughput of segmentation and of the whole pipeline, on one core.

use anyhow::{anyhow, bail, Result};
use byline::corpus::{self, synthetic, InputFormat, RecordReader};
use byline::ner::{conll, NerTagger};
use byline::{Document, Pipeline, Segmenter};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
Measures on the calling thread only, so the figures are per core:
  segment     paragraphs, sentences and tokens
  pipeline    every default stage
  pipeline+json  the same, plus writing the JSON output record

Examples:
  byline bench                         a synthetic corpus of 2,000 articles
  byline bench ../shared/data/polnear/dev/text --seconds 5"
)]
pub struct BenchArgs {
    #[command(subcommand)]
    stage: Option<BenchCommand>,
    /// Text or JSON Lines inputs to measure on (default: a synthetic corpus).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Size of the synthetic corpus, when no input is given.
    #[arg(long, default_value_t = 2000)]
    docs: u64,
    /// Minimum seconds to spend on each measurement.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// Stages of the pipeline measured, comma-separated (default: all).
    #[arg(long, value_delimiter = ',', default_values_t = byline::pipeline::KNOWN_STAGES.iter().map(|s| s.to_string()))]
    stages: Vec<String>,
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// NER tagging speed on one core: tokens per second over a CoNLL file.
    ///
    ///     byline bench ner --input eng.testb
    Ner(NerBenchArgs),
    /// Seconds per MB of each stage as one document grows, on prose and pathological
    /// texts: whether every stage stays linear.
    ///
    ///     byline bench scaling --sizes 10K,100K,1M,5M
    Scaling(super::scaling::ScalingArgs),
}

#[derive(Args)]
pub struct NerBenchArgs {
    /// CoNLL file whose tokens are tagged (tags are ignored).
    #[arg(long)]
    input: PathBuf,
    /// The model (default: the shipped models/ner.bin).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Passes over the input.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
}

pub fn run(args: BenchArgs) -> Result<i32> {
    match args.stage {
        Some(BenchCommand::Ner(a)) => return ner(a),
        Some(BenchCommand::Scaling(a)) => return super::scaling::run(a),
        None => {}
    }
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
    let pipeline = Pipeline::from_names(&args.stages)
        .map_err(anyhow::Error::msg)?
        .build();
    let words: usize = docs
        .iter()
        .map(|d| {
            pipeline
                .annotate(d.clone())
                .map(|d| d.word_count())
                .unwrap_or(0)
        })
        .sum();
    outln!(
        "corpus: {} documents, {:.2} MB, {} words; stages: {}",
        docs.len(),
        bytes as f64 / 1e6,
        words,
        pipeline.stage_names().join(", ")
    );
    outln!(
        "{:<15} {:>10} {:>14} {:>12}",
        "measure",
        "MB/s",
        "words/s",
        "docs/s"
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
    outln!(
        "{name:<15} {:>10.1} {:>14.0} {:>12.0}",
        bytes as f64 / t / 1e6,
        words as f64 / t,
        docs as f64 / t
    );
}

fn ner(a: NerBenchArgs) -> Result<i32> {
    let path = a.model.unwrap_or_else(NerTagger::default_model_path);
    let t = Instant::now();
    let tagger = NerTagger::load(&path).map_err(|e| anyhow!(e))?;
    let load = t.elapsed().as_secs_f64();
    let docs = conll::read(&a.input).map_err(|e| anyhow!(e))?;
    let words: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().map(|d| d.token_count()).sum();
    let mut entities = 0usize;
    let t = Instant::now();
    for _ in 0..a.repeat.max(1) {
        for d in &words {
            entities += tagger
                .tag_document(d)
                .iter()
                .map(|s| s.len())
                .sum::<usize>();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let n = tokens * a.repeat.max(1);
    outln!("model load      {load:.3} s ({})", path.display());
    outln!("tagged          {n} tokens in {secs:.3} s, one thread ({entities} entities)");
    outln!("throughput      {:.0} tokens/s", n as f64 / secs);
    Ok(super::EXIT_OK)
}
