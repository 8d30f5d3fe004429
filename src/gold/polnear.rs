//! Reading PolNeAR: article texts with attribution relations in brat standoff.
//!
//! A split directory holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`;
//! where an article has several annotator files, the first in sorted name order
//! is the one used. A plain brat folder (`NAME.txt` beside `NAME.ann`) is read
//! the same way ([`read_split`]). Offsets in `.ann` files are code points,
//! end-exclusive.

use crate::document::{Document, Quote, QuoteKind, Source, SourceKind, TextSpan};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A set of code-point spans (a discontinuous brat span has several).
pub type Spans = Vec<(u32, u32)>;

/// One gold attribution relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    /// The relation id (`E3`).
    pub id: String,
    pub source: Option<Spans>,
    pub cue: Option<Spans>,
    pub content: Option<Spans>,
}

/// One article and its gold attributions.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
}

/// Parse a brat `.ann` file into attribution relations.
pub fn parse_ann(ann: &str) -> Result<Vec<GoldAttribution>, String> {
    let mut spans: HashMap<&str, Spans> = HashMap::new();
    let mut relations = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, offsets)) = body.split_once(' ') else {
                continue;
            };
            let mut list = Vec::new();
            for part in offsets.split(';') {
                let mut nums = part.split_whitespace().map(str::parse::<u32>);
                match (nums.next(), nums.next()) {
                    (Some(Ok(a)), Some(Ok(b))) if a <= b => list.push((a, b)),
                    _ => return Err(format!("line {}: bad span '{part}'", n + 1)),
                }
            }
            spans.insert(id, list);
        } else if id.starts_with('E') {
            relations.push((id, body));
        }
    }
    let mut out = Vec::new();
    for (id, body) in relations {
        let mut rel = GoldAttribution {
            id: id.to_string(),
            source: None,
            cue: None,
            content: None,
        };
        for role in body.split_whitespace() {
            let Some((name, target)) = role.split_once(':') else {
                continue;
            };
            let span = spans.get(target).cloned();
            match name {
                "Source" => rel.source = span,
                "Cue" => rel.cue = span,
                "Content" => rel.content = span,
                _ => {}
            }
        }
        out.push(rel);
    }
    Ok(out)
}

/// Read every article of a gold folder that has an annotation file, in either
/// layout:
///
/// - PolNeAR's: `DIR/text/NAME.txt` and `DIR/attributions/NAME_ANNOTATOR.ann`
///   (or `NAME.ann`); where an article has several annotator files, the first in
///   sorted name order is used;
/// - a plain brat folder: `DIR/NAME.txt` beside `DIR/NAME.ann`.
///
/// Attributions are brat events (`E… Attribution:T… Source:T… Cue:T… Content:T…`;
/// the event's own label may be any). A folder without `.ann` files, an `.ann`
/// file without its text, and a gold set with no attribution at all are errors,
/// never a silent score of zero.
pub fn read_split(dir: &Path) -> Result<Vec<Article>, String> {
    let polnear = dir.join("attributions").is_dir();
    let (ann_dir, text_dir) = if polnear {
        (dir.join("attributions"), dir.join("text"))
    } else {
        (dir.to_path_buf(), dir.to_path_buf())
    };
    let mut first_ann: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(|e| format!("cannot read {}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    for path in files {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        // NAME.ann, or PolNeAR's NAME_ANNOTATOR.ann: whichever names a text.
        let has_text = |name: &str| text_dir.join(format!("{name}.txt")).is_file();
        let name = match stem.rsplit_once('_') {
            _ if has_text(stem) => stem,
            Some((name, _annotator)) if polnear && has_text(name) => name,
            _ => {
                return Err(format!(
                    "{} has no text beside it (expected {})",
                    path.display(),
                    text_dir.join(format!("{stem}.txt")).display()
                ))
            }
        };
        first_ann.entry(name.to_string()).or_insert(path);
    }
    if first_ann.is_empty() {
        return Err(format!(
            "no .ann files in {} (a gold folder holds NAME.txt beside NAME.ann, or PolNeAR's \
             text/ and attributions/)",
            ann_dir.display()
        ));
    }
    let mut articles = Vec::new();
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    for (name, ann_path) in first_ann {
        let text_path = text_dir.join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .map_err(|e| format!("cannot read {}: {e}", text_path.display()))?;
        let ann = std::fs::read_to_string(&ann_path)
            .map_err(|e| format!("cannot read {}: {e}", ann_path.display()))?;
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            if let Some(label) = line.split('\t').nth(1).and_then(|b| b.split(' ').next()) {
                *labels.entry(label.to_string()).or_default() += 1;
            }
        }
        let attributions = parse_ann(&ann).map_err(|e| format!("{}: {e}", ann_path.display()))?;
        articles.push(Article {
            name,
            text,
            attributions,
        });
    }
    let found: usize = articles
        .iter()
        .flat_map(|a| &a.attributions)
        .filter(|g| g.content.is_some() || g.cue.is_some() || g.source.is_some())
        .count();
    if found == 0 {
        let seen: Vec<String> = labels.iter().map(|(l, n)| format!("{l} ({n})")).collect();
        return Err(format!(
            "no attributions in the {} .ann files of {}: byline reads brat events with \
             Source, Cue and Content roles; the files hold {}",
            articles.len(),
            ann_dir.display(),
            if seen.is_empty() {
                "no text-bound annotations".to_string()
            } else {
                format!("these labels: {}", seen.join(", "))
            }
        ));
    }
    Ok(articles)
}

/// Source labels of `sources-dev.jsonl`, keyed by (document, relation id).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SourceLabel {
    pub doc: String,
    pub rel: String,
    #[serde(default)]
    pub source_text: String,
    pub kind: String,
    pub anonymous: bool,
    #[serde(default)]
    pub resolved_to: String,
    #[serde(default)]
    pub anonymity_cue: bool,
}

/// Read a source-label file (JSON Lines).
pub fn read_source_labels(path: &Path) -> Result<HashMap<(String, String), SourceLabel>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut map = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let label: SourceLabel = serde_json::from_str(line)
            .map_err(|e| format!("{} line {}: {e}", path.display(), n + 1))?;
        map.insert((label.doc.clone(), label.rel.clone()), label);
    }
    Ok(map)
}

pub fn span_text(chars: &[char], a: u32, b: u32) -> String {
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

/// `doc` (the article's text, segmented, with entities) with the article's gold
/// attributions written on it: one [`Source`] per attribution with the gold source
/// span (an empty mention, kind `none`, where the gold has none; kind `other`
/// otherwise, for the later stages to decide) and one [`Quote`] with the gold
/// content and cue. Returns the relation id of each, in order, so that rows join
/// to labels on (document, relation id). What `eval sources` and the kind
/// model's trainer run the `speakers` and `sources` stages on.
pub fn with_gold_attributions(mut doc: Document, article: &Article) -> (Document, Vec<String>) {
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
    (doc, rels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_relations_with_discontinuous_spans() {
        let ann = "T1\tSource 0 15\tWashington Post\nT2\tCue 16 21\tbacks\nT3\tContent 22 30;40 51\tHillary … president\n\
                   T4\tAttribution 16 21\tbacks\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T1\tnote\n\
                   E2\tAttribution:T4 Content:T3\n";
        let rels = parse_ann(ann).unwrap();
        assert_eq!(rels.len(), 2);
        assert_eq!(rels[0].source, Some(vec![(0, 15)]));
        assert_eq!(rels[0].content, Some(vec![(22, 30), (40, 51)]));
        assert_eq!(rels[1].source, None);
        assert!(parse_ann("T1\tSource x y\tz").is_err());
    }
}
