//! The `sources` stage: what kind of source each attribution rests on, whether
//! it is anonymous, the statement that grants anonymity, a parsed descriptor of
//! unnamed sources, coreference between source mentions, and a per-document
//! summary.
//!
//! 1. **Classify** each mention (`Document::sources`) from its head noun: the last
//!    word before a comma, relative clause or preposition ("officials" in
//!    "officials familiar with the talks"). Named entities, the speaker the
//!    `speakers` stage found, and the word lists of `data/sources/lexicon.txt`
//!    decide between person, organization, anonymous, group, document, author
//!    and other.
//! 2. **Refer back.** A definite mention ("the official", "The officials")
//!    refers to the latest earlier mention with the same head and number;
//!    pronouns to a compatible mention nearby (a plural pronoun with a cue said of
//!    documents, "they revealed", to a plural document noun of its own sentence
//!    first); relative pronouns ("who", "which") to the phrase before them (a
//!    description of someone named, "Bentel, a tech staffer … who", is that
//!    person). A mention that refers back takes its antecedent's kind and
//!    anonymity.
//! 3. **Anonymity statements** (`data/sources/anonymity-statements.txt`) attach
//!    to the mention that holds them, else the nearest mention of their sentence,
//!    else (a sentence of its own: "The official spoke on condition of anonymity
//!    …") the unnamed source its subject refers to; they cover every mention of
//!    the same chain, never a name, a document or the author.
//! 4. **Descriptors** of anonymous sources: number, role, seniority,
//!    affiliation and the stated reason.
//! 5. **Summary**: attributions by kind, anonymous share, statements.

mod statements;

pub use crate::phrase::SourceLexicon;

use crate::document::{
    Document, EntityLabel, SourceDescriptor, SourceKind, SourceSummary, TextSpan,
};
use crate::phrase::lexicon::{NounClass, PronounClass};
use crate::phrase::{
    capitalized, entity_at, is_word, read, sentence_of, span_of, strip_possessive, tok_text,
    token_range, tokens_text, Reading,
};
use crate::stage::{Processor, ProcessorError};
use std::collections::BTreeMap;

/// The source-classification stage. Stateless; its word lists are shared.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceClassifier;

impl SourceClassifier {
    pub fn new() -> Self {
        SourceClassifier
    }
}

