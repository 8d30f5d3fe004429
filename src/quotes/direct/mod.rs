//! Quotations: each quoted statement and its attribution, in text order.
//!
//! 1. [`statement`]: a short quotation inside a sentence, or a title, is no
//!    statement and is skipped.
//! 2. [`after`]: the attribution after the quotation (`“…,” the official said`,
//!    `“…,” said Mr. X`), tried first.
//! 3. [`before`]: the attribution before it (`X said: “…”`), tried where none
//!    follows, or where a participle follows ("X said “…,” adding that …"); one
//!    found before wins.
//! 4. [`previous`]: the sentence before, ending with a cue and a colon.
//! 5. [`content`]: where the content is more than the quotation (mixed quotes).
//!
//! A quotation whose cue an earlier one of its paragraph took (`“A,” he said,
//! “B.”`) is the rest of that one's content: one quote split around its
//! attribution. A quotation that stands as its own sentence right after an
//! attributed one continues it (same speaker, no cue of its own).

pub mod after;
pub mod before;
pub mod content;
pub mod previous;
pub mod statement;

use crate::document::{QuoteKind, TokenKind};
use crate::quotes::found::Found;
use crate::quotes::marks::Quoted;
use crate::quotes::propose::Proposed;
use crate::quotes::tokens::Text;
use after::attribution_after;
use before::attribution_before;
use previous::attribution_in_previous_sentence;
use statement::EMBEDDED_STATEMENT;

/// Read every quotation of `quoted`, in order, into `found`, marking the cues taken
/// in `used_cue`.
pub fn find(
    text: &Text,
    quoted: &[Quoted],
    found: &mut Vec<Found>,
    used_cue: &mut [bool],
    proposed: &mut Proposed,
) {
    let (doc, tokens, sent_of) = (text.doc, text.tokens, text.sent_of);
    let mut last_attributed: Option<(usize, usize)> = None; // (found index, paragraph)
    for q in quoted {
        let opens_sentence = doc.sentences[sent_of[q.first()]].tokens.0 as usize == q.first();
        let words = statement::words(doc, q);
        if !statement::may_be_statement(doc, tokens, q, opens_sentence, words) {
            continue;
        }
        let paragraph = doc.sentences[sent_of[q.first()]].paragraph as usize;
        let mut after = attribution_after(doc, tokens, sent_of, q, proposed);
        // "X said “…,” adding that …": a participle after the quotation goes on with the
        // clause, so the attribution before the quotation, if any, is its own, and the
        // content stops at the quotation.
        let participle_after = after.is_some_and(|(_, (c, _), _)| tokens.words[c].ends_with("ing"));
        let before = (after.is_none() || participle_after)
            .then(|| attribution_before(doc, tokens, sent_of, q))
            .flatten();
        if before.is_some() {
            after = None;
        }
        let attribution = after
            .or(before)
            .or_else(|| attribution_in_previous_sentence(doc, tokens, sent_of, q));
        let content = q.segments.clone();
        match attribution {
            // `“A,” he said, “B.”`: B found the cue A already took, so it is one quote
            // split around its attribution: B is more of A's content.
            Some((_, cue, _))
                if used_cue[cue.0] && last_attributed.is_some_and(|(_, p)| p == paragraph) =>
            {
                if let Some((i, _)) = last_attributed {
                    found[i].content.extend(content);
                }
            }
            Some((source, cue, that)) => {
                used_cue[cue.0..cue.1].iter_mut().for_each(|x| *x = true);
                let mut content = content;
                let mut kind = QuoteKind::Direct;
                if let Some(t) = that {
                    content::from_that(text, q, (source, cue), t, before.is_some(), &mut content);
                    kind = QuoteKind::Mixed;
                }
                if after.is_some()
                    && !opens_sentence
                    && q.segments.len() == 1
                    && content::sentence_lead(text, q, &mut content)
                {
                    kind = QuoteKind::Mixed;
                }
                if before.is_some() && !participle_after && content::runs_on(text, q, &mut content)
                {
                    kind = QuoteKind::Mixed;
                }
                last_attributed = Some((found.len(), paragraph));
                found.push(Found {
                    content,
                    cue: Some(cue),
                    source,
                    kind,
                    continues: None,
                });
            }
            // `“A,” said Mayor X of Y, “B.”`: B follows A's attribution in A's sentence,
            // with nothing else between them; it is the rest of A's content.
            None if last_attributed.is_some_and(|(i, _)| resumes(text, &found[i], q)) => {
                if let Some((i, _)) = last_attributed {
                    found[i].content.extend(content);
                }
            }
            // An embedded fragment with no attribution of its own is a scare quote, a
            // title or part of a paraphrase found below, not a statement.
            None if !opens_sentence && words < EMBEDDED_STATEMENT => {}
            None => {
                // A quotation standing as its own sentence(s) right after an attributed one continues it.
                let end_sentence = &doc.sentences[sent_of[q.last() - 1]];
                let stands_alone = opens_sentence
                    && (q.last()..end_sentence.tokens.1 as usize)
                        .all(|i| doc.tokens[i].kind == TokenKind::Punct);
                let continues = last_attributed
                    .filter(|&(_, p)| (p == paragraph || p + 1 == paragraph) && stands_alone)
                    .map(|(i, _)| i);
                found.push(Found {
                    content,
                    cue: None,
                    source: None,
                    kind: QuoteKind::Direct,
                    continues,
                });
            }
        }
    }
}

/// Whether the quotation `q` resumes the direct quote `f` after its attribution: in
/// the same sentence, with only `f`'s cue, its source and punctuation between the
/// end of `f`'s content and `q`.
fn resumes(text: &Text, f: &Found, q: &Quoted) -> bool {
    let (Some(&(_, end)), Some(cue)) = (f.content.last(), f.cue) else {
        return false;
    };
    let start = q.first();
    let inside = |i: usize, r: Option<(usize, usize)>| r.is_some_and(|(a, b)| a <= i && i < b);
    f.kind == QuoteKind::Direct
        && end <= cue.0
        && end < start
        && text.sent_of.get(end.saturating_sub(1)) == text.sent_of.get(start)
        && (end..start).all(|i| {
            inside(i, Some(cue))
                || inside(i, f.source)
                || text.doc.tokens[i].kind == TokenKind::Punct
        })
        && (end..start).any(|i| inside(i, Some(cue)))
}
