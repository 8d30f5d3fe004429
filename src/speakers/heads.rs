//! What resolution reads of a source phrase before it tries anything: its
//! lower-cased text, its head (before an apposition's comma), the head noun (before
//! a prepositional phrase), the person role that heads it ("the GOP presidential
//! nominee", "Senator from Texas"), and the subject pronoun it opens with. Read
//! once per source, so that every step of `resolve.rs` sees the same reading.

use super::pronouns::lead_pronoun;
use super::roles::is_person_role;
use super::words::WORDS;
use crate::document::{Document, TextSpan};

/// One source phrase, read.
pub(super) struct SourcePhrase<'a> {
    /// The mention as the `quotes` stage found it.
    pub(super) m: &'a TextSpan,
    /// Lower-cased, without a trailing possessive ("He’s" is "he is").
    pub(super) lower: String,
    /// `lower` without a leading "the " or a trailing comma.
    pub(super) phrase: String,
    /// The text before the first comma: "X, an adviser to the Trump campaign," is X.
    pub(super) head: &'a str,
    /// The last word of `head` before a preposition, lower-cased.
    pub(super) head_noun: Option<String>,
    /// The last word of `head` when it is a person's role (not after "a"/"an").
    pub(super) role_head: Option<String>,
    /// `role_head`, else `head_noun` when it is a person's role (not after "a"/"an").
    pub(super) role_noun: Option<String>,
    /// The subject pronoun ("he", "she", "it") the phrase is or opens with.
    pub(super) pronoun: Option<String>,
}

impl<'a> SourcePhrase<'a> {
    pub(super) fn read(doc: &Document, m: &'a TextSpan) -> SourcePhrase<'a> {
        // "He’s" is "he is": the pronoun is what counts.
        let lower = m
            .text
            .to_lowercase()
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_string();
        let phrase = lower
            .trim_start_matches("the ")
            .trim_end_matches(',')
            .trim()
            .to_string();
        // The head of "NAME, a ROLE," is before the comma: "X, an adviser to the Trump
        // campaign," is X, not the campaign.
        let head = m.text.split(',').next().unwrap_or(&m.text);
        // The head noun comes before a prepositional phrase: "Senator from Texas".
        let head_noun = head
            .split_whitespace()
            .map(str::to_lowercase)
            .take_while(|w| !WORDS.phrase_prepositions.contains(w))
            .last();
        // "The GOP presidential nominee", "Pagliano's lawyer": a phrase headed by a
        // person's role names that person; a name before the head is an affiliation.
        let role_head = head
            .split_whitespace()
            .last()
            .map(str::to_lowercase)
            .filter(|h| is_person_role(h))
            // "A federal judge" is someone new, of the court it names.
            .filter(|_| !lower.starts_with("a ") && !lower.starts_with("an "));
        // "The 34-year-old mother of three", "Senator from Texas": the role noun before
        // a prepositional phrase heads it too (a name after it, as in "Secretary of State
        // John F. Kerry", is still looked for inside).
        let role_noun = role_head.clone().or_else(|| {
            head_noun
                .clone()
                .filter(|h| is_person_role(h))
                .filter(|_| !lower.starts_with("a ") && !lower.starts_with("an "))
        });
        // "He recently pitched himself … by": a source span that runs past its subject
        // pronoun still has that pronoun as its head, when no name comes before it.
        let pronoun = if WORDS.subject_pronouns.contains(&lower) {
            Some(lower.clone())
        } else {
            lead_pronoun(doc, m)
        };
        SourcePhrase {
            m,
            lower,
            phrase,
            head,
            head_noun,
            role_head,
            role_noun,
            pronoun,
        }
    }
}
