//! Whether a word the cue lexicon knows is a cue where it stands: a capitalized cue
//! inside a sentence is part of a name ("United States"), except in a headline;
//! after "to" it is an infinitive ("to claim asylum"); after a determiner, a number
//! or a possessive it is a noun ("two states", "his claims"), but not after a year
//! ("who in 2010 said …").

use crate::phrase::anonymity::StatementPatterns;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::{is_year, words};

/// Whether the cue word at `i` (in a sentence ending at `b`) opens an anonymity
/// statement: "who asked not to be identified", "who declined to be named",
/// "requested anonymity". The statement is the evidence of anonymity for its
/// source (the `sources` stage reads it), never an attribution of its own.
pub fn opens_anonymity_statement(t: &Tokens, i: usize, b: usize) -> bool {
    let patterns = StatementPatterns::get();
    if !patterns
        .statement_starts
        .contains_key(&t.words[i].to_lowercase().replace('’', "'"))
    {
        return false;
    }
    // The longest pattern has a dozen words.
    let words: Vec<String> = t.words[i..b.min(i + 16)]
        .iter()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    patterns.longest_at(&words, 0).is_some()
}

/// Whether the lexicon cue at `i`, in a sentence starting at `a`, reads as a noun, a
/// name or an infinitive there rather than as a cue.
pub fn not_a_cue_here(t: &Tokens, a: usize, i: usize, headline: bool) -> bool {
    // A capitalized cue inside a sentence is part of a name ("United States"),
    // except in a headline; after "to" it is an infinitive ("to claim asylum").
    // After a determiner, a number or a possessive it is a noun ("two states", "his claims"),
    // but not after a year ("who in 2010 said …").
    let noun = i > a && {
        let prev = t.words[i - 1];
        words().noun_markers.contains(prev)
            || matches!(prev, "'s" | "’s")
            || (prev.chars().next().is_some_and(|c| c.is_ascii_digit()) && !is_year(prev))
    };
    noun || (i > a && t.is_capitalized(i) && !headline) || (i > a && t.words[i - 1] == "to")
}
