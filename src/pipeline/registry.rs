//! The stages byline knows by name, in the order the pipeline runs them, and how
//! each is built. This is the one module that names every stage: it sits above
//! them, so the stages import only what is below them (`crate::stage`,
//! `crate::document` and earlier stages), never the pipeline.

use crate::ner::NerTagger;
use crate::quotes::QuoteFinder;
use crate::segment::Segmenter;
use crate::sources::SourceClassifier;
use crate::speakers::SpeakerResolver;
use crate::stage::Processor;

/// The names of the stages `byline` knows, in their natural order.
pub const KNOWN_STAGES: &[&str] = &["segment", "ner", "quotes", "speakers", "sources"];

/// The stage byline knows by `name`, with its shipped models.
pub fn build(name: &str) -> Result<Box<dyn Processor>, String> {
    Ok(match name {
        "segment" => Box::new(Segmenter::new()),
        "ner" => Box::new(NerTagger::load_default()?),
        "quotes" => Box::new(QuoteFinder::new()),
        "speakers" => Box::new(SpeakerResolver::new()),
        "sources" => Box::new(SourceClassifier::new()),
        other => {
            return Err(format!(
                "unknown stage '{other}'; known stages: {}",
                KNOWN_STAGES.join(", ")
            ))
        }
    })
}
