//! `byline train …`: train models from annotated data.

use anyhow::{anyhow, Result};
use byline::learn::linear;
use byline::ner::features::{ClusterTable, FeatureConfig, Lexicon, VectorTable};
use byline::ner::train::{train, TrainOptions};
use byline::ner::{conll, NerTagger};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum TrainCommand {
    /// Train the NER model from CoNLL-2003-style files.
    ///
    ///     byline train ner --train eng.train --dev eng.testa -o models/ner.bin
    ///
    /// The shipped model adds its resources (`--gazetteer data/lexicons.tsv
    /// --gazetteer data/gazetteer.tsv --vectors data/glove-vectors.tsv
    /// --vectors-stage1-only`) and `--refit-with-dev` (see models/ner.md); the run is
    /// deterministic and takes about 80 seconds.
    Ner(NerArgs),
    /// Train the cue model (which words outside quotation marks are attribution
    /// cues) from PolNeAR splits.
    ///
    ///     byline train cues --train polnear/train --dev polnear/dev -o models/cues.bin
    ///
    /// Deterministic; about 10 seconds. See models/cues.md.
    Cues(CuesArgs),
    /// Train the span model (which words around a cue are its source and its
    /// content, where the quote patterns find no attribution) from PolNeAR splits.
    ///
    ///     byline train spans --train polnear/train --dev polnear/dev -o models/spans.bin
    ///
    /// False cues for training are proposed by the shipped cue model and the cue
    /// lexicon. Deterministic; about a minute. See models/spans.md.
    Spans(SpansArgs),
    /// Train the source-kind classifier (person, organization, anonymous, group,
    /// document, author, none, other for each source mention) from PolNeAR splits
    /// and their source labels.
    ///
    ///     byline train sources --train polnear/train --labels polnear/sources-train.jsonl \
    ///         --dev polnear/dev --dev-labels polnear/sources-dev.jsonl --folds 5 -o models/sources.bin
    ///
    /// With --folds N it first reports N-fold cross-validation on the train split
    /// (folds by article; each fold's model trained on the other folds, its epoch
    /// chosen on dev), beside the rules alone on the same folds; then it trains on
    /// all of train, reports dev, and writes the model. Deterministic; about a
    /// minute. See models/sources.md.
    Sources(SourcesArgs),
}

#[derive(Args)]
pub struct SourcesArgs {
    /// A PolNeAR split directory (text/ and attributions/) to learn from.
    #[arg(long)]
    train: PathBuf,
    /// The source labels of the train split (JSON Lines: doc, rel, kind, anonymous, …).
    #[arg(long)]
    labels: PathBuf,
    /// A PolNeAR split that picks the best epoch and is reported.
    #[arg(long, requires = "dev_labels")]
    dev: Option<PathBuf>,
    /// The source labels of the dev split.
    #[arg(long)]
    dev_labels: Option<PathBuf>,
    /// Report this many folds of cross-validation on train first (0: none).
    #[arg(long, default_value_t = 0)]
    folds: usize,
    /// Write the cross-validation's disagreements with the labels here, one per
    /// mention with its sentence (for reading the model's errors).
    #[arg(long, value_name = "FILE", requires = "folds")]
    misses: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, default_value = "models/sources.bin")]
    output: PathBuf,
    /// Training epochs; with --dev the best one on dev is kept.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Seed of the shuffles.
    #[arg(long, default_value_t = 2018)]
    seed: u64,
    /// Size of the hashed weight table, as a power of two.
    #[arg(long, default_value_t = 18, value_parser = clap::value_parser!(u32).range(8..=linear::MAX_BITS as i64))]
    bits: u32,
    /// How much the model must prefer its kind to the rules' to overrule them
    /// (stored in the model; below it the rules' kind stands).
    #[arg(long, default_value_t = 0.0)]
    min_margin: f32,
}

