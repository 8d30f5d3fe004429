//! What the steps hand each other: an attribution as token ranges ([`Found`]),
//! before the last step ([`super::output`]) writes it on the document as a quote
//! and a source; what an attribution of a quotation reads around it
//! ([`Attribution`]); and whether reported content is mixed or indirect.

use crate::document::QuoteKind;

/// A token range `[first, last)`.
pub type Range = (usize, usize);

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
