//! The name a source phrase gives: the entity inside the phrase (a person before an
//! organization, a name heading an apposition), the name the phrase is an
//! apposition to ("Michael Mulgrew, president of …"), a run of capitalized words
//! the tagger missed, or a surname in capitals ("PENCE:"). These come first in
//! resolution: a name says who spoke more surely than a role or a pronoun.

use super::names::{is_camel_case_brand, is_honorific, is_party_state, name_words_of};
use super::roles::is_person_role;
use super::surnames::Surnames;
use super::words::WORDS;
use crate::document::{Document, EntityCluster, EntityLabel};
use crate::lexicon::first_names::Gender;

/// The name a source span belongs to when the span starts inside it or right after
/// it: "[Michael Mulgrew, ]president of the United Federation of Teachers," is an
/// apposition to the name before its comma; "[the Central and ]East European
/// Coalition" is cut inside the tagger's name.
pub(super) fn name_before_apposition(doc: &Document, m: &crate::document::TextSpan) -> Option<u32> {
    let named = |e: &&crate::document::Entity| {
        matches!(e.label, EntityLabel::PER | EntityLabel::ORG) && !is_party_state(&e.text)
    };
    if let Some(e) = doc
        .entity_covering(m.start)
        .filter(|e| named(e) && e.start < m.start)
    {
        return e.cluster;
    }
    // An apposition is set off by commas on both sides ("In Chelsea, the mayor said"
    // is not one).
    let first = m.text.split_whitespace().next()?;
    if !m.text.trim_end().ends_with(',')
        || !first.chars().next().is_some_and(char::is_lowercase)
        || WORDS
            .not_apposition_words
            .contains(first.trim_end_matches(','))
    {
        return None;
    }
    // The text before the span: "NAME, " and nothing else between.
    let comma = doc
        .tokens
        .partition_point(|t| t.start < m.start)
        .checked_sub(1)?;
    if doc.token_text(comma) != "," || comma == 0 {
        return None;
    }
    let mut end = doc.tokens[comma - 1].end;
    // "House Speaker Paul Ryan, R-Wis., despite …": past a party-state label.
    if let Some(label) = doc
        .entity_ending_at(end)
        .filter(|e| is_party_state(&e.text))
    {
        let before = label.tokens.0 as usize;
        if before < 2 || doc.token_text(before - 1) != "," {
            return None;
        }
        end = doc.tokens[before - 2].end;
    }
    doc.entity_ending_at(end)
        .filter(named)
        .and_then(|e| e.cluster)
}

/// "A spokeswoman for the Gulf Maritime Alliance, Karen Holt,": the person named
/// in apposition at the end of a described source is its speaker, whatever the
/// role or body before it says.
pub(super) fn closing_apposition(doc: &Document, m: &crate::document::TextSpan) -> Option<u32> {
    let text = m.text.trim_end_matches([',', ' ']);
    // A described source: it opens with a determiner or a lowercase word.
    let first = text.split_whitespace().next()?;
    let described = first.chars().next().is_some_and(char::is_lowercase)
        || matches!(first.to_lowercase().as_str(), "a" | "an" | "the");
    if !described {
        return None;
    }
    let end = m.start + text.chars().count() as u32;
    let e = doc
        .entity_ending_at(end)
        .filter(|e| e.label == EntityLabel::PER && e.start > m.start)?;
    let comma = (e.tokens.0 as usize).checked_sub(1)?;
    (doc.token_text(comma) == "," && doc.tokens[comma].start > m.start)
        .then_some(e.cluster)
        .flatten()
}

