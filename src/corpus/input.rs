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
use flate2::read::MultiGzDecoder;
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
    /// An entry of a directory that could not be walked (a symlink loop, a dangling
    /// link, an unreadable subdirectory): it becomes one `io` error record, in its
    /// place in sorted order, and the rest of the directory is read.
    Unreadable {
        name: String,
        message: String,
    },
}

/// Expand the inputs named on a command line: `-` is standard input, a directory
/// brings every `*.txt` (and `*.txt.gz`) below it (sorted; an entry that cannot be walked becomes a
/// [`Source::Unreadable`] in its place). A path that does not exist is an error.
pub fn resolve_inputs(args: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if arg.is_dir() {
            let mut found: Vec<(PathBuf, Source)> = Vec::new();
            for entry in walkdir::WalkDir::new(arg).follow_links(true) {
                match entry {
                    Ok(entry) => {
                        let path = entry.path();
                        if entry.file_type().is_file() && is_text_path(path) {
                            found.push((path.to_path_buf(), Source::File(path.to_path_buf())));
                        }
                    }
                    Err(e) => {
                        let path = e.path().unwrap_or(arg).to_path_buf();
                        let message = match e.loop_ancestor() {
                            Some(a) => format!("a symbolic link loop back to {}", a.display()),
                            None => match e.io_error() {
                                Some(io) => format!("cannot read: {io}"),
                                None => format!("cannot read: {e}"),
                            },
                        };
                        let name = path.display().to_string();
                        found.push((path, Source::Unreadable { name, message }));
                    }
                }
            }
            found.sort_by(|a, b| a.0.cmp(&b.0));
            sources.extend(found.into_iter().map(|(_, s)| s));
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
            Source::Unreadable { .. } => {}
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
    /// JSON Lines lines longer than this are not kept ([`max_line_bytes`]).
    max_line_bytes: usize,
    current: Option<JsonLines>,
    text_field: std::sync::Arc<str>,
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Most bytes of metadata (every field but `text` and `id`) one JSON record may
/// carry; a record with more is a `too_long` error record.
pub const MAX_METADATA_BYTES: usize = 16 << 20;

/// The longest JSON Lines line kept for `max_chars` characters of text: JSON may
/// spend 12 bytes on one code point (`\ud83d\ude00`), and the metadata has its
/// own bound. A longer line becomes a `too_long` record without being read into
/// memory, and reading goes on after its newline.
pub fn max_line_bytes(max_chars: usize) -> usize {
    max_chars
        .saturating_mul(12)
        .saturating_add(MAX_METADATA_BYTES)
        .saturating_add(1024)
}

struct JsonLines {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    max_line: usize,
    /// Inside a line that went over `max_line`: its error record is out, the rest
    /// of it is skipped up to its newline.
    skipping: bool,
    /// The field that holds a record's text.
    text_field: std::sync::Arc<str>,
}

impl RecordReader {
    /// Read each JSON record's text from `field` instead of `"text"`.
    pub fn text_field(mut self, field: &str) -> Self {
        self.text_field = field.into();
        if let Some(current) = &mut self.current {
            current.text_field = self.text_field.clone();
        }
        self
    }

    pub fn new(sources: Vec<Source>, format: InputFormat, max_chars: usize) -> Self {
        RecordReader {
            sources: sources.into(),
            format,
            max_bytes: (max_chars as u64).saturating_mul(4),
            max_line_bytes: max_line_bytes(max_chars),
            current: None,
            text_field: "text".into(),
        }
    }

    /// Records from JSON Lines read from any reader (bytes in memory, a
    /// decompressor, a socket), as a JSON Lines file is read.
    pub fn jsonl(
        name: impl Into<String>,
        reader: Box<dyn BufRead + Send>,
        max_chars: usize,
    ) -> Self {
        let mut r = RecordReader::new(Vec::new(), InputFormat::Jsonl, max_chars);
        r.current = Some(JsonLines::new(
            name.into(),
            reader,
            r.max_line_bytes,
            r.text_field.clone(),
        ));
        r
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
                // A byte-order mark does not decide the format (JSON Lines after it
                // loses it; a text document keeps it, as a text file does).
                let starts_json = match stdin.fill_buf() {
                    Ok(buf) => {
                        let buf = buf.strip_prefix(BOM).unwrap_or(buf);
                        buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
                    }
                    Err(_) => false,
                };
                let jsonl = match self.format {
                    InputFormat::Jsonl => true,
                    InputFormat::Text => false,
                    InputFormat::Auto => starts_json,
                };
                ("stdin".into(), Box::new(stdin), jsonl)
            }
            Source::Unreadable { name, message } => {
                return Some(Record::error(name, ErrorKind::Io, message, 0));
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
                let jsonl = reads_as_jsonl(&path, self.format);
                let len = file.metadata().map(|m| m.len()).unwrap_or(0);
                // A gzip file is decompressed as it is read, and its text bounded then.
                if is_gzip_path(&path) {
                    let reader = BufReader::with_capacity(
                        1 << 16,
                        MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file)),
                    );
                    return if jsonl {
                        self.current = Some(JsonLines::new(
                            name,
                            Box::new(reader),
                            self.max_line_bytes,
                            self.text_field.clone(),
                        ));
                        None
                    } else {
                        Some(read_text(name, reader, self.max_bytes))
                    };
                }
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
            self.current = Some(JsonLines::new(
                name,
                reader,
                self.max_line_bytes,
                self.text_field.clone(),
            ));
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

/// Whether a file is read as JSON Lines under `format` (by its extension when
/// `auto`: .jsonl, .ndjson, .json).
pub fn reads_as_jsonl(path: &Path, format: InputFormat) -> bool {
    match format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto => is_jsonl_path(path),
    }
}

/// Whether a path names a gzip file (`.gz`).
pub fn is_gzip_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("gz"))
}

