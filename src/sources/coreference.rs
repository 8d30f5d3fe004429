//! Coreference of source mentions. A definite mention ("the official", "The
//! officials") refers to the latest earlier mention with the same head and number;
//! pronouns to a compatible mention nearby (a plural pronoun with a cue said of
//! documents, "they revealed", to a plural document noun of its own sentence
//! first); relative pronouns ("who", "which") to the phrase before them (a
//! description of someone named, "Bentel, a tech staffer … who", is that person).
//! A mention that refers back takes its antecedent's kind and number; the links
//! make chains, and a chain's root speaks for all of it.

use crate::document::{Document, EntityLabel, SourceKind};
use crate::phrase::lexicon::{NounClass, PronounClass, SourceLexicon};
use crate::phrase::{entity_at, is_word, read, sentence_of, tok_text, Names, Reading};
use crate::sources::words::words;

/// Each mention's antecedent (an index into `doc.sources`), if it refers back.
#[derive(Debug, Clone)]
pub struct Chains {
    pub antecedent: Vec<Option<usize>>,
}

impl Chains {
    /// The root of mention `i`'s chain (the first mention it refers back to).
    pub fn root(&self, mut i: usize) -> usize {
        let n = self.antecedent.len();
        let mut steps = 0;
        while let Some(j) = self.antecedent[i] {
            i = j;
            steps += 1;
            if steps > n {
                break;
            }
        }
        i
    }
}

/// The kind of the nearest plural noun before token `t` in its sentence, when that
/// noun is a document, a body or a generic group and lies outside every source
/// mention ("his tax returns" before "they would reveal …"). `None` when a source
/// mention or an unnamed-person noun ("aides") comes first.
fn plural_noun_before(
    doc: &Document,
    lx: &SourceLexicon,
    readings: &[Reading],
    t: usize,
) -> Option<SourceKind> {
    let floor = doc
        .sentences
        .get(sentence_of(doc, t))
        .map_or(0, |s| s.tokens.0 as usize);
    for i in (floor..t).rev() {
        if readings.iter().any(|r| r.toks.0 <= i && i < r.toks.1) {
            return None;
        }
        let w = tok_text(doc, i).to_lowercase();
        let Some(n) = lx.noun(&w).filter(|n| n.plural) else {
            continue;
        };
        return match n.class {
            NounClass::Document => Some(SourceKind::Document),
            NounClass::Organization => Some(SourceKind::Organization),
            NounClass::Group | NounClass::PersonRole | NounClass::AnonIndefinite => {
                Some(SourceKind::Group)
            }
            NounClass::Anonymous | NounClass::Spokes => None,
        };
    }
    None
}

/// The phrase a relative pronoun at token `t` refers to: the words before it,
/// from an indefinite article before any post-modifier ("not paying an architect
/// who" → "an architect"; "a tech staffer at the State Department who"), else
/// the six words before it.
fn relative_antecedent(doc: &Document, lx: &SourceLexicon, t: usize) -> Option<(usize, usize)> {
    let wl = words();
    let floor = doc
        .sentences
        .get(sentence_of(doc, t))
        .map_or(0, |s| s.tokens.0 as usize);
    let mut end = t;
    while end > floor && !is_word(doc, end - 1) && tok_text(doc, end - 1) == "," {
        end -= 1;
    }
    let mut start = end;
    while start > floor && end - start < 8 && is_word(doc, start - 1) {
        let w = tok_text(doc, start - 1).to_lowercase();
        if wl.antecedent_stops.contains(&w) {
            break;
        }
        start -= 1;
    }
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let first_postmod = (start + 1..end)
        .find(|&i| lx.is_postmod(&low(i)))
        .unwrap_or(end);
    match (start..first_postmod)
        .rev()
        .find(|&i| wl.indefinite_articles.contains(&low(i)))
    {
        Some(article) => start = article,
        // No article: the six words before the pronoun.
        None => start = start.max(end.saturating_sub(6)),
    }
    (start < end).then_some((start, end))
}

/// A phrase set off after a person's name: "John Bentel, a tech staffer …".
fn appositive_to_person(doc: &Document, start: usize) -> bool {
    start >= 2
        && tok_text(doc, start - 1) == ","
        && entity_at(doc, start - 2) == Some(EntityLabel::PER)
}

