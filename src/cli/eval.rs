//! `byline eval …`: score byline against reference data.

use anyhow::{bail, Result};
use byline::eval::segmentation;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Agreement of tokens and sentence ends with Stanford CoreNLP.
    ///
    /// DIR holds `text/NAME.txt` and `corenlp-tokens/NAME.tsv`, as PolNeAR's dev split does:
    ///
    ///     byline eval segment ../shared/data/polnear/dev
    Segment(SegmentArgs),
    /// Attribution scores on gold data (content, direct, source, end-to-end, speaker).
    ///
    /// GOLD is a brat folder or a JSON Lines gold file:
    ///
    /// - a plain brat folder (NAME.txt beside NAME.ann) or a PolNeAR split (text/ and
    ///   attributions/); attributions are brat events with Source, Cue and Content
    ///   roles (`E1 Attribution:T4 Source:T1 Cue:T2 Content:T3`);
    /// - a JSON Lines file (`.gz` too), one document a line:
    ///   `{"id": "d1", "text": "…", "attributions": [{"source": [15, 22], "cue": [23, 27],
    ///   "content": [1, 12], "kind": "person", "resolved_to": "Ann Lee"}]}`; the source
    ///   labels (`kind`, `anonymous`, `resolved_to`, `anonymity_cue`) are optional.
    ///
    /// Offsets are code points, end-exclusive. A predicted and a gold content match at
    /// a character Jaccard of 0.5 or more, one-to-one, best first; docs/evaluation.md
    /// gives every rule. Gold with no attribution, or labels that match none, is an
    /// error, not a score of 0.
    ///
    ///     byline eval quotes --gold my-gold/
    ///     byline eval quotes --gold gold.jsonl --show-misses
    ///     byline eval quotes --gold polnear/dev --labels polnear/sources-dev.jsonl
    Quotes(QuotesArgs),
    /// Source kind, anonymous flag and anonymity statements, on the gold source spans.
    ///
    /// Each gold attribution's source span is classified by the `sources` stage and
    /// compared with its label: anonymous-flag P/R/F1, kind accuracy (gold `other`
    /// left out) with a confusion matrix, anonymity-statement P/R/F1, and speaker
    /// resolution against `resolved_to`. GOLD is as for `eval quotes`; the labels are
    /// those of a JSON Lines gold file, or a label file (--labels) joined to brat gold
    /// on document name and relation id. docs/evaluation.md gives both formats.
    ///
    ///     byline eval sources --gold gold.jsonl
    ///     byline eval sources --gold polnear/dev --labels polnear/sources-dev.jsonl
    Sources(SourcesArgs),
    /// NER against CoNLL gold data: conlleval precision/recall/F1 per type.
    ///
    ///     byline eval ner --gold eng.testa [--write-predictions out.conll]
    Ner(NerArgs),
}

#[derive(Args)]
pub struct NerArgs {
    /// Gold CoNLL file (token … tag; IOB1 or IOB2).
    #[arg(long)]
    gold: PathBuf,
    /// The model (default: the shipped models/ner.bin).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Write conlleval input (token … gold predicted) here.
    #[arg(long)]
    write_predictions: Option<PathBuf>,
    /// Add the majority-vote pass: identical names in a document take one type.
    #[arg(long)]
    consistency: bool,
}

