//! `byline annotate`: the everyday command. Inputs in, JSON Lines out.

use anyhow::{Context, Result};
use byline::corpus::{self, BatchOptions, BatchStats, InputFormat, RecordReader};
use byline::document::Layers;
use byline::pipeline::{Pipeline, DEFAULT_MAX_CHARS, KNOWN_STAGES};
use byline::quotes::QuoteFinder;
use clap::Args;
use flate2::write::GzEncoder;
use flate2::Compression;
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
#[command(after_help = "\
Examples:
  byline annotate data/samples/                      every *.txt below a directory
  byline annotate news.jsonl -o annotated.jsonl      one document per JSON line
  byline annotate news.jsonl.gz -o out.jsonl.gz      gzip in and out
  byline annotate news.jsonl --layers slim -o s.jsonl  no tokens or sentences (analytics)
  cat article.txt | byline annotate - --pretty       one document from standard input
  byline annotate news.jsonl --ner transformer --ner-model models/ner   entities from a transformer
                                                     (a build with --features transformer)

Input records: a text file is one document (its id is its path); a JSON Lines record needs
\"text\" (or the field --text-field names), takes an optional \"id\" (else FILE:LINE), and
keeps every other field under \"meta\".
Blank JSON lines are skipped.

Output: one JSON record per input record, in input order: an annotated document, or
{\"id\": …, \"error\": {\"kind\": …, \"message\": …}} for a record that could not be annotated
(kinds: malformed_json, missing_text, invalid_text, invalid_utf8, nul_byte, empty_text,
too_long, io, stage, internal). The format is described in docs/schema.md.

Exit status: 0 every record annotated; 1 some records became error records;
2 usage error, missing input, or output could not be written.")]
pub struct AnnotateArgs {
    /// Text files, directories (every *.txt and *.txt.gz below them), JSON Lines files, or -
    /// for standard input; a .gz file is decompressed as it is read.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Write output here instead of standard output (gzip-compressed when FILE ends in .gz).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// How to read inputs; `auto` goes by file extension (.jsonl/.ndjson/.json are JSON Lines).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    format: InputFormat,

    /// The JSON Lines field that holds each record's text (`--text-field body`).
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,

    /// Indented JSON for reading by eye (several lines per record).
    #[arg(long)]
    pretty: bool,

    /// What each record carries: a preset (`all`, the default; `slim`: no tokens,
    /// sentences or paragraphs, for analytics; `quotes`: quotes, sources and summary)
    /// or layer names (text, paragraphs, sentences, tokens, entities, clusters, quotes,
    /// sources, summary), comma-separated and united: `--layers quotes,text`.
    /// `schema_version`, `id` and `meta` are always written.
    #[arg(long, value_name = "LAYERS", default_value = "all", value_parser = Layers::parse)]
    layers: Layers,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Documents longer than this many characters become `too_long` error records.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CHARS)]
    max_chars: usize,

    /// Stages to run, comma-separated, in order.
    #[arg(long, value_delimiter = ',', default_values_t = KNOWN_STAGES.iter().map(|s| s.to_string()))]
    stages: Vec<String>,

    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,

    /// The NER stage's backend: `builtin` (the tagger shipped in models/), `transformer`
    /// (a Hugging Face token-classification model from --ner-model; needs a build with
    /// `--features transformer`), or `none`.
    #[arg(long, value_name = "BACKEND", default_value = "builtin")]
    ner: String,

    /// Model directory for `--ner transformer`, as transformers' save_pretrained writes it
    /// (config.json, tokenizer.json or vocab files, model.safetensors).
    #[arg(long, value_name = "DIR")]
    ner_model: Option<PathBuf>,

    /// Where the transformer runs: auto uses a CUDA GPU when libtorch sees one.
    #[arg(long, value_enum, default_value_t = Device::Auto)]
    device: Device,

    /// Sequences per forward pass of the transformer.
    #[arg(long, value_name = "N", default_value_t = 16)]
    ner_batch_size: usize,

    /// libtorch's threads for the transformer (default: one per physical core). Forward
    /// passes run one at a time, each spread over these threads.
    #[arg(long, value_name = "N")]
    ner_threads: Option<usize>,

    /// `default`: the pure-Rust stages. `accurate`: also byline's fine-tuned encoder
    /// (--encoder-model), run once per window before the quotes stage, whose cue and role
    /// tags the quotes stage reads (needs a build with `--features transformer`).
    #[arg(long, value_enum, default_value_t = PipelineChoice::Default)]
    pipeline: PipelineChoice,

    /// The attribution encoder for `--pipeline accurate` (default: models/encoder).
    #[arg(long, value_name = "DIR")]
    encoder_model: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PipelineChoice {
    Default,
    Accurate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Device {
    Auto,
    Cpu,
    Cuda,
}

/// The NER stage `--ner` asks for: the built-in tagger, a transformer, or none.
fn ner_stage(args: &AnnotateArgs) -> Result<Option<Box<dyn byline::Processor>>> {
    match args.ner.as_str() {
        "builtin" => {
            let tagger = byline::ner::NerTagger::load_default().map_err(anyhow::Error::msg)?;
            Ok(Some(Box::new(tagger)))
        }
        "none" => Ok(None),
        "transformer" => {
            let Some(dir) = &args.ner_model else {
                anyhow::bail!(
                    "--ner transformer needs --ner-model DIR (a Hugging Face model directory)"
                );
            };
            transformer_stage(dir, args)
        }
        other => anyhow::bail!("unknown NER backend '{other}'; known: builtin, transformer, none"),
    }
}

#[cfg(feature = "transformer")]
fn transformer_stage(
    dir: &std::path::Path,
    args: &AnnotateArgs,
) -> Result<Option<Box<dyn byline::Processor>>> {
    use byline::transformer::{TransformerNer, TransformerOptions};
    let options = TransformerOptions {
        device: super::accurate::device_choice(args.device),
        batch_size: args.ner_batch_size.max(1),
        threads: args.ner_threads,
        ..TransformerOptions::default()
    };
    let ner = TransformerNer::new(dir, options).context("cannot load the transformer NER model")?;
    Ok(Some(Box::new(ner)))
}

#[cfg(not(feature = "transformer"))]
fn transformer_stage(
    _dir: &std::path::Path,
    _args: &AnnotateArgs,
) -> Result<Option<Box<dyn byline::Processor>>> {
    anyhow::bail!(
        "this byline was built without the transformer NER backend; build it with \
         `scripts/setup-transformer.sh` then `scripts/cargo-transformer.sh build --release` \
         (cargo's feature `transformer`; see the README's 'Transformer NER' section)"
    )
}

pub fn run(args: AnnotateArgs) -> Result<i32> {
    // The stages in order, with the NER backend --ner chose in the "ner" slot, so
    // that quotes and speakers downstream see its entities; the accurate pipeline's
    // encoder runs just before the quotes stage.
    let accurate = args.pipeline == PipelineChoice::Accurate;
    if accurate && !args.stages.iter().any(|s| s == "quotes") {
        anyhow::bail!("--pipeline accurate changes the quotes stage; --stages must include quotes");
    }
    let mut builder = Pipeline::builder().max_chars(args.max_chars);
    for name in &args.stages {
        if name == "ner" {
            if let Some(stage) = ner_stage(&args)? {
                builder = builder.boxed_stage(stage);
            }
        } else if name == "quotes" && accurate {
            let encoder = super::accurate::Encoder {
                dir: args.encoder_model.clone(),
                device: args.device,
                threads: args.ner_threads,
            };
            builder = builder.boxed_stage(encoder.stage()?);
            builder = builder.stage(QuoteFinder::new().with_encoder(super::accurate::proposer()));
        } else {
            builder = builder.named_stage(name).map_err(anyhow::Error::msg)?;
        }
    }
    let pipeline = builder.build();
    let sources = corpus::resolve_inputs(&args.inputs).map_err(anyhow::Error::msg)?;
    for w in super::warnings::warnings(&args.stages, &args.inputs, &sources, args.format) {
        eprintln!("byline: warning: {w}");
    }
    let total = corpus::total_bytes(&sources);
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;

    if let Some(path) = &args.output {
        refuse_overwriting_inputs(path, &sources)?;
    } else {
        super::check_stdout_open()?;
    }
    let mut out: Box<dyn Output> = match &args.output {
        Some(path) => {
            let file = BufWriter::with_capacity(
                1 << 20,
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
            );
            if corpus::is_gzip_path(path) {
                Box::new(GzEncoder::new(file, Compression::default()))
            } else {
                Box::new(file)
            }
        }
        None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout())),
    };

    let bar = progress_bar(total, args.quiet);
    let started = Instant::now();
    let reader =
        RecordReader::new(sources, args.format, args.max_chars).text_field(&args.text_field);
    let options = BatchOptions {
        pretty: args.pretty,
        layers: args.layers,
        ..BatchOptions::default()
    };
    let result = pool.install(|| {
        corpus::annotate_stream(&pipeline, reader, &mut out, options, |stats| {
            if let Some(bar) = &bar {
                bar.set_position(stats.bytes);
                let rate = stats.words_per_second(started.elapsed());
                bar.set_message(format!(
                    "{} docs, {} errors, {:.0} words/s",
                    stats.records, stats.errors, rate
                ));
            }
        })
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let stats = match result {
        Ok(stats) => stats,
        // The reader went away (`| head`, quitting `less`): stop quietly, as Unix tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(super::EXIT_OK),
        Err(e) => return Err(anyhow::Error::new(e).context("cannot write output")),
    };
    out.finish().context("cannot write output")?;
    if !args.quiet {
        eprintln!("{}", summary(&stats, started.elapsed().as_secs_f64()));
    }
    Ok(if stats.errors > 0 {
        super::EXIT_RECORD_ERRORS
    } else {
        super::EXIT_OK
    })
}

/// `-o` naming one of the inputs would truncate it before it is read: refuse.
fn refuse_overwriting_inputs(output: &std::path::Path, sources: &[corpus::Source]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // not there yet: it cannot be an input
    };
    for s in sources {
        if let corpus::Source::File(p) = s {
            if p.canonicalize().is_ok_and(|p| p == out) {
                anyhow::bail!(
                    "the output {} is also an input; writing it would destroy the input \
                     before it is read (choose another -o)",
                    output.display()
                );
            }
        }
    }
    Ok(())
}

/// A bar with rate and ETA when the input size is known, else a spinner; none unless stderr is a terminal.
fn progress_bar(total: Option<u64>, quiet: bool) -> Option<ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} ({binary_bytes_per_sec}, ETA {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {bytes} read ({binary_bytes_per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// Where the records go: written, then finished (a gzip stream writes its trailer).
trait Output: Write + Send {
    fn finish(self: Box<Self>) -> io::Result<()>;
}

impl<W: Write + Send> Output for BufWriter<W> {
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.flush()
    }
}

impl<W: Write + Send> Output for GzEncoder<W> {
    fn finish(self: Box<Self>) -> io::Result<()> {
        GzEncoder::finish(*self)?.flush()
    }
}

fn summary(stats: &BatchStats, seconds: f64) -> String {
    format!(
        "byline: {} ({}), {} in {:.2} s: {:.0} words/s",
        super::count(stats.records, "document", "documents"),
        super::count(stats.errors, "error", "errors"),
        super::count(stats.words, "word", "words"),
        seconds,
        stats.words as f64 / seconds.max(1e-9)
    )
}
