//! `byline export`: annotated JSON Lines in, flat tables (Parquet or CSV) out.

use anyhow::{bail, Context, Result};
use byline::document::{
    Document, Entity, EntityCluster, Quote, Sentence, Source, SourceSummary, Token,
};
use byline::formats::{brat, conll};
use byline::tables::csv::CsvTable;
use byline::tables::parquet::ParquetTable;
use byline::tables::{Entry, Table, TableWriter};
use clap::Args;
use flate2::read::MultiGzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(after_help = "\
Examples:
  byline annotate corpus/ -o annotated.jsonl.gz && byline export annotated.jsonl.gz -o tables/
  byline annotate corpus/ --layers slim | byline export - -o tables/ --format csv
  byline export annotated.jsonl -o tables/ --tables quotes,sources
  byline export annotated.jsonl -o brat/ --format brat   for brat, or `byline eval quotes`
  byline annotate corpus/ | byline export - -o conll/ --format conll
  byline export --columns                             what every column holds

Then, in DuckDB:  SELECT speaker_name, count(*) FROM 'tables/quotes.parquet'
                  GROUP BY 1 ORDER BY 2 DESC;
      in pandas:  pd.read_parquet('tables/quotes.parquet')

Input: the JSON Lines byline annotate writes, any --layers (tokens are not needed), plain or
.gz. Output: DIR/documents, DIR/quotes, DIR/entities and DIR/sources, .parquet or .csv: one
row per output record (error records included, so rows equal records), per quote, per entity
mention and per source mention. Indices are 0-based positions in the document's lists, as in
the JSON; (doc_id, source) joins quotes to sources, (doc_id, cluster) entities to speakers.
Each file is written under a .partial name and renamed when complete.

Exit status: 0 all records exported; 1 some records were error records or lines that are not
byline output (each is a documents row with its error); 2 usage error or I/O failure.")]
pub struct ExportArgs {
    /// byline's JSON Lines output (plain or .gz), or - for standard input.
    #[arg(value_name = "INPUT", required_unless_present = "columns")]
    inputs: Vec<PathBuf>,

    /// The directory to write the tables into (created if missing).
    #[arg(short, long, value_name = "DIR", required_unless_present = "columns")]
    output: Option<PathBuf>,

    /// What to write: tables as parquet (Snappy-compressed, typed columns) or csv (a
    /// header row, null as empty); or brat standoff files, or CoNLL. For brat and conll,
    /// records that cannot be written (error records; no text, or no tokens for conll)
    /// go to DIR/errors.jsonl.
    #[arg(long, value_enum, default_value_t = TableFormat::Parquet)]
    format: TableFormat,

    /// Which tables to write, comma-separated: documents, quotes, entities, sources.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "documents,quotes,entities,sources"
    )]
    tables: Vec<String>,

    /// Print every table's columns (name, type, meaning) and exit.
    #[arg(long)]
    columns: bool,

    /// No progress and no summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// The four tables as Parquet files.
    Parquet,
    /// The four tables as CSV files.
    Csv,
    /// brat standoff: NAME.txt and NAME.ann per document (entities; quotes as
    /// Source/Cue/Content events), with annotation.conf and visual.conf.
    Brat,
    /// CoNLL: DIR/tokens.conll, a token and its IOB2 entity tag per line (needs the
    /// tokens and sentences layers).
    Conll,
}

impl TableFormat {
    fn extension(self) -> &'static str {
        match self {
            TableFormat::Parquet => "parquet",
            TableFormat::Csv => "csv",
            TableFormat::Brat => "ann",
            TableFormat::Conll => "conll",
        }
    }
}

/// The token layers of a line, read for CoNLL only.
#[derive(Deserialize)]
struct TokenLayers {
    #[serde(default)]
    tokens: Vec<Token>,
    #[serde(default)]
    sentences: Vec<Sentence>,
}

/// One line of byline's output, without the layers no table reads (tokens,
/// sentences, paragraphs are skipped unparsed).
#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    error: Option<ErrorField>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    meta: Map<String, Value>,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    clusters: Vec<EntityCluster>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    summary: Option<SourceSummary>,
}

#[derive(Deserialize)]
struct ErrorField {
    kind: String,
    #[serde(default)]
    message: String,
}

/// What a line becomes.
enum Parsed {
    Document(Box<Document>),
    Error {
        id: String,
        kind: String,
        message: String,
    },
}