#[derive(Args)]
pub struct QuotesArgs {
    /// The gold: a brat folder (NAME.txt beside NAME.ann, or PolNeAR's text/ and
    /// attributions/) or a JSON Lines gold file.
    #[arg(long, value_name = "GOLD", visible_alias = "polnear")]
    gold: PathBuf,
    /// The pipeline to score: `default` or `accurate` (the attribution encoder before the
    /// quotes stage; a build with `--features transformer`).
    #[arg(long, value_enum, default_value_t = super::annotate::PipelineChoice::Default)]
    pipeline: super::annotate::PipelineChoice,
    /// The attribution encoder for `--pipeline accurate` (default: models/encoder).
    #[arg(long, value_name = "DIR")]
    encoder_model: Option<PathBuf>,
    /// Where the encoder runs: auto uses a CUDA GPU when libtorch sees one.
    #[arg(long, value_enum, default_value_t = super::annotate::Device::Auto)]
    device: super::annotate::Device,
    /// Source labels for the speaker and anonymity scores: JSON Lines, one
    /// `{"doc": NAME, "rel": "E3", "kind": …, "anonymous": …, "resolved_to": …,
    /// "anonymity_cue": …}` a line, joined to the gold on document and relation id.
    /// By default a JSON Lines gold file's own labels, or `sources-SPLIT.jsonl` beside
    /// a brat folder SPLIT, when it exists.
    #[arg(long, value_name = "FILE")]
    labels: Option<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print every error, one a line, tagged: MISSED (gold not found, with the
    /// nearest prediction), SPURIOUS (predicted, not in gold), DIRECT-MISMATCH
    /// (matched, but only one side is a direct quote), SOURCE (wrong source),
    /// SPEAKER (wrong speaker); tags end in -DIRECT for direct quotes, so
    /// `grep -- -DIRECT` lists the direct-quote errors.
    #[arg(long)]
    show_misses: bool,
    /// Use this cue model (from `byline train cues`) instead of the shipped one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_cue_model")]
    cue_model: Option<PathBuf>,
    /// Override the cue model's threshold (higher: fewer, surer learned cues).
    #[arg(long, value_name = "SCORE")]
    cue_threshold: Option<f32>,
    /// Override the cue model's veto over lexicon cues ("inf": no veto).
    #[arg(long, value_name = "SCORE")]
    cue_veto: Option<f32>,
    /// Lexicon cues only: leave the learned cue model out.
    #[arg(long)]
    no_cue_model: bool,
    /// Use this span model (from `byline train spans`) instead of the shipped one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_span_model")]
    span_model: Option<PathBuf>,
    /// Patterns only: leave the learned span model out.
    #[arg(long)]
    no_span_model: bool,
}

#[derive(Args)]
pub struct SourcesArgs {
    /// The gold: a brat folder (NAME.txt beside NAME.ann, or PolNeAR's text/ and
    /// attributions/) or a JSON Lines gold file with labels on its attributions.
    #[arg(long, value_name = "GOLD", visible_alias = "polnear")]
    gold: PathBuf,
    /// Source labels (JSON Lines, one `{"doc", "rel", "kind", "anonymous",
    /// "resolved_to", "anonymity_cue"}` a line), joined to the gold on document and
    /// relation id. By default a JSON Lines gold file's own labels, or
    /// `sources-SPLIT.jsonl` beside a brat folder SPLIT, when it exists.
    #[arg(long, value_name = "FILE")]
    labels: Option<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print every row whose kind or anonymous flag is wrong.
    #[arg(long)]
    show_misses: bool,
}

#[derive(Args)]
pub struct SegmentArgs {
    /// Directory with `text/` and `corenlp-tokens/`.
    dir: PathBuf,
    /// Print this many disagreements of each kind (tokens, sentence ends).
    #[arg(long, default_value_t = 0)]
    show: usize,
}

pub fn run(cmd: EvalCommand) -> Result<i32> {
    match cmd {
        EvalCommand::Segment(args) => segment(args),
        EvalCommand::Quotes(args) => quotes(args),
        EvalCommand::Sources(args) => sources(args),
        EvalCommand::Ner(args) => ner(args),
    }
}

fn ner(args: NerArgs) -> Result<i32> {
    use byline::ner::{conll, train::evaluate, NerTagger};
    let path = args.model.unwrap_or_else(NerTagger::default_model_path);
    let mut tagger = NerTagger::load(&path).map_err(anyhow::Error::msg)?;
    tagger.consistency = args.consistency;
    let docs = conll::read(&args.gold).map_err(anyhow::Error::msg)?;
    let (score, predicted) = evaluate(&tagger, &docs);
    out!("{}", score.report());
    if let Some(out) = args.write_predictions {
        std::fs::write(&out, conll::write_predictions(&docs, &predicted))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(super::EXIT_OK)
}

fn quotes(args: QuotesArgs) -> Result<i32> {
    use byline::eval::quotes;
    let gold = byline::gold::read(&args.gold).map_err(anyhow::Error::msg)?;
    let labels_path = args
        .labels
        .clone()
        .or_else(|| labels_beside(&gold, &args.gold));
    let (articles, labels) = gold_and_labels(gold, labels_path.as_deref())?;
    let labels = (!labels.is_empty()).then_some(labels);
    let pipeline = quotes_pipeline(&args)?;
    let report = quotes::evaluate(&pipeline, &articles, labels.as_ref());
    let labels_from = match (&labels_path, &labels) {
        (Some(p), _) => p.display().to_string(),
        (None, Some(_)) => format!("{} (inline)", args.gold.display()),
        (None, None) => "none (speaker and anonymity scores need labels)".to_string(),
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        out!("{}", report.table());
        if args.show_misses {
            for m in &report.misses {
                outln!("{m}");
            }
        }
        outln!("labels: {labels_from}");
    }
    Ok(super::EXIT_OK)
}

/// `sources-SPLIT.jsonl` beside a brat gold folder named SPLIT (PolNeAR's layout),
/// where the gold carries no labels of its own and that file exists.
fn labels_beside(
    gold: &byline::gold::GoldSet,
    path: &std::path::Path,
) -> Option<std::path::PathBuf> {
    if !gold.labels.is_empty() || !path.is_dir() {
        return None;
    }
    let split = path.file_name()?.to_str()?.to_string();
    let guess = path.parent()?.join(format!("sources-{split}.jsonl"));
    guess.exists().then_some(guess)
}

type Labels = std::collections::HashMap<(String, String), byline::gold::polnear::SourceLabel>;

/// The gold's articles and the labels to score with: a label file's, where one is
/// given, joined to the gold (labels naming no gold attribution are a warning, and
/// an error when none names one); the gold's own otherwise.
fn gold_and_labels(
    gold: byline::gold::GoldSet,
    labels_path: Option<&std::path::Path>,
) -> Result<(Vec<byline::gold::polnear::Article>, Labels)> {
    let Some(path) = labels_path else {
        return Ok((gold.articles, gold.labels));
    };
    let labels = byline::gold::polnear::read_source_labels(path).map_err(anyhow::Error::msg)?;
    let join = byline::gold::join_labels(&gold.articles, &labels);
    if join.matched == 0 {
        let example = join
            .unmatched
            .first()
            .map(|(d, r)| format!(" (the first is doc {d:?} rel {r:?})"))
            .unwrap_or_default();
        bail!(
            "none of the {} labels in {} names a gold attribution{example}: labels join the \
             gold on document name (the .txt file's stem, or a JSON Lines document's id) and \
             relation id (the brat event's E… id, or the attribution's id)",
            labels.len(),
            path.display()
        );
    }
    if let Some((d, r)) = join.unmatched.first() {
        eprintln!(
            "warning: {} of the {} labels in {} name no gold attribution (the first is doc \
             {d:?} rel {r:?}); they are left out",
            join.unmatched.len(),
            labels.len(),
            path.display()
        );
    }
    Ok((gold.articles, labels))
}

/// The default pipeline, with the cue model that `args` asks for.
fn quotes_pipeline(args: &QuotesArgs) -> Result<byline::Pipeline> {
    use byline::quotes::{cue_model::CueModel, span_model::SpanModel, QuoteFinder};
    use std::sync::Arc;
    let mut model = match &args.cue_model {
        Some(p) => {
            let bytes = std::fs::read(p)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))?;
            Some(CueModel::read(&bytes).map_err(anyhow::Error::msg)?)
        }
        None if args.no_cue_model => None,
        None => CueModel::embedded().map(|m| (*m).clone()),
    };
    if let Some(m) = model.as_mut() {
        m.threshold = args.cue_threshold.unwrap_or(m.threshold);
        m.veto = args.cue_veto.unwrap_or(m.veto);
    }
    let spans = match &args.span_model {
        Some(p) => {
            let bytes = std::fs::read(p)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))?;
            Some(Arc::new(
                SpanModel::read(&bytes).map_err(anyhow::Error::msg)?,
            ))
        }
        None if args.no_span_model => None,
        None => SpanModel::embedded(),
    };
    let mut builder =
        byline::Pipeline::from_names(&["segment", "ner"]).map_err(anyhow::Error::msg)?;
    let mut finder = QuoteFinder::with_models(model.map(Arc::new), spans);
    if args.pipeline == super::annotate::PipelineChoice::Accurate {
        let encoder = super::accurate::Encoder {
            dir: args.encoder_model.clone(),
            device: args.device,
            threads: None,
        };
        builder = builder.boxed_stage(encoder.stage()?);
        finder = finder.with_encoder(super::accurate::proposer());
    }
    Ok(builder
        .stage(finder)
        .named_stage("speakers")
        .and_then(|b| b.named_stage("sources"))
        .map_err(anyhow::Error::msg)?
        .build())
}