#[derive(Args)]
pub struct SpansArgs {
    /// A PolNeAR split directory (text/ and attributions/) to learn from.
    #[arg(long)]
    train: PathBuf,
    /// A PolNeAR split that picks the best epoch.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, default_value = "models/spans.bin")]
    output: PathBuf,
    /// Training epochs; with --dev the best one on dev is kept.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Seed of the shuffles.
    #[arg(long, default_value_t = 2018)]
    seed: u64,
    /// Size of the hashed weight table, as a power of two.
    #[arg(long, default_value_t = 17, value_parser = clap::value_parser!(u32).range(8..=linear::MAX_BITS as i64))]
    bits: u32,
}

#[derive(Args)]
pub struct CuesArgs {
    /// A PolNeAR split directory (text/ and attributions/) to learn from.
    #[arg(long)]
    train: PathBuf,
    /// A PolNeAR split that picks the best epoch.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, default_value = "models/cues.bin")]
    output: PathBuf,
    /// Training epochs; with --dev the best one on dev is kept.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Seed of the shuffles.
    #[arg(long, default_value_t = 2018)]
    seed: u64,
    /// Size of the hashed weight table, as a power of two.
    #[arg(long, default_value_t = 17, value_parser = clap::value_parser!(u32).range(8..=linear::MAX_BITS as i64))]
    bits: u32,
    /// Margin by which "begins a cue" must win for a word the lexicon does not
    /// know to start a cue (higher: fewer, surer cues).
    #[arg(long, default_value_t = 0.0)]
    threshold: f32,
    /// Margin by which "no cue" must win for the model to overrule a lexicon cue
    /// ("inf" never overrules).
    #[arg(long, default_value_t = 12.0)]
    veto: f32,
    /// Words seen this often in training and never at a cue's start are not scored
    /// as cue starts (speed; 0 scores every word).
    #[arg(long, default_value_t = 20)]
    never_begins_min: usize,
}

#[derive(Args)]
pub struct NerArgs {
    /// Training data (CoNLL: token … tag, IOB1 or IOB2).
    #[arg(long)]
    train: PathBuf,
    /// Development data: picks the best epoch.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, default_value = "models/ner.bin")]
    output: PathBuf,
    /// Word clusters (`word<TAB>id…`), from scripts/glove_clusters.py.
    #[arg(long, default_value = "data/glove-clusters.tsv")]
    clusters: PathBuf,
    /// Cased word clusters (`Form<TAB>id…`, from scripts/md_clusters.py). Off by
    /// default: they did not help on dev.
    #[arg(long)]
    cased_clusters: Option<PathBuf>,
    /// Dense features from these word vectors (`word<TAB>v1 v2 …`, from
    /// scripts/glove_vectors.py): the vectors of the token and its neighbours. The
    /// shipped model uses data/glove-vectors.tsv with --vectors-stage1-only.
    #[arg(long)]
    vectors: Option<PathBuf>,
    /// Factor applied to the vectors (their weight against the binary features).
    #[arg(long, default_value_t = 1.0)]
    vector_scale: f32,
    /// With --vectors: only the first stage uses them (the same dev F1 as both stages;
    /// each stage with vectors adds a 20 MB score table to the tagger's memory).
    #[arg(long)]
    vectors_stage1_only: bool,
    /// Gazetteer features from this file (`list<TAB>phrase`); repeat the option for
    /// several files. The shipped model uses data/lexicons.tsv (scripts/lexicons.py)
    /// and data/gazetteer.tsv (scripts/gazetteer.py).
    #[arg(long)]
    gazetteer: Vec<PathBuf>,
    /// Epochs per stage; with --dev the best one on dev is kept.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Seed of the shuffles (training is deterministic for a given seed).
    #[arg(long, default_value_t = 2003)]
    seed: u64,
    /// Perceptrons per stage, each over its own shuffle of the data, whose weights
    /// are averaged into one model (tagging costs the same).
    #[arg(long, default_value_t = 1)]
    bags: usize,
    /// Keep features seen at least this many times.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// Leave out the word-cluster features.
    #[arg(long)]
    no_clusters: bool,
    /// Leave out the document casing features.
    #[arg(long)]
    no_document: bool,
    /// Leave out the prefix and suffix features.
    #[arg(long)]
    no_affixes: bool,
    /// Stages: 1, or 2 for a second pass over the first pass's document labels.
    #[arg(long, default_value_t = 2)]
    stages: usize,
    /// After choosing each stage's epoch on --dev, train again on train + dev with
    /// those epochs and write that model (more data; its dev figures are then no
    /// longer held out, so report test figures only).
    #[arg(long, requires = "dev")]
    refit_with_dev: bool,
    /// Score dev with the majority-vote consistency pass.
    #[arg(long)]
    consistency: bool,
}

