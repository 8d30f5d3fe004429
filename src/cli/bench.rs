//! `byline bench …`: throughput of a stage on real data.

use anyhow::{anyhow, Result};
use byline::ner::{conll, NerTagger};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// NER tagging speed on one core: tokens per second over a CoNLL file.
    ///
    ///     byline bench ner --input eng.testb
    Ner(NerBenchArgs),
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

pub fn run(cmd: BenchCommand) -> Result<i32> {
    match cmd {
        BenchCommand::Ner(a) => {
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
            println!("model load      {load:.3} s ({})", path.display());
            println!("tagged          {n} tokens in {secs:.3} s, one thread ({entities} entities)");
            println!("throughput      {:.0} tokens/s", n as f64 / secs);
            Ok(super::EXIT_OK)
        }
    }
}
