//! The order in which a source is resolved to a cluster: a name the phrase gives,
//! a relative pronoun, an organization by its head noun or a police force, a
//! surname in capitals or a name the tagger missed, a role, a pronoun, an
//! organization pronoun or noun, and last a definite role that refers back like a
//! pronoun. The first that answers wins; each resolved source then counts as a
//! mention for later pronouns, and quotes take their source's speaker.

use super::bodies::{
    body_cluster, campaign_of, is_organization_noun, named_body_before, organization_by_head,
};
use super::mentions::{content_spans, mentions, Mention};
use super::named::{name_before_apposition, name_in_words, named_inside, shouted_surname};
use super::pronouns::{lead_pronoun, may_be, pronoun_antecedent, relative_antecedent};
use super::roles::{is_person_role, role_gender, Roles};
use super::words::WORDS;
use crate::document::{Document, EntityLabel, SourceKind};
use crate::lexicon::first_names::Gender;

pub(super) fn resolve_sources(doc: &mut Document, roles: &Roles, genders: &[Option<Gender>]) {
    let mut genders = genders.to_vec();
    let contents = content_spans(doc);
    let mut persons = mentions(doc, &contents, EntityLabel::PER);
    let mut organizations = mentions(doc, &contents, EntityLabel::ORG);
    let mut last_speaker: Option<u32> = None;
    // Persons quoted so far, least recent first.
    let mut recent_speakers: Vec<u32> = Vec::new();
    // Sources in text order: a pronoun refers back to what came before it.
    let mut order: Vec<usize> = (0..doc.sources.len()).collect();
    order.sort_by_key(|&s| doc.sources[s].mention.start);
    for s in order {
        if doc.sources[s].kind == SourceKind::Anonymous {
            doc.sources[s].speaker = None;
            continue;
        }
        let m = doc.sources[s].mention.clone();
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
            lead_pronoun(doc, &m)
        };
        // "Her campaign": the person the possessive refers to leads it.
        let his_her = head
            .split_whitespace()
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
                let fits = |c: u32| may_be(&genders, c, want);
                pronoun_antecedent(doc, &persons, m.start, pronoun, fits)
            });
        let speaker = (pronoun.is_none())
            .then(|| {
                name_before_apposition(doc, &m).or_else(|| campaign_of(doc, head, m.start, his_her))
            })
            .flatten()
            .or_else(|| {
                if pronoun.is_some() || role_head.is_some() {
                    None
                } else {
                    // Under a role noun only a person or organization is the speaker:
                    // "Senator from Texas" is not Texas.
                    named_inside(doc, m.start, m.end).filter(|&c| {
                        role_noun.is_none()
                            || matches!(
                                doc.clusters[c as usize].label,
                                EntityLabel::PER | EntityLabel::ORG
                            )
                    })
                }
            })
            .or_else(|| match lower.as_str() {
                "who" => relative_antecedent(doc, m.start),
                // "the E.U., which said": only an organization named right before it;
                // "the report, which says" is a document.
                "which" => {
                    let t = doc.tokens.partition_point(|t| t.start < m.start);
                    let before = t
                        .checked_sub(1)
                        .filter(|&b| doc.token_text(b) == ",")
                        .unwrap_or(t);
                    doc.entities
                        .iter()
                        .find(|e| e.label == EntityLabel::ORG && e.tokens.1 as usize == before)
                        .and_then(|e| e.cluster)
                }
                _ => None,
            })
            .or_else(|| organization_by_head(doc, &lower))
            .or_else(|| {
                // "Police said": the force the article names ("the Charlotte-Mecklenburg
                // police chief"), before the source or, failing that, after it.
                (phrase == "police")
                    .then(|| {
                        named_body_before(doc, "police", m.start)
                            .or_else(|| named_body_before(doc, "police", u32::MAX))
                    })
                    .flatten()
                    .map(|owner| body_cluster(doc, format!("{owner} police")))
            })
            .or_else(|| shouted_surname(doc, &m.text))
            .or_else(|| {
                // "Meanwhile, it attacked Trump,": the pronoun is the subject, not Trump.
                // "Former White House Doctor", "Retired General" in a title-case headline
                // are roles, not names.
                let role_only = role_noun.is_some() && !m.text.trim_end_matches(',').contains(',');
                (pronoun.is_none() && !role_only)
                    .then(|| name_in_words(doc, &m.text, &mut genders))
                    .flatten()
            })
            .or_else(|| {
                roles
                    .get(&phrase, m.start)
                    .or_else(|| roles.get(head_noun.as_deref()?, m.start))
                    .or_else(|| {
                        phrase
                            .split_whitespace()
                            .last()
                            .and_then(|h| roles.get(h, m.start))
                    })
            })
            .or_else(|| {
                let want = match pronoun.as_deref()? {
                    "he" => Gender::Male,
                    "she" => Gender::Female,
                    _ => return None,
                };
                let fits = |c: u32| may_be(&genders, c, want);
                pronoun_antecedent(doc, &persons, m.start, pronoun.as_deref()?, fits)
                    .or_else(|| recent_speakers.iter().rev().find(|&&c| fits(c)).copied())
                    .or_else(|| {
                        persons
                            .iter()
                            .rev()
                            .filter(|p| p.start < m.start)
                            .find(|p| fits(p.cluster))
                            .map(|p| p.cluster)
                    })
            })
            .or_else(|| {
                // "It said", "the union said": the organization the prose is about,
                // found the way "he" finds a person.
                (pronoun.as_deref() == Some("it") || is_organization_noun(&lower))
                    .then(|| pronoun_antecedent(doc, &organizations, m.start, "it", |_| true))
                    .flatten()
            })
            .or_else(|| {
                // "The Indiana governor said": with no title or apposition to go by, a
                // definite role refers back like a pronoun, to the person the prose is about.
                let role = role_noun.as_deref()?;
                if !lower.starts_with("the ") {
                    return None;
                }
                let want = role_gender(role);
                let fits = |c: u32| want.is_none_or(|w| may_be(&genders, c, w));
                let pronouns = match want {
                    Some(Gender::Male) => "he",
                    Some(Gender::Female) => "she",
                    None => "he|she",
                };
                pronoun_antecedent(doc, &persons, m.start, pronouns, fits).or(last_speaker)
            });
        doc.sources[s].speaker = speaker;
        let Some(c) = speaker else { continue };
        if matches!(doc.sources[s].kind, SourceKind::Other | SourceKind::Group) {
            doc.sources[s].kind = match doc.clusters[c as usize].label {
                EntityLabel::ORG => SourceKind::Organization,
                _ => SourceKind::Person,
            };
        }
        if doc.clusters[c as usize].label == EntityLabel::ORG {
            let at = organizations.partition_point(|p| p.start <= m.start);
            organizations.insert(
                at,
                Mention {
                    start: m.start,
                    cluster: c,
                    speaker: true,
                    subject: true,
                },
            );
        }
        if doc.clusters[c as usize].label == EntityLabel::PER {
            last_speaker = Some(c);
            recent_speakers.retain(|&x| x != c);
            recent_speakers.push(c);
            // A resolved source counts as a mention of its speaker for later pronouns.
            let at = persons.partition_point(|p| p.start <= m.start);
            persons.insert(
                at,
                Mention {
                    start: m.start,
                    cluster: c,
                    speaker: true,
                    subject: true,
                },
            );
        }
    }
    for q in 0..doc.quotes.len() {
        let speaker = match (doc.quotes[q].source, doc.quotes[q].continues) {
            (Some(s), _) => doc.sources[s as usize].speaker,
            (None, Some(parent)) if (parent as usize) < q => doc.quotes[parent as usize].speaker,
            _ => None,
        };
        doc.quotes[q].speaker = speaker;
        doc.quotes[q].speaker_name = speaker.map(|c| doc.clusters[c as usize].canonical.clone());
    }
}
