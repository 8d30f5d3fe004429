//! Command-line interface: argument parsing and one module per subcommand.

/// `println!` for the commands' reports: a reader that hangs up early (`| head`)
/// ends the run quietly with status 0, as Unix tools do, instead of a panic.
macro_rules! outln {
    () => {
        $crate::cli::emit(format_args!("\n"))
    };
    ($($t:tt)*) => {
        $crate::cli::emit(format_args!("{}\n", format_args!($($t)*)))
    };
}

/// `print!` with [`outln!`]'s handling of a reader that hangs up.
macro_rules! out {
    ($($t:tt)*) => {
        $crate::cli::emit(format_args!($($t)*))
    };
}

mod accurate;
mod annotate;
mod bench;
mod eval;
mod export;
mod generate;
mod records;
mod scaling;
mod train;
mod view;
mod warnings;

use clap::{Parser, Subcommand};

/// Exit status: every record processed cleanly.
pub const EXIT_OK: i32 = 0;
/// Exit status: the run finished, but some records became error records.
pub const EXIT_RECORD_ERRORS: i32 = 1;
/// Exit status: bad usage or an I/O failure stopped the run.
pub const EXIT_USAGE: i32 = 2;

/// Write a report's text to standard output; where the reader has gone away, end
/// the process quietly (status 0), and where writing fails otherwise, with status 2.
pub(crate) fn emit(args: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(EXIT_OK);
        }
        eprintln!("byline: error: cannot write output: {e}");
        std::process::exit(EXIT_USAGE);
    }
}

/// "1 document", "2 documents".
pub(crate) fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Standard output closed by the caller (`byline annotate x >&-`) would swallow
/// every record without an error: Rust's runtime puts `/dev/null` in the place of
/// a closed standard descriptor, opened read-write, as no shell redirection opens
/// it (`>/dev/null` is write-only). On Linux that is told from /proc; say so.
pub(crate) fn check_stdout_open() -> anyhow::Result<()> {
    let target = std::fs::read_link("/proc/self/fd/1").ok();
    let flags = std::fs::read_to_string("/proc/self/fdinfo/1")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        });
    const O_ACCMODE: u32 = 0o3;
    const O_RDWR: u32 = 0o2;
    let reopened = target.is_some_and(|t| t == std::path::Path::new("/dev/null"))
        && flags.is_some_and(|f| f & O_ACCMODE == O_RDWR);
    if reopened {
        anyhow::bail!("standard output is closed; give -o FILE or redirect it");
    }
    Ok(())
}

#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about = "Who is in the news and who said what.",
    long_about = "byline reads English news and says who is in it and who said what: \
                  paragraphs, sentences and tokens; people, organizations and places; \
                  quotes (direct, indirect, mixed) with their cue and source; each source \
                  resolved to the person or body it names, and whether it is anonymous, \
                  with the statement that says so. Output is JSON Lines, one record per \
                  input document, offsets in code points.",
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
    /// Flat tables of annotated output: documents, quotes, entities, sources as Parquet or CSV.
    Export(export::ExportArgs),
    /// HTML pages to read by eye: entities coloured, quotes linked to speakers, anonymous sources flagged.
    View(view::ViewArgs),
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
        Command::Export(args) => export::run(args),
        Command::View(args) => view::run(args),
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
