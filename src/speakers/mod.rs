//! The `speakers` stage: entity clusters, and each quote's source resolved to one.
//!
//! 1. **Clusters.** Person mentions join the cluster of an earlier person with
//!    the same surname ("Trump" → "Donald Trump"), unless both carry different
//!    first names ("Bill Clinton" / "Hillary Clinton"); organizations join on
//!    the same name or a trailing word of an earlier one ("the Post"). The
//!    canonical name is the fullest mention.
//! 2. **Roles.** A title before a name ("President Trump", "Sen. Warren") or
//!    an apposition after it ("Jim Mattis, the defense secretary,") ties a role
//!    to the cluster, so "the president" and "the defense secretary" resolve.
//!    Honorifics give a gender for pronouns.
//! 3. **Sources.** A source phrase naming an entity resolves to its cluster; a
//!    role phrase to the role's cluster; "he"/"she" to the most recent
//!    compatible person before it; "it", "the union" or ", which" to an
//!    organization; "her campaign" and "the Obama administration" to a body
//!    named after its leader; unnamed sources to none. A quote that
//!    continues another takes its speaker.

use crate::document::{Document, EntityCluster, EntityLabel, SourceKind};
use crate::lexicon::first_names::{first_name_gender, Gender};
use crate::stage::{Processor, ProcessorError};
use std::collections::HashMap;

/// The speaker-resolution stage. Stateless.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpeakerResolver;

impl SpeakerResolver {
    pub fn new() -> Self {
        SpeakerResolver
    }
}

impl Processor for SpeakerResolver {
    fn name(&self) -> &str {
        "speakers"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        let genders = cluster_entities(doc);
        let roles = roles(doc);
        resolve_sources(doc, &roles, &genders);
        Ok(())
    }
}

/// A word without its possessive ending ("Trump's", "Trump’s").
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Words of an entity mention without possessive endings or titles.
fn name_words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text
        .split_whitespace()
        .map(strip_possessive)
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && is_honorific(words[0]) {
        words.remove(0);
    }
    words
}

/// Whether `short` is the initials of `long`: "IMF" of "International Monetary
/// Fund", "S.E.C." of "Securities and Exchange Commission" (lowercase words skipped).
fn is_acronym_of(short: &str, long: &str) -> bool {
    let short = strip_possessive(short);
    let mut initials = long
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase());
    let mut n = 0;
    for c in short.chars().filter(|c| *c != '.') {
        if !c.is_ascii_uppercase() || initials.next() != Some(c) {
            return false;
        }
        n += 1;
    }
    n >= 2 && initials.next().is_none()
}

/// The last word of a name that is not a generational suffix; the first of a Korean
/// name, whose family name comes first ("Ban Ki-moon" is Mr. Ban).
fn surname<'a>(words: &[&'a str]) -> Option<&'a str> {
    if let [family, given] = words {
        if is_korean_given_name(given) {
            return Some(family);
        }
    }
    words.iter().rev().find(|w| !is_name_suffix(w)).copied()
}

