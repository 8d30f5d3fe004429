//! Command-line interface: argument parsing and one module per subcommand.

mod bench;
mod eval;
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
    about = "Who is in the news and who said what."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score byline against reference annotations.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model.
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Measure a stage's speed.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
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
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => train::run(cmd),
        Command::Bench(cmd) => bench::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("byline: error: {e:#}");
            EXIT_USAGE
        }
    }
}
