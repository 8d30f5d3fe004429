//! Organizations a source phrase refers to without naming them in full: a body
//! named after its leader ("the Trump campaign", "her campaign", "the Obama
//! administration", "police" of the force the article named), and a definite
//! organization noun ("the union", "the commission") that refers back to the
//! organization of that kind the article named.

use super::names::{name_words, surname};
use super::words::WORDS;
use crate::document::{Document, EntityCluster, EntityLabel};

/// "The Trump campaign", "Clinton's campaign", "the Obama administration": the body,
/// an organization of its own, named after its leader's surname. `his_her` is the
/// person a "his"/"her" owner refers to; "the campaign" is the one named last.
pub(super) fn campaign_of(
    doc: &mut Document,
    text: &str,
    at: u32,
    his_her: Option<u32>,
) -> Option<u32> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    let (&last, rest) = words.split_last()?;
    let body = last.to_lowercase();
    // Bodies a person leads that speak as one (`[led-bodies]`).
    if !WORDS.led_bodies.contains(&body) {
        return None;
    }
    let owner = rest.last()?.trim_end_matches("'s").trim_end_matches("’s");
    let owner = match owner {
        o if WORDS.his_her.contains(o) => {
            let c = &doc.clusters[his_her? as usize];
            surname(&name_words(&c.canonical))?.to_string()
        }
        "the" | "The" if rest.len() == 1 => {
            let suffix = format!(" {body}");
            if let Some(c) = doc
                .clusters
                .iter()
                .rev()
                .find(|c| c.canonical.ends_with(&suffix))
            {
                return Some(c.id);
            }
            named_body_before(doc, &body, at)?
        }
        o if o.chars().next().is_some_and(char::is_uppercase) => o.to_string(),
        _ => return None,
    };
    Some(body_cluster(doc, format!("{owner} {body}")))
}

/// The organization cluster named `canonical`, added if there is none.
pub(super) fn body_cluster(doc: &mut Document, canonical: String) -> u32 {
    if let Some(c) = doc.clusters.iter().find(|c| c.canonical == canonical) {
        return c.id;
    }
    doc.clusters.push(EntityCluster {
        id: doc.clusters.len() as u32,
        canonical,
        label: EntityLabel::ORG,
        mentions: Vec::new(),
    });
    doc.clusters.len() as u32 - 1
}

/// The owner in the last "the X campaign" or "X's campaign" before offset `at`.
pub(super) fn named_body_before(doc: &Document, body: &str, at: u32) -> Option<String> {
    let end = doc.tokens.partition_point(|t| t.start < at);
    (2..end).rev().find_map(|i| {
        if !doc.token_text(i).eq_ignore_ascii_case(body) {
            return None;
        }
        let (owner, before) = match doc.token_text(i - 1) {
            "'s" | "’s" => (i - 2, None),
            _ => (i - 1, Some(i - 2)),
        };
        let name = doc.token_text(owner);
        let definite = before.is_none_or(|b| doc.token_text(b).eq_ignore_ascii_case("the"));
        (definite && name.chars().next().is_some_and(char::is_uppercase)).then(|| name.to_string())
    })
}

/// "The union", "the appeals court": a definite phrase of at most three words
/// headed by an organization noun (`[organization-nouns]`), which refers back to
/// the organization of that kind the article named.
pub(super) fn is_organization_noun(lower: &str) -> bool {
    let Some(rest) = lower.strip_prefix("the ") else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 3
        && words
            .last()
            .is_some_and(|h| WORDS.organization_nouns.contains(h))
}

/// "The commission" → the organization whose name holds that noun
/// ("Commission on Presidential Debates"), the most recent such.
pub(super) fn organization_by_head(doc: &Document, lower: &str) -> Option<u32> {
    let rest = lower.strip_prefix("the ")?;
    let head = rest.split_whitespace().last()?;
    if rest.split_whitespace().count() > 2 || head.len() < 4 {
        return None;
    }
    doc.clusters
        .iter()
        .rev()
        .filter(|c| c.label == EntityLabel::ORG)
        .find(|c| {
            c.canonical
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(head))
        })
        .map(|c| c.id)
}