pub fn run(cmd: TrainCommand) -> Result<i32> {
    match cmd {
        TrainCommand::Ner(a) => ner(a),
        TrainCommand::Cues(a) => cues(a),
        TrainCommand::Spans(a) => spans(a),
        TrainCommand::Sources(a) => sources(a),
    }
}

/// The items of fold `k` of `folds` (every `folds`-th, from the `k`-th).
fn fold_of<T: Clone>(items: &[T], folds: usize, k: usize) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| i % folds == k)
        .map(|(_, x)| x.clone())
        .collect()
}

fn sources(a: SourcesArgs) -> Result<i32> {
    use byline::eval::sources::{prepare, score_with, SourcesReport};
    use byline::gold::polnear::{read_source_labels, read_split};
    use byline::sources::kind_model::train::{self as kind_train, Example, KindTrainOptions};
    use byline::sources::SourceClassifier;
    use std::sync::Arc;
    let t0 = std::time::Instant::now();
    let train_articles = read_split(&a.train).map_err(anyhow::Error::msg)?;
    let train_labels = read_source_labels(&a.labels).map_err(anyhow::Error::msg)?;
    let (dev_articles, dev_labels) = match (&a.dev, &a.dev_labels) {
        (Some(d), Some(l)) => (
            read_split(d).map_err(anyhow::Error::msg)?,
            read_source_labels(l).map_err(anyhow::Error::msg)?,
        ),
        _ => (Vec::new(), Default::default()),
    };
    let train_docs = prepare(&train_articles).map_err(anyhow::Error::msg)?;
    let dev_docs = prepare(&dev_articles).map_err(anyhow::Error::msg)?;
    let examples =
        |docs: &[Option<(byline::Document, Vec<String>)>], labels| -> Vec<Vec<Example>> {
            docs.iter()
                .map(|d| {
                    d.as_ref()
                        .map(|(doc, rels)| kind_train::examples(doc, rels, labels))
                        .unwrap_or_default()
                })
                .collect()
        };
    let train_ex = examples(&train_docs, &train_labels);
    let dev_ex: Vec<Example> = examples(&dev_docs, &dev_labels)
        .into_iter()
        .flatten()
        .collect();
    let n_train: usize = train_ex.iter().map(Vec::len).sum();
    eprintln!(
        "{} train articles, {} labelled mentions; {} dev mentions ({:.1}s)",
        train_articles.len(),
        n_train,
        dev_ex.len(),
        t0.elapsed().as_secs_f64()
    );
    let opts = KindTrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        bits: a.bits,
        min_margin: a.min_margin,
    };
    let print = |title: &str, r: &SourcesReport| {
        outln!("== {title}\n{}", r.table());
    };
    if a.folds > 1 {
        let mut learned = SourcesReport::default();
        let mut rules = SourcesReport::default();
        for k in 0..a.folds {
            let held = |i: usize| i % a.folds == k;
            let fold_train: Vec<Example> = train_ex
                .iter()
                .enumerate()
                .filter(|(i, _)| !held(*i))
                .flat_map(|(_, e)| e.iter().cloned())
                .collect();
            let (model, epoch) = kind_train::train(&fold_train, &dev_ex, &opts, |_, _| {});
            let fold_articles = fold_of(&train_articles, a.folds, k);
            let fold_docs = fold_of(&train_docs, a.folds, k);
            let stage = SourceClassifier::with_kind_model(Arc::new(model));
            let r = score_with(&fold_articles, &fold_docs, &train_labels, &stage);
            let base = score_with(
                &fold_articles,
                &fold_docs,
                &train_labels,
                &SourceClassifier::rules_only(),
            );
            eprintln!(
                "fold {}: epoch {epoch}; anonymous F1 {:.4} (rules {:.4}), kind accuracy {:.4} (rules {:.4})",
                k + 1,
                r.anonymous.f1(),
                base.anonymous.f1(),
                r.kind_accuracy,
                base.kind_accuracy
            );
            learned.add(&r);
            rules.add(&base);
        }
        if let Some(path) = &a.misses {
            std::fs::write(path, learned.misses.join("\n") + "\n")?;
        }
        print(
            &format!(
                "{}-fold cross-validation on train: the rules alone",
                a.folds
            ),
            &rules,
        );
        print(
            &format!(
                "{}-fold cross-validation on train: with the kind model",
                a.folds
            ),
            &learned,
        );
    }
    let all: Vec<Example> = train_ex.into_iter().flatten().collect();
    let (model, epoch) = kind_train::train(&all, &dev_ex, &opts, |e, acc| {
        if let Some(acc) = acc {
            eprintln!("epoch {e:>2}: dev mention accuracy {acc:.4}");
        }
    });
    eprintln!("kept epoch {epoch}");
    if !dev_articles.is_empty() {
        let model = Arc::new(model.clone());
        let base = score_with(
            &dev_articles,
            &dev_docs,
            &dev_labels,
            &SourceClassifier::rules_only(),
        );
        print("dev: the rules alone", &base);
        let r = score_with(
            &dev_articles,
            &dev_docs,
            &dev_labels,
            &SourceClassifier::with_kind_model(model),
        );
        print("dev: with the kind model (trained on train)", &r);
    }
    if let Some(dir) = a.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let bytes = model.write();
    std::fs::write(&a.output, &bytes)?;
    byline::sources::kind_model::KindModel::read(&std::fs::read(&a.output)?)
        .map_err(|e| anyhow!(e))?;
    eprintln!(
        "wrote {} ({:.2} MB) in {:.1}s total",
        a.output.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(super::EXIT_OK)
}