/// "Ki-moon", "Jong-un", "Jae-in": a capitalised syllable, a hyphen, a lower-case one.
fn is_korean_given_name(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else {
        return false;
    };
    let syllable =
        |s: &str| (2..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    syllable(a)
        && syllable(b)
        && a.starts_with(|c: char| c.is_ascii_uppercase())
        && b.chars().all(|c| c.is_ascii_lowercase())
}

/// A generational suffix after a surname: "Jr.", "Sr.", "II".
fn is_name_suffix(w: &str) -> bool {
    matches!(w, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV")
}

fn is_honorific(w: &str) -> bool {
    const TITLES: [&str; 36] = [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "president",
        "sen",
        "senator",
        "gov",
        "governor",
        "rep",
        "gen",
        "secretary",
        "prof",
        "rev",
        "councilwoman",
        "councilman",
        "councilor",
        "mayor",
        "judge",
        "chairman",
        "chairwoman",
        "congressman",
        "congresswoman",
        "ambassador",
        "minister",
        "chancellor",
        "premier",
        "sheriff",
        "commissioner",
        "lt",
        "col",
        "capt",
        "adm",
        // "Chief Justice Roberts".
        "chief",
        "justice",
    ];
    TITLES.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str())
}

/// Build `doc.clusters` from `doc.entities`; returns each cluster's gender, when known.
/// What matching reads of a cluster's canonical name, kept beside it so that each
/// new mention compares against every cluster without re-splitting names.
struct ClusterKey {
    /// The surname, lower-cased.
    surname: String,
    first: String,
    words: usize,
}

impl ClusterKey {
    fn of(canonical: &str) -> ClusterKey {
        let words = name_words(canonical);
        ClusterKey {
            surname: surname(&words).map(str::to_lowercase).unwrap_or_default(),
            first: words.first().map(|w| w.to_string()).unwrap_or_default(),
            words: words.len(),
        }
    }
}

fn cluster_entities(doc: &mut Document) -> Vec<Option<Gender>> {
    doc.clusters.clear();
    let mut genders: Vec<Option<Gender>> = Vec::new();
    let mut keys: Vec<ClusterKey> = Vec::new();
    for e in 0..doc.entities.len() {
        let text = doc.entities[e].text.clone();
        // "Mr. Ban" is a person whatever the tagger typed it.
        let mister = text
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "Mr." | "Mrs." | "Ms." | "Mr" | "Mrs" | "Ms"))
            && text.contains(' ');
        if mister {
            doc.entities[e].label = EntityLabel::PER;
        }
        let entity = &doc.entities[e];
        let label = entity.label;
        let mut words = name_words(&text);
        // "Joseph R. Biden Jr.": a generational suffix the tagger left out belongs to the name.
        let after = entity.tokens.1 as usize;
        let suffix = doc
            .tokens
            .get(after)
            .and_then(|t| doc.text.get(t.bytes.0 as usize..t.bytes.1 as usize))
            .filter(|w| label == EntityLabel::PER && is_name_suffix(w) && words.len() > 1);
        if let Some(w) = suffix {
            words.push(w);
        }
        let Some(last) = surname(&words) else {
            continue;
        };
        let key = last.to_lowercase();
        // "Norman Ham … Ham said": a lone word the tagger typed as an organization or
        // place, which is the surname of a person named in full earlier, is that person.
        let label = if label != EntityLabel::PER && words.len() == 1 {
            let person = doc
                .clusters
                .iter()
                .zip(&keys)
                .any(|(c, k)| c.label == EntityLabel::PER && k.words > 1 && k.surname == key);
            if person {
                doc.entities[e].label = EntityLabel::PER;
                EntityLabel::PER
            } else {
                label
            }
        } else {
            label
        };
        let entity = &doc.entities[e];
        let first_word = entity
            .text
            .split_whitespace()
            .next()
            .filter(|w| is_honorific(w));
        let honorific = first_word
            .or_else(|| entity_title(doc, e))
            .map(|t| t.to_ascii_lowercase());
        let gender = match honorific.as_deref() {
            Some("mr." | "mr") => Some(Gender::Male),
            Some("mrs." | "mrs" | "ms." | "ms" | "miss") => Some(Gender::Female),
            _ if words.len() > 1 && label == EntityLabel::PER => first_name_gender(words[0]),
            _ => None,
        };
        let same = |c: usize, cluster: &EntityCluster| {
            if cluster.label != label {
                return false;
            }
            let k = &keys[c];
            match label {
                EntityLabel::PER => {
                    k.surname == key
                        && (words.len() == 1 || k.words == 1 || k.first == words[0])
                        // "Mrs. Clinton" is not Bill Clinton.
                        && (gender.is_none() || genders[c].is_none() || genders[c] == gender)
                }
                _ => {
                    is_acronym_of(&entity.text, &cluster.canonical)
                        || is_acronym_of(&cluster.canonical, &entity.text)
                        || cluster.canonical.eq_ignore_ascii_case(&entity.text)
                        || (words.len() == 1 && k.words > 1 && k.surname == key)
                }
            }
        };
        let mut matching = doc
            .clusters
            .iter()
            .enumerate()
            .rev()
            .filter(|&(c, cluster)| same(c, cluster));
        // A bare surname shared by several people named so far ("Trump" after Donald and
        // Ivanka Trump) is the one the article has named most; else the latest.
        let target = if label == EntityLabel::PER && words.len() == 1 {
            matching
                .max_by(|a, b| {
                    a.1.mentions
                        .len()
                        .cmp(&b.1.mentions.len())
                        .then(b.0.cmp(&a.0))
                })
                .map(|(c, _)| c)
        } else {
            matching.next().map(|(c, _)| c)
        };
        // "Mr. Ban" after "Ban Ki-moon" typed MISC: the full name was a person's.
        let target = target.or_else(|| {
            if !mister || words.len() != 1 {
                return None;
            }
            let c = (0..doc.clusters.len()).rev().find(|&c| {
                doc.clusters[c].label != EntityLabel::PER
                    && (2..=3).contains(&keys[c].words)
                    && keys[c].surname == key
            })?;
            doc.clusters[c].label = EntityLabel::PER;
            for &m in &doc.clusters[c].mentions {
                doc.entities[m as usize].label = EntityLabel::PER;
            }
            Some(c)
        });
        let c = match target {
            Some(c) => {
                let cluster = &mut doc.clusters[c];
                if words.len() > keys[c].words {
                    cluster.canonical = words.join(" ");
                    keys[c] = ClusterKey::of(&cluster.canonical);
                }
                cluster.mentions.push(e as u32);
                c
            }
            None => {
                let canonical = words.join(" ");
                keys.push(ClusterKey::of(&canonical));
                doc.clusters.push(EntityCluster {
                    id: doc.clusters.len() as u32,
                    canonical,
                    label,
                    mentions: vec![e as u32],
                });
                genders.push(None);
                doc.clusters.len() - 1
            }
        };
        if gender.is_some() {
            genders[c] = gender;
        }
        doc.entities[e].cluster = Some(c as u32);
    }
    genders
}

