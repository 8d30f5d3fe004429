//! Reading byline's own output back (for `export` and `view`): JSON Lines, plain
//! or gzip, a record per line, each a document or an error record; and the files
//! written under a `.partial` name until they are complete.

use anyhow::{Context, Result};
use byline::document::{
    Document, Entity, EntityCluster, Quote, Sentence, Source, SourceSummary, Token,
};
use byline::tables::Entry;
use flate2::read::MultiGzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Read every record of `inputs` (files, or `-` for standard input), in order,
/// and hand each to `each`; with `tokens`, the token layers are read too. A line
/// that is not byline output becomes a `malformed_json` error entry. Shows a
/// spinner on a terminal unless `quiet`. Returns (records, error records).
pub fn read(
    inputs: &[PathBuf],
    tokens: bool,
    quiet: bool,
    mut each: impl FnMut(Entry<'_>) -> Result<()>,
) -> Result<(u64, u64)> {
    let bar = (!quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} records ({per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    });
    let (mut records, mut errors) = (0u64, 0u64);
    let mut line = Vec::new();
    for input in inputs {
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
            let parsed = parse_line(bytes, tokens, || format!("{name}:{number}"));
            let entry = match &parsed {
                Parsed::Document(doc) => Entry::Document(doc),
                Parsed::Error { id, kind, message } => {
                    errors += 1;
                    Entry::Error { id, kind, message }
                }
            };
            each(entry)?;
            records += 1;
            if let Some(bar) = &bar {
                bar.set_position(records);
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok((records, errors))
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
pub enum Parsed {
    Document(Box<Document>),
    Error {
        id: String,
        kind: String,
        message: String,
    },
}

pub fn parse_line(line: &[u8], tokens: bool, fallback_id: impl FnOnce() -> String) -> Parsed {
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

pub fn open(path: &Path) -> Result<Box<dyn BufRead>> {
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
pub struct Pending {
    pub partial: PathBuf,
    pub path: PathBuf,
}

impl Pending {
    /// Create `path` + `.partial`, and the writer to fill it.
    pub fn create(path: PathBuf) -> Result<(BufWriter<File>, Pending)> {
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
    pub fn commit(&self) -> Result<()> {
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
pub struct Partial {
    pub out: BufWriter<File>,
    pub pending: Pending,
}

impl Partial {
    pub fn create(path: PathBuf) -> Result<Partial> {
        let (out, pending) = Pending::create(path)?;
        Ok(Partial { out, pending })
    }

    pub fn finish(mut self) -> Result<()> {
        self.out
            .flush()
            .with_context(|| format!("cannot write {}", self.pending.partial.display()))?;
        self.pending.commit()
    }
}
