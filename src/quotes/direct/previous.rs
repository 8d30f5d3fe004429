//! A quotation opening a sentence introduced by the sentence before it, which ends
//! with its cue and a colon: `He said: “…”` split by the sentence splitter.

use crate::document::Document;
use crate::quotes::direct::before::cue_ending_at;
use crate::quotes::found::Attribution;
use crate::quotes::marks::Quoted;
use crate::quotes::tokens::Tokens;

/// A quote opening a paragraph or sentence introduced by the sentence before: `He said:`.
pub fn attribution_in_previous_sentence(
    doc: &Document,
    t: &Tokens,
    sent_of: &[usize],
    q: &Quoted,
) -> Option<Attribution> {
    let s = sent_of[q.first()];
    if s == 0 || doc.sentences[s].tokens.0 as usize != q.first() {
        return None;
    }
    let prev = &doc.sentences[s - 1];
    let (a, b) = (prev.tokens.0 as usize, prev.tokens.1 as usize);
    if t.words[b - 1] != ":" {
        return None;
    }
    cue_ending_at(t, a, b - 1).map(|(source, cue)| (source, cue, None))
}
