//! The pipeline: a list of stages run in order over one [`Document`].
//!
//! Each stage is a [`Processor`]: a name and `process(&mut Document)`; the
//! stages byline ships are known by name ([`KNOWN_STAGES`], built in
//! `registry.rs`, the one place above all stages that names them). The
//! pipeline checks its input (no empty text, no NUL byte, not too long), runs
//! the stages, and turns any failure, a stage's panic included, into a
//! [`DocError`] for that document alone, so a batch always yields one result
//! per input, in input order.
//!
//! ```
//! use byline::{Document, Pipeline};
//!
//! let pipeline = Pipeline::default();
//! let doc = pipeline.annotate(Document::new("d1", "Mr. Trump said so. He left.")).unwrap();
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.token_text(0), "Mr.");
//! ```

mod registry;

pub use crate::stage::{DocError, ErrorKind, Processor, ProcessorError};
pub use registry::KNOWN_STAGES;

use crate::document::Document;
use crate::segment::Segmenter;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Default limit on document length, in code points: generous for news (a long
/// feature runs to 100,000), small enough that one bad record cannot exhaust memory.
pub const DEFAULT_MAX_CHARS: usize = 5_000_000;

/// A list of stages and the input checks that guard them.
pub struct Pipeline {
    stages: Vec<Box<dyn Processor>>,
    max_chars: usize,
}

impl Default for Pipeline {
    /// The default pipeline: every stage byline ships ([`KNOWN_STAGES`]), in order.
    fn default() -> Self {
        match Pipeline::from_names(KNOWN_STAGES) {
            Ok(builder) => builder.build(),
            // Only a corrupt build could get here (the built-in model is checked by a
            // test); say so and keep going with what works rather than panic.
            Err(e) => {
                eprintln!("byline: warning: {e}; running segmentation only");
                Pipeline::builder().stage(Segmenter::new()).build()
            }
        }
    }
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("stages", &self.stage_names())
            .field("max_chars", &self.max_chars)
            .finish()
    }
}

/// Builds a [`Pipeline`] stage by stage.
pub struct PipelineBuilder {
    stages: Vec<Box<dyn Processor>>,
    max_chars: usize,
}

impl std::fmt::Debug for PipelineBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.stages.iter().map(|s| s.name()).collect();
        f.debug_struct("PipelineBuilder")
            .field("stages", &names)
            .field("max_chars", &self.max_chars)
            .finish()
    }
}

impl PipelineBuilder {
    /// Append a stage; stages run in the order they are added.
    pub fn stage(mut self, stage: impl Processor + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// Append a boxed stage.
    pub fn boxed_stage(mut self, stage: Box<dyn Processor>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Append the stage byline knows by `name` (see [`KNOWN_STAGES`]).
    pub fn named_stage(self, name: &str) -> Result<Self, String> {
        Ok(self.boxed_stage(registry::build(name)?))
    }

    /// Reject documents longer than `n` code points.
    pub fn max_chars(mut self, n: usize) -> Self {
        self.max_chars = n;
        self
    }

    pub fn build(self) -> Pipeline {
        Pipeline {
            stages: self.stages,
            max_chars: self.max_chars,
        }
    }
}

impl Pipeline {
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            stages: Vec::new(),
            max_chars: DEFAULT_MAX_CHARS,
        }
    }

