//! A contextual encoder's word tags as a proposer ([`super::propose`]): the accurate
//! pipeline's `encoder` stage leaves per-token scores on the document
//! ([`crate::document::Encoded`]: `cue:O/B/I` log-probabilities, `role:source` and
//! `role:content` logits), and this proposer offers the rules what they say:
//!
//! - a cue where the lexicon has none: a word the encoder gives `cue:B` with probability
//!   at least [`EncoderCues::cue`], and the words after it it tags `cue:I`;
//! - a veto of a lexicon cue the encoder is sure is no cue here (`cue:O` at least
//!   [`EncoderCues::veto`]);
//! - a whole attribution at a cue the patterns could not complete: the run of words
//!   tagged content nearest the cue (after it, else before it) in the sentence, and the
//!   run tagged source nearest it (else the subject the patterns read before the cue).
//!
//! Without an encoder layer on the document it abstains everywhere, so the default
//! pipeline is unchanged by it.

use crate::document::Encoded;
use crate::quotes::context::CueContext;
use crate::quotes::found::{around, reported_kind, ContentReach, Found, Range};
use crate::quotes::lexicon::CueClass;
use crate::quotes::propose::{Proposals, Proposer};
use crate::quotes::tokens::Tokens;

/// The encoder proposer and its thresholds (probabilities). The defaults were selected
/// on PolNeAR dev with `models/encoder` (content F1: cue 0.5 → 0.715, 0.8 → 0.729,
/// 0.95 → 0.723; a veto at 0.99 → 0.731; see `models/encoder.md`).
#[derive(Debug, Clone)]
pub struct EncoderCues {
    /// Least probability of `cue:B` for a proposed cue.
    pub cue: f32,
    /// Least probability of `cue:O` for a veto of a lexicon cue (above 1: never).
    pub veto: f32,
    /// Whether to complete attributions from the role tags.
    pub complete: bool,
}

impl Default for EncoderCues {
    fn default() -> Self {
        EncoderCues {
            cue: 0.8,
            veto: 0.99,
            complete: true,
        }
    }
}

impl Proposer for EncoderCues {
    fn name(&self) -> &str {
        "encoder"
    }

    fn start<'a>(
        &'a self,
        ctx: &'a CueContext<'a>,
        _tokens: &'a Tokens<'a>,
    ) -> Box<dyn Proposals + 'a> {
        match ctx.encoded.as_deref() {
            Some(enc) => match Heads::of(enc) {
                Some(heads) => Box::new(Session {
                    p: self,
                    enc,
                    heads,
                    ctx,
                    reach: ContentReach::default(),
                }),
                None => Box::new(Abstain),
            },
            None => Box::new(Abstain),
        }
    }
}

/// The session of a document without (usable) encoder scores.
struct Abstain;
impl Proposals for Abstain {}

/// Where the labels this proposer reads sit in the scores.
#[derive(Clone, Copy)]
struct Heads {
    o: usize,
    b: usize,
    i: usize,
    source: usize,
    content: usize,
}

impl Heads {
    fn of(enc: &Encoded) -> Option<Heads> {
        Some(Heads {
            o: enc.label("cue:O")?,
            b: enc.label("cue:B")?,
            i: enc.label("cue:I")?,
            source: enc.label("role:source")?,
            content: enc.label("role:content")?,
        })
    }
}

struct Session<'a> {
    p: &'a EncoderCues,
    enc: &'a Encoded,
    heads: Heads,
    ctx: &'a CueContext<'a>,
    reach: ContentReach,
}

impl Session<'_> {
    fn prob(&self, i: usize, label: usize) -> f32 {
        self.enc.score(i, label).map_or(0.0, f32::exp)
    }

    /// The cue label of token `i` by argmax (0 O, 1 B, 2 I); unreached tokens are O.
    fn cue_label(&self, i: usize) -> u8 {
        let Some(row) = self.enc.row(i) else {
            return 0;
        };
        let (o, b, c) = (row[self.heads.o], row[self.heads.b], row[self.heads.i]);
        if b >= o && b >= c {
            1
        } else if c > o {
            2
        } else {
            0
        }
    }

    fn tagged(&self, i: usize, label: usize) -> bool {
        self.enc.score(i, label).is_some_and(|x| x > 0.0)
    }

    /// Runs of tokens in `[a, b)` tagged `label`, outside `[c0, c1)`.
    fn runs(&self, (a, b): Range, (c0, c1): Range, label: usize) -> Vec<Range> {
        let mut out = Vec::new();
        let mut start = None;
        for k in a..=b {
            let on = k < b && !(c0..c1).contains(&k) && self.tagged(k, label);
            match (on, start) {
                (true, None) => start = Some(k),
                (false, Some(s)) => {
                    out.push((s, k));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }
}

/// Distance in tokens from a run to the cue.
fn gap((x, y): Range, (c0, c1): Range) -> usize {
    if y <= c0 {
        c0 - y
    } else {
        x.saturating_sub(c1)
    }
}

impl Proposals for Session<'_> {
    fn cue_at(&mut self, (_, b): Range, i: usize) -> Option<(Range, CueClass)> {
        if self.prob(i, self.heads.b) < self.p.cue {
            return None;
        }
        let mut j = i + 1;
        while j < b && j - i < 8 && self.cue_label(j) == 2 {
            if self.ctx.lexicon_cue(j) {
                return None;
            }
            j += 1;
        }
        if j < b && self.ctx.lexicon_cue(j) {
            return None;
        }
        Some(((i, j), CueClass::Act))
    }

    fn vetoes(&mut self, _sentence: Range, i: usize) -> bool {
        self.p.veto <= 1.0 && self.prob(i, self.heads.o) >= self.p.veto
    }

    fn complete(
        &mut self,
        t: &Tokens,
        (a, b): Range,
        cue: Range,
        found: &[Found],
    ) -> Option<Found> {
        if !self.p.complete {
            return None;
        }
        // A cue inside content found already is left alone.
        if self.reach.covers(found, cue) {
            return None;
        }
        // Read at most `REACH` words either side, so a cue costs the same however long
        // its sentence.
        let (a, b) = around(cue, (a, b));
        let content = self
            .runs((a, b), cue, self.heads.content)
            .into_iter()
            .filter(|&r| gap(r, cue) <= 2)
            .min_by_key(|&r| (gap(r, cue), usize::from(r.1 <= cue.0)))?;
        let source = self
            .runs((a, b), cue, self.heads.source)
            .into_iter()
            .filter(|&(x, y)| y <= content.0 || x >= content.1)
            .min_by_key(|&r| gap(r, cue))
            .or_else(|| t.source_before(a, cue.0));
        let content = vec![content];
        Some(Found {
            kind: reported_kind(self.ctx.in_quote, &content),
            content,
            cue: Some(cue),
            source,
            continues: None,
        })
    }
}
