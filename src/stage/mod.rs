//! What every stage is: a [`Processor`] that reads a [`Document`] and writes one
//! layer back, and the errors a stage or a record can end in. It sits beside the
//! document model, below every stage, so that stages and the pipeline that wires
//! them (`crate::pipeline`) both import it and neither imports the other.

mod error;

pub use error::{DocError, ErrorKind, ProcessorError};

use crate::document::Document;

/// One stage of the pipeline.
pub trait Processor: Send + Sync {
    /// A short, stable name ("segment", "ner", …), used in config and error messages.
    fn name(&self) -> &str;
    /// Read the document and write this stage's layer onto it.
    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError>;
}

/// A shared stage is a stage: lets one loaded model serve many pipelines.
impl<P: Processor + ?Sized> Processor for std::sync::Arc<P> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        (**self).process(doc)
    }
}
