//! # byline
//!
//! Reads English news and says who is in it and who said what.
//!
//! A [`Document`] flows through a [`Pipeline`] of stages, each a
//! [`Processor`] that reads the document and writes one layer back:
//!
//! 1. [`segment`]: paragraphs, tokens (PTB/CoNLL style) and sentences, with
//!    Unicode code-point offsets;
//! 2. later stages add entities, quotes and their sources on the same model;
//!    with the cargo feature `transformer`, the `transformer` module runs a
//!    Hugging Face token-classification model as the NER stage.
//!
//! [`corpus`] reads inputs (text files, directories, JSON Lines, stdin) as a
//! stream of records and writes JSON Lines, one output record per input
//! record, in order; [`eval`] scores byline against reference data.

pub mod corpus;
pub mod document;
pub mod eval;
pub mod ner;
pub mod pipeline;
pub mod quotes;
pub mod segment;
pub mod sources;
pub mod speakers;
#[cfg(feature = "transformer")]
pub mod transformer;

pub use document::{Document, ErrorRecord, SCHEMA_VERSION};
pub use pipeline::{DocError, ErrorKind, Pipeline, Processor, ProcessorError};
pub use segment::Segmenter;
