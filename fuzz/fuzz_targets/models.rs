//! Every model file reader on arbitrary bytes: an error or a model, never a panic
//! and never an allocation the bytes do not justify.
#![no_main]

use byline::ner::model::NerModel;
use byline::quotes::cue_model::CueModel;
use byline::quotes::span_model::SpanModel;
use byline::sources::kind_model::KindModel;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Each reader sees the bytes both as they are and after its own magic, so that
    // the fuzzer gets past the first check.
    let with = |magic: &[u8]| [magic, data].concat();
    let _ = NerModel::from_bytes(data);
    let _ = CueModel::read(data);
    let _ = SpanModel::read(data);
    let _ = KindModel::read(data);
    let _ = CueModel::read(&with(b"BYLCUE03"));
    let _ = SpanModel::read(&with(b"BYLSPN01"));
    let _ = KindModel::read(&with(b"BYLKIND2"));
    let _ = NerModel::from_bytes(&with(b"BYLNER02"));
});
