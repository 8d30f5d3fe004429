//! Scoring attributions on PolNeAR, as `../shared/data/polnear/README.md` describes.
//!
//! Per article: a predicted attribution matches a gold one when the character
//! sets of their contents have a Jaccard overlap of at least 0.5, one-to-one,
//! best overlap first. From the matches: content P/R/F1 over all attributions
//! and over direct ones (content holding a double quote mark), source accuracy
//! (matched gold attributions with a source whose predicted source span
//! overlaps it), end-to-end F1 (a match counts only if its source is also right,
//! or both have none), speaker accuracy (gold sources naming a person or
//! organization whose predicted speaker contains the gold name's last word,
//! apostrophes normalised),
//! and, with labels, the anonymous-source flag's P/R/F1 over matches.

use crate::document::Document;
use crate::gold::polnear::{Article, SourceLabel, Spans};
use crate::pipeline::Pipeline;
use crate::score::Counts;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Minimum Jaccard overlap of contents for a match.
pub const MATCH_JACCARD: f64 = 0.5;

/// Correct out of total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
    fn add(&mut self, other: Accuracy) {
        self.correct += other.correct;
        self.total += other.total;
    }
}

/// The scores over a split.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteReport {
    pub documents: usize,
    pub failed_documents: usize,
    pub content: Counts,
    pub direct: Counts,
    pub source: Accuracy,
    /// Source accuracy over matched direct attributions.
    pub source_direct: Accuracy,
    pub end_to_end: Counts,
    pub speaker: Accuracy,
    pub anonymous: Counts,
    /// One line per error, for error analysis, each tagged by what went wrong:
    /// `MISSED` (a gold attribution no prediction matches, with the nearest
    /// prediction when one overlaps it), `SPURIOUS` (a prediction matching no gold
    /// one), `DIRECT-MISMATCH` (matched, but only one side holds quotation marks),
    /// `SOURCE` (matched, wrong or no source), `SPEAKER` (wrong speaker). Tags end
    /// in `-DIRECT` where the attribution is a direct quote.
    #[serde(skip)]
    pub misses: Vec<String>,
}

/// One prediction reduced to what scoring needs.
struct Predicted {
    cue: String,
    cue_span: Option<(u32, u32)>,
    content: HashSet<u32>,
    direct: bool,
    source: Option<Spans>,
    speaker: Option<String>,
    anonymous: bool,
}

fn char_set(spans: &[(u32, u32)]) -> HashSet<u32> {
    spans.iter().flat_map(|&(a, b)| a..b).collect()
}

