//! Names in a source phrase: coordinated names ("Obama and Clinton"), a title or
//! a known first name opening a person's name ("Mr. Trump", "Rush Limbaugh"), a
//! name in apposition or given ("Another critic, Laurence H. Tribe,", "a worker
//! named Antonio Arroyo"), a body named in apposition, the entity the tagger put
//! on the head, and a capitalized head no word list knows (an acronym or brand is
//! an organization). Each step returns `true` when it decided the kind.

use super::head::{Core, Head};
use super::lexicon::{NounClass, SourceLexicon};
use super::reading::Reading;
use super::tokens::{capitalized, entity_at, entity_starting_at, strip_possessive, tok_text};
use super::words::words;
use crate::document::{Document, EntityLabel, SourceKind};
use std::collections::HashSet;

/// What the reader knows of a whole document's names, made once per document
/// ([`Names::of`]) so that reading a phrase costs the same in a long document as in
/// a short one: every word of the names tagged as persons.
#[derive(Debug, Default)]
pub struct Names {
    person_words: HashSet<String>,
}

impl Names {
    pub fn of(doc: &Document) -> Names {
        let person_words = doc
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::PER)
            .flat_map(|e| e.text.split_whitespace())
            .map(|w| strip_possessive(w).to_string())
            .collect();
        Names { person_words }
    }

    /// Whether `w` (without a possessive) is a word of a name tagged as a person.
    pub fn is_person_word(&self, w: &str) -> bool {
        self.person_words.contains(w)
    }
}

/// Coordinated names: "Obama and Clinton", "China and Russia".
pub fn coordinated(doc: &Document, core: &Core, head: &Head, r: &mut Reading) -> bool {
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let (core_start, core_end) = (core.start, core.end);
    if let Some(and) = (core_start..core_end).find(|&i| low(i) == "and") {
        let named = |i: usize| entity_at(doc, i).is_some() || capitalized(tok_text(doc, i));
        if and > core_start && named(and - 1) && named(head.tok) && head.noun.is_none() {
            r.kind = Some(SourceKind::Other);
            r.plural = true;
            return true;
        }
    }
    false
}

/// A title or a known first name opens a person's name: "Mr. Trump", "Rush Limbaugh".
pub fn titled(doc: &Document, core: &Core, head: &Head, r: &mut Reading) -> bool {
    let (core_start, core_end) = (core.start, core.end);
    let first_core = tok_text(doc, core_start);
    let titled = words()
        .titles
        .contains(first_core.trim_end_matches('.').to_lowercase().as_str())
        && core_end > core_start + 1;
    let first_named = core_end > core_start + 1
        && capitalized(head.raw)
        && crate::lexicon::first_names::is_first_name(first_core);
    if head.noun.is_none() && (titled || first_named) {
        r.named = true;
        r.kind = Some(SourceKind::Person);
        return true;
    }
    false
}

/// A name in apposition: "Another critic, Laurence H. Tribe,", "An attorney for
/// Pagliano, Mark MacDougall,"; or given: "a worker named Antonio Arroyo".
pub fn appositive(
    doc: &Document,
    lx: &SourceLexicon,
    core: &Core,
    head: &Head,
    r: &mut Reading,
) -> bool {
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let (a, b, core_start, core_end) = (core.a, core.b, core.start, core.end);
    let wl = words();
    let person_at = |i: usize| {
        doc.entities.iter().any(|e| {
            e.label == EntityLabel::PER && e.tokens.0 as usize == i && (e.tokens.1 as usize) <= b
        })
    };
    let comma = core.comma;
    let named_after = core_end + 1 < b
        && wl.naming_verbs.contains(&low(core_end))
        && (person_at(core_end + 1) || capitalized(tok_text(doc, core_end + 1)));
    // The name may follow a title: ", Sen. Joe Lieberman", ", former Texas governor Rick Perry".
    // Not a list of examples: "Critics, like Senator Grassley,", "experts, including Mr. X";
    // not a title: "The ad, titled “Unifier?”,".
    let titled_thing = head
        .noun
        .as_ref()
        .is_some_and(|n| matches!(n.class, NounClass::Document | NounClass::Organization));
    // One person: a singular head, or "one of the family's attorneys, Justin Bamberg,".
    let appositive = (!r.plural || core_start > a)
        && !titled_thing
        && comma.is_some_and(|c| {
            (c + 1..(c + 6).min(b))
                .take_while(|&i| {
                    let w = low(i);
                    w != "," && !lx.is_postmod(&w) && !wl.example_markers.contains(&w)
                })
                .any(person_at)
        });
    if appositive || named_after {
        r.named = true;
        r.kind = Some(SourceKind::Person);
        return true;
    }
    false
}

