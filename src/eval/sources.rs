//! `byline eval sources`: the `sources` stage on gold source spans.
//!
//! Each PolNeAR article becomes a [`Document`] run through segmentation and NER;
//! then one [`Source`] per gold attribution is inserted with the gold source span
//! (an empty mention, kind `none`, where the gold has none) and a [`Quote`] with
//! the gold content and cue; the `speakers` and `sources` stages run on that.
//! This scores classification apart from quote finding. Rows are joined to the
//! labels on (document, relation id).

use crate::document::{Document, SourceKind};
use crate::gold::polnear::{span_text, with_gold_attributions, Article, SourceLabel};
use crate::score::Counts;
use crate::sources::SourceClassifier;
use crate::speakers::SpeakerResolver;
use crate::stage::Processor;
use crate::Pipeline;
use serde::Serialize;
use std::collections::HashMap;

/// The kinds in confusion-matrix order.
pub const KINDS: [&str; 8] = SourceKind::NAMES;

#[derive(Debug, Clone, Default, Serialize)]
pub struct SourcesReport {
    pub documents: usize,
    /// Gold attributions with a label.
    pub rows: usize,
    pub anonymous: Counts,
    /// Rows scored for kind (gold kind not `other`) and how many were right.
    pub kind_rows: usize,
    pub kind_correct: usize,
    pub kind_accuracy: f64,
    /// `confusion[gold][predicted]`, both in [`KINDS`] order.
    pub confusion: Vec<Vec<usize>>,
    pub anonymity_cue: Counts,
    /// Rows labelled a named person or organization (`resolved_to` given), and how
    /// many the `speakers` stage resolved to a cluster whose name holds the gold
    /// name's last word.
    pub resolved_rows: usize,
    pub resolved_right: usize,
    /// Disagreements in kind, anonymity or statement, for reading: "doc rel:
    /// 'source' gold → predicted", then the sentence with the mention in `[[…]]`.
    #[serde(skip)]
    pub misses: Vec<String>,
}

/// Build a document with the gold attributions of an article as quotes and sources.
pub fn gold_document(pre: &Pipeline, article: &Article) -> Option<(Document, Vec<String>)> {
    let doc = pre
        .annotate(Document::new(article.name.clone(), article.text.clone()))
        .ok()?;
    Some(with_gold_attributions(doc, article))
}

/// The sentence around a mention, the mention in `[[…]]`, on one line and cut to
/// about 240 characters around it.
pub fn context(chars: &[char], doc: &Document, start: u32, end: u32) -> String {
    const WIDTH: u32 = 120;
    let sentence = doc
        .sentences
        .iter()
        .find(|s| s.start <= start && start < s.end.max(s.start + 1))
        .map_or((start, end), |s| (s.start, s.end.max(end)));
    let from = sentence.0.max(start.saturating_sub(WIDTH));
    let to = sentence.1.min(end.saturating_add(WIDTH));
    let flat = |a: u32, b: u32| span_text(chars, a, b).replace(['\n', '\t'], " ");
    format!(
        "{}{}[[{}]]{}{}",
        if from > sentence.0 { "…" } else { "" },
        flat(from, start),
        flat(start, end),
        flat(end, to),
        if to < sentence.1 { "…" } else { "" }
    )
}

/// Score the `sources` stage against labels on the gold source spans of `articles`.
pub fn evaluate(
    articles: &[Article],
    labels: &HashMap<(String, String), SourceLabel>,
) -> Result<SourcesReport, String> {
    let docs = prepare(articles)?;
    Ok(score_with(
        articles,
        &docs,
        labels,
        &SourceClassifier::new(),
    ))
}

/// An article's document with its gold attributions and their relation ids
/// (`None` for an article the pipeline rejects).
pub type Prepared = Option<(Document, Vec<String>)>;