/// The path without a `.gz` extension: what the name says of the content.
fn content_path(path: &Path) -> &Path {
    if is_gzip_path(path) {
        path.file_stem().map_or(path, Path::new)
    } else {
        path
    }
}

/// A text file a directory gives: `*.txt`, or `*.txt.gz`.
fn is_text_path(path: &Path) -> bool {
    content_path(path).extension().is_some_and(|x| x == "txt")
}

fn is_jsonl_path(path: &Path) -> bool {
    content_path(path)
        .extension()
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

/// What reading one line gave.
enum Line {
    /// The end of the input.
    End,
    /// A whole line in the buffer (its newline included), of this many bytes.
    Whole(u64),
    /// A line over the limit: this many bytes were read and dropped so far, and the
    /// rest is skipped at the next read.
    TooLong(u64),
}

impl JsonLines {
    fn new(
        name: String,
        reader: Box<dyn BufRead + Send>,
        max_line: usize,
        text_field: std::sync::Arc<str>,
    ) -> Self {
        JsonLines {
            name,
            reader,
            line: 0,
            buf: Vec::new(),
            max_line,
            skipping: false,
            text_field,
        }
    }

    /// Read the next line into `buf`, keeping at most `max_line` bytes of it.
    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let mut dropped = 0u64;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if self.skipping {
                    self.skipping = false;
                    return Ok(Line::End);
                }
                return Ok(if self.buf.is_empty() {
                    Line::End
                } else {
                    Line::Whole(self.buf.len() as u64)
                });
            }
            let newline = memchr::memchr(b'\n', chunk);
            let take = newline.map_or(chunk.len(), |i| i + 1);
            if self.skipping {
                self.reader.consume(take);
                if newline.is_some() {
                    self.skipping = false;
                }
                continue;
            }
            if self.buf.len() + take > self.max_line {
                dropped += (self.buf.len() + take) as u64;
                self.buf.clear();
                self.reader.consume(take);
                self.skipping = newline.is_none();
                return Ok(Line::TooLong(dropped));
            }
            self.buf.extend_from_slice(&chunk[..take]);
            self.reader.consume(take);
            if newline.is_some() {
                return Ok(Line::Whole(self.buf.len() as u64));
            }
        }
    }

    fn next_record(&mut self) -> Option<Record> {
        loop {
            self.line += 1;
            let read = self.read_line();
            let id = || format!("{}:{}", self.name, self.line);
            let n = match read {
                Ok(Line::End) => return None,
                Ok(Line::Whole(n)) => n,
                Ok(Line::TooLong(n)) => {
                    return Some(Record::error(
                        id(),
                        ErrorKind::TooLong,
                        format!(
                            "the line is longer than {} bytes, more than --max-chars and the \
                             metadata limit allow; skipped",
                            self.max_line
                        ),
                        n,
                    ))
                }
                Err(e) => {
                    // A read error ends this source: report it once and move on.
                    self.reader = Box::new(io::empty());
                    return Some(Record::error(
                        id(),
                        ErrorKind::Io,
                        format!("cannot read: {e}"),
                        0,
                    ));
                }
            };
            // A byte-order mark opening the file is no part of its first record.
            let line = if self.line == 1 {
                self.buf.strip_prefix(BOM).unwrap_or(&self.buf)
            } else {
                &self.buf
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_json_record_with(line, id(), n, &self.text_field));
        }
    }
}