fn parse_line(line: &[u8], tokens: bool, fallback_id: impl FnOnce() -> String) -> Parsed {
    let bad = |id: String, message: String| Parsed::Error {
        id,
        kind: "malformed_json".into(),
        message,
    };
    let line_bytes = line;
    let line: Line = match serde_json::from_slice(line) {
        Ok(l) => l,
        Err(e) => return bad(fallback_id(), format!("not a byline output record: {e}")),
    };
    let Some(id) = line.id else {
        return bad(
            fallback_id(),
            "not a byline output record: no \"id\"".into(),
        );
    };
    if let Some(error) = line.error {
        return Parsed::Error {
            id,
            kind: error.kind,
            message: error.message,
        };
    }
    let mut doc = Document::new(id, line.text);
    doc.meta = line.meta;
    doc.entities = line.entities;
    doc.clusters = line.clusters;
    doc.quotes = line.quotes;
    doc.sources = line.sources;
    doc.summary = line.summary;
    if tokens {
        if let Ok(layers) = serde_json::from_slice::<TokenLayers>(line_bytes) {
            doc.tokens = layers.tokens;
            doc.sentences = layers.sentences;
            doc.reindex();
        }
    }
    Parsed::Document(Box::new(doc))
}

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        return Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())));
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader: Box<dyn Read> = if byline::corpus::is_gzip_path(path) {
        Box::new(MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file)))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 16, reader)))
}

/// A file being written under a `.partial` name, renamed when complete.
struct Pending {
    partial: PathBuf,
    path: PathBuf,
}

impl Pending {
    /// Create `path` + `.partial`, and the writer to fill it.
    fn create(path: PathBuf) -> Result<(BufWriter<File>, Pending)> {
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = File::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        Ok((
            BufWriter::with_capacity(1 << 20, file),
            Pending { partial, path },
        ))
    }

    /// The file is complete: give it its name.
    fn commit(&self) -> Result<()> {
        fs::rename(&self.partial, &self.path).with_context(|| {
            format!(
                "cannot rename {} to {}",
                self.partial.display(),
                self.path.display()
            )
        })
    }
}

/// A plain file written under a `.partial` name.
struct Partial {
    out: BufWriter<File>,
    pending: Pending,
}

impl Partial {
    fn create(path: PathBuf) -> Result<Partial> {
        let (out, pending) = Pending::create(path)?;
        Ok(Partial { out, pending })
    }

    fn finish(mut self) -> Result<()> {
        self.out
            .flush()
            .with_context(|| format!("cannot write {}", self.pending.partial.display()))?;
        self.pending.commit()
    }
}

/// Where the records go.
enum Sink {
    Tables {
        tables: Vec<(Table, Box<dyn TableWriter>, Pending)>,
        rows: Vec<u64>,
    },
    /// brat or CoNLL files, and the records they cannot hold.
    Files {
        format: TableFormat,
        dir: PathBuf,
        conll: Option<Partial>,
        errors: Box<Partial>,
        stems: HashSet<String>,
        written: u64,
        set_aside: u64,
    },
}

