//! The attribution after a quotation, in its sentence: `“…,” the official said`,
//! `“…,” said the official`, `“…,” as Cruz said`, a signature (`“…” ― NAME`,
//! `“… missing.” Trump said.`), and a verb the lexicon lacks that the learned cue
//! model (or another proposer, [`crate::quotes::propose`]) takes for one of saying
//! (`“Go back,” Trump barked`).

use crate::document::Document;
use crate::quotes::found::Attribution;
use crate::quotes::lexicon::{CueClass, QuoteLexicon};
use crate::quotes::marks::Quoted;
use crate::quotes::propose::Proposed;
use crate::quotes::tokens::Tokens;

/// `“…,” the official said` or `“…,” said the official` after the quote, in its sentence.
pub fn attribution_after(
    doc: &Document,
    t: &Tokens,
    sent_of: &[usize],
    q: &Quoted,
    proposed: &mut Proposed,
) -> Option<Attribution> {
    let lx = QuoteLexicon::get();
    let end = q.last();
    let s = sent_of[end - 1];
    let mut limit = doc.sentences[s].tokens.1 as usize;
    let mut i = end;
    if i < limit && t.words[i] == "," {
        i += 1;
    }
    // Whether the attribution was looked for in a short sentence of its own after a
    // quotation ending in a full stop (`“… missing.” Trump said.`).
    let mut signed = false;
    if i >= limit {
        // The signature of a quotation ending in a full stop is a "sentence" of its own: “….” ― Name
        let next = doc
            .sentences
            .get(s + 1)
            .filter(|n| n.paragraph == doc.sentences[s].paragraph)?;
        // The sentence splitter ends a sentence at `!”` or `?”` before a capital, so
        // `“… Trump!” US Senator Jeff Sessions said …` continues in the next sentence.
        let exclaims = end >= 2 && matches!(t.words[end - 2], "!" | "?");
        // `“… missing.” Trump said.`: a short sentence of its own naming the speaker.
        let signature = end >= 2 && t.words[end - 2] == "." && next.tokens.1 - next.tokens.0 <= 8;
        if !exclaims && !signature && !t.is_dash(next.tokens.0 as usize) {
            return None;
        }
        signed = signature && !exclaims && !t.is_dash(next.tokens.0 as usize);
        limit = next.tokens.1 as usize;
    }
    // In such a sentence the cue ends it, but for a few words (`Trump said on
    // Tuesday.`): one that goes on to content of its own (`She added that …`, `He
    // said the plan would fail.`) is an attribution of that content, not this one's.
    let ends_signature = |cue_end: usize| {
        !signed || {
            let rest = &t.words[cue_end.min(limit)..limit];
            let words = rest
                .iter()
                .filter(|w| !matches!(**w, "." | "!" | "?" | "," | "”" | "\""))
                .count();
            words <= 3 && !rest.iter().any(|w| matches!(*w, "that" | "“"))
        }
    };
    // “…” ― NAME: a quotation signed with a dash, as in reader comments and epigraphs.
    if t.is_dash(i) && i + 1 < limit {
        let mut e = i + 1;
        while e < limit && t.is_capitalized(e) {
            e += 1;
        }
        if e > i + 1 && (e == limit || matches!(t.words[e], "." | "," | "(")) {
            return Some((Some((i + 1, e)), (i, i + 1), None));
        }
    }
    // CUE SOURCE
    if let Some((n, class)) = lx.cue_at(&t.words[..limit], i) {
        if class.can_follow_content() {
            let source = t.source_after(i + n, limit);
            if signed && !ends_signature(source.map_or(i + n, |s| s.1)) {
                return None;
            }
            return Some((source, (i, i + n), None));
        }
    }
    // SOURCE CUE: the cue within a few tokens (a name with appositions may take many).
    for c in i + 1..limit.min(i + 24) {
        let full_stop = t.words[c] == "." && !matches!(t.words.get(c + 1), Some(&",") | Some(&")"));
        if t.words[c] == "“"
            || t.words[c] == "\""
            || full_stop
            || matches!(t.words[c], ";" | "!" | "?")
        {
            break;
        }
        // A verb the lexicon lacks, right after a quotation and its source, is taken
        // from the proposers as a verb of saying ("“Go back,” Trump barked").
        let cue = lx.cue_at(&t.words[..limit], c).or_else(|| {
            let ((x, y), _) = proposed.cue_at((doc.sentences[s].tokens.0 as usize, limit), c)?;
            (x == c).then_some((y - x, CueClass::Speech))
        });
        if let Some((n, class)) = cue {
            // A speech-act verb ending its clause reads as a verb of saying: `“…,” Gorka urged.`
            let ends_clause = c + n >= limit || matches!(t.words[c + n], "." | "," | ";");
            let follows = class.can_follow_content() || (class == CueClass::Act && ends_clause);
            if !follows || !ends_signature(c + n) {
                return None;
            }
            // "“…,” as Cruz said": the source opens after "as".
            let from = if t.words[i] == "as" && c > i + 1 {
                i + 1
            } else {
                i
            };
            let source = t
                .source_before(from, c)
                .filter(|s| s.0 == from)
                .or_else(|| t.source_with_appositions(from, c))?;
            return Some((Some(source), (c, c + n), None));
        }
    }
    None
}
