//! What a pronoun may look back at: the person and organization mentions outside
//! quote contents (people named inside what someone said are not whom a later "he"
//! refers to), in text order, each marked as a possible subject or not (a
//! possessive or the object of a preposition is not).

use super::names::is_party_state;
use super::words::WORDS;
use crate::document::{Document, EntityLabel};

/// A person or organization mention that a later pronoun may refer to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub(super) start: u32,
    pub(super) cluster: u32,
    /// The mention is the source of an attribution (a speaker).
    pub(super) speaker: bool,
    /// The mention is not a possessive ("Holt's colleague") nor the object of a
    /// preposition ("under Obama"), so it may be the subject of its clause.
    pub(super) subject: bool,
}

/// Merged, sorted character spans of quote contents: people named inside what
/// someone said are not what a later "he" or "she" refers to.
pub(super) fn content_spans(doc: &Document) -> Vec<(u32, u32)> {
    let mut spans: Vec<(u32, u32)> = doc
        .quotes
        .iter()
        .flat_map(|q| q.content.iter().map(|c| (c.start, c.end)))
        // The headline names whom the article is about.
        .filter(|&(a, _)| doc.paragraphs.get(1).is_none_or(|p| a >= p.start))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

pub(super) fn inside(spans: &[(u32, u32)], at: u32) -> bool {
    let i = spans.partition_point(|&(a, _)| a <= at);
    i > 0 && at < spans[i - 1].1
}

/// Mentions of `label` entities outside quote contents, in text order: persons
/// for "he" and "she", organizations for "it".
pub(super) fn mentions(
    doc: &Document,
    contents: &[(u32, u32)],
    label: EntityLabel,
) -> Vec<Mention> {
    let lists = &*WORDS;
    let mut persons: Vec<Mention> = doc
        .entities
        .iter()
        .filter(|e| e.label == label && !is_party_state(&e.text))
        .filter(|e| !inside(contents, e.start))
        .filter_map(|e| {
            let c = e.cluster?;
            let (first, after) = (e.tokens.0 as usize, e.tokens.1 as usize);
            let possessive = e.text.ends_with("'s")
                || e.text.ends_with("’s")
                || (after < doc.tokens.len() && matches!(doc.token_text(after), "'s" | "’s"));
            let object = first > 0
                && lists
                    .prepositions
                    .contains(&doc.token_text(first - 1).to_lowercase());
            Some(Mention {
                start: e.start,
                cluster: c,
                speaker: false,
                subject: !possessive && !object,
            })
        })
        .collect();
    persons.sort_by_key(|m| m.start);
    persons
}