impl Sink {
    fn open(format: TableFormat, dir: &Path, chosen: &[Table]) -> Result<Sink> {
        if let TableFormat::Parquet | TableFormat::Csv = format {
            let mut tables = Vec::new();
            for &table in chosen {
                let path = dir.join(format!("{}.{}", table.name(), format.extension()));
                let (file, pending) = Pending::create(path)?;
                let writer: Box<dyn TableWriter> = match format {
                    TableFormat::Parquet => Box::new(ParquetTable::new(file, table.columns())?),
                    _ => Box::new(CsvTable::new(file, table.columns())?),
                };
                tables.push((table, writer, pending));
            }
            return Ok(Sink::Tables {
                rows: vec![0; tables.len()],
                tables,
            });
        }
        if format == TableFormat::Brat {
            for (name, conf) in [
                ("annotation.conf", brat::ANNOTATION_CONF),
                ("visual.conf", brat::VISUAL_CONF),
            ] {
                let path = dir.join(name);
                fs::write(&path, conf)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        Ok(Sink::Files {
            format,
            dir: dir.to_path_buf(),
            conll: (format == TableFormat::Conll)
                .then(|| Partial::create(dir.join("tokens.conll")))
                .transpose()?,
            errors: Box::new(Partial::create(dir.join("errors.jsonl"))?),
            stems: HashSet::new(),
            written: 0,
            set_aside: 0,
        })
    }

    fn write(&mut self, entry: Entry<'_>) -> Result<()> {
        match self {
            Sink::Tables { tables, rows } => {
                for (k, (table, writer, _)) in tables.iter_mut().enumerate() {
                    let rows = &mut rows[k];
                    table
                        .rows(entry, &mut |cells| {
                            *rows += 1;
                            writer.row(cells)
                        })
                        .with_context(|| format!("cannot write the {} table", table.name()))?;
                }
                Ok(())
            }
            Sink::Files {
                format,
                dir,
                conll,
                errors,
                stems,
                written,
                set_aside,
            } => {
                let problem = match entry {
                    Entry::Error { id, kind, message } => {
                        Some((id, kind.to_string(), message.to_string()))
                    }
                    Entry::Document(doc) if doc.text.is_empty() => Some((
                        doc.id.as_str(),
                        "no_text".to_string(),
                        "the record has no text layer (annotate with --layers all)".to_string(),
                    )),
                    Entry::Document(doc)
                        if *format == TableFormat::Conll && doc.tokens.is_empty() =>
                    {
                        Some((
                            doc.id.as_str(),
                            "no_tokens".to_string(),
                            "the record has no tokens layer (annotate with --layers all)"
                                .to_string(),
                        ))
                    }
                    Entry::Document(_) => None,
                };
                if let Some((id, kind, message)) = problem {
                    let record = byline::document::ErrorRecord::new(id, kind, message);
                    serde_json::to_writer(&mut errors.out, &record)?;
                    errors.out.write_all(b"\n")?;
                    *set_aside += 1;
                    return Ok(());
                }
                let Entry::Document(doc) = entry else {
                    return Ok(());
                };
                if let Some(conll) = conll {
                    conll.out.write_all(conll::document(doc).as_bytes())?;
                } else {
                    // One pair of files per document, under a name no other took.
                    let base = brat::file_stem(&doc.id);
                    let mut stem = base.clone();
                    let mut n = 1;
                    while !stems.insert(stem.clone()) {
                        n += 1;
                        stem = format!("{base}-{n}");
                    }
                    let txt = dir.join(format!("{stem}.txt"));
                    fs::write(&txt, &doc.text)
                        .with_context(|| format!("cannot write {}", txt.display()))?;
                    let ann = dir.join(format!("{stem}.ann"));
                    fs::write(&ann, brat::ann(doc))
                        .with_context(|| format!("cannot write {}", ann.display()))?;
                }
                *written += 1;
                Ok(())
            }
        }
    }

    /// Close every file; what was written, for the summary line.
    fn finish(self) -> Result<String> {
        match self {
            Sink::Tables { tables, rows } => {
                let mut written = Vec::new();
                for ((table, writer, pending), rows) in tables.into_iter().zip(rows) {
                    writer
                        .finish()
                        .with_context(|| format!("cannot write {}", pending.partial.display()))?;
                    pending.commit()?;
                    written.push(format!("{} {}", table.name(), rows));
                }
                Ok(format!("rows {}", written.join(", ")))
            }
            Sink::Files {
                format,
                conll,
                errors,
                written,
                set_aside,
                ..
            } => {
                if let Some(conll) = conll {
                    conll.finish()?;
                }
                errors.finish()?;
                let what = if format == TableFormat::Conll {
                    "documents in tokens.conll"
                } else {
                    "documents as .txt and .ann"
                };
                Ok(format!("{written} {what}, {set_aside} in errors.jsonl"))
            }
        }
    }
}

fn print_columns() {
    for table in Table::ALL {
        outln!("{} ({}):", table.name(), table.about());
        for c in table.columns() {
            outln!("  {:<26} {:<8} {}", c.name, c.kind.name(), c.about);
        }
        outln!();
    }
}

pub fn run(args: ExportArgs) -> Result<i32> {
    if args.columns {
        print_columns();
        return Ok(super::EXIT_OK);
    }
    let Some(dir) = args.output.as_deref() else {
        bail!("give the directory to write the tables into: -o DIR");
    };
    let mut chosen = Vec::new();
    for name in &args.tables {
        match Table::from_name(name.trim()) {
            Some(t) if !chosen.contains(&t) => chosen.push(t),
            Some(_) => {}
            None => bail!("unknown table '{name}'; tables: documents, quotes, entities, sources"),
        }
    }
    for input in &args.inputs {
        if input != Path::new("-") && !input.is_file() {
            bail!(
                "{} is not a file (give byline's JSON Lines output)",
                input.display()
            );
        }
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut sink = Sink::open(args.format, dir, &chosen)?;

    let bar = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} records ({per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    });
    let (mut records, mut errors) = (0u64, 0u64);
    let mut line = Vec::new();
    for input in &args.inputs {
        let name = if input == Path::new("-") {
            "stdin".to_string()
        } else {
            input.display().to_string()
        };
        let mut reader = open(input)?;
        let mut number = 0u64;
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .with_context(|| format!("cannot read {name}"))?;
            if n == 0 {
                break;
            }
            number += 1;
            let mut bytes = line.as_slice();
            if number == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = parse_line(bytes, args.format == TableFormat::Conll, || {
                format!("{name}:{number}")
            });
            let entry = match &parsed {
                Parsed::Document(doc) => Entry::Document(doc),
                Parsed::Error { id, kind, message } => {
                    errors += 1;
                    Entry::Error { id, kind, message }
                }
            };
            sink.write(entry)?;
            records += 1;
            if let Some(bar) = &bar {
                bar.set_position(records);
            }
        }
    }
    let written = sink.finish()?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!(
            "byline: exported {} ({}) to {}: {written}",
            super::count(records, "record", "records"),
            super::count(errors, "error", "errors"),
            dir.display(),
        );
    }
    Ok(if errors > 0 {
        super::EXIT_RECORD_ERRORS
    } else {
        super::EXIT_OK
    })
}