fn ner(a: NerArgs) -> Result<i32> {
    let t0 = std::time::Instant::now();
    let train_docs = conll::read(&a.train).map_err(|e| anyhow!(e))?;
    let dev_docs = match &a.dev {
        Some(p) => conll::read(p).map_err(|e| anyhow!(e))?,
        None => Vec::new(),
    };
    let features = FeatureConfig {
        clusters: !a.no_clusters,
        gazetteer: !a.gazetteer.is_empty(),
        document: !a.no_document,
        affixes: !a.no_affixes,
        cased_clusters: a.cased_clusters.is_some(),
        vectors: a.vectors.is_some(),
    };
    // A resource file, with how to make it when it is missing.
    let read = |path: &PathBuf, what: &str, hint: &str| {
        std::fs::read_to_string(path)
            .map_err(|e| anyhow!("cannot read {what} {}: {e} ({hint})", path.display()))
    };
    let mut lex = Lexicon::default();
    if features.clusters {
        let text = read(
            &a.clusters,
            "clusters",
            "run scripts/glove_clusters.py, or pass --no-clusters",
        )?;
        lex.clusters = ClusterTable::parse(&text).map_err(|e| anyhow!(e))?;
    }
    if let Some(c) = &a.cased_clusters {
        let text = read(c, "cased clusters", "run scripts/md_clusters.py")?;
        lex.cased = ClusterTable::parse(&text).map_err(|e| anyhow!(e))?;
    }
    if let Some(v) = &a.vectors {
        let text = read(v, "vectors", "run scripts/glove_vectors.py")?;
        lex.vectors = VectorTable::parse(&text, a.vector_scale).map_err(|e| anyhow!(e))?;
        lex.index_vectors();
    }
    for g in &a.gazetteer {
        let text = read(
            g,
            "gazetteer",
            "run scripts/lexicons.py or scripts/gazetteer.py",
        )?;
        lex.load_gazetteer(&text).map_err(|e| anyhow!(e))?;
    }
    eprintln!(
        "training on {} documents, {} tokens; dev {} documents; {} cluster words, {} gazetteer phrases",
        train_docs.len(),
        train_docs.iter().map(|d| d.token_count()).sum::<usize>(),
        dev_docs.len(),
        lex.clusters.len(),
        lex.gazetteer.len()
    );
    let opts = TrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        min_count: a.min_count,
        features,
        consistency: a.consistency,
        stages: a.stages,
        bags: a.bags,
        vectors_stage2: !a.vectors_stage1_only,
        ..TrainOptions::default()
    };
    let (model, reports) = train(&train_docs, &dev_docs, lex, &opts, &mut |s| {
        eprintln!("{s}")
    })
    .map_err(|e| anyhow!(e))?;
    let last_stage = reports.iter().rposition(|r| r.epoch == 1).unwrap_or(0);
    if let Some(best) = reports[last_stage..]
        .iter()
        .max_by(|a, b| a.dev_f1.total_cmp(&b.dev_f1))
        .filter(|_| !dev_docs.is_empty())
    {
        eprintln!(
            "last stage: kept epoch {} (dev F1 {:.2})",
            best.epoch,
            100.0 * best.dev_f1
        );
    }
    let model = if a.refit_with_dev {
        // Each stage's best epoch on dev; stages' reports follow one another.
        let best: Vec<usize> = reports
            .split_inclusive(|r| r.epoch == opts.epochs)
            .filter(|r| !r.is_empty())
            .map(|r| {
                r.iter()
                    .max_by(|a, b| a.dev_f1.total_cmp(&b.dev_f1))
                    .map_or(opts.epochs, |b| b.epoch)
            })
            .collect();
        let refit = TrainOptions {
            epochs: best.first().copied().unwrap_or(opts.epochs),
            stage2_epochs: best.get(1).copied(),
            ..opts.clone()
        };
        let mut all = train_docs;
        all.extend(dev_docs);
        eprintln!(
            "refit on train + dev ({} documents) with epochs {:?}",
            all.len(),
            best
        );
        train(&all, &[], model.lexicon.clone(), &refit, &mut |s| {
            eprintln!("{s}")
        })
        .map_err(|e| anyhow!(e))?
        .0
    } else {
        model
    };
    if let Some(dir) = a.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    model.save(&a.output).map_err(|e| anyhow!(e))?;
    let size = std::fs::metadata(&a.output).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "wrote {} ({:.1} MB) in {:.1}s total",
        a.output.display(),
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    // Check that the written file loads.
    NerTagger::load(&a.output).map_err(|e| anyhow!(e))?;
    Ok(super::EXIT_OK)
}

