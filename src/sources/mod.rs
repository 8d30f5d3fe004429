//! The `sources` stage: what kind of source each attribution rests on, whether
//! it is anonymous, the statement that grants anonymity, a parsed descriptor of
//! unnamed sources, coreference between source mentions, and a per-document
//! summary. [`classify_with`] runs the files in this order:
//!
//! 1. `kinds.rs` with `propose.rs`: **classify** each mention
//!    (`Document::sources`). The phrase reader (`crate::phrase`) reads its head
//!    noun, the last word before a comma, relative clause or preposition
//!    ("officials" in "officials familiar with the talks"); the stage's
//!    [`KindProposer`]s propose a kind (the rules first: named entities, the
//!    speaker the `speakers` stage found, and the word lists of
//!    `data/sources/lexicon.txt` decide between person, organization, anonymous,
//!    group, document, author and other), and `kinds::decide` settles it.
//! 2. `coreference.rs`: **refer back.** A definite mention ("the official") refers
//!    to the latest earlier mention with the same head and number; pronouns to a
//!    compatible mention nearby; relative pronouns ("who", "which") to the phrase
//!    before them. A mention that refers back takes its antecedent's kind.
//! 3. `statements/`: **anonymity statements**
//!    (`data/sources/anonymity-statements.txt`) are found and attach to the
//!    mention that holds them, else the nearest mention of their sentence, else
//!    the unnamed source the subject of their own sentence refers to; they cover
//!    every mention of the same chain, never a name, a document or the author.
//!    `kinds.rs` then writes kinds, links and statements on the sources.
//! 4. `descriptors.rs`: **descriptors** of anonymous sources: number, role,
//!    seniority, affiliation and the stated reason.
//! 5. `summary.rs`: **summary**: attributions by kind, anonymous share,
//!    statements.
//!
//! `words.rs` holds the stage's closed word lists (`data/sources/words.txt`).

mod coreference;
mod descriptors;
pub mod kind_model;
pub mod kinds;
pub mod propose;
pub mod statements;
mod summary;
mod words;

pub use crate::phrase::SourceLexicon;
pub use kinds::decide;
pub use propose::{KindProposal, KindProposer, MentionView, Rules};
pub use summary::summarize;

use crate::document::Document;
use crate::phrase::Names;
use crate::stage::{Processor, ProcessorError};
use statements::StatementPatterns;
use std::sync::{Arc, LazyLock};

/// The source-classification stage. Its word lists are shared; it holds the
/// proposers of mention kinds it asks, in order (the rules alone by default).
///
/// How a later proposer's answer is weighed: every proposer that answers gives a
/// [`KindProposal`] with a score, and [`decide`] keeps the first (the rules')
/// unless a later one scores strictly higher. The rules score
/// [`Rules::score`] (1.0 unless the stage is built with other [`Rules`]).
/// Coreference, statements and descriptors then work on the decided kinds as on
/// the rules' alone.
#[derive(Clone)]
pub struct SourceClassifier {
    proposers: Vec<Arc<dyn KindProposer>>,
}

impl SourceClassifier {
    /// The stage byline ships: the rules, and the learned kind model
    /// (`models/sources.bin`) after them, which decides (see
    /// [`SourceClassifier::with_kind_model`]).
    pub fn new() -> Self {
        SourceClassifier {
            proposers: default_proposers(),
        }
    }

    /// The stage with the rules as its one proposer (as before the kind model).
    pub fn rules_only() -> Self {
        SourceClassifier::without_proposers().with_proposer(Arc::new(Rules::default()))
    }

    /// The stage with no proposer at all: each mention keeps the phrase reader's
    /// kind. Add proposers with [`SourceClassifier::with_proposer`].
    pub fn without_proposers() -> Self {
        SourceClassifier {
            proposers: Vec::new(),
        }
    }

    /// The stage with the rules and a learned kind model after them: the rules'
    /// proposals score [`RULES_UNDER_MODEL`], the model's 1.0, so the model (which
    /// reads the rules' kind as one of its features) decides every mention it
    /// answers for.
    pub fn with_kind_model(model: Arc<kind_model::KindModel>) -> Self {
        SourceClassifier::without_proposers()
            .with_proposer(Arc::new(Rules {
                score: RULES_UNDER_MODEL,
            }))
            .with_proposer(Arc::new(kind_model::LearnedKinds { model, score: 1.0 }))
    }

    /// Ask `proposer` too, after those already held.
    pub fn with_proposer(mut self, proposer: Arc<dyn KindProposer>) -> Self {
        self.proposers.push(proposer);
        self
    }

    /// The proposers, in the order they are asked.
    pub fn proposers(&self) -> &[Arc<dyn KindProposer>] {
        &self.proposers
    }
}

impl Default for SourceClassifier {
    fn default() -> Self {
        SourceClassifier::new()
    }
}

