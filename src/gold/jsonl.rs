//! byline's own gold format: JSON Lines, one document per line, with its
//! attributions and, optionally, their source labels on them.
//!
//! ```json
//! {"id": "d1", "text": "“We will win,” Ann Lee said.", "attributions": [
//!   {"id": "A1", "source": [15, 22], "cue": [23, 27], "content": [[1, 12]],
//!    "kind": "person", "resolved_to": "Ann Lee"}]}
//! ```
//!
//! - `id` (string, unique in the file) and `text` (string) are required;
//!   `attributions` (a list) may be left out for a document without any.
//! - Each attribution has `content`, and `source` and `cue` where the text has
//!   them: a span is `[start, end]` or a list of such pairs (a discontinuous
//!   span), in code points of `text`, end-exclusive. `id` defaults to `A1`,
//!   `A2`, … in the order given.
//! - Source labels, for `eval sources` and the quote eval's speaker and
//!   anonymity scores: `kind` (one of [`SourceKind::NAMES`]), `anonymous`
//!   (default: whether `kind` is `anonymous`), `resolved_to` (the name a person
//!   or organization source refers to), `anonymity_cue` (whether the article
//!   states that the source was granted anonymity; default false). An
//!   attribution without `kind` is scored for quotes only.
//!
//! Unknown fields, spans outside the text and repeated ids are errors naming
//! the line, so that a typo never turns into a silent score.

use super::polnear::{span_text, Article, GoldAttribution, SourceLabel, Spans};
use crate::document::SourceKind;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A gold set read from a JSON Lines file: the articles and the labels given
/// on their attributions, keyed by (document id, attribution id).
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    pub articles: Vec<Article>,
    pub labels: HashMap<(String, String), SourceLabel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    attributions: Vec<RecordAttribution>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordAttribution {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    source: Option<SpanList>,
    #[serde(default)]
    cue: Option<SpanList>,
    content: SpanList,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    anonymous: Option<bool>,
    #[serde(default)]
    resolved_to: Option<String>,
    #[serde(default)]
    anonymity_cue: Option<bool>,
}

/// `[start, end]` or `[[start, end], …]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum SpanList {
    One([u32; 2]),
    Many(Vec<[u32; 2]>),
}

impl SpanList {
    fn spans(&self) -> Spans {
        match self {
            SpanList::One([a, b]) => vec![(*a, *b)],
            SpanList::Many(list) => list.iter().map(|[a, b]| (*a, *b)).collect(),
        }
    }
}

/// Read a JSON Lines gold file (`.gz` is decompressed).
pub fn read(path: &Path) -> Result<GoldSet, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let gz = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("gz"));
    let reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    parse(BufReader::new(reader)).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parse JSON Lines gold from a reader; errors name the line.
