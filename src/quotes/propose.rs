//! The seam between the rules and what proposes to them, and the one place that
//! decides between proposals.
//!
//! A [`Proposer`] (the learned cue model, the learned span model, a contextual
//! encoder, a toy in a test) starts a per-document session ([`Proposals`]) that
//! offers candidates when the rules ask: a cue where the lexicon has none, a veto
//! of a lexicon cue, a whole attribution (cue, source, content) where the patterns
//! complete none. The rules never call a proposer: they call [`Proposed`], which
//! holds the sessions of every proposer of the document, in order, and decides:
//!
//! - [`Proposed::cue_at`]: the first proposer (in order) that proposes a cue wins;
//!   the later ones are not asked.
//! - [`Proposed::vetoes`]: any proposer's veto vetoes (asked in order, stopping at
//!   the first veto).
//! - [`Proposed::complete`]: the first proposer that completes the attribution wins.
//!
//! With no proposers it proposes nothing and vetoes nothing, so the rules run alone.
//! The proposals are still candidates: the rules decide what becomes of them (a
//! proposed cue is tried against the same patterns as a lexicon cue).

use std::sync::Arc;

pub use crate::quotes::context::CueContext;
pub use crate::quotes::found::{Found, Range};
pub use crate::quotes::lexicon::CueClass;
pub use crate::quotes::tokens::Tokens;

/// Anything that offers the rules candidates; holds its model, shared and read-only.
pub trait Proposer: Send + Sync {
    /// A short name, for messages and `Debug`.
    fn name(&self) -> &str;

    /// A session over one document: `ctx` is the features the learned models read
    /// (built once per document), `tokens` the document's words.
    fn start<'a>(
        &'a self,
        ctx: &'a CueContext<'a>,
        tokens: &'a Tokens<'a>,
    ) -> Box<dyn Proposals + 'a>;
}

/// One proposer's session over one document. Every method abstains by default.
pub trait Proposals {
    /// A cue beginning at token `i` of the sentence `sentence` (the lexicon has
    /// none there): its token range and a class for the patterns.
    fn cue_at(&mut self, _sentence: Range, _i: usize) -> Option<(Range, CueClass)> {
        None
    }

    /// Whether the lexicon cue at token `i` is no cue here.
    fn vetoes(&mut self, _sentence: Range, _i: usize) -> bool {
        false
    }

    /// A whole attribution at `cue` in `sentence`, where the patterns found none;
    /// `found` is what the stage has found so far.
    fn complete(
        &mut self,
        _t: &Tokens,
        _sentence: Range,
        _cue: Range,
        _found: &[Found],
    ) -> Option<Found> {
        None
    }
}

/// The sessions of all the proposers of a document, and the policy that decides
/// between them (see the module comment). What the rules call.
pub struct Proposed<'a> {
    sessions: Vec<Box<dyn Proposals + 'a>>,
}

impl<'a> Proposed<'a> {
    /// A session of each of `proposers`, in order; none without a context (which
    /// the stage builds only where there are proposers).
    pub fn start(
        proposers: &'a [Arc<dyn Proposer>],
        ctx: Option<&'a CueContext<'a>>,
        tokens: &'a Tokens<'a>,
    ) -> Self {
        let sessions = match ctx {
            Some(ctx) => proposers.iter().map(|p| p.start(ctx, tokens)).collect(),
            None => Vec::new(),
        };
        Proposed { sessions }
    }

    /// The cue at `i` of the first proposer that proposes one.
    #[inline]
    pub fn cue_at(&mut self, sentence: Range, i: usize) -> Option<(Range, CueClass)> {
        self.sessions.iter_mut().find_map(|s| s.cue_at(sentence, i))
    }

    /// Whether any proposer vetoes the lexicon cue at `i`.
    #[inline]
    pub fn vetoes(&mut self, sentence: Range, i: usize) -> bool {
        self.sessions.iter_mut().any(|s| s.vetoes(sentence, i))
    }

    /// The attribution of the first proposer that completes one at `cue`.
    #[inline]
    pub fn complete(
        &mut self,
        t: &Tokens,
        sentence: Range,
        cue: Range,
        found: &[Found],
    ) -> Option<Found> {
        self.sessions
            .iter_mut()
            .find_map(|s| s.complete(t, sentence, cue, found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::quotes::cue_model::CueModel;
    use crate::quotes::span_model::SpanModel;
    use crate::quotes::QuoteFinder;
    use crate::stage::Processor;
    use crate::Segmenter;

    /// A toy proposer: a cue at every "blorfed", a veto of every "said".
    struct Toy {
        veto_said: bool,
    }

    struct ToySession<'a> {
        tokens: &'a Tokens<'a>,
        veto_said: bool,
    }

    impl Proposer for Toy {
        fn name(&self) -> &str {
            "toy"
        }

        fn start<'a>(
            &'a self,
            _ctx: &'a CueContext<'a>,
            tokens: &'a Tokens<'a>,
        ) -> Box<dyn Proposals + 'a> {
            Box::new(ToySession {
                tokens,
                veto_said: self.veto_said,
            })
        }
    }