/// Link each mention, in text order (`order`), to the mention it refers back to,
/// and give it that mention's kind and number (a pronoun or relative pronoun with
/// no antecedent may get a kind of its own here).
pub fn link(
    doc: &Document,
    lx: &SourceLexicon,
    names: &Names,
    readings: &mut [Reading],
    order: &[usize],
) -> Chains {
    let n = readings.len();
    // The words of each source's cue, lowercase.
    let mut cue_words: Vec<Vec<String>> = vec![Vec::new(); n];
    for q in &doc.quotes {
        if let (Some(s), Some(cue)) = (q.source, &q.cue) {
            if let Some(words) = cue_words.get_mut(s as usize) {
                words.extend(cue.text.split_whitespace().map(str::to_lowercase));
            }
        }
    }
    let mut antecedent: Vec<Option<usize>> = vec![None; n];
    for (k, &i) in order.iter().enumerate() {
        let r = &readings[i];
        if r.toks.0 >= r.toks.1 {
            continue;
        }
        let earlier =
            order[..k].iter().rev().copied().filter(|&j| {
                readings[j].toks.0 < readings[j].toks.1 && readings[j].toks.1 <= r.toks.0
            });
        let near = |j: &usize| r.sentence.saturating_sub(readings[*j].sentence) <= 2;
        let found = match r.pronoun {
            // "he"/"she" stay people: PolNeAR labels a pronoun after an unnamed
            // source as a person, so no link is made.
            Some(PronounClass::Singular) => None,
            Some(PronounClass::Plural) => {
                let found = earlier
                    .take_while(near)
                    .find(|&j| readings[j].plural && readings[j].kind != Some(SourceKind::Person));
                // "Romney released his returns, even though they exposed …": a plural
                // noun earlier in the pronoun's own sentence is nearer than a source
                // mention in an earlier one.
                // Only where the cue is a verb for documents ("revealed", "showed"):
                // people "say" and "argue".
                let sentence = r.sentence;
                let local = (found.is_none_or(|j| readings[j].sentence < sentence)
                    && cue_words[i].iter().any(|w| lx.is_document_verb(w)))
                .then(|| plural_noun_before(doc, lx, readings, r.toks.0))
                .flatten();
                match local {
                    Some(kind) => {
                        readings[i].kind = Some(kind);
                        None
                    }
                    None => found,
                }
            }
            Some(PronounClass::Neuter) => earlier.take_while(near).find(|&j| {
                !readings[j].plural
                    && matches!(
                        readings[j].kind,
                        Some(SourceKind::Organization | SourceKind::Document)
                    )
            }),
            Some(PronounClass::Relative) => {
                // A source mention right before "who", else the phrase itself.
                let before = relative_antecedent(doc, lx, r.toks.0);
                let hit = earlier
                    .take(3)
                    .find(|&j| before.is_some_and(|(_, e)| readings[j].toks.1 == e));
                if hit.is_none() {
                    if let Some((x, y)) = before {
                        let ante = read(doc, lx, names, x, y);
                        let which =
                            matches!(tok_text(doc, r.toks.0).to_lowercase().as_str(), "which");
                        let kind = match ante.kind {
                            Some(SourceKind::None) | None => readings[i].kind,
                            Some(
                                SourceKind::Person | SourceKind::Anonymous | SourceKind::Group,
                            ) if which => Some(SourceKind::Document),
                            // "Bentel, a tech staffer … who", "Kaine is a former
                            // civil rights lawyer who": a description of someone named.
                            Some(SourceKind::Anonymous | SourceKind::Group)
                                if !ante.plural
                                    && (appositive_to_person(doc, x)
                                        || (ante.indefinite
                                            && x.checked_sub(1).is_some_and(|p| {
                                                lx.is_copula(&tok_text(doc, p).to_lowercase())
                                            }))) =>
                            {
                                Some(SourceKind::Person)
                            }
                            other => other,
                        };
                        readings[i].kind = kind;
                        readings[i].plural = ante.plural;
                    }
                }
                hit
            }
            Some(_) => None,
            None if r.definite && !r.named => {
                let (lemma, plural) = (r.lemma.clone(), r.plural);
                earlier
                    .filter(|&j| readings[j].lemma == lemma && readings[j].plural == plural)
                    .find(|&j| readings[j].pronoun.is_none())
            }
            None => None,
        };
        if let Some(j) = found {
            antecedent[i] = Some(j);
            readings[i].kind = readings[j].kind;
            readings[i].plural = readings[j].plural;
        }
    }
    Chains { antecedent }
}
