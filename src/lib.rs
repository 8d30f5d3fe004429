//! # byline
//!
//! Reads English news and says who is in it and who said what.
//!
//! ```
//! use byline::{Document, Pipeline};
//!
//! let doc = Pipeline::default()
//!     .annotate(Document::new("d1", "“We will win,” Mayor Ann Lee said on Monday."))
//!     .unwrap();
//! let quote = &doc.quotes[0];
//! assert_eq!(quote.content[0].text, "“We will win,”");
//! assert_eq!(quote.cue.as_ref().unwrap().text, "said");
//! assert_eq!(quote.speaker_name.as_deref(), Some("Ann Lee"));
//! ```
//!
//! ## The stages, in the order they run
//!
//! A [`Document`] (the one model every stage reads and writes, [`document`])
//! flows through a [`Pipeline`] of stages. Each is a [`Processor`] ([`stage`]):
//! it reads the layers earlier stages wrote and writes its own.
//!
//! 1. [`segment`]: paragraphs, tokens (PTB/CoNLL style) and sentences, with
//!    Unicode code-point offsets.
//! 2. [`ner`]: PER, ORG, LOC and MISC mentions from the shipped tagger (with the
//!    cargo feature `transformer`, [`transformer`] can run a Hugging Face
//!    token-classification model in its place).
//! 3. [`quotes`]: direct, indirect and mixed quotes with cue, content and source
//!    phrase; rules decide, and learned models propose cues and spans.
//! 4. [`speakers`]: entity clusters, and each source resolved to one.
//! 5. [`sources`]: the kind of each source, anonymity and its evidence, a
//!    per-document summary.
//!
//! ## What the stages share, below them
//!
//! - [`document`]: the document model; [`stage`]: the stage trait and errors.
//! - [`phrase`]: reading a phrase that names a source (head noun, number, names,
//!   a first kind): `quotes` writes that first kind, `sources` has the last word.
//! - [`lexicon`]: word lists more than one stage reads, and the word-list file
//!   format of every stage's `data/<stage>/words.txt`.
//! - [`learn`]: feature hashing, linear weight tables, perceptron training: the
//!   learned models (`ner`, the quote stage's cue and span models) each live in
//!   their stage's folder beside their trainer and share this.
//! - [`gold`]: reading gold data (PolNeAR), for trainers and evaluators;
//!   [`score`]: precision/recall counts, for both.
//!
//! ## Above the stages
//!
//! - [`pipeline`]: the registry of named stages and the [`Pipeline`] that runs
//!   them over a document or a batch, turning any failure into one error record.
//! - [`corpus`]: reads inputs (text files, directories, JSON Lines, stdin) as a
//!   stream of records and writes JSON Lines, one output record per input
//!   record, in order.
//! - [`eval`]: scores byline against reference data.
//!
//! Imports follow this order: a module uses only modules listed before it
//! (`tests/architecture.rs` checks it, and that no files import each other in a
//! loop).

pub mod corpus;
pub mod document;
pub mod eval;
pub mod formats;
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
pub mod tables;
#[cfg(feature = "transformer")]
pub mod transformer;

pub use document::{Document, ErrorRecord, SCHEMA_VERSION};
pub use pipeline::Pipeline;
pub use segment::Segmenter;
pub use stage::{DocError, ErrorKind, Processor, ProcessorError};