pub fn parse(reader: impl BufRead) -> Result<GoldSet, String> {
    let mut set = GoldSet::default();
    let mut ids = HashSet::new();
    for (n, line) in reader.lines().enumerate() {
        let at = n + 1;
        let line = line.map_err(|e| format!("line {at}: {e}"))?;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if n == 0 && trimmed.starts_with('[') {
            return Err(
                "line 1: a JSON array; the gold format is JSON Lines, one document object a line"
                    .into(),
            );
        }
        let record: Record =
            serde_json::from_str(trimmed).map_err(|e| format!("line {at}: {e}"))?;
        if !ids.insert(record.id.clone()) {
            return Err(format!("line {at}: document id {:?} repeated", record.id));
        }
        let chars: Vec<char> = record.text.chars().collect();
        let len = chars.len() as u32;
        let mut rel_ids = HashSet::new();
        let mut attributions = Vec::new();
        for (i, a) in record.attributions.iter().enumerate() {
            let rel = a.id.clone().unwrap_or_else(|| format!("A{}", i + 1));
            if !rel_ids.insert(rel.clone()) {
                return Err(format!(
                    "line {at}: attribution id {rel:?} repeated in document {:?}",
                    record.id
                ));
            }
            let check = |role: &str, list: &SpanList| -> Result<Spans, String> {
                let spans = list.spans();
                if spans.is_empty() {
                    return Err(format!(
                        "line {at}: attribution {rel}: empty {role} span list"
                    ));
                }
                for &(s, e) in &spans {
                    if s > e || e > len {
                        return Err(format!(
                            "line {at}: attribution {rel}: {role} span [{s}, {e}] is not within \
                             the text ({len} code points; offsets are code points, end-exclusive)"
                        ));
                    }
                }
                Ok(spans)
            };
            let content = check("content", &a.content)?;
            let source = a.source.as_ref().map(|s| check("source", s)).transpose()?;
            let cue = a.cue.as_ref().map(|s| check("cue", s)).transpose()?;
            if let Some(kind) = &a.kind {
                if SourceKind::from_name(kind).is_none() {
                    return Err(format!(
                        "line {at}: attribution {rel}: kind {kind:?} is not one of {}",
                        SourceKind::NAMES.join(", ")
                    ));
                }
                let source_text = source
                    .as_deref()
                    .map(|s| {
                        s.iter()
                            .map(|&(a, b)| span_text(&chars, a, b))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                set.labels.insert(
                    (record.id.clone(), rel.clone()),
                    SourceLabel {
                        doc: record.id.clone(),
                        rel: rel.clone(),
                        source_text,
                        kind: kind.clone(),
                        anonymous: a.anonymous.unwrap_or(kind == "anonymous"),
                        resolved_to: a.resolved_to.clone().unwrap_or_default(),
                        anonymity_cue: a.anonymity_cue.unwrap_or(false),
                    },
                );
            } else if a.anonymous.is_some() || a.resolved_to.is_some() || a.anonymity_cue.is_some()
            {
                return Err(format!(
                    "line {at}: attribution {rel}: source labels (anonymous, resolved_to, \
                     anonymity_cue) need a kind"
                ));
            }
            attributions.push(GoldAttribution {
                id: rel,
                source,
                cue,
                content: Some(content),
            });
        }
        set.articles.push(Article {
            name: record.id,
            text: record.text,
            attributions,
        });
    }
    if set.articles.is_empty() {
        return Err("no documents (the gold format is JSON Lines, one document a line)".into());
    }
    if set.articles.iter().all(|a| a.attributions.is_empty()) {
        return Err(format!(
            "no attributions in {} documents (each document's \"attributions\" lists them)",
            set.articles.len()
        ));
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"id": "d1", "text": "“We will win,” Ann Lee said.", "attributions": [{"id": "A1", "source": [15, 22], "cue": [23, 27], "content": [[1, 12]], "kind": "person", "resolved_to": "Ann Lee"}]}"#;

    #[test]
    fn reads_documents_attributions_and_labels() {
        let set = parse(DOC.as_bytes()).unwrap();
        assert_eq!(set.articles.len(), 1);
        let a = &set.articles[0].attributions[0];
        assert_eq!(a.source, Some(vec![(15, 22)]));
        assert_eq!(a.content, Some(vec![(1, 12)]));
        let label = &set.labels[&("d1".to_string(), "A1".to_string())];
        assert_eq!(label.source_text, "Ann Lee");
        assert_eq!(label.kind, "person");
        assert!(!label.anonymous);
    }

    #[test]
    fn ids_default_and_anonymous_follows_kind() {
        let line = r#"{"id": "d", "text": "Officials said it rained.", "attributions": [{"source": [0, 9], "content": [15, 24], "kind": "anonymous"}, {"content": [15, 24]}]}"#;
        let set = parse(line.as_bytes()).unwrap();
        let ids: Vec<&str> = set.articles[0]
            .attributions
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["A1", "A2"]);
        assert!(set.labels[&("d".to_string(), "A1".to_string())].anonymous);
        assert_eq!(set.labels.len(), 1);
    }

    #[test]
    fn mistakes_are_errors_naming_the_line() {
        let cases = [
            (
                r#"{"id": "d", "text": "abc", "attributions": [{"content": [0, 9]}]}"#,
                "not within the text",
            ),
            (
                r#"{"id": "d", "text": "abc", "attributions": [{"contents": [0, 1]}]}"#,
                "unknown field",
            ),
            (
                r#"{"id": "d", "text": "abc", "attributions": [{"content": [0, 1], "kind": "people"}]}"#,
                "is not one of",
            ),
            (
                r#"{"id": "d", "text": "abc", "attributions": [{"content": [0, 1], "anonymous": true}]}"#,
                "need a kind",
            ),
            (r#"{"id": "d", "text": "abc"}"#, "no attributions"),
            (r#"[{"id": "d", "text": "abc"}]"#, "JSON array"),
        ];
        for (input, expected) in cases {
            let err = parse(input.as_bytes()).unwrap_err();
            assert!(err.contains(expected), "{input}: {err}");
            assert!(err.starts_with("line 1") || err.starts_with("no "), "{err}");
        }
        let repeated = format!("{DOC}\n{DOC}\n");
        let err = parse(repeated.as_bytes()).unwrap_err();
        assert!(err.contains("line 2") && err.contains("repeated"), "{err}");
    }
}