    /// Build a pipeline from stage names (see [`KNOWN_STAGES`]).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<PipelineBuilder, String> {
        names
            .iter()
            .try_fold(Pipeline::builder(), |b, name| b.named_stage(name.as_ref()))
    }

    pub fn stage_names(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// Check the text a document must have before any stage runs.
    pub fn validate(&self, doc: &Document) -> Result<(), DocError> {
        let text = &doc.text;
        // By the tokenizer's notion of space, which counts the invisible ones (a
        // byte-order mark, U+200B, U+2060): such a text has no token to annotate.
        if text.chars().all(crate::segment::tokenizer::is_space) {
            return Err(DocError::new(
                ErrorKind::EmptyText,
                "the text is empty or holds only whitespace and invisible characters",
            ));
        }
        if let Some(pos) = memchr::memchr(0, text.as_bytes()) {
            let at = text[..pos].chars().count();
            return Err(DocError::new(
                ErrorKind::NulByte,
                format!("the text holds a NUL byte at character {at}; binary data is not text"),
            ));
        }
        // Byte length bounds the code-point count, so count only when it could matter.
        if text.len() > self.max_chars {
            let n = text.chars().count();
            if n > self.max_chars {
                return Err(DocError::new(
                    ErrorKind::TooLong,
                    format!(
                        "the text has {n} characters, over the limit of {}; raise it with --max-chars",
                        self.max_chars
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Run every stage over one document.
    pub fn annotate(&self, doc: Document) -> Result<Document, DocError> {
        self.annotate_timed(doc, |_, _| {})
    }

    /// Run every stage over one document, telling `each` how long each stage took
    /// (for benchmarks: `byline bench scaling`).
    pub fn annotate_timed(
        &self,
        mut doc: Document,
        mut each: impl FnMut(&str, Duration),
    ) -> Result<Document, DocError> {
        self.validate(&doc)?;
        for stage in &self.stages {
            let start = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| stage.process(&mut doc)));
            each(stage.name(), start.elapsed());
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(e)) => {
                    return Err(DocError::new(
                        ErrorKind::Stage,
                        format!("stage '{}' failed: {e}", stage.name()),
                    ))
                }
                Err(panic) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    return Err(DocError::new(
                        ErrorKind::Internal,
                        format!(
                            "stage '{}' crashed ({what}); this is a bug in byline, please report it with the document",
                            stage.name()
                        ),
                    ));
                }
            }
        }
        Ok(doc)
    }

    /// Run the pipeline over many documents in parallel; results come back in input order.
    pub fn annotate_batch(&self, docs: Vec<Document>) -> Vec<Result<Document, DocError>> {
        docs.into_par_iter().map(|d| self.annotate(d)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Boom;
    impl Processor for Boom {
        fn name(&self) -> &str {
            "boom"
        }
        fn process(&self, _: &mut Document) -> Result<(), ProcessorError> {
            panic!("kaboom")
        }
    }

    struct Refuse;
    impl Processor for Refuse {
        fn name(&self) -> &str {
            "refuse"
        }
        fn process(&self, _: &mut Document) -> Result<(), ProcessorError> {
            Err(ProcessorError::new("not today"))
        }
    }

    #[test]
    fn input_checks() {
        let p = Pipeline::builder().max_chars(5).build();
        let kind = |t: &str| p.annotate(Document::new("x", t)).unwrap_err().kind;
        assert_eq!(kind(""), ErrorKind::EmptyText);
        assert_eq!(kind(" \n\t "), ErrorKind::EmptyText);
        assert_eq!(kind("\u{FEFF}"), ErrorKind::EmptyText);
        assert_eq!(kind("\u{200B} \u{2060}\n"), ErrorKind::EmptyText);
        assert_eq!(kind("a\0b"), ErrorKind::NulByte);
        assert_eq!(kind("abcdef"), ErrorKind::TooLong);
        assert!(
            p.annotate(Document::new("x", "ééééé")).is_ok(),
            "limit counts characters, not bytes"
        );
    }

    #[test]
    fn stage_failures_become_errors() {
        let p = Pipeline::builder().stage(Refuse).build();
        let e = p.annotate(Document::new("x", "text")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Stage);
        assert!(e.message.contains("refuse") && e.message.contains("not today"));

        let p = Pipeline::builder().stage(Boom).build();
        let e = p.annotate(Document::new("x", "text")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Internal);
        assert!(e.message.contains("kaboom"));
    }

    #[test]
    fn batch_keeps_order_and_count() {
        let p = Pipeline::default();
        let docs: Vec<Document> = (0..100)
            .map(|i| {
                Document::new(
                    i.to_string(),
                    if i % 7 == 0 {
                        String::new()
                    } else {
                        format!("Doc {i}.")
                    },
                )
            })
            .collect();
        let out = p.annotate_batch(docs);
        assert_eq!(out.len(), 100);
        for (i, r) in out.iter().enumerate() {
            match r {
                Ok(d) => assert_eq!(d.id, i.to_string()),
                Err(e) => {
                    assert_eq!(i % 7, 0);
                    assert_eq!(e.kind, ErrorKind::EmptyText);
                }
            }
        }
    }

    #[test]
    fn unknown_stage_names_are_rejected() {
        assert!(Pipeline::from_names(&["segment"]).is_ok());
        let err = Pipeline::from_names(&["segmnt"]).err().unwrap();
        assert!(err.contains("segmnt") && err.contains("segment"));
    }
}
