//! `byline generate`: write a synthetic news corpus as JSON Lines.

use anyhow::{Context, Result};
use byline::corpus::synthetic;
use clap::Args;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Args)]
#[command(after_help = "\
Articles are stitched from templates (names, places, numbers, quotes) by a seeded generator:
the same seed gives the same corpus on any machine. For benchmarks and load tests:

  byline generate --docs 100000 -o corpus.jsonl
  byline annotate corpus.jsonl -o /dev/null")]
pub struct GenerateArgs {
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    docs: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: GenerateArgs) -> Result<i32> {
    if args.output.is_none() {
        super::check_stdout_open()?;
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, &mut out);
    let written = (0..args.docs)
        .try_for_each(|i| writeln!(out, "{}", synthetic::jsonl_record(args.seed, i)))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(super::EXIT_OK),
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(super::EXIT_OK),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write output")),
    }
}