impl Processor for SourceClassifier {
    fn name(&self) -> &str {
        "sources"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        classify_sources(doc, SourceLexicon::get());
        Ok(())
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

/// For a statement in a sentence of its own ("The official spoke on condition of
/// anonymity because …", "They requested anonymity to …"), the unnamed source its
/// subject refers to: the latest anonymous mention of the two sentences before,
/// when the sentence opens with a pronoun, a definite phrase or an unnamed role.
fn statement_subject(
    doc: &Document,
    lx: &SourceLexicon,
    readings: &[Reading],
    order: &[usize],
    st: &statements::Statement,
) -> Option<usize> {
    let sentence = doc.sentences.get(st.sentence)?;
    let mut a = sentence.tokens.0 as usize;
    while a < st.tokens.0 && !is_word(doc, a) {
        a += 1;
    }
    if a >= st.tokens.0 {
        return None;
    }
    let first = tok_text(doc, a).to_lowercase();
    let subject = read(doc, lx, a, st.tokens.0.min(a + 8));
    let pronoun = matches!(
        lx.pronoun(&first),
        Some(PronounClass::Singular | PronounClass::Plural)
    );
    let unnamed = lx.is_definite(&first)
        || lx.number(&first).is_some()
        || subject.kind == Some(SourceKind::Anonymous);
    if !(pronoun || unnamed) || (subject.named && subject.kind != Some(SourceKind::Anonymous)) {
        return None;
    }
    let plural = if pronoun {
        lx.pronoun(&first) == Some(PronounClass::Plural)
    } else {
        subject.plural
    };
    order.iter().rev().copied().find(|&j| {
        let r = &readings[j];
        r.toks.0 < r.toks.1
            && r.toks.1 <= a
            && st.sentence.saturating_sub(r.sentence) <= 2
            && r.kind == Some(SourceKind::Anonymous)
            && r.plural == plural
            && (pronoun || subject.lemma.is_none() || subject.lemma == r.lemma)
    })
}

/// The phrase a relative pronoun at token `t` refers to: the words before it,
/// from an indefinite article before any post-modifier ("not paying an architect
/// who" → "an architect"; "a tech staffer at the State Department who"), else
/// the six words before it.
fn relative_antecedent(doc: &Document, lx: &SourceLexicon, t: usize) -> Option<(usize, usize)> {
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
        if matches!(
            w.as_str(),
            "said" | "says" | "told" | "and" | "but" | "by" | "to"
        ) {
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
        .find(|&i| matches!(low(i).as_str(), "a" | "an"))
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

/// Classify every source of the document, link mentions, attach anonymity
/// statements, parse descriptors and write the summary.
pub fn classify_sources(doc: &mut Document, lx: &SourceLexicon) {
    let n = doc.sources.len();
    let mut readings: Vec<Reading> = Vec::with_capacity(n);
    for s in &doc.sources {
        let (a, b) = if s.mention.end > s.mention.start {
            token_range(doc, s.mention.start, s.mention.end)
        } else {
            (0, 0)
        };
        let mut r = read(doc, lx, a, b);
        // The speakers stage's resolution is evidence for unnamed-looking phrases.
        if let (Some(c), Some(kind)) = (s.speaker, r.kind) {
            let unknown = matches!(r.noun_class, None | Some(NounClass::PersonRole));
            if !r.named
                && unknown
                && r.pronoun.is_none()
                && matches!(kind, SourceKind::Person | SourceKind::Group)
            {
                match doc.clusters.get(c as usize).map(|c| c.label) {
                    Some(EntityLabel::PER) => r.kind = Some(SourceKind::Person),
                    Some(EntityLabel::ORG) => r.kind = Some(SourceKind::Organization),
                    _ => {}
                }
            }
        }
        // After "was", "remains": a description of the subject ("Hunter, who was one of
        // the earliest House members to endorse"), not an unnamed source.
        if r.kind == Some(SourceKind::Anonymous)
            && r.pronoun.is_none()
            && a > 0
            && lx.is_copula(&tok_text(doc, a - 1).to_lowercase())
        {
            r.kind = Some(SourceKind::Person);
        }
        readings.push(r);
    }
    // The words of each source's cue, lowercase.
    let mut cue_words: Vec<Vec<String>> = vec![Vec::new(); n];
    for q in &doc.quotes {
        if let (Some(s), Some(cue)) = (q.source, &q.cue) {
            if let Some(words) = cue_words.get_mut(s as usize) {
                words.extend(cue.text.split_whitespace().map(str::to_lowercase));
            }
        }
    }
    // Text order of the mentions.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (doc.sources[i].mention.start, i));
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
                .then(|| plural_noun_before(doc, lx, &readings, r.toks.0))
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
                        let ante = read(doc, lx, x, y);
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
    // Chains: the root of each mention.
    let root = |mut i: usize| {
        let mut steps = 0;
        while let Some(j) = antecedent[i] {
            i = j;
            steps += 1;
            if steps > n {
                break;
            }
        }
        i
    };
    // Anonymity statements: to the mention that holds them ("a campaign official who
    // was not authorized to speak publicly"), else the nearest mention of their sentence.
    let statements = statements::find(doc, lx);
    let mut chain_cue: BTreeMap<usize, (TextSpan, Option<String>)> = BTreeMap::new();
    for st in &statements {
        let in_sentence = order.iter().copied().filter(|&i| {
            let r = &readings[i];
            r.toks.0 < r.toks.1 && r.sentence == st.sentence && r.toks.0 != st.tokens.0
        });
        let holding = in_sentence
            .clone()
            .filter(|&i| readings[i].toks.0 < st.tokens.0 && readings[i].toks.1 > st.tokens.0)
            .max_by_key(|&i| readings[i].toks.0);
        let before = in_sentence
            .clone()
            .filter(|&i| readings[i].toks.1 <= st.tokens.0)
            .max_by_key(|&i| readings[i].toks.1);
        let after = in_sentence
            .filter(|&i| readings[i].toks.0 >= st.tokens.1)
            .min_by_key(|&i| readings[i].toks.0);
        let Some(i) = holding
            .or(before)
            .or(after)
            .or_else(|| statement_subject(doc, lx, &readings, &order, st))
        else {
            continue;
        };
        // A name is no anonymous source ("one Republican" is: a name-like head
        // the reader already took as unnamed).
        // Nor is a document ("the memo, which was not authorized for release").
        let named = readings[i].named && readings[i].kind != Some(SourceKind::Anonymous);
        if named
            || readings[i].pronoun == Some(PronounClass::Author)
            || matches!(
                readings[i].kind,
                Some(SourceKind::Document | SourceKind::Author)
            )
        {
            continue;
        }
        let Some(cue) = span_of(doc, st.tokens.0, st.tokens.1) else {
            continue;
        };
        let reason = st.reason.map(|(a, b)| tokens_text(doc, a, b));
        readings[i].kind = Some(SourceKind::Anonymous);
        chain_cue.entry(root(i)).or_insert((cue, reason));
    }
    // Write kinds, links, statements and descriptors.
    for i in 0..n {
        let kind = readings[i].kind.unwrap_or(SourceKind::Other);
        let r0 = root(i);
        // A chain is anonymous if its root is (a statement may have made it so).
        let kind = if readings[r0].kind == Some(SourceKind::Anonymous) && antecedent[i].is_some() {
            SourceKind::Anonymous
        } else {
            kind
        };
        let cue = chain_cue.get(&r0).filter(|_| kind == SourceKind::Anonymous);
        let s = &mut doc.sources[i];
        s.kind = kind;
        s.anonymous = kind == SourceKind::Anonymous;
        s.antecedent = antecedent[i].map(|j| j as u32);
        s.anonymity_cue = cue.map(|c| c.0.clone());
        s.descriptor = None;
        if s.anonymous {
            s.speaker = None;
        }
    }
    for &i in &order {
        if !doc.sources[i].anonymous {
            continue;
        }
        let mut d = descriptor(doc, lx, &readings[i]);
        if let Some(j) = antecedent[i] {
            if let Some(Some(up)) = doc.sources.get(j).map(|s| s.descriptor.clone()) {
                d.seniority = d.seniority.or(up.seniority);
                d.affiliation = d.affiliation.or(up.affiliation);
                if readings[i].pronoun.is_some() {
                    d.role = d.role.or(up.role);
                    d.number = up.number.or(d.number);
                }
            }
        }
        d.reason = chain_cue.get(&root(i)).and_then(|c| c.1.clone());
        doc.sources[i].descriptor = Some(d);
    }
    // Quotes of anonymous sources name no speaker.
    for q in &mut doc.quotes {
        if q.source
            .and_then(|s| doc.sources.get(s as usize))
            .is_some_and(|s| s.anonymous)
        {
            q.speaker = None;
            q.speaker_name = None;
        }
    }
    doc.summary = Some(summarize(doc));
}

/// Number, role, seniority and affiliation of an unnamed source.
fn descriptor(doc: &Document, lx: &SourceLexicon, r: &Reading) -> SourceDescriptor {
    let mut d = SourceDescriptor::default();
    let (a, b) = r.toks;
    if a >= b {
        return d;
    }
    if r.pronoun.is_some() {
        d.number = Some(if r.plural { "plural" } else { "a" }.into());
        return d;
    }
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let (cs, ce) = (r.core_start.max(a), r.core_end.min(b));
    let mut i = a;
    while i < b && !is_word(doc, i) {
        i += 1;
    }
    d.number = Some(match lx.number(&low(i)) {
        Some(n) => n.to_string(),
        None if r.plural => "plural".into(),
        None => "a".into(),
    });
    // Modifiers between the determiner and the head.
    let head_tok = ce.saturating_sub(1);
    let mut aff: Option<(usize, usize)> = None;
    let mut j = cs;
    while j < head_tok {
        let w = low(j);
        let raw = tok_text(doc, j);
        if lx.number(&w).is_some() || lx.is_definite(&w) || lx.is_possessive(&w) || w == "of" {
            j += 1;
            continue;
        }
        if lx.is_seniority(&w) {
            d.seniority.get_or_insert(w);
        } else if capitalized(raw)
            || lx.is_affiliation(&w)
            || raw.ends_with("'s")
            || raw.ends_with("’s")
        {
            aff = Some(aff.map_or((j, j + 1), |(s, _)| (s, j + 1)));
        } else if tok_text(doc, j) == "'s" || tok_text(doc, j) == "’s" {
            // A possessive clitic ends the affiliation ("Obama 's aides").
        } else if aff.is_some() {
            // A lowercase word that is no affiliation ends a run only if nothing follows.
        }
        j += 1;
    }
    // "advisers to Mr. Obama", "officials at the agency", "a reporter for USA Today".
    if aff.is_none()
        && ce < b
        && matches!(
            low(ce).as_str(),
            "to" | "at" | "for" | "with" | "in" | "from"
        )
    {
        let mut s = ce + 1;
        while s < b && lx.is_definite(&low(s)) {
            s += 1;
        }
        let mut e = s;
        while e < b
            && is_word(doc, e)
            && (capitalized(tok_text(doc, e)) || matches!(low(e).as_str(), "of" | "and"))
        {
            e += 1;
        }
        while e > s && matches!(low(e - 1).as_str(), "of" | "and") {
            e -= 1;
        }
        if e > s {
            aff = Some((s, e));
        }
    }
    d.affiliation = aff
        .map(|(s, e)| {
            strip_possessive(&tokens_text(doc, s, e))
                .trim_end_matches(" 's")
                .trim_end_matches(" ’s")
                .to_string()
        })
        .filter(|t| !t.is_empty());
    let lemma = r.lemma.clone().unwrap_or_default();
    d.role = Some(
        if lemma == "person" && ce < b && !tok_text(doc, ce).starts_with(',') {
            format!("person {}", tokens_text(doc, ce, b).trim_end_matches(','))
        } else {
            lemma
        },
    )
    .filter(|s| !s.is_empty());
    d
}

/// Attributions by source kind, anonymous share and statements.
pub fn summarize(doc: &Document) -> SourceSummary {
    let mut by_kind: BTreeMap<String, u32> = BTreeMap::new();
    for k in SourceKind::NAMES {
        by_kind.insert(k.into(), 0);
    }
    let mut anonymous = 0u32;
    let mut with_statement = 0u32;
    let total = doc.quotes.len() as u32;
    for (qi, q) in doc.quotes.iter().enumerate() {
        // A quote that continues another has that quote's source.
        let mut src = q.source;
        let mut cur = q.continues;
        let mut steps = 0;
        while src.is_none() && steps < doc.quotes.len() {
            let Some(c) = cur.filter(|&c| c as usize != qi) else {
                break;
            };
            let Some(prev) = doc.quotes.get(c as usize) else {
                break;
            };
            src = prev.source;
            cur = prev.continues;
            steps += 1;
        }
        let source = src.and_then(|s| doc.sources.get(s as usize));
        let kind = source.map_or(SourceKind::None, |s| s.kind);
        *by_kind.entry(kind.as_str().into()).or_insert(0) += 1;
        if source.is_some_and(|s| s.anonymous) {
            anonymous += 1;
            if source.is_some_and(|s| s.anonymity_cue.is_some()) {
                with_statement += 1;
            }
        }
    }
    SourceSummary {
        attributions: total,
        by_kind,
        anonymous,
        anonymous_share: if total == 0 {
            0.0
        } else {
            f64::from(anonymous) / f64::from(total)
        },
        anonymous_with_statement: with_statement,
    }
}