/// The cluster of an entity inside `[start, end)`: the last person, else the last
/// organization, else any mention the tagger typed otherwise ("Mr. Trump" as LOC).
pub(super) fn named_inside(doc: &Document, start: u32, end: u32) -> Option<u32> {
    // A place or other name only counts as the head of the phrase ("Mr. Trump" typed LOC),
    // not as a modifier ("the Indiana governor").
    let end_trimmed = doc
        .text
        .get(doc.byte_of(start)..doc.byte_of(end))
        .unwrap_or_default()
        .to_string();
    let head_end = start + end_trimmed.trim_end_matches([',', ' ']).chars().count() as u32;
    let inside: Vec<&crate::document::Entity> = doc
        .entities_within(start, end)
        .iter()
        .filter(|e| !is_party_state(&e.text))
        // A title alone ("Senator" tagged in a headline) names nobody.
        .filter(|e| !is_honorific(&e.text) && !is_person_role(&e.text.to_lowercase()))
        .filter(|e| matches!(e.label, EntityLabel::PER | EntityLabel::ORG) || e.end == head_end)
        .collect();
    // "Minyon Moore, a senior adviser to the Clinton campaign,": an apposition describes
    // the name that ends right before it (a parenthetical aside), which is the speaker.
    if let Some(comma) = end_trimmed.find(',') {
        let before: Vec<char> = end_trimmed[..comma].chars().collect();
        let comma = start + before.len() as u32;
        let heads = |e: &&&crate::document::Entity| {
            let Some(gap) = before.get(e.end.saturating_sub(start) as usize..) else {
                return false;
            };
            let gap: String = gap.iter().collect();
            let gap = gap.trim();
            matches!(e.label, EntityLabel::PER | EntityLabel::ORG)
                && e.end <= comma
                && (gap.is_empty() || (gap.starts_with('(') && gap.ends_with(')')))
        };
        if let Some(e) = inside.iter().find(heads) {
            return e.cluster;
        }
        // "Ban Ki-moon, the secretary general of the United Nations,": a name the tagger
        // typed otherwise, opening the phrase, is a person when a role describes it.
        let apposition = end_trimmed.split_once(',').map_or("", |(_, r)| r);
        let role = apposition
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .take_while(|w| !WORDS.phrase_prepositions.contains(&w.to_lowercase()))
            .any(|w| is_person_role(&w.to_lowercase()));
        if role {
            if let Some(e) = doc
                .entity_starting_at(start)
                .filter(|e| e.end == comma && !is_party_state(&e.text))
            {
                return e.cluster;
            }
        }
    }
    [
        EntityLabel::PER,
        EntityLabel::ORG,
        EntityLabel::MISC,
        EntityLabel::LOC,
    ]
    .iter()
    .find_map(|&label| inside.iter().rev().find(|e| e.label == label))
    .and_then(|e| e.cluster)
}

/// A name the tagger missed: the last run of capitalized words in the source
/// phrase joins the cluster whose name ends the same way, or starts one.
pub(super) fn name_in_words(
    doc: &mut Document,
    surnames: &mut Surnames,
    text: &str,
    genders: &mut Vec<Option<Gender>>,
) -> Option<u32> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '(' || c == ')'))
        .filter(|w| !is_party_state(w))
        .collect();
    let capitalized = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    };
    let end = words.iter().rposition(|w| capitalized(w))? + 1;
    // The name must head the phrase: "the Indiana governor" is a governor, not Indiana.
    if end != words.len() || WORDS.months_and_days.contains(words[end - 1]) {
        return None;
    }
    let mut start = end - 1;
    while start > 0 && capitalized(words[start - 1]) {
        start -= 1;
    }
    let run = name_words_of(&words[start..end]);
    if run.is_empty() {
        return None;
    }
    let last = run
        .last()?
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_lowercase();
    // A lone word ("The", "Officials", "Trump") is capitalized because it opens the
    // phrase: it is a name only as the surname of a person named before.
    let lone = run.len() == 1
        && (start == 0 && end == 1)
        && !is_honorific(words[0])
        && !is_camel_case_brand(words[0]);
    surnames.catch_up(doc);
    if let Some(c) = surnames.lower(&last).find(|&c| {
        let label = doc.clusters[c as usize].label;
        if lone {
            label == EntityLabel::PER
        } else {
            matches!(label, EntityLabel::PER | EntityLabel::ORG)
        }
    }) {
        return Some(c);
    }
    // "Popular Website": a kind of organization in a title-case headline, not its name.
    if lone || WORDS.organization_nouns.contains(&last) {
        return None;
    }
    let honorific = start > 0 && is_honorific(words[start - 1]) || is_honorific(words[start]);
    let label = if honorific || (2..=3).contains(&run.len()) {
        EntityLabel::PER
    } else {
        EntityLabel::ORG
    };
    doc.clusters.push(EntityCluster {
        id: doc.clusters.len() as u32,
        canonical: run.join(" "),
        label,
        mentions: Vec::new(),
    });
    genders.push(None);
    Some(doc.clusters.len() as u32 - 1)
}

/// A transcript's "PENCE:" or a headline's "TRUMP": a surname in capitals is the
/// person of that surname named before.
pub(super) fn shouted_surname(doc: &Document, surnames: &mut Surnames, text: &str) -> Option<u32> {
    let word = text.trim().trim_end_matches([',', ':']);
    let shouted = word.chars().count() >= 3 && word.chars().all(|c| c.is_uppercase() || c == '-');
    if !shouted {
        return None;
    }
    surnames.catch_up(doc);
    surnames
        .upper(word)
        .find(|&c| doc.clusters[c as usize].label == EntityLabel::PER)
}