/// The `segment` + `ner` pipeline the quote models learn from, and the PolNeAR
/// train and dev (if any) splits.
fn polnear_splits(
    train: &std::path::Path,
    dev: Option<&std::path::Path>,
) -> Result<(
    byline::Pipeline,
    Vec<byline::gold::polnear::Article>,
    Vec<byline::gold::polnear::Article>,
)> {
    use byline::gold::polnear::read_split;
    let pipeline = byline::Pipeline::from_names(&["segment", "ner"])
        .map_err(anyhow::Error::msg)?
        .build();
    let train = read_split(train).map_err(anyhow::Error::msg)?;
    let dev = match dev {
        Some(p) => read_split(p).map_err(anyhow::Error::msg)?,
        None => Vec::new(),
    };
    Ok((pipeline, train, dev))
}

/// Prints each epoch's dev score of `what`.
fn epoch_report(what: &str) -> impl FnMut(usize, Option<byline::score::Counts>) + '_ {
    move |e, s| match s {
        Some(s) => eprintln!(
            "epoch {e:>2}: dev {what} P {:.4} R {:.4} F1 {:.4}",
            s.precision(),
            s.recall(),
            s.f1()
        ),
        None => eprintln!("epoch {e:>2}"),
    }
}

/// Writes a model file (creating its folder), checks that it reads back, and says so.
fn write_model(
    path: &std::path::Path,
    bytes: &[u8],
    reads: impl Fn(&[u8]) -> Result<(), String>,
    t0: std::time::Instant,
) -> Result<i32> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes).map_err(|e| anyhow!("cannot write {}: {e}", path.display()))?;
    reads(bytes).map_err(anyhow::Error::msg)?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.1}s total",
        path.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(super::EXIT_OK)
}

