//! Reading inputs as a stream of records.
//!
//! An input is a text file (one document), a directory (every `*.txt` below it,
//! in sorted order), a JSON Lines file (one document per line), or standard
//! input (`-`, JSON Lines when its first byte is `{`, else one text document).
//! Nothing is read ahead beyond the record being returned, so memory stays
//! bounded however large the corpus.
//!
//! Every record yields one [`Record`]: a document, or the error that stands in
//! for it. A blank line in JSON Lines is not a record.

use crate::document::Document;
use crate::stage::{DocError, ErrorKind};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// By extension: `.jsonl`, `.ndjson`, `.json` are JSON Lines, anything else is text;
    /// standard input is JSON Lines when it starts with `{`.
    #[default]
    Auto,
    /// Each file (or standard input) is one document.
    Text,
    /// One JSON object per line, with `text`, an optional `id`, and any other fields kept as metadata.
    Jsonl,
}

/// One input record: its id, the document or the error that replaces it, and the bytes it took.
#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub doc: Result<Document, DocError>,
    pub bytes: u64,
}

impl Record {
    fn error(id: String, kind: ErrorKind, message: impl Into<String>, bytes: u64) -> Record {
        Record {
            id,
            doc: Err(DocError::new(kind, message)),
            bytes,
        }
    }
}

/// Something to read, after directories are expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// Expand the inputs named on a command line: `-` is standard input, a directory
/// brings every `*.txt` below it (sorted). A path that does not exist is an error.
pub fn resolve_inputs(args: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if arg.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(arg).follow_links(true) {
                let entry = entry.map_err(|e| format!("cannot walk {}: {e}", arg.display()))?;
                let path = entry.path();
                if entry.file_type().is_file() && path.extension().is_some_and(|x| x == "txt") {
                    files.push(path.to_path_buf());
                }
            }
            files.sort();
            sources.extend(files.into_iter().map(Source::File));
        } else if arg.exists() {
            sources.push(Source::File(arg.clone()));
        } else {
            return Err(format!("{}: no such file or directory", arg.display()));
        }
    }
    Ok(sources)
}

/// Total size in bytes of the file sources, when every source is a file (for progress and ETA).
pub fn total_bytes(sources: &[Source]) -> Option<u64> {
    let mut total = 0;
    for s in sources {
        match s {
            Source::Stdin => return None,
            Source::File(p) => total += std::fs::metadata(p).ok()?.len(),
        }
    }
    Some(total)
}

/// A stream of records over several sources, read lazily.
pub struct RecordReader {
    sources: VecDeque<Source>,
    format: InputFormat,
    /// Files longer than this many bytes are not read: a code point takes at most 4.
    max_bytes: u64,
    current: Option<JsonLines>,
}

struct JsonLines {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
}

impl RecordReader {
    pub fn new(sources: Vec<Source>, format: InputFormat, max_chars: usize) -> Self {
        RecordReader {
            sources: sources.into(),
            format,
            max_bytes: (max_chars as u64).saturating_mul(4),
            current: None,
        }
    }

    /// Open the next source: a text source yields its one record at once; a
    /// JSON Lines source becomes `current` and yields nothing yet.
    fn open_next(&mut self) -> Option<Record> {
        let (name, reader, jsonl): (String, Box<dyn BufRead + Send>, bool) = match self
            .sources
            .pop_front()?
        {
            Source::Stdin => {
                let mut stdin = BufReader::with_capacity(1 << 16, io::stdin());
                let starts_json = match stdin.fill_buf() {
                    Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                    Err(_) => false,
                };
                let jsonl = match self.format {
                    InputFormat::Jsonl => true,
                    InputFormat::Text => false,
                    InputFormat::Auto => starts_json,
                };
                ("stdin".into(), Box::new(stdin), jsonl)
            }
            Source::File(path) => {
                let name = path.display().to_string();
                let file = match File::open(&path) {
                    Ok(f) => f,
                    Err(e) => {
                        return Some(Record::error(
                            name,
                            ErrorKind::Io,
                            format!("cannot open: {e}"),
                            0,
                        ))
                    }
                };
                let jsonl = match self.format {
                    InputFormat::Jsonl => true,
                    InputFormat::Text => false,
                    InputFormat::Auto => is_jsonl_path(&path),
                };
                let len = file.metadata().map(|m| m.len()).unwrap_or(0);
                if !jsonl && len > self.max_bytes {
                    return Some(Record::error(
                        name,
                        ErrorKind::TooLong,
                        format!("the file has {len} bytes, more than --max-chars allows; not read"),
                        len,
                    ));
                }
                (
                    name,
                    Box::new(BufReader::with_capacity(1 << 16, file)),
                    jsonl,
                )
            }
        };
        if jsonl {
            self.current = Some(JsonLines::new(name, reader));
            None
        } else {
            Some(read_text(name, reader, self.max_bytes))
        }
    }
}

