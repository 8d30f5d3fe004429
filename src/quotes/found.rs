//! What the steps hand each other: an attribution as token ranges ([`Found`]),
//! before the last step ([`super::output`]) writes it on the document as a quote
//! and a source; what an attribution of a quotation reads around it
//! ([`Attribution`]); and whether reported content is mixed or indirect.

use crate::document::QuoteKind;

/// A token range `[first, last)`.
pub type Range = (usize, usize);

/// How far from its cue, in words either way, an attribution is read. No sentence
/// of PolNeAR's 924 articles reaches this far from a cue; a longer run of words
/// without a sentence end (a list, a table, text that is no prose) is read in
/// windows of this reach, so a cue costs the same however long its sentence.
pub const REACH: usize = 200;

/// The part of the sentence `[a, b)` read for the cue `cue`: at most [`REACH`]
/// words either side of it.
pub fn around(cue: Range, (a, b): Range) -> Range {
    (a.max(cue.0.saturating_sub(REACH)), b.min(cue.1 + REACH))
}

/// An attribution before it becomes output.
#[derive(Debug, Clone)]
pub struct Found {
    pub content: Vec<Range>,
    pub cue: Option<Range>,
    pub source: Option<Range>,
    pub kind: QuoteKind,
    pub continues: Option<usize>,
}

/// `(source, cue, that)`: a source phrase (if any), the cue, and the token of a
/// "that" opening mixed content ("X said that “…”").
pub type Attribution = (Option<Range>, Range, Option<usize>);

/// Reported content holding a quotation is mixed, else indirect.
pub fn reported_kind(in_quote: &[bool], content: &[Range]) -> QuoteKind {
    if content.iter().any(|&(x, y)| (x..y).any(|k| in_quote[k])) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}
