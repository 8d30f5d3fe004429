//! `byline eval sources`: the `sources` stage on gold source spans.
//!
//! Each PolNeAR article becomes a [`Document`] run through segmentation and NER;
//! then one [`Source`] per gold attribution is inserted with the gold source span
//! (an empty mention, kind `none`, where the gold has none) and a [`Quote`] with
//! the gold content and cue; the `speakers` and `sources` stages run on that.
//! This scores classification apart from quote finding. Rows are joined to the
//! labels on (document, relation id).

use crate::document::{Document, Quote, QuoteKind, Source, SourceKind, TextSpan};
use crate::gold::polnear::{Article, SourceLabel};
use crate::score::Counts;
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
    /// Disagreements in kind, anonymity or statement, for reading: "doc rel:
    /// 'source' gold → predicted", then the sentence with the mention in `[[…]]`.
    #[serde(skip)]
    pub misses: Vec<String>,
}

fn span_text(chars: &[char], a: u32, b: u32) -> String {
    chars
        .get(a as usize..(b as usize).min(chars.len()))
        .map(|c| c.iter().collect())
        .unwrap_or_default()
}

fn text_span(chars: &[char], spans: &[(u32, u32)]) -> Option<TextSpan> {
    let a = spans.iter().map(|s| s.0).min()?;
    let b = spans.iter().map(|s| s.1).max()?;
    Some(TextSpan {
        start: a,
        end: b,
        text: span_text(chars, a, b),
    })
}

/// Build a document with the gold attributions of an article as quotes and sources.
pub fn gold_document(pre: &Pipeline, article: &Article) -> Option<(Document, Vec<String>)> {
    let doc = pre
        .annotate(Document::new(article.name.clone(), article.text.clone()))
        .ok()?;
    let mut doc = doc;
    let chars: Vec<char> = doc.text.chars().collect();
    let mut rels = Vec::new();
    for g in &article.attributions {
        let content = g.content.as_deref().and_then(|c| text_span(&chars, c));
        let at = content.as_ref().map_or(0, |c| c.start);
        let mention = g
            .source
            .as_deref()
            .and_then(|s| text_span(&chars, s))
            .unwrap_or(TextSpan {
                start: at,
                end: at,
                text: String::new(),
            });
        let kind = if mention.text.is_empty() {
            SourceKind::None
        } else {
            SourceKind::Other
        };
        doc.sources.push(Source::new(mention, kind));
        doc.quotes.push(Quote {
            kind: QuoteKind::Indirect,
            content: content.into_iter().collect(),
            cue: g.cue.as_deref().and_then(|c| text_span(&chars, c)),
            source: Some((doc.sources.len() - 1) as u32),
            speaker: None,
            speaker_name: None,
            continues: None,
        });
        rels.push(g.id.clone());
    }
    Some((doc, rels))
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
    use rayon::prelude::*;
    let pre = Pipeline::from_names(&["segment", "ner"])?.build();
    let post = Pipeline::from_names(&["speakers", "sources"])?.build();
    let docs: Vec<Option<(Document, Vec<String>)>> = articles
        .par_iter()
        .map(|a| {
            let (doc, rels) = gold_document(&pre, a)?;
            // Run the later stages directly: `annotate` would re-check the text only.
            let doc = post.annotate(doc).ok()?;
            Some((doc, rels))
        })
        .collect();
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
    Ok(r)
}

impl SourcesReport {
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
