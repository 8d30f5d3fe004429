//! The `quotes` stage: direct, indirect and mixed attributions, each with its
//! content, cue and source phrase.
//!
//! The files, in the order the stage runs them ([`find`]), and what each decides:
//!
//! 1. [`marks`]: which quotation marks pair into quoted spans (multi-paragraph,
//!    unbalanced marks recovered); [`tokens`] is the view of the document every
//!    step reads. Where the stage has proposers, [`context`] reads what they need
//!    of the document, once, and [`propose`] starts a session of each.
//! 2. [`direct`]: each quoted statement and its attribution, looked for after it
//!    (`“…,” the official said` / `“…,” said Mr. X`), then before it (`X said:
//!    “…”`), then in the sentence before; failing that, a quote right after an
//!    attributed one in the same paragraph continues it (same speaker, no cue of its
//!    own). A verb the lexicon lacks after a quotation may come from a proposer
//!    ([`learned_cues`] by default).
//! 3. [`reported`]: each cue outside a quotation ([`lexicon`], from
//!    `data/quotes/cues.txt`, unless a proposer vetoes it, or proposed by one:
//!    [`learned_cues`] by default) tried against the
//!    patterns of reported speech: `SOURCE CUE (that) CONTENT`, `CONTENT, SOURCE
//!    CUE`, `CONTENT, CUE SOURCE`, `according to SOURCE, CONTENT` (in any
//!    position), the passive, and headlines (`…, Official Says`); where none
//!    applies, a proposer ([`learned_spans`] by default) may complete one.
//! 4. [`introduced`]: a paragraph ending in `X added:` introduces the next one.
//! 5. [`continuation`]: an unattributed quotation opening the sentence after an
//!    attribution continues it.
//! 6. [`colon`]: an unattributed quotation after a clause and a colon is its
//!    subject's.
//! 7. [`transcript`]: interview transcripts, whose `NAME: …` paragraphs are turns.
//! 8. [`nested`]: what lies inside another attribution is dropped.
//! 9. [`output`]: what is left becomes quotes and sources on the document.
//!
//! What the steps share: [`found`] (an attribution as token ranges), [`source`]
//! (the source phrase around a cue), [`clause`] (clause boundaries), [`dateline`],
//! [`words`] (the word lists of `data/quotes/words.txt`).
//!
//! What proposes to the rules: [`propose`] is the seam ([`propose::Proposer`], a
//! per-document session of [`propose::Proposals`]) and the one policy that decides
//! between proposers ([`propose::Proposed`]: the first cue proposed wins, any veto
//! vetoes, the first completion wins). The stage's proposers, in order, are by
//! default the learned cue model (its session: [`learned_cues`]) and the learned
//! span model ([`learned_spans`]); [`QuoteFinder::with_proposer`] adds one, and
//! [`QuoteFinder::with_encoder`] puts the contextual encoder's proposer
//! ([`encoder_cues`], the accurate pipeline's) before them. The
//! models and their trainers are in [`cue_model`] and [`span_model`]; what both read
//! of a document, in [`context`].
//!
//! Sources are written to `Document::sources` with a first classification by the
//! phrase reader ([`crate::phrase::classify_phrase`]: so `speakers` leaves unnamed
//! sources unresolved) and quotes point at them; the `speakers` stage then resolves
//! them to entity clusters, and the `sources` stage has the final word on kinds.

mod clause;
mod colon;
pub mod context;
mod continuation;
pub mod cue_model;
mod dateline;
mod direct;
pub mod encoder_cues;
mod found;
pub use found::REACH;
mod introduced;
mod learned_cues;
mod learned_spans;
pub mod lexicon;
pub mod marks;
mod nested;
mod output;
pub mod propose;
mod reported;
mod source;
pub mod span_model;
mod tokens;
mod transcript;
mod words;

use crate::document::Document;
use crate::stage::{Processor, ProcessorError};
use context::CueContext;
use cue_model::CueModel;
pub use encoder_cues::EncoderCues;
use found::Found;
use propose::{Proposed, Proposer};
use span_model::SpanModel;
use std::sync::Arc;
use tokens::{sentence_of, Text, Tokens};

/// The quote-finding stage. Holds its proposers (shared, read-only), asked in order:
/// by default the learned cue model, then the learned span model.
#[derive(Clone)]
pub struct QuoteFinder {
    proposers: Vec<Arc<dyn Proposer>>,
}

impl std::fmt::Debug for QuoteFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.proposers.iter().map(|p| p.name()).collect();
        f.debug_struct("QuoteFinder")
            .field("proposers", &names)
            .finish()
    }
}

impl Default for QuoteFinder {
    fn default() -> Self {
        QuoteFinder::new()
    }
}

impl QuoteFinder {
    /// The stage with the shipped cue model (`models/cues.bin`) and span model
    /// (`models/spans.bin`).
    pub fn new() -> Self {
        QuoteFinder::with_models(CueModel::embedded(), SpanModel::embedded())
    }