    impl Proposals for ToySession<'_> {
        fn cue_at(&mut self, _sentence: Range, i: usize) -> Option<(Range, CueClass)> {
            (self.tokens.words[i] == "blorfed").then_some(((i, i + 1), CueClass::Act))
        }

        fn vetoes(&mut self, _sentence: Range, i: usize) -> bool {
            self.veto_said && self.tokens.words[i] == "said"
        }
    }

    /// (source, cue, content) of the quotes `finder` finds in `text` (segmented only).
    fn quotes(text: &str, finder: &QuoteFinder) -> Vec<(String, String, String)> {
        let mut doc = Document::new("t", text);
        Segmenter::new().process(&mut doc).unwrap();
        finder.process(&mut doc).unwrap();
        doc.quotes
            .iter()
            .map(|q| {
                let source = q
                    .source
                    .and_then(|s| doc.sources.get(s as usize))
                    .map(|s| s.mention.text.clone())
                    .unwrap_or_default();
                let cue = q.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default();
                (source, cue, q.content[0].text.clone())
            })
            .collect()
    }

    const TEXTS: &[&str] = &[
        "The mayor said that taxes will rise.",
        "“We will not back down,” the governor said on Tuesday.",
        "According to two officials, the talks have stalled. Trump has long insisted \
         the wall will be built.",
    ];

    #[test]
    fn a_third_proposer_plugs_in_without_touching_the_rules() {
        let blorf = "The mayor blorfed that taxes will rise.";
        let toy = || Arc::new(Toy { veto_said: false });
        // The rules alone read no cue in a verb they do not know.
        assert!(quotes(blorf, &QuoteFinder::with_models(None, None)).is_empty());
        let want = vec![(
            "The mayor".to_string(),
            "blorfed".to_string(),
            "that taxes will rise".to_string(),
        )];
        let alone = QuoteFinder::with_models(None, None).with_proposer(toy());
        assert_eq!(quotes(blorf, &alone), want);
        // After the shipped models, it is asked where they propose nothing.
        assert!(quotes(blorf, &QuoteFinder::new()).is_empty());
        let third = QuoteFinder::new().with_proposer(toy());
        assert_eq!(quotes(blorf, &third)[0].1, "blorfed");
        // Its veto drops a lexicon cue, whoever else is asked.
        let vetoing = QuoteFinder::new().with_proposer(Arc::new(Toy { veto_said: true }));
        assert!(quotes(TEXTS[0], &vetoing).is_empty());
        // Where it proposes nothing, the quotes are the default finder's.
        for text in TEXTS {
            assert_eq!(quotes(text, &third), quotes(text, &QuoteFinder::new()));
        }
    }

    #[test]
    fn the_default_finder_is_the_cue_model_then_the_span_model() {
        let by_models = QuoteFinder::with_models(CueModel::embedded(), SpanModel::embedded());
        for text in TEXTS {
            let got = quotes(text, &QuoteFinder::new());
            assert!(!got.is_empty(), "{text}");
            assert_eq!(got, quotes(text, &by_models), "{text}");
        }
        assert_eq!(
            format!("{:?}", QuoteFinder::new()),
            format!(
                "QuoteFinder {{ proposers: {:?} }}",
                [
                    CueModel::embedded().map(|_| "cue model"),
                    SpanModel::embedded().map(|_| "span model")
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
            )
        );
    }

    #[test]
    fn the_first_proposal_wins_and_any_veto_vetoes() {
        let words = ["He", "blorfed", "said", "."];
        let tokens = Tokens {
            words: words.to_vec(),
        };
        let doc = Document::new("t", "He blorfed said.");
        let in_quote = [false; 4];
        let ctx = CueContext::new(&doc, &tokens.words, &in_quote);
        let proposers: Vec<Arc<dyn Proposer>> = vec![
            Arc::new(Toy { veto_said: false }),
            Arc::new(Toy { veto_said: true }),
        ];
        let mut p = Proposed::start(&proposers, Some(&ctx), &tokens);
        assert_eq!(p.cue_at((0, 4), 1), Some(((1, 2), CueClass::Act)));
        assert_eq!(p.cue_at((0, 4), 0), None);
        assert!(p.vetoes((0, 4), 2) && !p.vetoes((0, 4), 1));
        assert!(p.complete(&tokens, (0, 4), (1, 2), &[]).is_none());
        // No proposers: nothing proposed, nothing vetoed.
        let mut none = Proposed::start(&[], None, &tokens);
        assert!(none.cue_at((0, 4), 1).is_none() && !none.vetoes((0, 4), 2));
    }
}
