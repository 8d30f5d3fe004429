//! What the phrase reader found in one source mention: its range, core phrase,
//! head noun and lemma, number, determiner, pronoun class, whether it is a name,
//! the head's noun class, and the first kind these give.

use super::lexicon::{NounClass, PronounClass};
use crate::document::SourceKind;

/// What the classifier read from one mention.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub kind: Option<SourceKind>,
    /// Token range of the mention (empty when it has none).
    pub toks: (usize, usize),
    /// End of the core phrase (before post-modifiers).
    pub core_end: usize,
    /// Start of the core phrase (after "one of").
    pub core_start: usize,
    pub head: Option<String>,
    pub lemma: Option<String>,
    pub plural: bool,
    pub definite: bool,
    pub indefinite: bool,
    pub pronoun: Option<PronounClass>,
    /// The head is a name (a PER/ORG entity or a capitalized word).
    pub named: bool,
    /// The word-list class of the head noun, if any.
    pub noun_class: Option<NounClass>,
    pub sentence: usize,
}