fn sources(args: SourcesArgs) -> Result<i32> {
    use byline::eval::sources;
    let gold = byline::gold::read(&args.gold).map_err(anyhow::Error::msg)?;
    let labels_path = args
        .labels
        .clone()
        .or_else(|| labels_beside(&gold, &args.gold));
    let (articles, labels) = gold_and_labels(gold, labels_path.as_deref())?;
    if labels.is_empty() {
        bail!(
            "no source labels: give --labels FILE, or put `kind` (and `anonymous`, \
             `resolved_to`, `anonymity_cue`) on the attributions of a JSON Lines gold file \
             (docs/evaluation.md)"
        );
    }
    let report = sources::evaluate(&articles, &labels).map_err(anyhow::Error::msg)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report.to_json())?);
    } else {
        out!("{}", report.table());
        if args.show_misses {
            for m in &report.misses {
                outln!("{m}");
            }
        }
    }
    Ok(super::EXIT_OK)
}

fn segment(args: SegmentArgs) -> Result<i32> {
    if !args.dir.is_dir() {
        bail!(
            "{} is not a directory (expected one with text/ and corenlp-tokens/)",
            args.dir.display()
        );
    }
    let report = segmentation::evaluate_dir(&args.dir).map_err(anyhow::Error::msg)?;
    outln!("documents        {}", report.documents);
    for (name, c) in [
        ("tokens", report.tokens),
        ("sentence ends", report.sentence_ends),
    ] {
        outln!(
            "{name:<16} P {:.4}  R {:.4}  F1 {:.4}  (byline {}, corenlp {}, agree {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.predicted,
            c.gold,
            c.true_pos
        );
    }
    if args.show > 0 {
        outln!("\ntoken disagreements (first {}):", args.show);
        for d in report.token_misses.iter().take(args.show) {
            outln!("  {}: {}", d.doc, d.what);
        }
        outln!("\nsentence-end disagreements (first {}):", args.show);
        for d in report.sentence_misses.iter().take(args.show) {
            outln!("  {}: {}", d.doc, d.what);
        }
    }
    Ok(super::EXIT_OK)
}
