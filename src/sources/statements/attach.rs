//! Attaching anonymity statements to mentions: a statement goes to the mention that
//! holds it ("a campaign official who was not authorized to speak publicly"), else
//! the nearest mention of its sentence, else (a sentence of its own: "The official
//! spoke on condition of anonymity …") the unnamed source its subject refers to.
//! It makes that mention anonymous and covers every mention of the same chain,
//! never a name, a document or the author.

use super::find::Statement;
use crate::document::{Document, SourceKind, TextSpan};
use crate::phrase::lexicon::{PronounClass, SourceLexicon};
use crate::phrase::{is_word, read, span_of, tok_text, tokens_text, Names, Reading};
use crate::sources::coreference::Chains;
use std::collections::BTreeMap;

/// The statement (its span and stated reason) that covers each chain, by the
/// chain's root mention.
pub type ChainCues = BTreeMap<usize, (TextSpan, Option<String>)>;

/// For a statement in a sentence of its own ("The official spoke on condition of
/// anonymity because …", "They requested anonymity to …"), the unnamed source its
/// subject refers to: the latest anonymous mention of the two sentences before,
/// when the sentence opens with a pronoun, a definite phrase or an unnamed role.
fn statement_subject(
    doc: &Document,
    lx: &SourceLexicon,
    names: &Names,
    readings: &[Reading],
    by_sentence: &[Vec<usize>],
    st: &Statement,
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
    let subject = read(doc, lx, names, a, st.tokens.0.min(a + 8));
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
    // The mentions of the statement's sentence and the two before, latest first.
    let first = st.sentence.saturating_sub(2);
    let mut nearby = by_sentence
        .get(first..=st.sentence)
        .unwrap_or(&[])
        .iter()
        .rev()
        .flat_map(|s| s.iter().rev().copied());
    nearby.find(|&j| {
        let r = &readings[j];
        r.toks.0 < r.toks.1
            && r.toks.1 <= a
            && st.sentence.saturating_sub(r.sentence) <= 2
            && r.kind == Some(SourceKind::Anonymous)
            && r.plural == plural
            && (pronoun || subject.lemma.is_none() || subject.lemma == r.lemma)
    })
}

/// Attach each statement (in text order) to a mention and make it anonymous; the
/// first statement of a chain covers the chain.
pub fn attach(
    doc: &Document,
    lx: &SourceLexicon,
    names: &Names,
    readings: &mut [Reading],
    order: &[usize],
    chains: &Chains,
    statements: &[Statement],
) -> ChainCues {
    // Anonymity statements: to the mention that holds them ("a campaign official who
    // was not authorized to speak publicly"), else the nearest mention of their sentence.
    let mut chain_cue = ChainCues::new();
    // The mentions of each sentence, in text order (a mention's sentence does not
    // change here).
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for &i in order {
        let r = &readings[i];
        if r.toks.0 < r.toks.1 {
            if let Some(list) = by_sentence.get_mut(r.sentence) {
                list.push(i);
            }
        }
    }
    for st in statements {
        let mentions = by_sentence.get(st.sentence).map_or(&[][..], Vec::as_slice);
        let in_sentence = mentions.iter().copied().filter(|&i| {
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
            .or_else(|| statement_subject(doc, lx, names, readings, &by_sentence, st))
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
        chain_cue.entry(chains.root(i)).or_insert((cue, reason));
    }
    chain_cue
}