impl Iterator for RecordReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(lines) = &mut self.current {
                match lines.next_record() {
                    Some(r) => return Some(r),
                    None => self.current = None,
                }
            }
            if self.sources.is_empty() {
                return None;
            }
            if let Some(r) = self.open_next() {
                return Some(r);
            }
        }
    }
}

fn is_jsonl_path(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x.to_ascii_lowercase().as_str(), "jsonl" | "ndjson" | "json"))
}

/// Read one whole text document.
fn read_text(name: String, reader: impl Read, max_bytes: u64) -> Record {
    let mut bytes = Vec::new();
    // Read one byte past the limit to know it was exceeded without reading everything.
    if let Err(e) = reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        return Record::error(
            name,
            ErrorKind::Io,
            format!("cannot read: {e}"),
            bytes.len() as u64,
        );
    }
    let n = bytes.len() as u64;
    if n > max_bytes {
        return Record::error(
            name,
            ErrorKind::TooLong,
            "the input is longer than --max-chars allows",
            n,
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => Record {
            doc: Ok(Document::new(name.clone(), text)),
            id: name,
            bytes: n,
        },
        Err(e) => Record::error(
            name,
            ErrorKind::InvalidUtf8,
            format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
            n,
        ),
    }
}

impl JsonLines {
    fn new(name: String, reader: Box<dyn BufRead + Send>) -> Self {
        JsonLines {
            name,
            reader,
            line: 0,
            buf: Vec::new(),
        }
    }

    fn next_record(&mut self) -> Option<Record> {
        loop {
            self.buf.clear();
            self.line += 1;
            let n = match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => n as u64,
                Err(e) => {
                    let id = format!("{}:{}", self.name, self.line);
                    // A read error ends this source: report it once and move on.
                    self.reader = Box::new(io::empty());
                    return Some(Record::error(
                        id,
                        ErrorKind::Io,
                        format!("cannot read: {e}"),
                        0,
                    ));
                }
            };
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let fallback_id = format!("{}:{}", self.name, self.line);
            return Some(parse_json_record(&self.buf, fallback_id, n));
        }
    }
}

/// Turn one JSON Lines record into a document, or the error that replaces it.
pub fn parse_json_record(line: &[u8], fallback_id: String, bytes: u64) -> Record {
    let line = match std::str::from_utf8(line) {
        Ok(s) => s,
        Err(e) => {
            return Record::error(
                fallback_id,
                ErrorKind::InvalidUtf8,
                format!("the line is not valid UTF-8 at byte {}", e.valid_up_to()),
                bytes,
            )
        }
    };
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return Record::error(
                fallback_id,
                ErrorKind::MalformedJson,
                format!("not valid JSON: {e}"),
                bytes,
            )
        }
    };
    let Value::Object(mut map) = value else {
        return Record::error(
            fallback_id,
            ErrorKind::MalformedJson,
            "expected a JSON object with a \"text\" field",
            bytes,
        );
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(other) => {
            let what = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
                Value::String(_) => "a string",
            };
            return Record::error(
                id,
                ErrorKind::InvalidText,
                format!("\"text\" must be a string, not {what}"),
                bytes,
            );
        }
        None => {
            return Record::error(
                id,
                ErrorKind::MissingText,
                "the record has no \"text\" field",
                bytes,
            )
        }
    };
    let mut doc = Document::new(id.clone(), text);
    doc.meta = std::mem::replace(&mut map, Map::new());
    Record {
        id,
        doc: Ok(doc),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Record {
        parse_json_record(s.as_bytes(), "f:1".into(), s.len() as u64)
    }

    #[test]
    fn json_records() {
        let r = parse(r#"{"id": 7, "text": "Hi.", "source": "wire", "tags": [1]}"#);
        let doc = r.doc.unwrap();
        assert_eq!((r.id.as_str(), doc.text.as_str()), ("7", "Hi."));
        assert_eq!(doc.meta["source"], "wire");
        assert_eq!(doc.meta["tags"][0], 1);

        let kind = |s: &str| parse(s).doc.unwrap_err().kind;
        assert_eq!(kind("{not json"), ErrorKind::MalformedJson);
        assert_eq!(kind("[1, 2]"), ErrorKind::MalformedJson);
        assert_eq!(kind(r#"{"id": "a"}"#), ErrorKind::MissingText);
        assert_eq!(kind(r#"{"text": 5}"#), ErrorKind::InvalidText);
        assert_eq!(parse(r#"{"text": 5}"#).id, "f:1");
        assert_eq!(parse(r#"{"id":"x","text": null}"#).id, "x");
        let bad = parse_json_record(b"{\"text\": \"\xff\"}", "f:2".into(), 11);
        assert_eq!(bad.doc.unwrap_err().kind, ErrorKind::InvalidUtf8);
    }
}
