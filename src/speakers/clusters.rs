//! Which entity mentions are the same person or organization: each mention joins
//! the cluster of an earlier one with the same surname (people) or the same name,
//! acronym or trailing word (organizations), else starts one; the canonical name is
//! the fullest mention. Returns each cluster's gender, from honorifics and first
//! names, so that "Mrs. Clinton" is not Bill Clinton and pronouns find the right one.

use super::names::{
    acronym_form, entity_title, initials, is_acronym_of, is_honorific, is_name_suffix, name_words,
    surname,
};
use super::words::WORDS;
use crate::document::{Document, EntityCluster, EntityLabel};
use crate::lexicon::first_names::{first_name_gender, Gender};
use std::collections::HashMap;

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

/// The clusters under each key a mention may match them by, so that a mention
/// looks its candidates up instead of comparing against every cluster: surname,
/// initials, acronym form and ASCII-lowercased canonical name. A cluster is filed
/// again when its canonical name grows; lookups are checked against the cluster
/// as it is now, so an entry under an old name does no harm.
#[derive(Default)]
struct ClusterIndex {
    surname: HashMap<String, Vec<usize>>,
    initials: HashMap<String, Vec<usize>>,
    acronym: HashMap<String, Vec<usize>>,
    lower: HashMap<String, Vec<usize>>,
}

impl ClusterIndex {
    fn file(&mut self, c: usize, key: &ClusterKey, canonical: &str) {
        self.surname.entry(key.surname.clone()).or_default().push(c);
        self.initials
            .entry(initials(canonical))
            .or_default()
            .push(c);
        if let Some(a) = acronym_form(canonical) {
            self.acronym.entry(a).or_default().push(c);
        }
        self.lower
            .entry(canonical.to_ascii_lowercase())
            .or_default()
            .push(c);
    }

    /// The clusters of surname `key`, in order, each once.
    fn by_surname(&self, key: &str) -> Vec<usize> {
        let mut out = self.surname.get(key).cloned().unwrap_or_default();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every cluster `text` (with surname `key`) may match, in order, each once.
    fn candidates(&self, text: &str, key: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut add = |m: &HashMap<String, Vec<usize>>, k: &str| {
            out.extend(m.get(k).into_iter().flatten());
        };
        add(&self.surname, key);
        if let Some(a) = acronym_form(text) {
            add(&self.initials, &a);
        }
        add(&self.acronym, &initials(text));
        add(&self.lower, &text.to_ascii_lowercase());
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Build `doc.clusters` from `doc.entities`; returns each cluster's gender, when known.
pub(super) fn cluster_entities(doc: &mut Document) -> Vec<Option<Gender>> {
    let lists = &*WORDS;
    doc.clusters.clear();
    let mut genders: Vec<Option<Gender>> = Vec::new();
    let mut keys: Vec<ClusterKey> = Vec::new();
    let mut index = ClusterIndex::default();
    for e in 0..doc.entities.len() {
        let text = doc.entities[e].text.clone();
        // "Mr. Ban" is a person whatever the tagger typed it.
        let mister = text
            .split_whitespace()
            .next()
            .is_some_and(|w| lists.misters.contains(w))
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
            let person = index.by_surname(&key).into_iter().any(|c| {
                doc.clusters[c].label == EntityLabel::PER
                    && keys[c].words > 1
                    && keys[c].surname == key
            });
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
            Some(h) if lists.male_honorifics.contains(h) => Some(Gender::Male),
            Some(h) if lists.female_honorifics.contains(h) => Some(Gender::Female),
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
        // Every cluster `same` can hold lies among the candidates (latest first).
        let candidates = index.candidates(&entity.text, &key);
        let mut matching = candidates
            .iter()
            .rev()
            .map(|&c| (c, &doc.clusters[c]))
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
            let c = index.by_surname(&key).into_iter().rev().find(|&c| {
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
                    index.file(c, &keys[c], &cluster.canonical);
                }
                cluster.mentions.push(e as u32);
                c
            }
            None => {
                let canonical = words.join(" ");
                keys.push(ClusterKey::of(&canonical));
                index.file(keys.len() - 1, &keys[keys.len() - 1], &canonical);
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