/// The token just before entity `e`, when it is a title or honorific ("Mr.", "President").
fn entity_title(doc: &Document, e: usize) -> Option<&str> {
    let first = doc.entities[e].tokens.0 as usize;
    let prev = first.checked_sub(1)?;
    let w = doc.token_text(prev);
    w.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(w)
}

/// Prepositions that end a role phrase's head: "a senior adviser to the campaign".
const PHRASE_PREPOSITIONS: [&str; 8] = ["of", "to", "for", "from", "at", "in", "on", "with"];

/// Role phrases (lower-case, without determiner) and the people named in them, from
/// titles and appositions, each with the offset where the role was given.
#[derive(Debug, Default)]
struct Roles(HashMap<String, Vec<(u32, u32)>>);

impl Roles {
    fn insert(&mut self, role: String, at: u32, cluster: u32) {
        self.0.entry(role).or_default().push((at, cluster));
    }

    /// Who holds `role` at offset `at`: the person last given it before `at` ("Sen.
    /// Ted Cruz … the senator", not a senator named further on), else the first named
    /// in it after.
    fn get(&self, role: &str, at: u32) -> Option<u32> {
        let holders = self.0.get(role)?;
        holders
            .iter()
            .rev()
            .find(|&&(x, _)| x < at)
            .or_else(|| holders.first())
            .map(|&(_, c)| c)
    }
}

