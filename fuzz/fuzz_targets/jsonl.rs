//! The JSON Lines reader on arbitrary bytes: one record (a document or an error)
//! per line, never a panic, ids and texts as read.
#![no_main]

use byline::corpus::RecordReader;
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    // A small --max-chars, so that the too_long path is reached too.
    let reader = RecordReader::jsonl("fuzz", Box::new(Cursor::new(data.to_vec())), 64);
    let lines = data
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    let records = reader.count();
    assert!(records <= lines + 1, "{records} records from {lines} lines");
});
