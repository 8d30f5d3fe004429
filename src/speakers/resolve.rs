//! The order in which a source is resolved to a cluster. A source phrase is read
//! once (`heads.rs`), then the steps below are tried in order and the first that
//! answers wins:
//!
//! 1. [`by_name`]: the name the phrase is an apposition to, a body named after its
//!    leader ("her campaign"), or a name inside the phrase (`named.rs`, `bodies.rs`);
//! 2. [`by_relative`]: ", who" and ", which" (`pronouns.rs`);
//! 3. [`by_body`]: "the commission", "police" (`bodies.rs`);
//! 4. [`by_missed_name`]: a surname in capitals, a name the tagger missed (`named.rs`);
//! 5. [`by_role`]: a role given by a title or apposition (`roles.rs`);
//! 6. [`by_pronoun`]: "he", "she" (`pronouns.rs`);
//! 7. [`by_organization_pronoun`]: "it", "the union" (`pronouns.rs`, `bodies.rs`);
//! 8. [`by_definite_role`]: "the Indiana governor", like a pronoun (`pronouns.rs`).
//!
//! Names come before roles and roles before pronouns: the surer evidence first.
//! Each resolved source then counts as a mention for later pronouns ([`record`]),
//! and quotes take their source's speaker ([`quote_speakers`]).

use super::bodies::{
    body_cluster, campaign_of, is_organization_noun, named_body_before, organization_by_head,
};
use super::heads::SourcePhrase;
use super::mentions::{content_spans, mentions, Mention};
use super::named::{
    closing_apposition, name_before_apposition, name_in_words, named_inside, shouted_surname,
};
use super::pronouns::{may_be, possessive_antecedent, pronoun_antecedent, relative_antecedent};
use super::roles::{role_gender, Roles};
use super::surnames::Surnames;
use crate::document::{Document, EntityLabel, SourceKind};
use crate::lexicon::first_names::Gender;

/// What resolution remembers from source to source, in text order.
struct Memory {
    /// Each cluster's gender, when known (clusters added while resolving have none).
    genders: Vec<Option<Gender>>,
    /// Person mentions outside quote contents, and the sources resolved to persons.
    persons: Vec<Mention>,
    /// Organization mentions outside quote contents, and sources resolved to them.
    organizations: Vec<Mention>,
    /// The person last resolved as a speaker.
    last_speaker: Option<u32>,
    /// Persons quoted so far, least recent first.
    recent_speakers: Vec<u32>,
    /// The clusters by surname.
    surnames: Surnames,
}

pub(super) fn resolve_sources(doc: &mut Document, roles: &Roles, genders: &[Option<Gender>]) {
    let genders = genders.to_vec();
    let contents = content_spans(doc);
    let persons = mentions(doc, &contents, EntityLabel::PER);
    let organizations = mentions(doc, &contents, EntityLabel::ORG);
    let mut memory = Memory {
        genders,
        persons,
        organizations,
        last_speaker: None,
        recent_speakers: Vec::new(),
        surnames: Surnames::default(),
    };
    // Sources in text order: a pronoun refers back to what came before it.
    let mut order: Vec<usize> = (0..doc.sources.len()).collect();
    order.sort_by_key(|&s| doc.sources[s].mention.start);
    for s in order {
        if doc.sources[s].kind == SourceKind::Anonymous {
            doc.sources[s].speaker = None;
            continue;
        }
        let m = doc.sources[s].mention.clone();
        let p = SourcePhrase::read(doc, &m);
        // "Her campaign": the person the possessive refers to leads it.
        let his_her = possessive_antecedent(doc, &memory.persons, &memory.genders, p.head, m.start);
        let speaker = by_name(doc, &p, his_her)
            .or_else(|| by_relative(doc, &p))
            .or_else(|| by_body(doc, &p))
            .or_else(|| by_missed_name(doc, &p, &mut memory.surnames, &mut memory.genders))
            .or_else(|| by_role(roles, &p))
            .or_else(|| by_pronoun(doc, &p, &memory))
            .or_else(|| by_organization_pronoun(doc, &p, &memory))
            .or_else(|| by_definite_role(doc, &p, &memory));
        doc.sources[s].speaker = speaker;
        let Some(c) = speaker else { continue };
        record(doc, s, c, &mut memory);
    }
    quote_speakers(doc);
}

/// A name: the one the phrase is an apposition to, or a body named after its leader
/// (when the phrase has no subject pronoun); else a name inside it (when no person's
/// role heads it).
fn by_name(doc: &mut Document, p: &SourcePhrase, his_her: Option<u32>) -> Option<u32> {
    let m = p.m;
    (p.pronoun.is_none())
        .then(|| {
            closing_apposition(doc, m)
                .or_else(|| name_before_apposition(doc, m))
                .or_else(|| campaign_of(doc, p.head, m.start, his_her))
        })
        .flatten()
        .or_else(|| {
            if p.pronoun.is_some() || p.role_head.is_some() {
                None
            } else {
                // Under a role noun only a person or organization is the speaker:
                // "Senator from Texas" is not Texas.
                named_inside(doc, m.start, m.end).filter(|&c| {
                    p.role_noun.is_none()
                        || matches!(
                            doc.clusters[c as usize].label,
                            EntityLabel::PER | EntityLabel::ORG
                        )
                })
            }
        })
}

/// A relative pronoun: "who" is the name before it; "which" an organization.
fn by_relative(doc: &Document, p: &SourcePhrase) -> Option<u32> {
    let m = p.m;
    match p.lower.as_str() {
        "who" => relative_antecedent(doc, m.start),
        // "the E.U., which said": only an organization named right before it;
        // "the report, which says" is a document.
        "which" => {
            let t = doc.tokens.partition_point(|t| t.start < m.start);
            let before = t
                .checked_sub(1)
                .filter(|&b| doc.token_text(b) == ",")
                .unwrap_or(t);
            doc.entity_ending_at_token(before)
                .filter(|e| e.label == EntityLabel::ORG)
                .and_then(|e| e.cluster)
        }
        _ => None,
    }
}

