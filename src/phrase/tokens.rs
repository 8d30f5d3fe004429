//! Token helpers every reader of source phrases shares: a token's text, a range's
//! text and span, the tokens under a character span, the sentence of a token, the
//! entity over a token, and what counts as a word of a phrase.

use crate::document::{Document, EntityLabel, TextSpan, TokenKind};

pub fn tok_text(doc: &Document, i: usize) -> &str {
    doc.tokens
        .get(i)
        .and_then(|t| doc.text.get(t.bytes.0 as usize..t.bytes.1 as usize))
        .unwrap_or("")
}

pub fn tokens_text(doc: &Document, a: usize, b: usize) -> String {
    if a >= b {
        return String::new();
    }
    match (doc.tokens.get(a), doc.tokens.get(b - 1)) {
        (Some(x), Some(y)) => doc
            .text
            .get(x.bytes.0 as usize..y.bytes.1 as usize)
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    }
}

pub fn span_of(doc: &Document, a: usize, b: usize) -> Option<TextSpan> {
    let (x, y) = (doc.tokens.get(a)?, doc.tokens.get(b.checked_sub(1)?)?);
    (a < b).then(|| TextSpan {
        start: x.start,
        end: y.end,
        text: tokens_text(doc, a, b),
    })
}

/// Tokens overlapping the code-point span `[start, end)`.
pub fn token_range(doc: &Document, start: u32, end: u32) -> (usize, usize) {
    let a = doc.tokens.partition_point(|t| t.end <= start);
    let b = doc.tokens.partition_point(|t| t.start < end);
    (a, b.max(a))
}

pub fn sentence_of(doc: &Document, tok: usize) -> usize {
    doc.sentences
        .partition_point(|s| (s.tokens.1 as usize) <= tok)
        .min(doc.sentences.len().saturating_sub(1))
}

pub fn strip_possessive(w: &str) -> &str {
    w.trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches('\'')
        .trim_end_matches('’')
}

pub fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub fn entity_at(doc: &Document, tok: usize) -> Option<EntityLabel> {
    entity_index_at(doc, tok).map(|i| doc.entities[i].label)
}

/// The index of the entity over token `tok`. Entities lie in text order and do
/// not overlap (as the `ner` stage writes them), so this is a binary search.
pub fn entity_index_at(doc: &Document, tok: usize) -> Option<usize> {
    let i = doc
        .entities
        .partition_point(|e| (e.tokens.0 as usize) <= tok)
        .checked_sub(1)?;
    (tok < doc.entities[i].tokens.1 as usize).then_some(i)
}

/// The index of the entity whose first token is `tok`.
pub fn entity_starting_at(doc: &Document, tok: usize) -> Option<usize> {
    let i = doc
        .entities
        .partition_point(|e| (e.tokens.0 as usize) < tok);
    (doc.entities.get(i)?.tokens.0 as usize == tok).then_some(i)
}

pub fn is_word(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        matches!(
            t.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Clitic
        ) || (t.kind == TokenKind::Punct && tok_text(doc, i) == "-")
    })
}
