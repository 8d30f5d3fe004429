//! Corpus processing: read records, annotate them in parallel, write JSON Lines.
//!
//! [`annotate_stream`] is the engine behind `byline annotate`. A reader thread
//! pulls records from a [`RecordReader`] and hands them over in chunks (closed by
//! count, size or a short wait) through a bounded channel; each chunk is annotated and serialized in parallel with
//! rayon and written in input order. At most a few chunks are in memory at
//! once, so memory stays bounded however large the corpus, and every input
//! record yields exactly one output line: a document or an error record.

pub mod input;
pub mod stress;
pub mod synthetic;

pub use input::{
    is_gzip_path, reads_as_jsonl, resolve_inputs, total_bytes, InputFormat, Record, RecordReader,
    Source,
};

use crate::document::Layers;
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::io::{self, Write};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How records are grouped and written.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    /// Records per chunk handed to the worker threads.
    pub chunk_records: usize,
    /// Input bytes per chunk: a chunk closes at whichever limit comes first.
    pub chunk_bytes: u64,
    /// Indented JSON (several lines per record) instead of JSON Lines.
    pub pretty: bool,
    /// The layers each document record carries.
    pub layers: Layers,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            chunk_records: 512,
            chunk_bytes: 8 << 20,
            pretty: false,
            layers: Layers::ALL,
        }
    }
}

/// Running totals of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Records written (documents and error records).
    pub records: u64,
    /// Error records among them.
    pub errors: u64,
    /// Words annotated (tokens that are not punctuation).
    pub words: u64,
    /// Input bytes consumed.
    pub bytes: u64,
}

impl BatchStats {
    pub fn words_per_second(&self, elapsed: Duration) -> f64 {
        self.words as f64 / elapsed.as_secs_f64().max(1e-9)
    }
}

/// Serialize one result as an output record (no trailing newline), with the
/// layers and indentation `options` asks for.
pub fn write_record(
    record: Record,
    pipeline: &Pipeline,
    options: &BatchOptions,
    out: &mut Vec<u8>,
) -> (bool, u64) {
    let pretty = options.pretty;
    let result = record.doc.and_then(|doc| pipeline.annotate(doc));
    let (ok, words) = match &result {
        Ok(doc) => (true, doc.word_count() as u64),
        Err(_) => (false, 0),
    };
    let written = match result {
        Ok(doc) if pretty => {
            serde_json::to_writer_pretty(&mut *out, &doc.with_layers(options.layers))
        }
        Ok(doc) => serde_json::to_writer(&mut *out, &doc.with_layers(options.layers)),
        Err(e) if pretty => serde_json::to_writer_pretty(&mut *out, &e.to_record(&record.id)),
        Err(e) => serde_json::to_writer(&mut *out, &e.to_record(&record.id)),
    };
    // Serializing these types cannot fail (no maps with non-string keys); stay total anyway.
    if written.is_err() {
        out.clear();
        let _ = serde_json::to_writer(
            &mut *out,
            &crate::DocError::new(
                crate::ErrorKind::Internal,
                "could not serialize the document",
            )
            .to_record(&record.id),
        );
        return (false, 0);
    }
    (ok, words)
}

/// How long a chunk waits for more records before it is annotated anyway: a slow
/// producer (a pipe fed a record at a time) sees each record's output within about
/// this long, not after 512 records.
pub const CHUNK_WAIT: Duration = Duration::from_millis(500);

/// Annotate every record and write one output record per input record, in order.
///
/// Runs on the current rayon pool (use `ThreadPool::install` to size it). A reader
/// thread pulls records; a chunk closes at `chunk_records`, at `chunk_bytes` or
/// [`CHUNK_WAIT`] after its first record, whichever comes first; each chunk is
/// annotated in parallel, written in order and flushed. `progress` is called after
/// each chunk with the running totals. Returns the totals, or the first error
/// writing to `out`, at once: the reader threads are left to notice that the
/// writer is gone (they stop at their next record), so a closed pipe ends the run
/// without waiting for the input to end.
pub fn annotate_stream<I, W, P>(
    pipeline: &Pipeline,
    records: I,
    out: &mut W,
    options: BatchOptions,
    mut progress: P,
) -> io::Result<BatchStats>
where
    I: Iterator<Item = Record> + Send + 'static,
    W: Write,
    P: FnMut(&BatchStats),
{
    let mut stats = BatchStats::default();
    let chunk_records = options.chunk_records.max(1);
    // Records one at a time from the reader; chunks of them to the workers, two in
    // flight (one being gathered while one is annotated).
    let (record_tx, record_rx) = sync_channel::<Record>(chunk_records);
    let (chunk_tx, chunk_rx) = sync_channel::<Vec<Record>>(2);
    std::thread::spawn(move || {
        for record in records {
            if record_tx.send(record).is_err() {
                return; // the writer stopped
            }
        }
    });
    let chunk_bytes = options.chunk_bytes;
    std::thread::spawn(move || {
        while let Ok(first) = record_rx.recv() {
            let deadline = Instant::now() + CHUNK_WAIT;
            let mut bytes = first.bytes;
            let mut chunk = Vec::with_capacity(chunk_records);
            chunk.push(first);
            while chunk.len() < chunk_records && bytes < chunk_bytes {
                let wait = deadline.saturating_duration_since(Instant::now());
                match record_rx.recv_timeout(wait) {
                    Ok(r) => {
                        bytes += r.bytes;
                        chunk.push(r);
                    }
                    Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            if chunk_tx.send(chunk).is_err() {
                return; // the writer stopped
            }
        }
    });
    for chunk in chunk_rx {
        let bytes: u64 = chunk.iter().map(|r| r.bytes).sum();
        let rendered: Vec<(Vec<u8>, bool, u64)> = chunk
            .into_par_iter()
            .map(|record| {
                let mut buf = Vec::with_capacity(1024);
                let (ok, words) = write_record(record, pipeline, &options, &mut buf);
                buf.push(b'\n');
                (buf, ok, words)
            })
            .collect();
        for (buf, ok, words) in rendered {
            out.write_all(&buf)?;
            stats.records += 1;
            stats.errors += u64::from(!ok);
            stats.words += words;
        }
        out.flush()?;
        stats.bytes += bytes;
        progress(&stats);
    }
    out.flush()?;
    Ok(stats)
}
