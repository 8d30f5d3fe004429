//! The learned cue model ([`super::cue_model`]) as a proposer ([`super::propose`]):
//! cues the lexicon lacks, and its veto of a lexicon cue it is sure is none here
//! ("the two states"). A proposed cue is read like a speech act (`X mocked …`); the
//! patterns still decide whether an attribution is there.

use crate::quotes::context::CueContext;
use crate::quotes::cue_model::{self, CueModel};
use crate::quotes::found::Range;
use crate::quotes::lexicon::{CueClass, QuoteLexicon};
use crate::quotes::propose::{Proposals, Proposer};
use crate::quotes::tokens::Tokens;
use crate::quotes::words::words;

/// The cue model proposes cues and vetoes lexicon ones; its session is [`LearnedCues`].
impl Proposer for CueModel {
    fn name(&self) -> &str {
        "cue model"
    }

    fn start<'a>(
        &'a self,
        ctx: &'a CueContext<'a>,
        tokens: &'a Tokens<'a>,
    ) -> Box<dyn Proposals + 'a> {
        Box::new(LearnedCues::new(self, tokens, ctx))
    }
}

/// Cues proposed by the learned model ([`cue_model`]) where the lexicon has none.
pub struct LearnedCues<'a> {
    model: &'a CueModel,
    tokens: &'a Tokens<'a>,
    ctx: &'a CueContext<'a>,
    feats: Vec<u64>,
}

impl<'a> LearnedCues<'a> {
    pub fn new(model: &'a CueModel, tokens: &'a Tokens<'a>, ctx: &'a CueContext<'a>) -> Self {
        LearnedCues {
            model,
            tokens,
            ctx,
            feats: Vec::with_capacity(32),
        }
    }

    /// The features of word `i`, or `None` for a word never scored (see
    /// [`cue_model::is_candidate`]).
    fn features(&mut self, sentence: Range, i: usize) -> Option<&[u64]> {
        if !cue_model::is_candidate(self.ctx, i) {
            return None;
        }
        cue_model::features(self.ctx, sentence, i, &mut self.feats);
        Some(&self.feats)
    }

    /// The label of word `i`; words never scored are outside.
    fn label(&mut self, sentence: Range, i: usize) -> usize {
        let model = self.model;
        self.features(sentence, i)
            .map_or(cue_model::OUTSIDE, |f| model.label(f))
    }
}

impl Proposals for LearnedCues<'_> {
    /// Whether the model is sure that the lexicon cue at `i` is no cue here.
    fn vetoes(&mut self, sentence: Range, i: usize) -> bool {
        let model = self.model;
        self.features(sentence, i)
            .is_some_and(|f| model.margin(f, cue_model::OUTSIDE) > model.veto)
    }

    /// The cue beginning at `i`, if the model says one does: that word and the words
    /// labelled inside after it, with a class for the patterns. `None` where the run
    /// reaches a lexicon cue (that one is read on its own).
    fn cue_at(&mut self, (a, b): Range, i: usize) -> Option<(Range, CueClass)> {
        if !self.model.may_begin(self.ctx.word_hash(i)) || self.label((a, b), i) != cue_model::BEGIN
        {
            return None;
        }
        let lx = QuoteLexicon::get();
        let mut j = i + 1;
        while j < b && j - i < 8 && self.label((a, b), j) == cue_model::INSIDE {
            if self.ctx.lexicon_cue(j) {
                return None;
            }
            j += 1;
        }
        // A run of auxiliaries and adverbs only ("has", "reportedly") is not a cue: the
        // verb after it was not taken, and a lexicon cue right after it is read on its own.
        let t = self.tokens;
        let wl = words();
        let light = |k: usize| {
            wl.auxiliaries.contains(t.words[k])
                || t.is_adverb(k, lx)
                || wl.light_words.contains(t.words[k])
        };
        if (i..j).all(light) || (j < b && self.ctx.lexicon_cue(j)) {
            return None;
        }
        // Unknown verbs take their content after them ("X mocked …", "X expressed
        // concern that …"); they do not invert or follow their content.
        Some(((i, j), CueClass::Act))
    }
}
