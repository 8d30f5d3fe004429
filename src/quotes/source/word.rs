//! Which tokens a source phrase is made of: a word of a subject walked over from
//! a cue ([`Tokens::subject_word`]), a word of a noun phrase ([`Tokens::np_word`]:
//! names, determiners and numbers, the nouns and modifiers of `source-words.txt`),
//! and a short parenthetical inside one ("Rep. Gwen Moore (D-Wis.)"); and the
//! words that may stand between a subject and its cue (`auxiliaries`, in
//! `data/quotes/words.txt`).

use crate::quotes::lexicon::{QuoteLexicon, SourceWord};
use crate::quotes::tokens::Tokens;
use crate::quotes::words::words;

/// Longest source phrase, in tokens.
pub const MAX_SOURCE: usize = 12;

impl<'d> Tokens<'d> {
    /// Can token `i` be part of a source phrase found by walking left from a cue?
    /// Any word but a clause word ("that", "and", "because", …) or punctuation:
    /// sources are subjects, and a subject runs back to the clause boundary.
    pub fn subject_word(&self, i: usize, lx: &QuoteLexicon) -> bool {
        let w = self.words[i];
        if !w.chars().next().is_some_and(|c| c.is_alphanumeric()) {
            return matches!(w, "’s" | "'s" | "-" | "&") || self.abbreviation_stop(i);
        }
        if words().clause_words.contains(w) {
            return false;
        }
        self.np_word(i, lx) || w.chars().all(|c| c.is_lowercase() || c == '-')
    }

    /// The "(" of a short parenthetical closed at `close` (")"), not before `floor`:
    /// a party and state ("(R-Utah)"), an age or an affiliation.
    pub fn parenthetical_open(&self, floor: usize, close: usize) -> Option<usize> {
        let lx = QuoteLexicon::get();
        (floor..close)
            .rev()
            .take(8)
            .take_while(|&k| {
                !matches!(self.words[k], ")" | "“" | "”" | "\"" | ";" | ":")
                    && lx.cue_at(&self.words[..close], k).is_none()
            })
            .find(|&k| self.words[k] == "(")
            .filter(|&open| open + 1 < close)
    }

    /// Can token `i` be part of a source phrase?
    pub fn np_word(&self, i: usize, lx: &QuoteLexicon) -> bool {
        let w = self.words[i];
        if self.is_capitalized(i) {
            let wl = words();
            // A capitalized function word opening a sentence is not a name.
            // "After" for "after": the word with only its first letter capitalised.
            let capitalised = |f: &str| {
                let (w, f) = (w.as_bytes(), f.as_bytes());
                w.len() == f.len() && w[0] == f[0].to_ascii_uppercase() && w[1..] == f[1..]
            };
            return !(wl.capitalised_function_words.contains(w)
                || wl.openers.iter().any(capitalised));
        }
        if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        matches!(
            lx.source_word(w),
            Some(SourceWord::Det | SourceWord::Noun | SourceWord::Mod)
        )
    }
}
