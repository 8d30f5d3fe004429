//! Annotations in other tools' formats: brat standoff (entities, and quotes as
//! Source/Cue/Content events, as PolNeAR writes them) and CoNLL (tokens with
//! IOB2 entity tags). `byline export --format brat|conll` writes them.

pub mod brat;
pub mod conll;
