//! Named-entity recognition: PER, ORG, LOC and MISC, CoNLL-2003 style.
//!
//! - [`conll`]: reading CoNLL files (IOB1/IOB2/BILOU) and writing conlleval input;
//! - [`conlleval`]: exact-span precision/recall/F1 per type, conlleval's report;
//! - [`features`]: hashed word, shape, affix, cluster, gazetteer and document features,
//!   and the word vectors of the dense features;
//! - [`model`]: BILOU labels, Viterbi decoding, the model file, the dense score tables;
//! - [`train`]: averaged structured perceptron training (optionally several, averaged);
//! - [`tagger`]: the `ner` pipeline stage ([`NerTagger`]).
//!
//! The shipped model is `models/ner.bin`; `models/ner.md` is its card.

pub mod conll;
pub mod conlleval;
pub mod features;
pub mod model;
pub mod tagger;
pub mod train;

pub use model::NerModel;
pub use tagger::NerTagger;
