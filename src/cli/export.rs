//! `byline export`: annotated JSON Lines in, flat tables (Parquet or CSV) out.

use super::records::{self, Partial, Pending};
use anyhow::{bail, Context, Result};
use byline::formats::{brat, conll};
use byline::tables::csv::CsvTable;
use byline::tables::parquet::ParquetTable;
use byline::tables::{Entry, Table, TableWriter};
use clap::Args;
use std::collections::HashSet;
use std::fs;
use std::io::Write;
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

    let (records, errors) = records::read(
        &args.inputs,
        args.format == TableFormat::Conll,
        args.quiet,
        |entry| sink.write(entry),
    )?;
    let written = sink.finish()?;
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
