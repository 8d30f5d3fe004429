//! The first kind of a phrase from its words' classes: a lone pronoun by its class,
//! a last "I" (the author), a bare determiner or quantifier before a post-modifier
//! ("those close to him", "most of whom"), a coordination with a person or a
//! plural noun on its left, the head noun's class (`data/sources/lexicon.txt`),
//! and, when nothing knows the head, its number. Each step returns `true` when it
//! decided the kind.

use super::head::{Core, Head};
use super::lexicon::{NounClass, PronounClass, SourceLexicon};
use super::reading::Reading;
use super::tokens::{entity_at, strip_possessive, tok_text};
use super::words::words;
use crate::document::{Document, EntityLabel, SourceKind};

/// A lone pronoun: its class gives the kind.
pub fn lone_pronoun(
    doc: &Document,
    lx: &SourceLexicon,
    a: usize,
    b: usize,
    r: &mut Reading,
) -> bool {
    if b - a == 1 {
        if let Some(p) = lx.pronoun(&tok_text(doc, a).to_lowercase()) {
            r.pronoun = Some(p);
            r.core_start = a;
            r.core_end = b;
            r.kind = Some(match p {
                PronounClass::Author => SourceKind::Author,
                PronounClass::Singular => SourceKind::Person,
                PronounClass::Plural => SourceKind::Group,
                PronounClass::Neuter => SourceKind::Organization,
                PronounClass::Relative => SourceKind::Person,
                PronounClass::Other => SourceKind::Other,
            });
            r.plural = p == PronounClass::Plural;
            return true;
        }
    }
    false
}

/// A last word "I" ("my siblings and I"): the author.
pub fn ends_with_author(lx: &SourceLexicon, core: &Core, r: &mut Reading) -> bool {
    if core
        .words
        .last()
        .is_some_and(|w| lx.pronoun(w) == Some(PronounClass::Author))
    {
        r.kind = Some(SourceKind::Author);
        return true;
    }
    false
}

/// Only a determiner or number before a post-modifier: "those close to him" are
/// unnamed people; "those who back her opponents", "some with experience" a class.
pub fn determiner_before_postmod(
    doc: &Document,
    lx: &SourceLexicon,
    core: &Core,
    head: &Head,
    r: &mut Reading,
) -> bool {
    let (core_start, core_end) = (core.start, core.end);
    if head.noun.is_none()
        && core_end == core_start + 1
        && (lx.number(&head.word).is_some() || lx.is_definite(&head.word))
        && core.anonymizing_postmod
    {
        r.plural = true;
        if words()
            .class_postmodifiers
            .contains(&tok_text(doc, core_end).to_lowercase())
        {
            r.kind = Some(SourceKind::Group);
        } else {
            r.kind = Some(SourceKind::Anonymous);
            r.lemma = Some("person".into());
        }
        return true;
    }
    false
}

/// Quantifiers alone: "some", "all", "most of whom", "no one".
pub fn quantifiers(lx: &SourceLexicon, core: &Core, head: &Head, r: &mut Reading) -> bool {
    let wl = words();
    let quantifier = |w: &str| lx.number(w).is_some_and(|n| n != "a") || wl.quantifiers.contains(w);
    if head.noun.is_none()
        && core
            .words
            .iter()
            .all(|w| quantifier(w) || w == "one" || w == "of")
        && core.words.iter().any(|w| quantifier(w))
    {
        r.kind = Some(SourceKind::Group);
        r.plural = true;
        return true;
    }
    false
}

