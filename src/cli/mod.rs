//! Command-line interface: argument parsing and one module per subcommand.

mod annotate;
mod bench;
mod eval;
mod generate;
mod train;

use clap::{Parser, Subcommand};

/// Exit status: every record processed cleanly.
pub const EXIT_OK: i32 = 0;
/// Exit status: the run finished, but some records became error records.
pub const EXIT_RECORD_ERRORS: i32 = 1;
/// Exit status: bad usage or an I/O failure stopped the run.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about = "Who is in the news and who said what.",
    long_about = "byline reads English news and annotates it: paragraphs, sentences and tokens \
                  with character offsets, as JSON Lines, one record per input document.",
    after_help = "Start with:  byline annotate data/samples/ --pretty"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate documents: text files, directories, JSON Lines or stdin in, JSON Lines out.
    Annotate(annotate::AnnotateArgs),
    /// Measure throughput per core: the pipeline (MB/s, words/s), or one stage (`bench ner`).
    Bench(bench::BenchArgs),
    /// Write a synthetic news corpus as JSON Lines, for benchmarks.
    Generate(generate::GenerateArgs),
    /// Score byline against reference annotations.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model shipped in models/ (NER tagger, cue model, span model).
    #[command(subcommand)]
    Train(train::TrainCommand),
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Annotate(args) => annotate::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => train::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("byline: error: {e:#}");
            EXIT_USAGE
        }
    }
}
