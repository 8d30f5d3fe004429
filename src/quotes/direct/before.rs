//! The attribution before a quotation, in its sentence: `X said: “…”`, `X said,
//! “…”`, `X said that “…”`, `Said Ellis: “…”`, with a short adverbial between cue
//! and quotation ("said in a statement"); and the cue ending at a given token that
//! [`super::previous`] reads too.

use crate::document::Document;
use crate::quotes::found::{Attribution, Range};
use crate::quotes::lexicon::{CueClass, QuoteLexicon};
use crate::quotes::marks::Quoted;
use crate::quotes::tokens::Tokens;

/// `X said: “…”`, `X said, “…”`, `X said that “…”` before the quote, in its sentence.
pub fn attribution_before(
    doc: &Document,
    t: &Tokens,
    sent_of: &[usize],
    q: &Quoted,
) -> Option<Attribution> {
    let start = q.first();
    let sent = &doc.sentences[sent_of[start]];
    let floor = sent.tokens.0 as usize;
    if start == floor {
        return None;
    }
    let mut j = start;
    let mut that = None;
    if matches!(t.words[j - 1], ":" | ",") {
        j -= 1;
    } else if t.words[j - 1].eq_ignore_ascii_case("that") {
        j -= 1;
        that = Some(j);
    }
    cue_ending_at(t, floor, j).map(|(source, cue)| {
        // Words between the cue and the quotation make it a paraphrase with a quoted
        // fragment ("said the spending was “…”"): the content starts after the cue.
        let gap = that.unwrap_or(j) > cue.1 && !matches!(t.words[j], ":" | ",");
        // "…, he added, are like “…”": the comma closing a parenthetical cue is no content.
        let from = if t.words[cue.1] == "," && cue.1 + 1 < j {
            cue.1 + 1
        } else {
            cue.1
        };
        (source, cue, if gap { Some(from) } else { that })
    })
}

/// A cue (and the source phrase before it) ending exactly at token `end`, allowing
/// a short adverbial between them ("said in a statement", "told reporters").
pub fn cue_ending_at(t: &Tokens, floor: usize, end: usize) -> Option<(Option<Range>, Range)> {
    let lx = QuoteLexicon::get();
    for c in (floor..end).rev().take(6) {
        if let Some((n, class)) = lx.cue_at(&t.words[..end], c) {
            if class == CueClass::According {
                let source = t.source_after(c + n, end);
                return Some((source, (c, c + n)));
            }
            // Inverted, "Said Ellis:" / "Added the senator:": the source runs from the cue to `end`.
            let inverted = || {
                t.source_after(c + n, end)
                    .filter(|s| class.can_follow_content() && s.1 == end && c == floor)
            };
            // A long source with appositions opening the sentence ("John Dickey, the chief
            // executive of Ora Media -- the production company …, -- told me, “…”").
            let whole = || t.source_with_appositions(floor, c).filter(|s| s.0 == floor);
            let source = t.source_before(floor, c).or_else(inverted).or_else(whole);
            return source.map(|s| (Some(s), (c, c + n)));
        }
        if matches!(t.words[c], "." | "!" | "?" | "“" | "”" | "\"") {
            break;
        }
    }
    None
}