impl std::fmt::Debug for SourceClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceClassifier")
            .field(
                "proposers",
                &self.proposers.iter().map(|p| p.name()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Processor for SourceClassifier {
    fn name(&self) -> &str {
        "sources"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        classify_with(doc, SourceLexicon::get(), &self.proposers);
        Ok(())
    }
}

/// The score of the rules' proposals in a stage with a learned kind model.
pub const RULES_UNDER_MODEL: f32 = 0.5;

/// The default proposers: the rules, then the shipped kind model (the rules
/// alone if it cannot be read, which a test rules out).
fn default_proposers() -> Vec<Arc<dyn KindProposer>> {
    match kind_model::KindModel::embedded() {
        Some(model) => SourceClassifier::with_kind_model(model).proposers,
        None => vec![Arc::new(Rules::default())],
    }
}

/// Classify every source of the document with the default proposers, link
/// mentions, attach anonymity statements, parse descriptors and write the summary.
pub fn classify_sources(doc: &mut Document, lx: &SourceLexicon) {
    static DEFAULT: LazyLock<Vec<Arc<dyn KindProposer>>> = LazyLock::new(default_proposers);
    classify_with(doc, lx, &DEFAULT);
}

/// [`classify_sources`] with the given proposers of mention kinds.
pub fn classify_with(doc: &mut Document, lx: &SourceLexicon, proposers: &[Arc<dyn KindProposer>]) {
    // The anonymity statements are found first: proposers may ask whether one
    // stands in a mention's sentence (finding them reads no kind).
    // `cx` borrows `doc` until the kinds are decided.
    let found = statements::find(doc, StatementPatterns::get());
    let cx = kinds::Context::new(doc, &found);
    // 1. Each mention's reading and first kind.
    let names = Names::of(doc);
    let mut readings = kinds::read_mentions(doc, lx, &names, proposers, &cx);
    // Text order of the mentions.
    let mut order: Vec<usize> = (0..doc.sources.len()).collect();
    order.sort_by_key(|&i| (doc.sources[i].mention.start, i));
    // 2. Coreference.
    let chains = coreference::link(doc, lx, &names, &mut readings, &order);
    // 3. Anonymity statements attached, then the kinds, links and statements written.
    let chain_cue = statements::attach(doc, lx, &names, &mut readings, &order, &chains, &found);
    kinds::write(doc, &readings, &chains, &chain_cue);
    // 4. Descriptors.
    descriptors::write(doc, lx, &readings, &order, &chains, &chain_cue);
    kinds::unname_anonymous_quotes(doc);
    // 5. Summary.
    doc.summary = Some(summarize(doc));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;
    use crate::Pipeline;

    /// A toy proposer: every mention is a document, with a fixed score.
    struct AllDocuments(f32);

    impl KindProposer for AllDocuments {
        fn propose(&self, _: &Document, _: &MentionView<'_>) -> Option<KindProposal> {
            Some(KindProposal {
                kind: SourceKind::Document,
                anonymous: None,
                score: self.0,
            })
        }
    }

    /// A document through the `speakers` stage, ready for `sources`.
    fn before_sources() -> Document {
        let text = "The plan is ready, a senior official said. \"We will act,\" \
                    Senator Elizabeth Warren said. The official spoke on condition \
                    of anonymity because the talks are private.";
        Pipeline::from_names(&["segment", "ner", "quotes", "speakers"])
            .unwrap()
            .build()
            .annotate(Document::new("x", text))
            .unwrap()
    }

    fn run(stage: &SourceClassifier) -> Document {
        let mut doc = before_sources();
        stage.process(&mut doc).unwrap();
        doc
    }

    #[test]
    fn decide_keeps_the_first_unless_a_later_scores_higher() {
        let p = |kind, score| KindProposal {
            kind,
            anonymous: None,
            score,
        };
        let rules = p(SourceKind::Person, 1.0);
        assert_eq!(decide([]), None);
        assert_eq!(decide([rules]), Some(rules));
        assert_eq!(decide([rules, p(SourceKind::Group, 1.0)]), Some(rules));
        assert_eq!(decide([rules, p(SourceKind::Group, 0.5)]), Some(rules));
        let sure = p(SourceKind::Group, 2.0);
        assert_eq!(decide([rules, sure, p(SourceKind::Other, 2.0)]), Some(sure));
        let anon = KindProposal {
            anonymous: Some(true),
            ..rules
        };
        assert_eq!(anon.decided_kind(), SourceKind::Anonymous);
    }

    #[test]
    fn the_default_proposers_are_the_rules_then_the_kind_model() {
        let stage = SourceClassifier::new();
        let names: Vec<&str> = stage.proposers().iter().map(|p| p.name()).collect();
        assert_eq!(names, ["rules", "kind model"]);
        let mut plain = before_sources();
        classify_sources(&mut plain, SourceLexicon::get());
        let staged = run(&stage);
        assert_eq!(staged, plain);
        assert!(staged.sources.iter().any(|s| s.anonymous));
    }

    #[test]
    fn a_proposer_that_never_outscores_the_rules_changes_nothing() {
        let rules = run(&SourceClassifier::rules_only());
        assert!(rules.sources.iter().any(|s| s.anonymous));
        for score in [0.5, 1.0] {
            let stage = SourceClassifier::rules_only().with_proposer(Arc::new(AllDocuments(score)));
            assert_eq!(run(&stage), rules);
        }
    }

    #[test]
    fn a_second_proposer_plugs_in_without_touching_the_rules() {
        let stage = SourceClassifier::new().with_proposer(Arc::new(AllDocuments(2.0)));
        assert_eq!(stage.proposers().len(), 3);
        let doc = run(&stage);
        assert!(!doc.sources.is_empty());
        // Documents are never anonymous: no statement attaches to them.
        for s in &doc.sources {
            assert_eq!(s.kind, SourceKind::Document, "{:?}", s.mention.text);
            assert!(!s.anonymous && s.anonymity_cue.is_none());
        }
        // Alone, the toy proposer decides too.
        let alone =
            run(&SourceClassifier::without_proposers().with_proposer(Arc::new(AllDocuments(0.1))));
        assert!(alone.sources.iter().all(|s| s.kind == SourceKind::Document));
    }
}