    /// The stage with other learned models, or none: without a cue model only
    /// lexicon cues are read, without a span model only the patterns build
    /// attributions. The cue model is asked first.
    pub fn with_models(
        cue_model: Option<Arc<CueModel>>,
        span_model: Option<Arc<SpanModel>>,
    ) -> Self {
        let mut proposers: Vec<Arc<dyn Proposer>> = Vec::new();
        if let Some(m) = cue_model {
            proposers.push(m);
        }
        if let Some(m) = span_model {
            proposers.push(m);
        }
        QuoteFinder { proposers }
    }

    /// The stage with the encoder proposer ([`encoder_cues`]) asked first: what the
    /// accurate pipeline runs after its `encoder` stage. On a document without encoder
    /// scores it abstains, and the stage runs as [`QuoteFinder::new`].
    pub fn with_encoder(mut self, encoder: EncoderCues) -> Self {
        self.proposers.insert(0, Arc::new(encoder));
        self
    }

    /// The stage with one more proposer, asked after those it has (see
    /// [`propose`] for how proposals are decided).
    pub fn with_proposer(mut self, proposer: Arc<dyn Proposer>) -> Self {
        self.proposers.push(proposer);
        self
    }
}

impl Processor for QuoteFinder {
    fn name(&self) -> &str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        let found = find(doc, &self.proposers);
        output::write(doc, found);
        Ok(())
    }
}

/// The attributions of a document, step by step (see the module comment).
fn find(doc: &Document, proposers: &[Arc<dyn Proposer>]) -> Vec<Found> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let tokens = Tokens {
        words: (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect(),
    };
    let sent_of = sentence_of(doc);
    let quoted = marks::quoted_spans(doc);
    let mut in_quote = vec![false; doc.tokens.len()];
    for q in &quoted {
        for &(a, b) in &q.segments {
            in_quote[a..b].iter_mut().for_each(|x| *x = true);
        }
    }
    let in_quote = in_quote;
    let mut found: Vec<Found> = Vec::new();
    let mut used_cue = vec![false; doc.tokens.len()];
    // What the learned models read, built once per document and only for proposers.
    let ctx = (!proposers.is_empty()).then(|| CueContext::new(doc, &tokens.words, &in_quote));
    let mut proposed = Proposed::start(proposers, ctx.as_ref(), &tokens);
    let text = Text {
        doc,
        tokens: &tokens,
        sent_of: &sent_of,
        in_quote: &in_quote,
    };

    direct::find(&text, &quoted, &mut found, &mut used_cue, &mut proposed);
    reported::find(&text, &mut found, &mut used_cue, &mut proposed);
    introduced::introduce(&text, &mut found);
    continuation::link(&text, &mut found);
    colon::attribute(&text, &mut found);
    // Taken before the transcript's turns join: a turn is never inside a source.
    let inside_source = nested::inside_source(&found);
    let (labels, turn_spans) = transcript::take_turns(doc, &tokens, &mut found);
    nested::keep(found, &labels, &turn_spans, &inside_source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash::FeatHash;
    use crate::Segmenter;

    /// Cue texts found in `text` (segmented only) with `model`.
    fn cues(text: &str, model: &CueModel) -> Vec<String> {
        let mut doc = Document::new("t", text);
        Segmenter::new().process(&mut doc).unwrap();
        find(&doc, &[Arc::new(model.clone()) as Arc<dyn Proposer>])
            .iter()
            .filter_map(|f| f.cue.map(|(a, b)| tokens_text(&doc, a, b)))
            .collect()
    }

    fn tokens_text(doc: &Document, a: usize, b: usize) -> String {
        (a..b)
            .map(|i| doc.token_text(i))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_learned_model_proposes_cues_and_vetoes_lexicon_ones() {
        // Feature template 1 is the lower-cased word (by its hash); template 0 the bias.
        let word = |w: &str| FeatHash::new(1).num(cue_model::word_hash(w)).finish();
        let mut m = CueModel::empty(12);
        m.update(&[FeatHash::new(0).finish()], cue_model::OUTSIDE, 1.0);
        m.update(&[word("scolded")], cue_model::BEGIN, 5.0);
        m.update(&[word("reportedly")], cue_model::BEGIN, 5.0);
        m.update(&[word("claimed")], cue_model::OUTSIDE, 20.0);
        m.threshold = 2.0;
        m.veto = 12.0;
        let text = "The coach scolded the referees for the late call.";
        assert_eq!(cues(text, &m), vec!["scolded"]);
        assert!(cues(text, &CueModel::empty(12)).is_empty());
        // A lexicon cue the model is sure about is dropped; one it is unsure about stays.
        assert!(cues("The coach claimed that the referees erred badly.", &m).is_empty());
        assert_eq!(
            cues("The coach said that the referees erred badly.", &m),
            vec!["said"]
        );
        // An adverb alone is not a cue, even when the model starts one there.
        assert!(cues(
            "The coach reportedly ignored the referees after the game.",
            &m
        )
        .is_empty());
    }
}
