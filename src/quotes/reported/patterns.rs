//! The patterns of reported speech tried at a cue, in order; the first that
//! applies decides. Where none finds an attribution, a proposer (the learned span
//! model, [`crate::quotes::learned_spans`]) may complete one
//! ([`crate::quotes::propose::Proposed::complete`]).
//!
//! 1. [`super::according`]: "according to X".
//! 2. [`super::passive`]: "X is supported by Y".
//! 3. [`super::inverted`]: "…, said the official."
//! 4. [`super::aside`]: "An engineer, speaking on condition of anonymity, said …".
//! 5. [`super::content_first`]: "…, two officials said."
//! 6. [`super::source_first`]: "X said (that) …".
//!
//! What a pattern reads passes [`super::accept`] to become an attribution (the
//! passive's subject is taken as it is).

use crate::document::TokenKind;
use crate::quotes::found::{reported_kind, Found, Range};
use crate::quotes::lexicon::CueClass;
use crate::quotes::propose::Proposed;
use crate::quotes::reported::accept::accept;
use crate::quotes::reported::according;
use crate::quotes::reported::aside;
use crate::quotes::reported::content_first;
use crate::quotes::reported::inverted;
use crate::quotes::reported::passive;
use crate::quotes::reported::source_first;
use crate::quotes::tokens::Text;

/// The attribution at `cue` in the sentence `[a, b)` (index `sentence`): from the
/// patterns, else (where they find none) from the proposers.
pub fn complete(
    text: &Text,
    (a, b): Range,
    cue: Range,
    class: CueClass,
    sentence: usize,
    found: &[Found],
    proposed: &mut Proposed,
) -> Option<Found> {
    indirect(text, (a, b), cue, class, sentence)
        .or_else(|| proposed.complete(text.tokens, (a, b), cue, found))
}

/// Reported speech around a cue outside quotation marks.
fn indirect(
    text: &Text,
    (a, b): Range,
    cue: Range,
    class: CueClass,
    sentence: usize,
) -> Option<Found> {
    let (doc, t, in_quote) = (text.doc, text.tokens, text.in_quote);
    // Sentence end without final punctuation or closing marks.
    let mut end = b;
    while end > a && matches!(doc.tokens[end - 1].kind, TokenKind::Punct) && t.words[end - 1] != ")"
    {
        end -= 1;
    }
    let found = |content: Vec<Range>, source: Option<Range>| {
        accept(t, in_quote, cue, class, content, source)
    };

    if class == CueClass::According {
        let (content, source) = according::read(t, (a, end), cue)?;
        return found(content, Some(source));
    }
    if let Some((content, source)) = passive::read(t, in_quote, (a, end), cue, class) {
        return Some(Found {
            content: vec![content],
            kind: reported_kind(in_quote, &[content]),
            cue: Some(cue),
            source: Some(source),
            continues: None,
        });
    }
    if let Some((content, source)) = inverted::read(t, (a, end), cue, class) {
        return found(content, Some(source));
    }
    if let Some((content, source)) = aside::read(t, (a, end), cue, class) {
        return found(content, Some(source));
    }
    let source = t.source_before(a, cue.0)?;
    if let Some(content) = content_first::read(text, (a, end), cue, class, sentence, source) {
        return found(content, Some(source));
    }
    source_first::read(t, in_quote, (a, end), cue, class, source)
        .and_then(|content| found(content, Some(source)))
}
