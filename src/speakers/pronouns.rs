//! Whom a pronoun refers to: "he"/"she" to the person the prose last made its
//! subject or speaker, of a compatible gender; "it" the same way to an
//! organization; a relative "who" to the name just before it; and the subject
//! pronoun that heads a longer source span ("even now at 86 she still").

use super::mentions::Mention;
use super::words::WORDS;
use crate::document::{Document, EntityLabel};
use crate::lexicon::first_names::Gender;

/// Whether cluster `c` may be of gender `want`: it is, or its gender is unknown
/// (clusters added while resolving have none).
pub(super) fn may_be(genders: &[Option<Gender>], c: u32, want: Gender) -> bool {
    genders
        .get(c as usize)
        .copied()
        .flatten()
        .is_none_or(|g| g == want)
}

/// How many sentences before a pronoun's own its antecedent is looked for.
const PRONOUN_LOOKBACK: usize = 4;

/// The person a "he" or "she" at offset `at` refers to. News prose keeps talking
/// about the person it last made the subject or the speaker: walking back sentence
/// by sentence from the pronoun's own, the first sentence with a fitting speaker or
/// subject gives it (the speaker first); failing any, the nearest fitting mention
/// in another role ("The president's roots …"). A sentence that opens with the same
/// pronoun ("She has faced …", "However, he held …") is about the same person: only a
/// speaker in it counts. `pronoun` may list several, separated by `|`.
pub(super) fn pronoun_antecedent(
    doc: &Document,
    persons: &[Mention],
    at: u32,
    pronoun: &str,
    fits: impl Fn(u32) -> bool,
) -> Option<u32> {
    let s = doc
        .sentences
        .partition_point(|s| s.start <= at)
        .checked_sub(1)?;
    let window = s.saturating_sub(PRONOUN_LOOKBACK)..=s;
    let in_sentence = |k: usize| {
        let sent = &doc.sentences[k];
        let hi = if k == s { at } else { sent.end };
        let lo = persons.partition_point(|m| m.start < sent.start);
        let hi = persons.partition_point(|m| m.start < hi);
        persons[lo..hi].iter().filter(|m| fits(m.cluster))
    };
    let continues = |k: usize| {
        let (a, b) = doc.sentences[k].tokens;
        k != s
            && (a..b.min(a + 3)).any(|t| {
                let w = doc.token_text(t as usize);
                pronoun.split('|').any(|p| w.eq_ignore_ascii_case(p))
            })
    };
    for k in window.clone().rev() {
        let pick = in_sentence(k).find(|m| m.speaker).or_else(|| {
            (!continues(k))
                .then(|| {
                    in_sentence(k)
                        .find(|m| m.subject)
                        .or_else(|| in_sentence(k).next())
                })
                .flatten()
        });
        if let Some(m) = pick {
            return Some(m.cluster);
        }
    }
    window
        .rev()
        .filter(|&k| !continues(k))
        .find_map(|k| in_sentence(k).next())
        .map(|m| m.cluster)
}

/// "Her campaign": the person a "his" or "her" before the last word of a source
/// phrase's head refers to, who leads the body that word names.
pub(super) fn possessive_antecedent(
    doc: &Document,
    persons: &[Mention],
    genders: &[Option<Gender>],
    head: &str,
    at: u32,
) -> Option<u32> {
    head.split_whitespace()
        .rev()
        .nth(1)
        .map(str::to_lowercase)
        .filter(|w| w == "his" || w == "her")
        .and_then(|w| {
            let (want, pronoun) = if w == "his" {
                (Gender::Male, "he")
            } else {
                (Gender::Female, "she")
            };
            let fits = |c: u32| may_be(genders, c, want);
            pronoun_antecedent(doc, persons, at, pronoun, fits)
        })
}

/// The subject pronoun ("he", "she") of a source span that holds more than a noun
/// phrase ("even now at 86 she still"), when no person or organization is named
/// before it in the span.
pub(super) fn lead_pronoun(doc: &Document, m: &crate::document::TextSpan) -> Option<String> {
    let first_name = doc
        .entities_within(m.start, m.end)
        .iter()
        .filter(|e| matches!(e.label, EntityLabel::PER | EntityLabel::ORG))
        .map(|e| e.start)
        .min()
        .unwrap_or(m.end);
    let mut at = m.start;
    for w in m.text.split(char::is_whitespace) {
        if at >= first_name {
            break;
        }
        let word = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if WORDS.subject_pronouns.contains(&word) {
            return Some(word);
        }
        at += w.chars().count() as u32 + 1;
    }
    None
}

/// The antecedent of a relative "who" ("Trump, who said …"): the person or
/// organization named just before it, in the same sentence.
pub(super) fn relative_antecedent(doc: &Document, at: u32) -> Option<u32> {
    let s = doc.sentences.partition_point(|s| s.end <= at);
    let sentence = doc.sentences.get(s).filter(|s| s.start <= at)?;
    // The entities ending by `at`, nearest first, back to the sentence's start.
    let before = doc.entities.partition_point(|e| e.end <= at);
    doc.entities[..before]
        .iter()
        .rev()
        .take_while(|e| e.start >= sentence.start)
        .find(|e| matches!(e.label, EntityLabel::PER | EntityLabel::ORG))
        .and_then(|e| e.cluster)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Entity, TextSpan};

    #[test]
    fn a_lead_pronoun_is_found_past_a_no_break_space() {
        // News sites write "it\u{a0}attacked": the pronoun before the name is the subject.
        let source = "Meanwhile, it\u{a0}attacked Trump,";
        let mut doc = Document::new("t", format!("{source} saying so."));
        let at = source.chars().position(|c| c == 'T').unwrap() as u32;
        doc.entities.push(Entity {
            start: at,
            end: at + 5,
            text: "Trump".into(),
            label: EntityLabel::PER,
            tokens: (4, 5),
            cluster: None,
        });
        let m = TextSpan {
            start: 0,
            end: source.chars().count() as u32,
            text: source.into(),
        };
        assert_eq!(lead_pronoun(&doc, &m).as_deref(), Some("it"));
    }
}
