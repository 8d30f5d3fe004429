//! Each mention's kind. First every mention is read as a phrase and the stage's
//! proposers (`propose.rs`) propose a kind, which [`decide`] settles; after
//! coreference and statements, [`write`] writes the kinds (a chain is anonymous
//! if its root is), links and statements on the sources, and the quotes of
//! anonymous sources lose their speaker.

use crate::document::{Document, SourceKind, TextSpan};
use crate::phrase::lexicon::SourceLexicon;
use crate::phrase::{read, token_range, Names, Reading};
use crate::sources::coreference::Chains;
use crate::sources::propose::{KindProposal, KindProposer, MentionView};
use crate::sources::statements::{ChainCues, Statement};
use std::sync::Arc;

/// Every mention's token range and phrase reading, in `doc.sources` order.
pub fn readings(
    doc: &Document,
    lx: &SourceLexicon,
    names: &Names,
) -> Vec<((usize, usize), Reading)> {
    doc.sources
        .iter()
        .map(|s| {
            let (a, b) = if s.mention.end > s.mention.start {
                token_range(doc, s.mention.start, s.mention.end)
            } else {
                (0, 0)
            };
            ((a, b), read(doc, lx, names, a, b))
        })
        .collect()
}

/// For each sentence, whether an anonymity statement stands in it.
pub fn statement_sentences(doc: &Document, found: &[Statement]) -> Vec<bool> {
    let mut out = vec![false; doc.sentences.len()];
    for st in found {
        if let Some(x) = out.get_mut(st.sentence) {
            *x = true;
        }
    }
    out
}

/// For each source, the cue of the first quote whose source it is (one pass over
/// the quotes).
pub fn cues_by_source(doc: &Document) -> Vec<Option<&TextSpan>> {
    let mut out = vec![None; doc.sources.len()];
    for q in &doc.quotes {
        if let Some(slot) = q.source.and_then(|s| out.get_mut(s as usize)) {
            if slot.is_none() {
                *slot = Some(q.cue.as_ref());
            }
        }
    }
    out.into_iter().map(Option::flatten).collect()
}

/// What a proposer sees of a document's mentions beyond each one's reading:
/// the sentences holding an anonymity statement and each source's cue.
pub struct Context<'a> {
    pub statements: Vec<bool>,
    pub cues: Vec<Option<&'a TextSpan>>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, found: &[Statement]) -> Self {
        Context {
            statements: statement_sentences(doc, found),
            cues: cues_by_source(doc),
        }
    }
}

/// The view a proposer has of mention `index`.
pub fn view<'a>(
    doc: &'a Document,
    lx: &'a SourceLexicon,
    index: usize,
    tokens: (usize, usize),
    reading: &'a Reading,
    cx: &Context<'a>,
) -> MentionView<'a> {
    MentionView {
        index,
        source: &doc.sources[index],
        tokens,
        reading,
        lexicon: lx,
        statement_in_sentence: cx
            .statements
            .get(reading.sentence)
            .copied()
            .unwrap_or(false),
        cue: cx.cues.get(index).copied().flatten(),
    }
}

/// Read every mention and decide its first kind from the proposers' answers.
pub fn read_mentions(
    doc: &Document,
    lx: &SourceLexicon,
    names: &Names,
    proposers: &[Arc<dyn KindProposer>],
    cx: &Context<'_>,
) -> Vec<Reading> {
    let mut out = Vec::with_capacity(doc.sources.len());
    for (index, (tokens, mut r)) in readings(doc, lx, names).into_iter().enumerate() {
        let v = view(doc, lx, index, tokens, &r, cx);
        if let Some(p) = decide(proposers.iter().filter_map(|p| p.propose(doc, &v))) {
            r.kind = Some(p.decided_kind());
        }
        out.push(r);
    }
    out
}

/// The proposal that decides a mention's kind, from the proposals in proposer
/// order (the rules first): the first stands unless a later one scores strictly
/// higher; the highest score wins, the earliest among equals. `None` when every
/// proposer abstained: the phrase reader's kind stands.
pub fn decide(proposals: impl IntoIterator<Item = KindProposal>) -> Option<KindProposal> {
    let mut best: Option<KindProposal> = None;
    for p in proposals {
        if best.is_none_or(|b| p.score > b.score) {
            best = Some(p);
        }
    }
    best
}

/// Write kinds, links and statements on the sources.
pub fn write(doc: &mut Document, readings: &[Reading], chains: &Chains, chain_cue: &ChainCues) {
    let n = readings.len();
    for i in 0..n {
        let kind = readings[i].kind.unwrap_or(SourceKind::Other);
        let r0 = chains.root(i);
        // A chain is anonymous if its root is (a statement may have made it so).
        let kind =
            if readings[r0].kind == Some(SourceKind::Anonymous) && chains.antecedent[i].is_some() {
                SourceKind::Anonymous
            } else {
                kind
            };
        let cue = chain_cue.get(&r0).filter(|_| kind == SourceKind::Anonymous);
        let s = &mut doc.sources[i];
        s.kind = kind;
        s.anonymous = kind == SourceKind::Anonymous;
        s.antecedent = chains.antecedent[i].map(|j| j as u32);
        s.anonymity_cue = cue.map(|c| c.0.clone());
        s.descriptor = None;
        if s.anonymous {
            s.speaker = None;
        }
    }
}

/// Quotes of anonymous sources name no speaker.
pub fn unname_anonymous_quotes(doc: &mut Document) {
    for q in &mut doc.quotes {
        if q.source
            .and_then(|s| doc.sources.get(s as usize))
            .is_some_and(|s| s.anonymous)
        {
            q.speaker = None;
            q.speaker_name = None;
        }
    }
}
