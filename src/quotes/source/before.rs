//! The source phrase before a cue: walked left from the cue over the words of a
//! subject ("two senior administration officials said"), past auxiliaries, adverbs
//! and a date next to the cue ("has also said", "on Monday said"), across a
//! parenthetical ("Rep. Gwen Moore (D-Wis.) said") and an apposition closed by a
//! comma ("Mattis, the defense secretary, said", read in [`super::apposition`]);
//! or, right after a quotation, everything up to the cue when it reads as a noun
//! phrase with appositions. A relative clause that is an anonymity statement
//! ("An industry analyst who asked not to be identified said") belongs to the
//! subject before it.

use crate::phrase::anonymity::StatementPatterns;
use crate::quotes::lexicon::{QuoteLexicon, SourceWord};
use crate::quotes::source::word::MAX_SOURCE;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::{is_weekday, is_year, words};

impl<'d> Tokens<'d> {
    /// The source phrase ending just before token `end` (exclusive), not
    /// reaching before `floor`. Skips adverbs and auxiliaries next to the cue
    /// ("has also said"). Returns the token range.
    pub fn source_before(&self, floor: usize, end: usize) -> Option<(usize, usize)> {
        if let Some(source) = self.subject_of_anonymity_clause(floor, end) {
            return Some(source);
        }
        let lx = QuoteLexicon::get();
        let wl = words();
        let mut e = end;
        // Auxiliaries, negations and adverbs between subject and cue: "has also said",
        // "is describing", "did not mention", "is now considering",
        // "He steadfastly denied", "Trump has sharply criticized".
        let date = |w: &str| is_year(w) || is_weekday(w);
        loop {
            while e > floor
                && (wl.auxiliaries.contains(self.words[e - 1]) || self.is_adverb(e - 1, lx))
            {
                e -= 1;
            }
            // A date between subject and cue: "who in 2010 said", "Trump on Monday said".
            if e >= floor + 3
                && wl.date_prepositions.contains(self.words[e - 2])
                && date(self.words[e - 1])
            {
                e -= 2;
            } else {
                break;
            }
        }
        if e == floor {
            return None;
        }
        // A lone pronoun, or the relative "who" of "X, who said …" (PolNeAR marks it as the source).
        if matches!(lx.source_word(self.words[e - 1]), Some(SourceWord::Pronoun))
            || self.words[e - 1] == "who"
        {
            return Some((e - 1, e));
        }
        let mut s = e;
        while s > floor && e - s < MAX_SOURCE {
            let i = s - 1;
            if self.subject_word(i, lx) {
                s -= 1;
                continue;
            }
            // A parenthetical in the subject: "Rep. Gwen Moore (D-Wis.) said".
            if self.is(i, ")") {
                if let Some(open) = self.parenthetical_open(floor, i) {
                    s = open;
                    continue;
                }
            }
            // An apposition closed by a comma just before the cue: "Mattis, the defense secretary, said".
            if self.is(i, ",") && s == e && e >= floor + 2 {
                if let Some(start) = self.apposition_before(floor, i) {
                    // "As Steven Rosenthal, a tax lawyer, put it": not the conjunction.
                    let opens_clause = wl.apposition_conjunctions.contains(self.words[start]);
                    return Some((start + usize::from(opens_clause && start + 1 < i), e));
                }
            }
            // A relative clause in the subject: "One of the doctors who sent the letter
            // called …" is the doctors', not "sent the letter".
            if self.is(i, "who") && s < e && i > floor {
                let mut h = i;
                while h > floor && i - h < MAX_SOURCE && self.subject_word(h - 1, lx) {
                    h -= 1;
                }
                if h < i && (h..i).any(|k| self.np_word(k, lx)) {
                    s = h;
                }
            }
            break;
        }
        // Drop a leading lowercase determiner-only phrase ("the") and require a head.
        if s == e || (e - s == 1 && matches!(lx.source_word(self.words[s]), Some(SourceWord::Det)))
        {
            return None;
        }
        Some((s, e))
    }

    /// "An industry analyst who asked not to be identified said": where the words
    /// before `end` are an anonymity statement opened by "who", the subject before
    /// "who" with the clause.
    fn subject_of_anonymity_clause(&self, floor: usize, end: usize) -> Option<(usize, usize)> {
        let last = self.words.get(end.checked_sub(1)?)?;
        let patterns = StatementPatterns::get();
        if end <= floor
            || !patterns
                .statement_ends
                .contains(&last.to_lowercase().replace('’', "'"))
        {
            return None;
        }
        let from = end.saturating_sub(16).max(floor);
        let words: Vec<String> = self.words[from..end]
            .iter()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect();
        let start = from + patterns.ending_at(&words, words.len())?;
        let who = start
            .checked_sub(1)
            .filter(|&w| w > floor && self.is(w, "who"))?;
        let (s, _) = self.source_before(floor, who)?;
        Some((s, end))
    }

    /// Everything from `start` to the cue at `cue` as the source, where a quotation
    /// ends at `start` (`“…,” Scott Pruitt, the attorney general of Oklahoma, one of
    /// the states suing, said`): nothing else stands between a quotation and its cue.
    /// It must open like a noun phrase and hold only words and the punctuation of
    /// names and appositions (commas, parentheses, "$15"), which the word-by-word
    /// walk may not cross.
    pub fn source_with_appositions(&self, start: usize, cue: usize) -> Option<(usize, usize)> {
        let lx = QuoteLexicon::get();
        let first = *self.words.get(start)?;
        let opens = (self.is_capitalized(start) && self.np_word(start, lx))
            || matches!(lx.source_word(first), Some(SourceWord::Det));
        let mut end = cue;
        while end > start && words().auxiliaries.contains(self.words[end - 1]) {
            end -= 1;
        }
        let phrase = (start..end).all(|k| {
            self.words[k]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
                || matches!(
                    self.words[k],
                    "," | "(" | ")" | "$" | "%" | "&" | "-" | "'s" | "’s" | "--" | "—" | "–"
                )
                || self.abbreviation_stop(k)
        });
        (opens && phrase && end > start).then_some((start, end))
    }
}