/// A body named in apposition: "one of the groups advocating …, Massachusetts
/// Democrats for Education Reform,".
pub fn appositive_body(doc: &Document, core: &Core, head: &Head, r: &mut Reading) -> bool {
    let b = core.b;
    let body = head
        .noun
        .as_ref()
        .is_some_and(|n| matches!(n.class, NounClass::Group | NounClass::Organization));
    let org_appositive = body
        && core.comma.is_some_and(|c| {
            entity_starting_at(doc, c + 1).is_some_and(|i| {
                let e = &doc.entities[i];
                e.label == EntityLabel::ORG && (e.tokens.1 as usize) <= b
            })
        });
    if org_appositive {
        r.named = true;
        r.plural = false;
        r.kind = Some(SourceKind::Organization);
        return true;
    }
    false
}

/// The entity on the head gives the kind, unless it is a role noun tagged as part
/// of an organization name ("Clinton aides"), which stays a role (and is read on).
pub fn head_entity(doc: &Document, names: &Names, head: &Head, r: &mut Reading) -> bool {
    let head_raw = head.raw;
    // The tagger reads a surname as an organization in one place and a person in
    // another: a name the article also tags as a person is a person.
    let head_entity = entity_at(doc, head.tok).map(|label| {
        let person_elsewhere =
            label != EntityLabel::PER && names.is_person_word(strip_possessive(head_raw));
        if person_elsewhere {
            EntityLabel::PER
        } else {
            label
        }
    });
    if let Some(label) = head_entity {
        r.named = true;
        r.kind = Some(match label {
            EntityLabel::PER => SourceKind::Person,
            EntityLabel::ORG | EntityLabel::LOC => SourceKind::Organization,
            EntityLabel::MISC if r.plural => SourceKind::Group,
            EntityLabel::MISC if r.indefinite => SourceKind::Anonymous,
            EntityLabel::MISC => SourceKind::Person,
        });
        // A role noun tagged as part of an organization name ("Clinton aides") stays a role.
        if !matches!(
            head.noun.as_ref().map(|n| n.class),
            Some(NounClass::Anonymous)
        ) || capitalized(head_raw)
        {
            return true;
        }
        r.named = false;
    }
    false
}

/// No word list knows the head: a capitalized head is a name (an acronym, a brand
/// or a definite name an organization, a plural a group, else a person).
pub fn unknown_name(core: &Core, head: &Head, r: &mut Reading) -> bool {
    let head_raw = head.raw;
    let (core_start, core_end) = (core.start, core.end);
    if capitalized(head_raw) {
        r.named = true;
        let letters: Vec<char> = head_raw.chars().filter(|c| c.is_alphabetic()).collect();
        let acronym = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
        // "PolitiFact", "RealClearPolitics": inner capitals mark a brand.
        let camel = letters.len() > 3
            && letters[1..].iter().any(|c| c.is_uppercase())
            && letters.iter().any(|c| c.is_lowercase());
        let plural_common = letters.len() > 4
            && head_raw.ends_with('s')
            && !head_raw.ends_with("ss")
            && core_end == core_start + 1;
        r.kind = Some(if acronym || camel || r.definite {
            SourceKind::Organization
        } else if plural_common {
            r.plural = true;
            SourceKind::Group
        } else {
            SourceKind::Person
        });
        return true;
    }
    false
}