/// The documents `evaluate` scores, before the `sources` stage: each article
/// segmented and tagged, its gold attributions written on it, the `speakers`
/// stage run (`None` for an article the pipeline rejects).
pub fn prepare(articles: &[Article]) -> Result<Vec<Prepared>, String> {
    use rayon::prelude::*;
    let pre = Pipeline::from_names(&["segment", "ner"])?.build();
    let speakers = SpeakerResolver::new();
    Ok(articles
        .par_iter()
        .map(|a| {
            let (mut doc, rels) = gold_document(&pre, a)?;
            speakers.process(&mut doc).ok()?;
            Some((doc, rels))
        })
        .collect())
}

/// Run `stage` on the prepared documents (copies of them) and score it.
pub fn score_with(
    articles: &[Article],
    prepared: &[Prepared],
    labels: &HashMap<(String, String), SourceLabel>,
    stage: &SourceClassifier,
) -> SourcesReport {
    use rayon::prelude::*;
    let docs: Vec<Prepared> = prepared
        .par_iter()
        .map(|p| {
            let (doc, rels) = p.as_ref()?;
            let mut doc = doc.clone();
            stage.process(&mut doc).ok()?;
            Some((doc, rels.clone()))
        })
        .collect();
    score(articles, docs, labels)
}

/// Score documents the `sources` stage has run on against the labels.
fn score(
    articles: &[Article],
    docs: Vec<Prepared>,
    labels: &HashMap<(String, String), SourceLabel>,
) -> SourcesReport {
    let mut r = SourcesReport {
        confusion: vec![vec![0; KINDS.len()]; KINDS.len()],
        ..SourcesReport::default()
    };
    let index = |k: &str| KINDS.iter().position(|x| *x == k);
    for (article, out) in articles.iter().zip(docs) {
        let Some((doc, rels)) = out else { continue };
        r.documents += 1;
        let chars: Vec<char> = doc.text.chars().collect();
        for (i, rel) in rels.iter().enumerate() {
            let Some(label) = labels.get(&(article.name.clone(), rel.clone())) else {
                continue;
            };
            let Some(src) = doc.sources.get(i) else {
                continue;
            };
            r.rows += 1;
            let pred = src.kind.as_str();
            r.anonymous.add(Counts {
                true_pos: usize::from(src.anonymous && label.anonymous),
                predicted: usize::from(src.anonymous),
                gold: usize::from(label.anonymous),
            });
            let cue = src.anonymity_cue.is_some();
            r.anonymity_cue.add(Counts {
                true_pos: usize::from(cue && label.anonymity_cue),
                predicted: usize::from(cue),
                gold: usize::from(label.anonymity_cue),
            });
            if let (Some(g), Some(p)) = (index(&label.kind), index(pred)) {
                r.confusion[g][p] += 1;
            }
            if label.kind != "other" && SourceKind::from_name(&label.kind).is_some() {
                r.kind_rows += 1;
                if label.kind == pred {
                    r.kind_correct += 1;
                }
            }
            // Speaker resolution against `resolved_to`, as the quote eval's speaker
            // accuracy: the predicted speaker contains the gold name's last word.
            let named = matches!(label.kind.as_str(), "person" | "organization")
                && !label.resolved_to.trim().is_empty();
            if named {
                let norm = |s: &str| s.to_lowercase().replace(['’', '‘'], "'");
                let last = norm(label.resolved_to.split_whitespace().last().unwrap_or(""));
                let speaker = doc.quotes.get(i).and_then(|q| q.speaker_name.as_deref());
                let hit = speaker.is_some_and(|s| norm(s).contains(&last));
                r.resolved_rows += 1;
                r.resolved_right += usize::from(hit);
            }
            if label.kind != pred || src.anonymous != label.anonymous || cue != label.anonymity_cue
            {
                r.misses.push(format!(
                    "{} {}: {:?} gold {}{} → {}{}{}\n    {}",
                    article.name,
                    rel,
                    src.mention.text,
                    label.kind,
                    if label.anonymity_cue {
                        " (statement)"
                    } else {
                        ""
                    },
                    pred,
                    src.antecedent
                        .and_then(|a| doc.sources.get(a as usize))
                        .map(|a| format!(" (antecedent {:?})", a.mention.text))
                        .unwrap_or_default(),
                    src.anonymity_cue
                        .as_ref()
                        .map(|c| format!(" (statement {:?})", c.text))
                        .unwrap_or_default(),
                    context(&chars, &doc, src.mention.start, src.mention.end)
                ));
            }
        }
    }
    r.kind_accuracy = if r.kind_rows == 0 {
        0.0
    } else {
        r.kind_correct as f64 / r.kind_rows as f64
    };
    r
}

