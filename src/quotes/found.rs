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

/// For each token, the furthest end of a content span found so far that covers it
/// (0: none), over the first `seen` attributions: whether a cue lies inside found
/// content is then one lookup, not a scan of everything found. What the proposers'
/// completions ask before they read around a cue.
#[derive(Debug, Default)]
pub struct ContentReach {
    reach: Vec<usize>,
    seen: usize,
}

impl ContentReach {
    /// Whether `cue` lies inside one content span of `found` (which only grows
    /// between calls; were it to shrink, the index is rebuilt).
    pub fn covers(&mut self, found: &[Found], cue: Range) -> bool {
        if found.len() < self.seen {
            self.reach.iter_mut().for_each(|r| *r = 0);
            self.seen = 0;
        }
        for f in &found[self.seen..] {
            for &(x, y) in &f.content {
                if self.reach.len() < y {
                    self.reach.resize(y, 0);
                }
                for r in &mut self.reach[x..y] {
                    *r = (*r).max(y);
                }
            }
        }
        self.seen = found.len();
        self.reach.get(cue.0).is_some_and(|&r| r >= cue.1)
    }
}

/// Token ranges indexed by where they start, so that whether one of them holds a
/// range is a binary search, not a scan of them all.
#[derive(Debug, Default)]
pub struct SpanIndex {
    starts: Vec<usize>,
    /// The furthest end among the ranges up to each one (by start).
    reach: Vec<usize>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Range>) -> Self {
        let mut spans: Vec<Range> = spans.into_iter().collect();
        spans.sort_unstable();
        let mut furthest = 0;
        SpanIndex {
            starts: spans.iter().map(|&(x, _)| x).collect(),
            reach: spans
                .iter()
                .map(|&(_, y)| {
                    furthest = furthest.max(y);
                    furthest
                })
                .collect(),
        }
    }

    /// Whether one range holds all of `[a, b)`.
    pub fn covers(&self, (a, b): Range) -> bool {
        let n = self.starts.partition_point(|&x| x <= a);
        n > 0 && self.reach[n - 1] >= b
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_index_answers_as_a_scan_does() {
        let spans = [(2, 5), (4, 9), (12, 14), (12, 13), (20, 21)];
        let index = SpanIndex::new(spans);
        for a in 0..24 {
            for b in a..25 {
                let covers = spans.iter().any(|&(x, y)| x <= a && b <= y);
                assert_eq!(index.covers((a, b)), covers, "covers {a}..{b}");
            }
        }
        assert!(!SpanIndex::new([]).covers((0, 1)));
    }
}
