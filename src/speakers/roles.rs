//! Who holds which role: a title before a name ("President Trump", "Sen. Warren")
//! or an apposition after it ("Jim Mattis, the defense secretary,") ties the role
//! to the person's cluster, so that a later "the president" or "the defense
//! secretary" resolves to them; and which nouns name one person's role ("the
//! senator", "Pagliano's lawyer"), with the gender some of them carry.

use super::names::{entity_title, is_honorific};
use super::words::WORDS;
use crate::document::{Document, EntityLabel};
use crate::lexicon::first_names::Gender;
use std::collections::HashMap;

/// Role phrases (lower-case, without determiner) and the people named in them, from
/// titles and appositions, each with the offset where the role was given.
#[derive(Debug, Default)]
pub(super) struct Roles(HashMap<String, Vec<(u32, u32)>>);

impl Roles {
    fn insert(&mut self, role: String, at: u32, cluster: u32) {
        self.0.entry(role).or_default().push((at, cluster));
    }

    /// Who holds `role` at offset `at`: the person last given it before `at` ("Sen.
    /// Ted Cruz … the senator", not a senator named further on), else the first named
    /// in it after.
    pub(super) fn get(&self, role: &str, at: u32) -> Option<u32> {
        let holders = self.0.get(role)?;
        holders
            .iter()
            .rev()
            .find(|&&(x, _)| x < at)
            .or_else(|| holders.first())
            .map(|&(_, c)| c)
    }
}

pub(super) fn roles(doc: &Document) -> Roles {
    let lists = &*WORDS;
    let mut roles = Roles::default();
    for (e, entity) in doc.entities.iter().enumerate() {
        if entity.label != EntityLabel::PER {
            continue;
        }
        let Some(c) = entity.cluster else { continue };
        // Titles: the word before the name ("Secretary Nielsen"), or the mention's own first
        // word when the tagger took it in ("President Trump").
        let first = entity.tokens.0 as usize;
        let inner_title = entity
            .text
            .split_whitespace()
            .next()
            .filter(|w| is_honorific(w) && entity.text.contains(' '));
        if let Some(title) = inner_title.or_else(|| entity_title(doc, e)) {
            let t = title.trim_end_matches('.').to_lowercase();
            if !lists.not_role_titles.contains(&t) {
                // "Vice President Biden" is not "the president"; "former Sen. X" not "the senator".
                let title_at = if inner_title.is_some() {
                    first
                } else {
                    first.saturating_sub(1)
                };
                let qualified = title_at > 0
                    && lists
                        .role_qualifiers
                        .contains(&doc.token_text(title_at - 1).to_lowercase());
                if !qualified {
                    roles.insert(expand_title(&t), entity.start, c);
                    // A justice is "the judge" too.
                    if t == "justice" {
                        roles.insert("judge".to_string(), entity.start, c);
                    }
                }
                if first >= 2 {
                    let two = format!("{} {}", doc.token_text(first - 2).to_lowercase(), t);
                    roles.insert(two, entity.start, c);
                }
            }
        }
        // Apposition: NAME , the|a ROLE … ,
        let after = entity.tokens.1 as usize;
        if doc.tokens.get(after).is_some() && doc.token_text(after) == "," {
            let det = after + 1;
            if det < doc.tokens.len()
                && lists.articles.contains(&doc.token_text(det).to_lowercase())
            {
                let mut end = det + 1;
                while end < doc.tokens.len()
                    && end - det <= 6
                    && !matches!(doc.token_text(end), "," | "." | ";" | "—")
                {
                    end += 1;
                }
                if end > det + 1 && end < doc.tokens.len() && doc.token_text(end) == "," {
                    let phrase: Vec<String> = (det + 1..end)
                        .map(|i| doc.token_text(i).to_lowercase())
                        .collect();
                    // The head comes before any prepositional phrase: "a senior adviser
                    // to the Clinton campaign" is an adviser, not a campaign.
                    let head = phrase
                        .iter()
                        .take_while(|w| !lists.phrase_prepositions.contains(w.as_str()))
                        .last();
                    if let Some(head) = head {
                        roles.insert(head.clone(), entity.start, c);
                    }
                    roles.insert(phrase.join(" "), entity.start, c);
                }
            }
        }
    }
    roles
}

/// The role a title gives: its own word, or the role an abbreviation stands for
/// ("sen" → "senator", `[title-abbreviations]`).
fn expand_title(t: &str) -> String {
    WORDS.title_abbreviation(t).unwrap_or(t).to_string()
}

/// Whether `w` (lower-case) is a noun naming one person's role (`[person-roles]`,
/// `[more-person-roles]`): "the senator" with no title or apposition to go by
/// refers to the person the prose is about. A spokesman speaks for an
/// organization, so "a spokesman for X" is left to name X.
pub(super) fn is_person_role(w: &str) -> bool {
    let lists = &*WORDS;
    lists.person_roles.contains(w) && !lists.spokesmen.contains(w)
        || lists.more_person_roles.contains(w)
}

/// The gender a role noun carries, if any.
pub(super) fn role_gender(w: &str) -> Option<Gender> {
    let lists = &*WORDS;
    if lists.male_roles.contains(w) {
        Some(Gender::Male)
    } else if lists.female_roles.contains(w) {
        Some(Gender::Female)
    } else {
        None
    }
}