fn spans(a: SpansArgs) -> Result<i32> {
    use byline::quotes::cue_model::CueModel;
    use byline::quotes::span_model::train::{self as span_train, SpanTrainOptions};
    use byline::quotes::span_model::SpanModel;
    let t0 = std::time::Instant::now();
    let (pipeline, train_articles, dev_articles) = polnear_splits(&a.train, a.dev.as_deref())?;
    let cue_model = CueModel::embedded();
    let train = span_train::examples(
        |d| pipeline.annotate(d).ok(),
        &train_articles,
        cue_model.as_deref(),
    );
    let dev = span_train::examples(
        |d| pipeline.annotate(d).ok(),
        &dev_articles,
        cue_model.as_deref(),
    );
    let count = |d: &[Vec<span_train::Example>]| d.iter().map(|x| x.len()).sum::<usize>();
    eprintln!(
        "training on {} articles ({} cues), dev {} articles ({} cues); {:.1}s",
        train.len(),
        count(&train),
        dev.len(),
        count(&dev),
        t0.elapsed().as_secs_f64()
    );
    let opts = SpanTrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        bits: a.bits,
    };
    let (model, epoch) = span_train::train(&train, &dev, &opts, epoch_report("contents"));
    if !dev.is_empty() {
        eprintln!("kept epoch {epoch}");
    }
    write_model(
        &a.output,
        &model.write(),
        |b| SpanModel::read(b).map(drop),
        t0,
    )
}

fn cues(a: CuesArgs) -> Result<i32> {
    use byline::quotes::cue_model::train::{self as cue_train, CueTrainOptions};
    use byline::quotes::cue_model::CueModel;
    let t0 = std::time::Instant::now();
    let (pipeline, train_articles, dev_articles) = polnear_splits(&a.train, a.dev.as_deref())?;
    let train = cue_train::examples(|d| pipeline.annotate(d).ok(), &train_articles);
    let dev = cue_train::examples(|d| pipeline.annotate(d).ok(), &dev_articles);
    let count = |d: &[cue_train::ArticleExamples]| d.iter().map(|x| x.len()).sum::<usize>();
    eprintln!(
        "training on {} articles ({} words outside quotations), dev {} articles ({} words); {:.1}s",
        train.len(),
        count(&train),
        dev.len(),
        count(&dev),
        t0.elapsed().as_secs_f64()
    );
    let opts = CueTrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        bits: a.bits,
    };
    let (mut model, epoch) = cue_train::train(&train, &dev, &opts, epoch_report("cue starts"));
    model.threshold = a.threshold;
    model.veto = a.veto;
    model.never_begins = cue_train::never_begins(&train, a.never_begins_min)
        .into_iter()
        .collect();
    eprintln!(
        "{} words seen at least {} times never begin a cue",
        model.never_begins.len(),
        a.never_begins_min
    );
    if !dev.is_empty() {
        let s = cue_train::score(&model, &dev);
        eprintln!(
            "kept epoch {epoch}; at threshold {}: dev P {:.4} R {:.4} F1 {:.4}",
            a.threshold,
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    write_model(
        &a.output,
        &model.write(),
        |b| CueModel::read(b).map(drop),
        t0,
    )
}