/// An organization by its head noun ("the commission"), or the police force the
/// article names.
fn by_body(doc: &mut Document, p: &SourcePhrase) -> Option<u32> {
    let m = p.m;
    organization_by_head(doc, &p.lower).or_else(|| {
        // "Police said": the force the article names ("the Charlotte-Mecklenburg
        // police chief"), before the source or, failing that, after it.
        (p.phrase == "police")
            .then(|| {
                named_body_before(doc, "police", m.start)
                    .or_else(|| named_body_before(doc, "police", u32::MAX))
            })
            .flatten()
            .map(|owner| body_cluster(doc, format!("{owner} police")))
    })
}

/// A surname in capitals, else a run of capitalized words the tagger missed.
fn by_missed_name(
    doc: &mut Document,
    p: &SourcePhrase,
    surnames: &mut Surnames,
    genders: &mut Vec<Option<Gender>>,
) -> Option<u32> {
    let m = p.m;
    shouted_surname(doc, surnames, &m.text).or_else(|| {
        // "Meanwhile, it attacked Trump,": the pronoun is the subject, not Trump.
        // "Former White House Doctor", "Retired General" in a title-case headline
        // are roles, not names.
        let role_only = p.role_noun.is_some() && !m.text.trim_end_matches(',').contains(',');
        (p.pronoun.is_none() && !role_only)
            .then(|| name_in_words(doc, surnames, &m.text, genders))
            .flatten()
    })
}

/// A role a title or apposition gave: the whole phrase, its head noun, or its
/// last word.
fn by_role(roles: &Roles, p: &SourcePhrase) -> Option<u32> {
    let m = p.m;
    roles
        .get(&p.phrase, m.start)
        .or_else(|| roles.get(p.head_noun.as_deref()?, m.start))
        .or_else(|| {
            p.phrase
                .split_whitespace()
                .last()
                .and_then(|h| roles.get(h, m.start))
        })
}

/// "He" or "she": the antecedent, else the latest fitting speaker, else the latest
/// fitting person mentioned before.
fn by_pronoun(doc: &Document, p: &SourcePhrase, memory: &Memory) -> Option<u32> {
    let m = p.m;
    let want = match p.pronoun.as_deref()? {
        "he" => Gender::Male,
        "she" => Gender::Female,
        _ => return None,
    };
    let fits = |c: u32| may_be(&memory.genders, c, want);
    pronoun_antecedent(doc, &memory.persons, m.start, p.pronoun.as_deref()?, fits)
        .or_else(|| {
            memory
                .recent_speakers
                .iter()
                .rev()
                .find(|&&c| fits(c))
                .copied()
        })
        .or_else(|| {
            memory
                .persons
                .iter()
                .rev()
                .filter(|q| q.start < m.start)
                .find(|q| fits(q.cluster))
                .map(|q| q.cluster)
        })
}

/// "It said", "the union said": the organization the prose is about, found the
/// way "he" finds a person.
fn by_organization_pronoun(doc: &Document, p: &SourcePhrase, memory: &Memory) -> Option<u32> {
    (p.pronoun.as_deref() == Some("it") || is_organization_noun(&p.lower))
        .then(|| pronoun_antecedent(doc, &memory.organizations, p.m.start, "it", |_| true))
        .flatten()
}

/// "The Indiana governor said": with no title or apposition to go by, a definite
/// role refers back like a pronoun, to the person the prose is about.
fn by_definite_role(doc: &Document, p: &SourcePhrase, memory: &Memory) -> Option<u32> {
    let role = p.role_noun.as_deref()?;
    if !p.lower.starts_with("the ") {
        return None;
    }
    let want = role_gender(role);
    let fits = |c: u32| want.is_none_or(|w| may_be(&memory.genders, c, w));
    let pronouns = match want {
        Some(Gender::Male) => "he",
        Some(Gender::Female) => "she",
        None => "he|she",
    };
    pronoun_antecedent(doc, &memory.persons, p.m.start, pronouns, fits).or(memory.last_speaker)
}

/// Source `s` resolved to cluster `c`: an unnamed kind takes the cluster's, and the
/// source counts as a mention of its speaker for later pronouns.
fn record(doc: &mut Document, s: usize, c: u32, memory: &mut Memory) {
    let start = doc.sources[s].mention.start;
    if matches!(doc.sources[s].kind, SourceKind::Other | SourceKind::Group) {
        doc.sources[s].kind = match doc.clusters[c as usize].label {
            EntityLabel::ORG => SourceKind::Organization,
            _ => SourceKind::Person,
        };
    }
    if doc.clusters[c as usize].label == EntityLabel::ORG {
        let at = memory.organizations.partition_point(|p| p.start <= start);
        memory.organizations.insert(
            at,
            Mention {
                start,
                cluster: c,
                speaker: true,
                subject: true,
            },
        );
    }
    if doc.clusters[c as usize].label == EntityLabel::PER {
        memory.last_speaker = Some(c);
        memory.recent_speakers.retain(|&x| x != c);
        memory.recent_speakers.push(c);
        // A resolved source counts as a mention of its speaker for later pronouns.
        let at = memory.persons.partition_point(|p| p.start <= start);
        memory.persons.insert(
            at,
            Mention {
                start,
                cluster: c,
                speaker: true,
                subject: true,
            },
        );
    }
}

/// Each quote's speaker: its source's, or, for a quote that continues an earlier
/// one, that quote's.
fn quote_speakers(doc: &mut Document) {
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
