//! Finding a source phrase and a cue around a piece of content, by token
//! patterns over one sentence; no parser needed.
//!
//! A source phrase is found by walking from a cue over words that can belong
//! to a noun phrase: capitalized words (names, titles, organizations),
//! determiners and numbers, the nouns and modifiers of `source-words.txt`,
//! possessives, and an apposition set off by commas ("Jim Mattis, the defense
//! secretary,"). Anything else ends it.

use super::lexicon::{QuoteLexicon, SourceWord};

/// A token view of a document: texts and sentence bounds.
pub struct Tokens<'d> {
    pub words: Vec<&'d str>,
}

const MAX_SOURCE: usize = 12;

/// Words that may stand between a subject and its cue.
pub const AUXILIARIES: [&str; 44] = [
    "also",
    "long",
    "still",
    "already",
    "remain",
    "remains",
    "remained",
    "can",
    "may",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "been",
    "being",
    "later",
    "previously",
    "then",
    "once",
    "again",
    "recently",
    "publicly",
    "privately",
    "repeatedly",
    "often",
    "would",
    "will",
    "did",
    "does",
    "never",
    "even",
    "not",
    "n't",
    "now",
    "could",
    "should",
    "might",
    "must",
    "do",
    "’re",
    "'re",
];

/// Prepositions and subordinators that open an adverbial before a sentence's subject
/// ("After thanking the crowd, he …", "Despite the vote, …"): capitalised at the start
/// of a sentence they are no source words, and the subject follows their clause.
pub const OPENERS: [&str; 23] = [
    "after", "before", "for", "like", "unlike", "despite", "with", "without", "since", "once",
    "while", "when", "as", "if", "although", "though", "because", "instead", "by", "from", "in",
    "on", "at",
];

/// Words that open a clause: a subject never runs back past them.
pub const CLAUSE_WORDS: [&str; 37] = [
    "that", "which", "who", "whom", "whose", "and", "but", "or", "because", "if", "when", "while",
    "as", "since", "after", "before", "although", "though", "than", "so", "where", "whether",
    "until", "unless", "is", "was", "are", "were", "be", "been", "said", "says", "say", "told",
    "also", "despite", "without",
];