impl SourcesReport {
    /// Speaker resolution against `resolved_to`.
    pub fn resolved_accuracy(&self) -> f64 {
        if self.resolved_rows == 0 {
            0.0
        } else {
            self.resolved_right as f64 / self.resolved_rows as f64
        }
    }

    /// Add another report's counts (folds of a cross-validation).
    pub fn add(&mut self, o: &SourcesReport) {
        self.documents += o.documents;
        self.rows += o.rows;
        self.anonymous.add(o.anonymous);
        self.kind_rows += o.kind_rows;
        self.kind_correct += o.kind_correct;
        self.kind_accuracy = if self.kind_rows == 0 {
            0.0
        } else {
            self.kind_correct as f64 / self.kind_rows as f64
        };
        if self.confusion.is_empty() {
            self.confusion = vec![vec![0; KINDS.len()]; KINDS.len()];
        }
        for (row, orow) in self.confusion.iter_mut().zip(&o.confusion) {
            for (v, ov) in row.iter_mut().zip(orow) {
                *v += ov;
            }
        }
        self.anonymity_cue.add(o.anonymity_cue);
        self.resolved_rows += o.resolved_rows;
        self.resolved_right += o.resolved_right;
        self.misses.extend(o.misses.iter().cloned());
    }

    /// The report as JSON, with precision, recall and F1 spelled out.
    pub fn to_json(&self) -> serde_json::Value {
        let prf = |c: &Counts| {
            serde_json::json!({
                "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                "predicted": c.predicted, "gold": c.gold, "true_pos": c.true_pos,
            })
        };
        serde_json::json!({
            "documents": self.documents,
            "attributions": self.rows,
            "anonymous": prf(&self.anonymous),
            "kind_accuracy": self.kind_accuracy,
            "kind_rows": self.kind_rows,
            "kind_correct": self.kind_correct,
            "kinds": KINDS,
            "confusion": self.confusion,
            "anonymity_cue": prf(&self.anonymity_cue),
            "resolved_to": {"accuracy": self.resolved_accuracy(), "rows": self.resolved_rows, "right": self.resolved_right},
        })
    }

    /// The report as a table for people.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let prf = |c: &Counts| {
            format!(
                "P {:.4}  R {:.4}  F1 {:.4}  (predicted {}, gold {}, right {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.predicted,
                c.gold,
                c.true_pos
            )
        };
        s += &format!("documents        {}\n", self.documents);
        s += &format!("attributions     {}\n", self.rows);
        s += &format!("anonymous flag   {}\n", prf(&self.anonymous));
        s += &format!(
            "kind accuracy    {:.4}  ({} of {}; gold `other` left out)\n",
            self.kind_accuracy, self.kind_correct, self.kind_rows
        );
        s += &format!("anonymity cue    {}\n", prf(&self.anonymity_cue));
        s += &format!(
            "resolved_to      {:.4}  ({} of {} named person and organization rows)\n",
            self.resolved_accuracy(),
            self.resolved_right,
            self.resolved_rows
        );
        s += "\nconfusion (rows gold, columns predicted)\n";
        s += &format!("{:>13}", "");
        for k in KINDS {
            s += &format!(" {:>8}", &k[..k.len().min(8)]);
        }
        s += "\n";
        for (g, row) in self.confusion.iter().enumerate() {
            s += &format!("{:>13}", KINDS[g]);
            for v in row {
                s += &format!(" {v:>8}");
            }
            s += "\n";
        }
        s
    }
}