fn roles(doc: &Document) -> Roles {
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
            if !matches!(
                t.as_str(),
                "mr" | "mrs" | "ms" | "miss" | "dr" | "the" | "a" | "an" | "and" | "but"
            ) {
                // "Vice President Biden" is not "the president"; "former Sen. X" not "the senator".
                let title_at = if inner_title.is_some() {
                    first
                } else {
                    first.saturating_sub(1)
                };
                let qualified = title_at > 0
                    && matches!(
                        doc.token_text(title_at - 1).to_lowercase().as_str(),
                        "vice" | "former" | "deputy" | "assistant" | "acting" | "ex"
                    );
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
                && matches!(
                    doc.token_text(det).to_lowercase().as_str(),
                    "the" | "a" | "an"
                )
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
                        .take_while(|w| !PHRASE_PREPOSITIONS.contains(&w.as_str()))
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

fn expand_title(t: &str) -> String {
    match t {
        "sen" => "senator",
        "gov" => "governor",
        "rep" => "representative",
        "gen" => "general",
        "lt" => "lieutenant",
        "sec" => "secretary",
        other => other,
    }
    .to_string()
}

const MONTHS_AND_DAYS: [&str; 19] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Bodies a person leads that speak as one: "the Trump campaign", "the Obama administration".
const LED_BODIES: [&str; 2] = ["campaign", "administration"];

/// "The Trump campaign", "Clinton's campaign", "the Obama administration": the body,
/// an organization of its own, named after its leader's surname. `his_her` is the
/// person a "his"/"her" owner refers to; "the campaign" is the one named last.
fn campaign_of(doc: &mut Document, text: &str, at: u32, his_her: Option<u32>) -> Option<u32> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    let (&last, rest) = words.split_last()?;
    let body = last.to_lowercase();
    if !LED_BODIES.contains(&body.as_str()) {
        return None;
    }
    let owner = rest.last()?.trim_end_matches("'s").trim_end_matches("’s");
    let owner = match owner {
        "his" | "her" | "His" | "Her" => {
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
fn body_cluster(doc: &mut Document, canonical: String) -> u32 {
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
fn named_body_before(doc: &Document, body: &str, at: u32) -> Option<String> {
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

/// Nouns naming a person's role: "the senator" with no title or apposition to go
/// by refers to the person the prose is about.
const PERSON_ROLES: [&str; 24] = [
    "president",
    "senator",
    "governor",
    "mayor",
    "candidate",
    "nominee",
    "businessman",
    "businesswoman",
    "secretary",
    "chairman",
    "chairwoman",
    "congressman",
    "congresswoman",
    "lawmaker",
    "spokesman",
    "spokeswoman",
    "director",
    "leader",
    "billionaire",
    "speaker",
    "democrat",
    "republican",
    "judge",
    "host",
];

/// Further role nouns that head a phrase naming one person ("Pagliano's lawyer").
const MORE_PERSON_ROLES: [&str; 15] = [
    "general",
    "lawyer",
    "attorney",
    "strategist",
    "doctor",
    "physician",
    "widow",
    "mother",
    "father",
    "wife",
    "husband",
    "ex-wife",
    "ex-husband",
    "daughter",
    "son",
];

/// Whether `w` (lower-case) is a noun naming one person's role. A spokesman speaks
/// for an organization, so "a spokesman for X" is left to name X.
fn is_person_role(w: &str) -> bool {
    PERSON_ROLES.contains(&w) && !matches!(w, "spokesman" | "spokeswoman")
        || MORE_PERSON_ROLES.contains(&w)
}

/// The gender a role noun carries, if any.
fn role_gender(w: &str) -> Option<Gender> {
    match w {
        "businessman" | "congressman" | "chairman" | "father" | "husband" | "ex-husband"
        | "son" => Some(Gender::Male),
        "businesswoman" | "congresswoman" | "chairwoman" | "widow" | "mother" | "wife"
        | "ex-wife" | "daughter" => Some(Gender::Female),
        _ => None,
    }
}

/// Whether cluster `c` may be of gender `want`: it is, or its gender is unknown
/// (clusters added while resolving have none).
fn may_be(genders: &[Option<Gender>], c: u32, want: Gender) -> bool {
    genders
        .get(c as usize)
        .copied()
        .flatten()
        .is_none_or(|g| g == want)
}

/// A person or organization mention that a later pronoun may refer to.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: u32,
    cluster: u32,
    /// The mention is the source of an attribution (a speaker).
    speaker: bool,
    /// The mention is not a possessive ("Holt's colleague") nor the object of a
    /// preposition ("under Obama"), so it may be the subject of its clause.
    subject: bool,
}

/// Prepositions whose object is not the subject of the clause.
const PREPOSITIONS: [&str; 24] = [
    "of",
    "to",
    "for",
    "with",
    "by",
    "under",
    "about",
    "against",
    "from",
    "at",
    "on",
    "in",
    "as",
    "than",
    "like",
    "toward",
    "towards",
    "between",
    "among",
    "without",
    "over",
    "after",
    "before",
    "including",
];

/// How many sentences before a pronoun's own its antecedent is looked for.
const PRONOUN_LOOKBACK: usize = 4;

/// Merged, sorted character spans of quote contents: people named inside what
/// someone said are not what a later "he" or "she" refers to.
fn content_spans(doc: &Document) -> Vec<(u32, u32)> {
    let mut spans: Vec<(u32, u32)> = doc
        .quotes
        .iter()
        .flat_map(|q| q.content.iter().map(|c| (c.start, c.end)))
        // The headline names whom the article is about.
        .filter(|&(a, _)| doc.paragraphs.get(1).is_none_or(|p| a >= p.start))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

fn inside(spans: &[(u32, u32)], at: u32) -> bool {
    let i = spans.partition_point(|&(a, _)| a <= at);
    i > 0 && at < spans[i - 1].1
}

/// Mentions of `label` entities outside quote contents, in text order: persons
/// for "he" and "she", organizations for "it".
fn mentions(doc: &Document, contents: &[(u32, u32)], label: EntityLabel) -> Vec<Mention> {
    let mut persons: Vec<Mention> = doc
        .entities
        .iter()
        .filter(|e| e.label == label && !is_party_state(&e.text))
        .filter(|e| !inside(contents, e.start))
        .filter_map(|e| {
            let c = e.cluster?;
            let (first, after) = (e.tokens.0 as usize, e.tokens.1 as usize);
            let possessive = e.text.ends_with("'s")
                || e.text.ends_with("’s")
                || (after < doc.tokens.len() && matches!(doc.token_text(after), "'s" | "’s"));
            let object = first > 0
                && PREPOSITIONS.contains(&doc.token_text(first - 1).to_lowercase().as_str());
            Some(Mention {
                start: e.start,
                cluster: c,
                speaker: false,
                subject: !possessive && !object,
            })
        })
        .collect();
    persons.sort_by_key(|m| m.start);
    persons
}

/// The person a "he" or "she" at offset `at` refers to. News prose keeps talking
/// about the person it last made the subject or the speaker: walking back sentence
/// by sentence from the pronoun's own, the first sentence with a fitting speaker or
/// subject gives it (the speaker first); failing any, the nearest fitting mention
/// in another role ("The president's roots …"). A sentence that opens with the same
/// pronoun ("She has faced …", "However, he held …") is about the same person: only a
/// speaker in it counts. `pronoun` may list several, separated by `|`.
fn pronoun_antecedent(
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

fn resolve_sources(doc: &mut Document, roles: &Roles, genders: &[Option<Gender>]) {
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
            .take_while(|w| !PHRASE_PREPOSITIONS.contains(&w.as_str()))
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
        let pronoun = match lower.as_str() {
            "he" | "she" | "it" => Some(lower.clone()),
            _ => lead_pronoun(doc, &m),
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

/// The name a source span belongs to when the span starts inside it or right after
/// it: "[Michael Mulgrew, ]president of the United Federation of Teachers," is an
/// apposition to the name before its comma; "[the Central and ]East European
/// Coalition" is cut inside the tagger's name.
fn name_before_apposition(doc: &Document, m: &crate::document::TextSpan) -> Option<u32> {
    let named = |e: &&crate::document::Entity| {
        matches!(e.label, EntityLabel::PER | EntityLabel::ORG) && !is_party_state(&e.text)
    };
    if let Some(e) = doc
        .entities
        .iter()
        .filter(named)
        .find(|e| e.start < m.start && m.start < e.end)
    {
        return e.cluster;
    }
    // An apposition is set off by commas on both sides ("In Chelsea, the mayor said"
    // is not one).
    let first = m.text.split_whitespace().next()?;
    if !m.text.trim_end().ends_with(',')
        || !first.chars().next().is_some_and(char::is_lowercase)
        || matches!(
            first.trim_end_matches(','),
            "he" | "she" | "it" | "they" | "who" | "which" | "that" | "we" | "i"
        )
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
        .entities
        .iter()
        .find(|e| e.end == end && is_party_state(&e.text))
    {
        let before = label.tokens.0 as usize;
        if before < 2 || doc.token_text(before - 1) != "," {
            return None;
        }
        end = doc.tokens[before - 2].end;
    }
    doc.entities
        .iter()
        .filter(named)
        .find(|e| e.end == end)
        .and_then(|e| e.cluster)
}

/// The subject pronoun ("he", "she") of a source span that holds more than a noun
/// phrase ("even now at 86 she still"), when no person or organization is named
/// before it in the span.
fn lead_pronoun(doc: &Document, m: &crate::document::TextSpan) -> Option<String> {
    let first_name = doc
        .entities
        .iter()
        .filter(|e| e.start >= m.start && e.end <= m.end)
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
        if matches!(word.as_str(), "he" | "she" | "it") {
            return Some(word);
        }
        at += w.chars().count() as u32 + 1;
    }
    None
}

/// The cluster of an entity inside `[start, end)`: the last person, else the last
/// organization, else any mention the tagger typed otherwise ("Mr. Trump" as LOC).
fn named_inside(doc: &Document, start: u32, end: u32) -> Option<u32> {
    // A place or other name only counts as the head of the phrase ("Mr. Trump" typed LOC),
    // not as a modifier ("the Indiana governor").
    let end_trimmed = doc
        .text
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect::<String>();
    let head_end = start + end_trimmed.trim_end_matches([',', ' ']).chars().count() as u32;
    let inside: Vec<&crate::document::Entity> = doc
        .entities
        .iter()
        .filter(|e| e.start >= start && e.end <= end && !is_party_state(&e.text))
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
            .take_while(|w| !PHRASE_PREPOSITIONS.contains(&w.to_lowercase().as_str()))
            .any(|w| is_person_role(&w.to_lowercase()));
        if role {
            if let Some(e) = doc
                .entities
                .iter()
                .find(|e| e.start == start && e.end == comma && !is_party_state(&e.text))
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

/// A party-and-state label ("R-Ky.", "D-N.Y.", "I-Vt."), which the tagger may read
/// as a name: it follows a legislator's name and is never the speaker.
fn is_party_state(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('R' | 'D' | 'I'), Some('-'), Some(c)) if c.is_uppercase()
    )
}

/// A name the tagger missed: the last run of capitalized words in the source
/// phrase joins the cluster whose name ends the same way, or starts one.
fn name_in_words(doc: &mut Document, text: &str, genders: &mut Vec<Option<Gender>>) -> Option<u32> {
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
    if end != words.len() || MONTHS_AND_DAYS.contains(&words[end - 1]) {
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
    if let Some(c) = doc.clusters.iter().rev().find(|c| {
        let cwords = name_words(&c.canonical);
        let allowed = if lone {
            c.label == EntityLabel::PER
        } else {
            matches!(c.label, EntityLabel::PER | EntityLabel::ORG)
        };
        allowed && surname(&cwords).is_some_and(|w| w.to_lowercase() == last)
    }) {
        return Some(c.id);
    }
    // "Popular Website": a kind of organization in a title-case headline, not its name.
    if lone || ORGANIZATION_NOUNS.contains(&last.as_str()) {
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

/// "PolitiFact", "YouTube": a capital inside a word marks a name even where it opens
/// the phrase; "McCain", "MacArthur", "O'Neill", "DeSantis" are surnames.
fn is_camel_case_brand(word: &str) -> bool {
    let surname_prefix = [
        "Mc", "Mac", "O'", "O’", "De", "Di", "La", "Le", "Van", "Von",
    ]
    .iter()
    .any(|p| word.starts_with(p));
    word.starts_with(char::is_uppercase)
        && !surname_prefix
        && word.chars().any(char::is_lowercase)
        // A capital from the third letter on: "PolitiFact", "YouTube".
        && word.chars().skip(2).any(char::is_uppercase)
}

/// A transcript's "PENCE:" or a headline's "TRUMP": a surname in capitals is the
/// person of that surname named before.
fn shouted_surname(doc: &Document, text: &str) -> Option<u32> {
    let word = text.trim().trim_end_matches([',', ':']);
    let shouted = word.chars().count() >= 3 && word.chars().all(|c| c.is_uppercase() || c == '-');
    if !shouted {
        return None;
    }
    doc.clusters
        .iter()
        .rev()
        .filter(|c| c.label == EntityLabel::PER)
        .find(|c| surname(&name_words(&c.canonical)).is_some_and(|s| s.to_uppercase() == word))
        .map(|c| c.id)
}

fn name_words_of<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = words.to_vec();
    while out.len() > 1 && is_honorific(out[0]) {
        out.remove(0);
    }
    if out.len() == 1 && is_honorific(out[0]) {
        out.clear();
    }
    out
}

/// The antecedent of a relative "who" ("Trump, who said …"): the person or
/// organization named just before it, in the same sentence.
fn relative_antecedent(doc: &Document, at: u32) -> Option<u32> {
    let sentence = doc.sentences.iter().find(|s| s.start <= at && at < s.end)?;
    doc.entities
        .iter()
        .rev()
        .filter(|e| e.end <= at && e.start >= sentence.start)
        .find(|e| matches!(e.label, EntityLabel::PER | EntityLabel::ORG))
        .and_then(|e| e.cluster)
}

/// Nouns that name an organization by its kind: "the union said" refers back to
/// the union the article named.
const ORGANIZATION_NOUNS: [&str; 21] = [
    "agency",
    "bank",
    "bloc",
    "board",
    "coalition",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "firm",
    "group",
    "ministry",
    "network",
    "newspaper",
    "organization",
    "panel",
    "paper",
    "union",
    "website",
];

/// "The union", "the appeals court": a definite phrase of at most three words
/// headed by an organization noun.
fn is_organization_noun(lower: &str) -> bool {
    let Some(rest) = lower.strip_prefix("the ") else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 3 && words.last().is_some_and(|h| ORGANIZATION_NOUNS.contains(h))
}

/// "The commission" → the organization whose name holds that noun
/// ("Commission on Presidential Debates"), the most recent such.
fn organization_by_head(doc: &Document, lower: &str) -> Option<u32> {
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