/// Turn one JSON Lines record into a document, or the error that replaces it.
///
/// The record is read field by field as raw JSON first, so that a numeric `id`
/// keeps its exact text (`12345678901234567890123`, not `1.2345678901234568e+22`)
/// and metadata over [`MAX_METADATA_BYTES`] is refused before it is parsed.
pub fn parse_json_record(line: &[u8], fallback_id: String, bytes: u64) -> Record {
    parse_json_record_with(line, fallback_id, bytes, "text")
}

/// [`parse_json_record`] with the text in field `text_field`.
pub fn parse_json_record_with(
    line: &[u8],
    fallback_id: String,
    bytes: u64,
    text_field: &str,
) -> Record {
    use serde_json::value::RawValue;
    use std::collections::BTreeMap;
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
    let malformed = |id: String, e: serde_json::Error| {
        Record::error(
            id,
            ErrorKind::MalformedJson,
            format!("not valid JSON: {e}"),
            bytes,
        )
    };
    let raw: &RawValue = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return malformed(fallback_id, e),
    };
    if !raw.get().starts_with('{') {
        return Record::error(
            fallback_id,
            ErrorKind::MalformedJson,
            format!("expected a JSON object with a \"{text_field}\" field"),
            bytes,
        );
    }
    let mut fields: BTreeMap<String, &RawValue> = match serde_json::from_str(raw.get()) {
        Ok(f) => f,
        Err(e) => return malformed(fallback_id, e),
    };
    let id = match fields.remove("id").map(RawValue::get) {
        Some(v) if v.starts_with('"') => serde_json::from_str::<String>(v).unwrap_or(fallback_id),
        Some(v) if v.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => v.to_string(),
        _ => fallback_id,
    };
    let text = match fields.remove(text_field).map(RawValue::get) {
        Some(v) if v.starts_with('"') => match serde_json::from_str::<String>(v) {
            Ok(s) => s,
            Err(e) => return malformed(id, e),
        },
        Some(v) => {
            let what = match v.as_bytes().first() {
                Some(b'n') => "null",
                Some(b't' | b'f') => "a boolean",
                Some(b'[') => "an array",
                Some(b'{') => "an object",
                _ => "a number",
            };
            return Record::error(
                id,
                ErrorKind::InvalidText,
                format!("\"{text_field}\" must be a string, not {what}"),
                bytes,
            );
        }
        None => {
            return Record::error(
                id,
                ErrorKind::MissingText,
                format!("the record has no \"{text_field}\" field"),
                bytes,
            )
        }
    };
    let meta_bytes: usize = fields.iter().map(|(k, v)| k.len() + v.get().len()).sum();
    if meta_bytes > MAX_METADATA_BYTES {
        return Record::error(
            id,
            ErrorKind::TooLong,
            format!(
                "the record's metadata (its fields but \"text\" and \"id\") takes {meta_bytes} \
                 bytes, over the limit of {MAX_METADATA_BYTES}"
            ),
            bytes,
        );
    }
    let mut meta = Map::new();
    for (k, v) in fields {
        match serde_json::from_str::<Value>(v.get()) {
            Ok(v) => {
                meta.insert(k, v);
            }
            Err(e) => return malformed(id, e),
        }
    }
    let mut doc = Document::new(id.clone(), text);
    doc.meta = meta;
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
