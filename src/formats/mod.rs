//! Annotations in other tools' formats: brat standoff (entities, and quotes as
//! Source/Cue/Content events, as PolNeAR writes them) and CoNLL (tokens with
//! IOB2 entity tags); and HTML pages to look at (`byline view`). `byline export
//! --format brat|conll` writes the first two.

pub mod brat;
pub mod conll;
pub mod html;
