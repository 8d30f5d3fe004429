//! # byline
//!
//! Reads English news and says who is in it and who said what.
//!
//! A [`Document`] flows through a [`Pipeline`] of stages, each a
//! [`Processor`] that reads the document and writes one layer back:
//!
//! 1. [`segment`]: paragraphs, tokens (PTB/CoNLL style) and sentences, with
//!    Unicode code-point offsets;
//! 2. [`ner`]: PER, ORG, LOC and MISC mentions from the shipped model (with the
//!    cargo feature `transformer`, `transformer` runs a Hugging Face
//!    token-classification model in its place);
//! 3. [`quotes`]: direct, indirect and mixed quotes with cue and source phrase;
//! 4. [`speakers`]: entity clusters and each source resolved to one;
//! 5. [`sources`]: source kinds, anonymity and its evidence, a per-document summary.
//!
//! [`corpus`] reads inputs (text files, directories, JSON Lines, stdin) as a
//! stream of records and writes JSON Lines, one output record per input
//! record, in order; [`eval`] scores byline against reference data.

pub mod corpus;
pub mod document;
pub mod eval;
pub mod gold;
pub mod learn;
pub mod lexicon;
pub mod ner;
pub mod phrase;
pub mod pipeline;
pub mod quotes;
pub mod score;
pub mod segment;
pub mod sources;
pub mod speakers;
pub mod stage;
#[cfg(feature = "transformer")]
pub mod transformer;

pub use document::{Document, ErrorRecord, SCHEMA_VERSION};
pub use pipeline::Pipeline;
pub use segment::Segmenter;
pub use stage::{DocError, ErrorKind, Processor, ProcessorError};