fn jaccard(a: &HashSet<u32>, b: &HashSet<u32>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn spans_overlap(a: &[(u32, u32)], b: &[(u32, u32)]) -> bool {
    a.iter()
        .any(|&(s1, e1)| b.iter().any(|&(s2, e2)| s1 < e2 && s2 < e1))
}

fn has_double_quote(text: &[char], spans: &[(u32, u32)]) -> bool {
    spans.iter().any(|&(a, b)| {
        text.get(a as usize..b as usize).is_some_and(|s| {
            s.iter().any(|c| matches!(c, '"' | '“' | '”'))
                || s.windows(2).any(|w| w == ['\'', '\''])
        })
    })
}

/// Predictions as PolNeAR counts them: a quote that continues another
/// (`“…,” he said. “…”`) is part of that one's content, not one of its own.
fn predictions(doc: &Document) -> Vec<Predicted> {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut content: Vec<Spans> = doc
        .quotes
        .iter()
        .map(|q| q.content.iter().map(|s| (s.start, s.end)).collect())
        .collect();
    let mut merged = vec![false; doc.quotes.len()];
    for (i, q) in doc.quotes.iter().enumerate().rev() {
        if let Some(p) = q.continues.map(|p| p as usize).filter(|&p| p < i) {
            let spans = std::mem::take(&mut content[i]);
            content[p].extend(spans);
            merged[i] = true;
        }
    }
    doc.quotes
        .iter()
        .zip(content)
        .zip(merged)
        .filter(|(_, merged)| !merged)
        .map(|((q, spans), _)| {
            let source = q.source.and_then(|i| doc.sources.get(i as usize));
            Predicted {
                cue: q.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
                cue_span: q.cue.as_ref().map(|c| (c.start, c.end)),
                content: char_set(&spans),
                direct: has_double_quote(&chars, &spans),
                source: source.map(|s| vec![(s.mention.start, s.mention.end)]),
                speaker: q.speaker_name.clone(),
                anonymous: source.is_some_and(|s| s.anonymous),
            }
        })
        .collect()
}

/// Score one article's predictions.
fn score_article(
    article: &Article,
    doc: &Document,
    labels: Option<&HashMap<(String, String), SourceLabel>>,
) -> QuoteReport {
    let chars: Vec<char> = article.text.chars().collect();
    let gold: Vec<_> = article
        .attributions
        .iter()
        .filter(|g| g.content.is_some())
        .collect();
    let gold_sets: Vec<HashSet<u32>> = gold
        .iter()
        .map(|g| char_set(g.content.as_deref().unwrap_or(&[])))
        .collect();
    let gold_direct: Vec<bool> = gold
        .iter()
        .map(|g| has_double_quote(&chars, g.content.as_deref().unwrap_or(&[])))
        .collect();
    let pred = predictions(doc);

    // One-to-one matching, best overlap first.
    let mut pairs = Vec::new();
    for (pi, p) in pred.iter().enumerate() {
        for (gi, g) in gold_sets.iter().enumerate() {
            let j = jaccard(&p.content, g);
            if j >= MATCH_JACCARD {
                pairs.push((j, pi, gi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut matches = Vec::new();
    for (_, pi, gi) in pairs {
        if !used_p[pi] && !used_g[gi] {
            used_p[pi] = true;
            used_g[gi] = true;
            matches.push((pi, gi));
        }
    }

    let mut r = QuoteReport {
        documents: 1,
        ..Default::default()
    };
    let snippet = |spans: &[(u32, u32)]| -> String {
        let t: Vec<String> = spans
            .iter()
            .map(|&(a, b)| {
                chars
                    .get(a as usize..b as usize)
                    .map(|c| c.iter().collect())
                    .unwrap_or_default()
            })
            .collect();
        t.join(" … ").replace('\n', " ")
    };
    let pred_snippet = |p: &Predicted| -> String {
        let mut chars_in: Vec<u32> = p.content.iter().copied().collect();
        chars_in.sort_unstable();
        // Contiguous runs of the predicted character set.
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for c in chars_in {
            match runs.last_mut() {
                Some(last) if last.1 == c => last.1 = c + 1,
                _ => runs.push((c, c + 1)),
            }
        }
        snippet(&runs)
    };
    let tag = |base: &str, direct: bool| {
        if direct {
            format!("{base}-DIRECT")
        } else {
            base.to_string()
        }
    };
    for (gi, g) in gold.iter().enumerate() {
        if !used_g[gi] {
            // The prediction overlapping it most, when one does: a boundary error, not a miss.
            let best = pred
                .iter()
                .map(|p| (jaccard(&p.content, &gold_sets[gi]), p))
                .filter(|(j, _)| *j > 0.0)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let mut near = best
                .map(|(j, p)| format!(" nearest {j:.2} [{}]", pred_snippet(p)))
                .unwrap_or_default();
            // A prediction on the same cue: the cue was found, its spans were not.
            let same_cue = pred.iter().find(|p| {
                p.cue_span
                    .zip(g.cue.as_deref())
                    .is_some_and(|((a, b), gc)| spans_overlap(&[(a, b)], gc))
            });
            if let Some(p) = same_cue {
                near.push_str(&format!(" same-cue [{}]", pred_snippet(p)));
            }
            r.misses.push(format!(
                "{} {} src [{}] cue [{}] content [{}]{near}",
                article.name,
                tag("MISSED", gold_direct[gi]),
                g.source.as_deref().map(snippet).unwrap_or_default(),
                g.cue.as_deref().map(snippet).unwrap_or_default(),
                g.content.as_deref().map(snippet).unwrap_or_default()
            ));
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !used_p[pi] {
            r.misses.push(format!(
                "{} {} src [{}] cue [{}] content [{}]",
                article.name,
                tag("SPURIOUS", p.direct),
                p.source.as_deref().map(snippet).unwrap_or_default(),
                p.cue,
                pred_snippet(p)
            ));
        }
    }
    for &(pi, gi) in &matches {
        let (p, g) = (&pred[pi], gold[gi]);
        if p.direct != gold_direct[gi] {
            // Matched, but one side holds quotation marks and the other not: a direct miss.
            r.misses.push(format!(
                "{} DIRECT-MISMATCH gold {} [{}] predicted {} [{}]",
                article.name,
                if gold_direct[gi] {
                    "direct"
                } else {
                    "indirect"
                },
                g.content.as_deref().map(snippet).unwrap_or_default(),
                if p.direct { "direct" } else { "indirect" },
                pred_snippet(p)
            ));
        }
        if let Some(gs) = &g.source {
            if !p.source.as_ref().is_some_and(|ps| spans_overlap(gs, ps)) {
                r.misses.push(format!(
                    "{} {} gold [{}] predicted [{}] cue [{}] content [{}]",
                    article.name,
                    tag("SOURCE", gold_direct[gi] && p.direct),
                    snippet(gs),
                    p.source.as_deref().map(snippet).unwrap_or_default(),
                    p.cue,
                    g.content.as_deref().map(snippet).unwrap_or_default()
                ));
            }
        }
    }
    r.content = Counts {
        true_pos: matches.len(),
        predicted: pred.len(),
        gold: gold.len(),
    };
    r.direct = Counts {
        true_pos: matches
            .iter()
            .filter(|&&(pi, gi)| pred[pi].direct && gold_direct[gi])
            .count(),
        predicted: pred.iter().filter(|p| p.direct).count(),
        gold: gold_direct.iter().filter(|&&d| d).count(),
    };
    let mut e2e = 0;
    for &(pi, gi) in &matches {
        let (p, g) = (&pred[pi], gold[gi]);
        let source_right = match (&g.source, &p.source) {
            (Some(gs), Some(ps)) => spans_overlap(gs, ps),
            (None, None) => true,
            _ => false,
        };
        if g.source.is_some() {
            let one = Accuracy {
                correct: usize::from(source_right),
                total: 1,
            };
            r.source.add(one);
            if gold_direct[gi] && p.direct {
                r.source_direct.add(one);
            }
        }
        e2e += usize::from(source_right);
        if let Some(label) = labels.and_then(|l| l.get(&(article.name.clone(), g.id.clone()))) {
            let named = matches!(label.kind.as_str(), "person" | "organization")
                && !label.resolved_to.trim().is_empty();
            if named {
                // Compared lower-cased, with typographic apostrophes as straight ones
                // (a label's "O’Neill" is the article's "O'Neill").
                let norm = |s: &str| s.to_lowercase().replace(['’', '‘'], "'");
                let last = norm(label.resolved_to.split_whitespace().last().unwrap_or(""));
                let hit = p.speaker.as_ref().is_some_and(|s| norm(s).contains(&last));
                if !hit {
                    r.misses.push(format!(
                        "{} {} gold [{}] predicted [{}] source [{}] gold source [{}]",
                        article.name,
                        tag("SPEAKER", gold_direct[gi] && p.direct),
                        label.resolved_to,
                        p.speaker.as_deref().unwrap_or(""),
                        p.source.as_deref().map(snippet).unwrap_or_default(),
                        label.source_text
                    ));
                }
                r.speaker.add(Accuracy {
                    correct: usize::from(hit),
                    total: 1,
                });
            }
            r.anonymous.add(Counts {
                true_pos: usize::from(p.anonymous && label.anonymous),
                predicted: usize::from(p.anonymous),
                gold: usize::from(label.anonymous),
            });
        }
    }
    r.end_to_end = Counts {
        true_pos: e2e,
        predicted: pred.len(),
        gold: gold.len(),
    };
    r
}

impl QuoteReport {
    fn add(&mut self, o: &QuoteReport) {
        self.documents += o.documents;
        self.failed_documents += o.failed_documents;
        self.content.add(o.content);
        self.direct.add(o.direct);
        self.source.add(o.source);
        self.source_direct.add(o.source_direct);
        self.end_to_end.add(o.end_to_end);
        self.speaker.add(o.speaker);
        self.anonymous.add(o.anonymous);
        self.misses.extend(o.misses.iter().cloned());
    }

    /// A table for people.
    pub fn table(&self) -> String {
        let mut s = format!(
            "documents {} (failed {})\n",
            self.documents, self.failed_documents
        );
        s.push_str(&format!(
            "{:<28} {:>9} {:>9} {:>9} {:>16}\n",
            "measure", "P", "R", "F1", "pred/gold/tp"
        ));
        for (name, c) in [
            ("content, all", self.content),
            ("content, direct", self.direct),
            ("end-to-end (content+source)", self.end_to_end),
            ("anonymous flag (matched)", self.anonymous),
        ] {
            s.push_str(&format!(
                "{name:<28} {:>9.4} {:>9.4} {:>9.4} {:>16}\n",
                c.precision(),
                c.recall(),
                c.f1(),
                format!("{}/{}/{}", c.predicted, c.gold, c.true_pos)
            ));
        }
        for (name, a) in [
            ("source accuracy", self.source),
            ("source accuracy, direct", self.source_direct),
            ("speaker accuracy", self.speaker),
        ] {
            s.push_str(&format!(
                "{name:<28} {:>9.4} ({} of {})\n",
                a.value(),
                a.correct,
                a.total
            ));
        }
        s
    }
}

/// Run `pipeline` over every article and score it.
pub fn evaluate(
    pipeline: &Pipeline,
    articles: &[Article],
    labels: Option<&HashMap<(String, String), SourceLabel>>,
) -> QuoteReport {
    let reports: Vec<QuoteReport> = articles
        .par_iter()
        .map(
            |a| match pipeline.annotate(Document::new(a.name.clone(), a.text.clone())) {
                Ok(doc) => score_article(a, &doc, labels),
                Err(_) => {
                    let empty = Document::new(a.name.clone(), a.text.clone());
                    let mut r = score_article(a, &empty, labels);
                    r.failed_documents = 1;
                    r
                }
            },
        )
        .collect();
    let mut total = QuoteReport::default();
    for r in &reports {
        total.add(r);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Quote, QuoteKind, Source, SourceKind, TextSpan};
    use crate::gold::polnear::GoldAttribution;

    fn span(a: u32, b: u32) -> TextSpan {
        TextSpan {
            start: a,
            end: b,
            text: String::new(),
        }
    }

    #[test]
    fn matching_and_scores() {
        let text = "Smith said that taxes will rise. “No,” Jones said.";
        let article = Article {
            name: "a".into(),
            text: text.into(),
            attributions: vec![
                GoldAttribution {
                    id: "E1".into(),
                    source: Some(vec![(0, 5)]),
                    cue: Some(vec![(6, 10)]),
                    content: Some(vec![(11, 31)]),
                },
                GoldAttribution {
                    id: "E2".into(),
                    source: Some(vec![(39, 44)]),
                    cue: Some(vec![(45, 49)]),
                    content: Some(vec![(33, 38)]),
                },
            ],
        };
        let mut doc = Document::new("a", text);
        doc.sources
            .push(Source::new(span(0, 5), SourceKind::Person));
        // Content 16..31 against gold 11..31: Jaccard 15/20 = 0.75, a match with the right source.
        doc.quotes.push(Quote {
            kind: QuoteKind::Indirect,
            content: vec![span(16, 31)],
            cue: None,
            source: Some(0),
            speaker: None,
            // The label spells the name with a typographic apostrophe: still a match.
            speaker_name: Some("John O'Smith".into()),
            continues: None,
        });
        // The direct quote is found, without a source.
        doc.quotes.push(Quote {
            kind: QuoteKind::Direct,
            content: vec![span(33, 38)],
            cue: None,
            source: None,
            speaker: None,
            speaker_name: None,
            continues: None,
        });
        // A spurious one.
        doc.quotes.push(Quote {
            kind: QuoteKind::Indirect,
            content: vec![span(0, 3)],
            cue: None,
            source: None,
            speaker: None,
            speaker_name: None,
            continues: None,
        });
        let mut labels = HashMap::new();
        for (rel, name) in [("E1", "John O’Smith"), ("E2", "Ann Jones")] {
            labels.insert(
                ("a".to_string(), rel.to_string()),
                SourceLabel {
                    doc: "a".into(),
                    rel: rel.into(),
                    source_text: String::new(),
                    kind: "person".into(),
                    anonymous: false,
                    resolved_to: name.into(),
                    anonymity_cue: false,
                },
            );
        }
        let r = score_article(&article, &doc, Some(&labels));
        assert_eq!(
            (r.content.true_pos, r.content.predicted, r.content.gold),
            (2, 3, 2)
        );
        assert_eq!(
            (r.direct.true_pos, r.direct.predicted, r.direct.gold),
            (1, 1, 1)
        );
        assert_eq!((r.source.correct, r.source.total), (1, 2));
        assert_eq!(r.end_to_end.true_pos, 1);
        assert_eq!((r.speaker.correct, r.speaker.total), (1, 2));
        // Each error is listed once, tagged by what went wrong.
        let tags: Vec<&str> = r
            .misses
            .iter()
            .filter_map(|m| m.split_whitespace().nth(1))
            .collect();
        assert_eq!(tags, ["SPURIOUS", "SOURCE-DIRECT", "SPEAKER-DIRECT"]);
    }
}