/// A coordination inside the core: a named person and others ("The Republican
/// nominee and his aides") are other; a plural noun and more a group.
pub fn coordination(doc: &Document, lx: &SourceLexicon, core: &Core, r: &mut Reading) -> bool {
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let (core_start, core_end) = (core.start, core.end);
    if let Some(and) = (core_start + 1..core_end).find(|&i| low(i) == "and") {
        let left = strip_possessive(&low(and - 1)).to_string();
        // A named person and others: "The Republican nominee and his aides".
        let left_person = entity_at(doc, and - 1) == Some(EntityLabel::PER)
            || lx
                .noun(&left)
                .is_some_and(|n| n.class == NounClass::PersonRole)
            || (and == core_start + 1 && lx.pronoun(&left) == Some(PronounClass::Singular));
        if left_person {
            r.kind = Some(SourceKind::Other);
            r.plural = true;
            return true;
        }
        if let Some(ln) = lx.noun(&left) {
            if ln.plural && ln.class != NounClass::Anonymous {
                r.kind = Some(SourceKind::Group);
                r.plural = true;
                return true;
            }
        }
    }
    false
}

/// The head noun's class gives the kind.
pub fn from_noun_class(
    doc: &Document,
    lx: &SourceLexicon,
    core: &Core,
    head: &Head,
    r: &mut Reading,
) -> bool {
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let (a, core_start) = (core.a, core.start);
    let (first, head_tok) = (&head.first, head.tok);
    let Some(n) = &head.noun else {
        return false;
    };
    r.kind = Some(match n.class {
        NounClass::Anonymous if n.lemma == "person" => {
            if core.anonymizing_postmod || r.indefinite {
                SourceKind::Anonymous
            } else {
                SourceKind::Group
            }
        }
        // "elected officials" are politicians, not withheld names.
        // "any taxpayer", "every voter": anyone of a class.
        NounClass::Anonymous | NounClass::AnonIndefinite
            if (a..head_tok).any(|i| lx.is_generic(&low(i))) =>
        {
            SourceKind::Group
        }
        // "Obama's former campaign strategist": one person, identified.
        NounClass::Anonymous
            if !n.plural
                && doc
                    .entities_within_tokens(core_start, head_tok.saturating_sub(1))
                    .iter()
                    .any(|e| e.label == EntityLabel::PER && (e.tokens.1 as usize) < head_tok)
                && (core_start..head_tok).any(|i| {
                    matches!(tok_text(doc, i), "'s" | "’s")
                        || tok_text(doc, i).ends_with("'s")
                        || tok_text(doc, i).ends_with("’s")
                }) =>
        {
            SourceKind::Person
        }
        NounClass::Anonymous => SourceKind::Anonymous,
        // "one of the docs": one unnamed member of a group.
        NounClass::Group | NounClass::AnonIndefinite
            if n.plural && core_start > a && lx.number(first) == Some("a") =>
        {
            SourceKind::Anonymous
        }
        NounClass::Spokes => SourceKind::Organization,
        NounClass::PersonRole if n.plural => SourceKind::Group,
        NounClass::PersonRole => SourceKind::Person,
        NounClass::Organization => SourceKind::Organization,
        NounClass::Document => SourceKind::Document,
        NounClass::AnonIndefinite if !n.plural && r.indefinite => SourceKind::Anonymous,
        // "Several former RT journalists", "a dozen Carrier workers": counted people
        // placed by an employer or standing, not a class of people.
        NounClass::AnonIndefinite
            if n.plural
                && lx
                    .number(first)
                    .is_some_and(|w| !words().vague_numbers.contains(w))
                && (a + 1..head_tok).any(|i| {
                    entity_at(doc, i) == Some(EntityLabel::ORG) || lx.is_seniority(&low(i))
                }) =>
        {
            SourceKind::Anonymous
        }
        NounClass::AnonIndefinite if n.plural => SourceKind::Group,
        NounClass::AnonIndefinite => SourceKind::Person,
        NounClass::Group => SourceKind::Group,
    });
    true
}

/// A common noun no word list knows: "a" before a plural after "one of" is one
/// unnamed member, else a plural is a group and a singular a person.
pub fn common_noun(lx: &SourceLexicon, core: &Core, head: &Head, r: &mut Reading) {
    r.kind = Some(
        if r.plural && core.start > core.a && lx.number(&head.first) == Some("a") {
            SourceKind::Anonymous
        } else if r.plural {
            SourceKind::Group
        } else {
            SourceKind::Person
        },
    );
}
