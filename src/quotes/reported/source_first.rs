//! SOURCE CUE (that) CONTENT: "X said (that) …", "X told reporters …". The source
//! opens the sentence or a clause; an adverbial before "that" ("said on Thursday
//! that"), or the addressee of "told", is skipped; the content ends at a clause
//! tacked on after a comma, and a speech act's object ends with its quotation.

use crate::quotes::clause::{clause_end, quotation_end};
use crate::quotes::found::Range;
use crate::quotes::lexicon::{CueClass, QuoteLexicon, SourceWord};
use crate::quotes::tokens::Tokens;
use crate::quotes::words::{opens_adverbial, words};

/// The content after the cue at `cue`, whose source is `source`, in the sentence `[a, end)`.
pub fn read(
    t: &Tokens,
    in_quote: &[bool],
    (a, end): Range,
    cue: Range,
    class: CueClass,
    source: Range,
) -> Option<Vec<Range>> {
    // SOURCE CUE (that) CONTENT: the source opens the sentence or a clause.
    if source.0 == a
        || matches!(t.words[source.0 - 1], "," | ";" | "—" | "(")
        || words().before_source.contains(t.words[source.0 - 1])
        || t.words[source.0] == "who"
    {
        let mut start = cue.1;
        // Skip an adverbial ("said on Thursday that …") or, after "told", the addressee.
        let that = (start..end.min(start + 8)).find(|&i| t.words[i].eq_ignore_ascii_case("that"));
        let skippable = |from: usize, to: usize| {
            (from..to).all(|i| !matches!(t.words[i], "." | ";" | "“" | "”"))
                && (from == to || class == CueClass::Tell || opens_adverbial(t.words[from]))
        };
        if let Some(that) = that.filter(|&th| skippable(start, th)) {
            start = that;
        } else if class == CueClass::Tell {
            while start < end
                && (t.is_capitalized(start)
                    || QuoteLexicon::get()
                        .source_word(t.words[start])
                        .is_some_and(|w| w != SourceWord::Pronoun)
                    || t.words[start] == "reporters")
            {
                start += 1;
            }
        }
        if start < end && t.words[start] == ":" {
            start += 1;
        }
        // "the proposal championed by Trump", "a call echoed by Japan": a passive
        // participle; what follows "by" is its agent, not content.
        if start < end && t.words[start] == "by" {
            return None;
        }
        let mut end = clause_end(t, in_quote, start, end);
        // "X, who said A, said B": a relative clause set off by commas ends at its comma.
        if t.words[source.0] == "who" && source.0 > a && t.words[source.0 - 1] == "," {
            if let Some(comma) = (start + 1..end).find(|&k| !in_quote[k] && t.words[k] == ",") {
                end = comma;
            }
        }
        // A speech act's object ("called it “…”") ends with its quotation; what a speech
        // verb reports runs on ("said it was “complex” and he could win").
        let end = if class == CueClass::Act {
            quotation_end(t, in_quote, start, end)
        } else {
            end
        };
        return Some(vec![(start, end)]);
    }
    None
}
