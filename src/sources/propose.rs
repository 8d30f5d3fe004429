//! Proposals of a mention's kind. The stage asks every [`KindProposer`] it holds,
//! in order, what kind each source mention is; `kinds::decide` weighs the answers
//! in one place. The rules ([`Rules`]: the phrase reader's kind, corrected by the
//! `speakers` stage's evidence) are the first proposer and, by default, the only
//! one; a learned classifier or an encoder's kind head is a further proposer
//! (`SourceClassifier::with_proposer`), and it need not touch the rules.
//!
//! Every proposal carries a score; a later proposal replaces an earlier one only
//! by scoring strictly higher, so the rules' answer stands unless a proposer is
//! more confident than [`Rules::score`] (1.0 by default: a probability never
//! exceeds it, so a learned proposer overrides the rules only where the stage is
//! built with a lower rules score).

use crate::document::{Document, EntityLabel, Source, SourceKind, TextSpan};
use crate::phrase::lexicon::{NounClass, SourceLexicon};
use crate::phrase::{tok_text, Reading};

/// One proposer's answer for one mention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindProposal {
    pub kind: SourceKind,
    /// The proposer's view of anonymity apart from the kind (a model may have a
    /// head of its own for it); `Some(true)` decides the kind `Anonymous`, as the
    /// stage writes anonymity as that kind. `None`: the kind says it.
    pub anonymous: Option<bool>,
    /// How sure the proposer is; comparable across the stage's proposers.
    pub score: f32,
}

impl KindProposal {
    /// The kind this proposal decides, anonymity included.
    pub fn decided_kind(&self) -> SourceKind {
        if self.anonymous == Some(true) {
            SourceKind::Anonymous
        } else {
            self.kind
        }
    }
}

/// What a proposer sees of one mention.
#[derive(Debug, Clone, Copy)]
pub struct MentionView<'a> {
    /// The mention's index in `doc.sources`.
    pub index: usize,
    pub source: &'a Source,
    /// The mention's token range (empty when it has none).
    pub tokens: (usize, usize),
    /// What the phrase reader read from it (head, number, names, a first kind).
    pub reading: &'a Reading,
    /// The word lists the reading was made with.
    pub lexicon: &'a SourceLexicon,
    /// Whether an anonymity statement ("spoke on condition of anonymity") stands in
    /// the mention's sentence.
    pub statement_in_sentence: bool,
    /// The cue of the first quote whose source the mention is.
    pub cue: Option<&'a TextSpan>,
}

/// Anything that proposes kinds of source mentions.
pub trait KindProposer: Send + Sync {
    /// A short name, for messages and `Debug`.
    fn name(&self) -> &str {
        std::any::type_name::<Self>()
    }

    /// The kind of `mention`, or `None` to abstain.
    fn propose(&self, doc: &Document, mention: &MentionView<'_>) -> Option<KindProposal>;
}

/// The rules' proposal: the phrase reader's kind, with the `speakers` stage's
/// resolution as evidence for unnamed-looking phrases and a description after a
/// copula taken as a person.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// The score of every rules proposal.
    pub score: f32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { score: 1.0 }
    }
}

impl KindProposer for Rules {
    fn name(&self) -> &str {
        "rules"
    }

    fn propose(&self, doc: &Document, mention: &MentionView<'_>) -> Option<KindProposal> {
        let (r, s, lx) = (mention.reading, mention.source, mention.lexicon);
        let a = mention.tokens.0;
        let mut kind = r.kind;
        // The speakers stage's resolution is evidence for unnamed-looking phrases.
        if let (Some(c), Some(k)) = (s.speaker, kind) {
            let unknown = matches!(r.noun_class, None | Some(NounClass::PersonRole));
            if !r.named
                && unknown
                && r.pronoun.is_none()
                && matches!(k, SourceKind::Person | SourceKind::Group)
            {
                match doc.clusters.get(c as usize).map(|c| c.label) {
                    Some(EntityLabel::PER) => kind = Some(SourceKind::Person),
                    Some(EntityLabel::ORG) => kind = Some(SourceKind::Organization),
                    _ => {}
                }
            }
        }
        // After "was", "remains": a description of the subject ("Hunter, who was one of
        // the earliest House members to endorse"), not an unnamed source.
        if kind == Some(SourceKind::Anonymous)
            && r.pronoun.is_none()
            && a > 0
            && lx.is_copula(&tok_text(doc, a - 1).to_lowercase())
        {
            kind = Some(SourceKind::Person);
        }
        kind.map(|kind| KindProposal {
            kind,
            anonymous: Some(kind == SourceKind::Anonymous),
            score: self.score,
        })
    }
}
