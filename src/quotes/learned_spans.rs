//! The learned span model ([`super::span_model`]) as a proposer
//! ([`super::propose`]): source and content for a cue the patterns could not
//! complete.

use crate::quotes::context::CueContext;
use crate::quotes::found::{reported_kind, ContentReach, Found, Range};
use crate::quotes::propose::{Proposals, Proposer};
use crate::quotes::span_model::{self, SpanModel};
use crate::quotes::tokens::Tokens;

/// The span model completes attributions; its session is [`LearnedSpans`].
impl Proposer for SpanModel {
    fn name(&self) -> &str {
        "span model"
    }

    fn start<'a>(
        &'a self,
        ctx: &'a CueContext<'a>,
        _tokens: &'a Tokens<'a>,
    ) -> Box<dyn Proposals + 'a> {
        Box::new(LearnedSpans::new(self, ctx))
    }
}

/// Source and content for a cue the patterns could not complete, from the learned
/// span model ([`span_model`]).
pub struct LearnedSpans<'a> {
    model: &'a SpanModel,
    ctx: &'a CueContext<'a>,
    feats: Vec<Vec<u64>>,
    reach: ContentReach,
}

impl<'a> LearnedSpans<'a> {
    pub fn new(model: &'a SpanModel, ctx: &'a CueContext<'a>) -> Self {
        LearnedSpans {
            model,
            ctx,
            feats: Vec::new(),
            reach: ContentReach::default(),
        }
    }
}

impl Proposals for LearnedSpans<'_> {
    /// The attribution the model reads around `cue` in the sentence `[a, b)`, if it
    /// finds content: the content spans, and the source span nearest the cue.
    /// A cue inside content found already is left alone: the content read around it
    /// would cut that one up.
    fn complete(
        &mut self,
        t: &Tokens,
        (a, b): Range,
        cue: Range,
        found: &[Found],
    ) -> Option<Found> {
        if self.reach.covers(found, cue) {
            return None;
        }
        span_model::features(self.ctx, (a, b), cue, &mut self.feats);
        let labels = self.model.decode(&self.feats, (cue.0 - a, cue.1 - a));
        let shift = |(x, y): Range| (x + a, y + a);
        let content: Vec<Range> = span_model::spans_of(&labels, span_model::CONTENT_BEGIN)
            .into_iter()
            .map(shift)
            .collect();
        if content.is_empty() {
            return None;
        }
        // The model's source span nearest the cue, else the subject the patterns read
        // before the cue (the model leaves many sources it was not sure of unlabelled).
        let source = span_model::spans_of(&labels, span_model::SOURCE_BEGIN)
            .into_iter()
            .map(shift)
            .min_by_key(|&(x, y)| if y <= cue.0 { cue.0 - y } else { x - cue.1 })
            .or_else(|| t.source_before(a, cue.0));
        Some(Found {
            kind: reported_kind(self.ctx.in_quote, &content),
            content,
            cue: Some(cue),
            source,
            continues: None,
        })
    }
}