impl<'d> Tokens<'d> {
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.words[i].chars().next().is_some_and(char::is_uppercase)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.words.get(i).is_some_and(|x| *x == w)
    }

    /// Can token `i` be part of a source phrase found by walking left from a cue?
    /// Any word but a clause word ("that", "and", "because", …) or punctuation:
    /// sources are subjects, and a subject runs back to the clause boundary.
    fn subject_word(&self, i: usize, lx: &QuoteLexicon) -> bool {
        let w = self.words[i];
        if !w.chars().next().is_some_and(|c| c.is_alphanumeric()) {
            return matches!(w, "’s" | "'s" | "-" | "&") || self.abbreviation_stop(i);
        }
        if CLAUSE_WORDS.contains(&w) {
            return false;
        }
        self.np_word(i, lx) || w.chars().all(|c| c.is_lowercase() || c == '-')
    }

    /// An "-ly" adverb between a subject and its cue ("steadfastly", "sharply"); nouns
    /// in "-ly" that head sources ("family", "ally") are in `source-words.txt`.
    pub fn is_adverb(&self, i: usize, lx: &QuoteLexicon) -> bool {
        let w = self.words[i];
        w.len() >= 5
            && w.ends_with("ly")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && lx.source_word(w).is_none()
    }

    /// A full stop inside a sentence that ends an abbreviation the tokenizer split
    /// off ("McConnell, R-Ky., said", "(D-Wis.)"): a word before it, a comma or a
    /// closing parenthesis after it.
    fn abbreviation_stop(&self, i: usize) -> bool {
        self.is(i, ".")
            && i > 0
            && self.words[i - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
            && matches!(self.words.get(i + 1), Some(&",") | Some(&")"))
    }

    /// The "(" of a short parenthetical closed at `close` (")"), not before `floor`:
    /// a party and state ("(R-Utah)"), an age or an affiliation.
    fn parenthetical_open(&self, floor: usize, close: usize) -> Option<usize> {
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
    fn np_word(&self, i: usize, lx: &QuoteLexicon) -> bool {
        let w = self.words[i];
        if self.is_capitalized(i) {
            // A capitalized function word opening a sentence is not a name.
            // "After" for "after": the word with only its first letter capitalised.
            let capitalised = |f: &&str| {
                let (w, f) = (w.as_bytes(), f.as_bytes());
                w.len() == f.len() && w[0] == f[0].to_ascii_uppercase() && w[1..] == f[1..]
            };
            return !(matches!(w, "But" | "And" | "So" | "Yet" | "Or" | "That" | "This")
                || OPENERS.iter().any(capitalised));
        }
        if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        matches!(
            lx.source_word(w),
            Some(SourceWord::Det | SourceWord::Noun | SourceWord::Mod)
        )
    }

    /// The source phrase ending just before token `end` (exclusive), not
    /// reaching before `floor`. Skips adverbs and auxiliaries next to the cue
    /// ("has also said"). Returns the token range.
    pub fn source_before(&self, floor: usize, end: usize) -> Option<(usize, usize)> {
        let lx = QuoteLexicon::get();
        let mut e = end;
        // Auxiliaries, negations and adverbs between subject and cue: "has also said",
        // "is describing", "did not mention", "is now considering",
        // "He steadfastly denied", "Trump has sharply criticized".
        let date = |w: &str| super::is_year(w) || super::is_weekday(w);
        loop {
            while e > floor
                && (AUXILIARIES.contains(&self.words[e - 1]) || self.is_adverb(e - 1, lx))
            {
                e -= 1;
            }
            // A date between subject and cue: "who in 2010 said", "Trump on Monday said".
            if e >= floor + 3 && matches!(self.words[e - 2], "in" | "on") && date(self.words[e - 1])
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
                    let opens_clause = matches!(
                        self.words[start],
                        "As" | "But" | "And" | "So" | "When" | "While" | "If" | "Yet"
                    );
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
        while end > start && AUXILIARIES.contains(&self.words[end - 1]) {
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

    /// "NAME, the ROLE," ending at the comma at `comma`: start of NAME. Also "the
    /// ROLE, NAME," and chains of two ("Scott Pruitt, the attorney general of
    /// Oklahoma, one of the states suing,"); the name may carry a parenthetical
    /// ("Harry Reid (D-Nev.), the leader,") and an abbreviation ("McConnell, R-Ky.,").
    fn apposition_before(&self, floor: usize, comma: usize) -> Option<usize> {
        let lx = QuoteLexicon::get();
        let mut comma = comma;
        let mut found = None;
        for _ in 0..3 {
            // The role phrase between the two commas.
            let mut s = comma;
            while s > floor && comma - s < MAX_SOURCE && !self.is(s - 1, ",") {
                s -= 1;
            }
            if s == floor || s == comma || !self.is(s - 1, ",") {
                break;
            }
            let role_ok = (s..comma).all(|i| {
                self.np_word(i, lx)
                    || self.words[i].chars().all(char::is_alphanumeric)
                    || matches!(self.words[i], "(" | ")" | "'s" | "’s" | "-" | "&")
                    || self.abbreviation_stop(i)
            });
            if !role_ok {
                break;
            }
            // What comes before the first comma: a name (capitalized words, maybe with a
            // parenthetical), or a role opened by a determiner ("the assailant, John McGraw,").
            let mut name_end = s - 1;
            // An age between commas: "Ramil Carr, 31, a photographer,".
            if name_end >= floor + 2
                && self.words[name_end - 1].chars().all(|c| c.is_ascii_digit())
                && self.is(name_end - 2, ",")
            {
                name_end -= 2;
            }
            let mut n = name_end;
            if n > floor && self.is(n - 1, ")") {
                if let Some(open) = self.parenthetical_open(floor, n - 1) {
                    n = open;
                }
            }
            while n > floor && self.is_capitalized(n - 1) && name_end - n < 8 {
                n -= 1;
            }
            let det = |k: usize| matches!(lx.source_word(self.words[k]), Some(SourceWord::Det));
            if n == name_end || (n + 1 == name_end && !self.is_capitalized(n)) {
                // No name: a determiner phrase naming a role, when the apposition is a
                // name ("the assailant, John McGraw,", "the F.B.I. director, James Comey,").
                let named = (s..comma).all(|i| self.is_capitalized(i) || self.abbreviation_stop(i));
                let mut d = name_end;
                let mut opening = None;
                while d > floor && name_end - d < 8 && self.subject_word(d - 1, lx) {
                    d -= 1;
                    if det(d) {
                        opening = Some(d);
                    }
                }
                if named {
                    found = opening.or(found);
                }
                break;
            }
            // Words of the subject before the name: "Former House speaker Newt Gingrich, a Trump ally,".
            while n > floor && name_end - n < 10 && self.subject_word(n - 1, lx) {
                n -= 1;
            }
            found = Some(n);
            // A second apposition before this one?
            if n > floor + 1 && self.is(n - 1, ",") {
                comma = n - 1;
                continue;
            }
            break;
        }
        found
    }

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
        Some((
            s,
            if pronoun {
                e
            } else {
                self.post_modifier_end(e, limit)
            },
        ))
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
                && !matches!(
                    w,
                    "that" | "who" | "which" | "and" | "or" | "but" | "as" | "to"
                )
        };
        let mut k = e;
        while k < limit && k - e < 3 && plain(k) {
            k += 1;
        }
        // A weekday is no name: "Sanders stayed on message Monday, arguing …".
        if k > e && k < limit && self.is_capitalized(k) && !super::is_weekday(self.words[k]) {
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
            || matches!(
                w,
                "familiar"
                    | "close"
                    | "knowledgeable"
                    | "involved"
                    | "with"
                    | "at"
                    | "from"
                    | "in"
                    | "of"
                    | "for"
                    | "on"
            );
        if !opens || e >= limit {
            return e;
        }
        let lx = QuoteLexicon::get();
        let mut end = e + 1;
        while end < limit && end - e < 8 {
            let w = self.words[end];
            if matches!(
                w,
                "," | "."
                    | ";"
                    | ":"
                    | "—"
                    | "who"
                    | "that"
                    | "which"
                    | "“"
                    | "”"
                    | "\""
                    | "("
                    | ")"
            ) || lx.cue_at(&self.words[..limit], end).is_some()
            {
                break;
            }
            end += 1;
        }
        // Only a short phrase ending at a clause boundary is a modifier; else keep the bare noun.
        if end < limit && !matches!(self.words[end], "," | "who" | "that" | "which" | "." | ";") {
            return e;
        }
        end
    }
}
