//! The source phrase after a cue or opening a clause: "said the official on
//! Thursday" ([`Tokens::source_after`], with a post-modifier: "officials familiar
//! with the matter"), the subject of a clause ([`Tokens::subject_at`]: "said 9/11
//! widow Terry Strada"), and the source of "according to" and of a passive's "by",
//! which runs to the next comma ([`Tokens::source_until_comma`]).

use crate::quotes::lexicon::{QuoteLexicon, SourceWord};
use crate::quotes::source::word::MAX_SOURCE;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::{is_weekday, words};

impl<'d> Tokens<'d> {
    /// The source phrase of "according to": everything up to the next comma when
    /// that comes soon ("according to the state's own inspection report, …"),
    /// else the noun phrase at `start`.
    pub fn source_until_comma(&self, start: usize, limit: usize) -> Option<(usize, usize)> {
        let comma = (start..limit.min(start + MAX_SOURCE))
            .find(|&i| matches!(self.words[i], "," | "." | ";" | ":" | "—"));
        match comma {
            Some(c) if c > start && self.words[c] == "," => Some((start, c)),
            None if limit > start && limit - start <= MAX_SOURCE => Some((start, limit)),
            _ => self.source_after(start, limit),
        }
    }

    /// The source phrase starting at `start` and ending before punctuation or a
    /// word that cannot belong to it ("said the official on Thursday").
    pub fn source_after(&self, start: usize, limit: usize) -> Option<(usize, usize)> {
        let (s, e) = self.subject_at(start, limit)?;
        let pronoun = matches!(
            QuoteLexicon::get().source_word(self.words[s]),
            Some(SourceWord::Pronoun)
        );
        if pronoun {
            return Some((s, e));
        }
        let e = self.post_modifier_end(e, limit);
        Some((s, self.closing_name_end(s, e, limit).unwrap_or(e)))
    }

    /// "said a spokeswoman for the Gulf Maritime Alliance, Karen Holt.": a name of
    /// two or more capitalised words set off by a comma after a described source,
    /// closing the clause, is the person described; the end of the phrase with it.
    fn closing_name_end(&self, s: usize, e: usize, limit: usize) -> Option<usize> {
        let described = self.words[s].chars().next().is_some_and(char::is_lowercase);
        if !described || !self.is(e, ",") {
            return None;
        }
        let mut n = e + 1;
        while n < limit && n - e <= 4 && self.is_capitalized(n) && !is_weekday(self.words[n]) {
            n += 1;
        }
        let closes = n >= limit || matches!(self.words[n], "." | "," | ";");
        (n - (e + 1) >= 2 && closes).then_some(n)
    }

    /// The subject opening a clause at `start`: a source phrase as [`Self::source_after`]
    /// reads it, but without a post-modifier, since the clause's verb follows it
    /// ("Sanders stayed on message Monday, arguing …" is Sanders's).
    pub fn subject_at(&self, start: usize, limit: usize) -> Option<(usize, usize)> {
        let lx = QuoteLexicon::get();
        if start >= limit {
            return None;
        }
        if matches!(lx.source_word(self.words[start]), Some(SourceWord::Pronoun)) {
            return Some((start, start + 1));
        }
        let mut e = start;
        while e < limit && e - start < MAX_SOURCE && self.np_word(e, lx) {
            e += 1;
        }
        // "said 9/11 widow Terry Strada.": lowercase words the lexicon does not know,
        // then a name, are one descriptive phrase before the name.
        let plain = |k: usize| {
            let w = self.words[k];
            w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && lx.cue_at(&self.words, k).is_none()
                && !words().name_phrase_stops.contains(w)
        };
        let mut k = e;
        while k < limit && k - e < 3 && plain(k) {
            k += 1;
        }
        // A weekday is no name: "Sanders stayed on message Monday, arguing …".
        if k > e && k < limit && self.is_capitalized(k) && !is_weekday(self.words[k]) {
            let mut n = k;
            while n < limit && n - start < MAX_SOURCE && self.is_capitalized(n) {
                n += 1;
            }
            // A one-word name must end the clause; a longer one may go on to the verb
            // ("Democratic presidential nominee Hillary Clinton chimed in, saying …").
            let ends = n >= limit || matches!(self.words[n], "." | "," | ";" | "(") || n - k >= 2;
            if ends {
                e = n;
            }
        }
        if e == start
            || (e - start == 1
                && matches!(lx.source_word(self.words[start]), Some(SourceWord::Det)))
        {
            return None;
        }
        Some((start, e))
    }

    /// End of a post-modifier after a source noun: "officials briefed on the
    /// talks", "people familiar with the matter", "a source close to the
    /// campaign". Stops before a relative clause, punctuation or a cue.
    pub fn post_modifier_end(&self, e: usize, limit: usize) -> usize {
        let Some(&w) = self.words.get(e) else {
            return e;
        };
        let opens = w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase())
            || words().post_modifier_openers.contains(w);
        if !opens || e >= limit {
            return e;
        }
        let lx = QuoteLexicon::get();
        let stops = &words().post_modifier_stops;
        let mut end = e + 1;
        while end < limit && end - e < 8 {
            let w = self.words[end];
            if matches!(
                w,
                "," | "." | ";" | ":" | "—" | "“" | "”" | "\"" | "(" | ")"
            ) || stops.contains(w)
                || lx.cue_at(&self.words[..limit], end).is_some()
            {
                break;
            }
            end += 1;
        }
        // Only a short phrase ending at a clause boundary is a modifier; else keep the bare noun.
        if end < limit
            && !(matches!(self.words[end], "," | "." | ";") || stops.contains(self.words[end]))
        {
            return e;
        }
        end
    }
}
