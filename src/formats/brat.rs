//! brat standoff: a document's entities and quotes as a `.ann` file beside its
//! `.txt`, in PolNeAR's layout, so that brat shows them and `byline eval quotes`
//! reads them back as gold.
//!
//! ```text
//! T1    PER 24 35    Maria Lopez
//! T2    Source 24 35    Maria Lopez
//! T3    Cue 36 40    said
//! T4    Content 0 14;42 60    “We will win,” “and we will win big.”
//! T5    Attribution 36 40    said
//! E1    Attribution:T5 Content:T4 Cue:T3 Source:T2
//! A1    Kind T2 person
//! ```
//!
//! (tabs shown as spaces). Offsets are code points, end-exclusive; a content split around its attribution
//! is a discontinuous span, and so is the content of a quote together with the
//! quotes that continue it (`“A,” he said. “B.”` is one event, as in PolNeAR). A
//! quote without a cue has its trigger on its content. Anonymous sources carry
//! the attribute `Anonymous`, every source its `Kind`.

use crate::document::{Document, TextSpan};
use std::collections::HashMap;
use std::fmt::Write;

/// The brat configuration for these files: `annotation.conf`.
pub const ANNOTATION_CONF: &str = "\
[entities]
PER
ORG
LOC
MISC
Source
Cue
Content
Attribution

[relations]

[events]
Attribution\tSource?:Source, Cue?:Cue, Content:Content

[attributes]
Anonymous\tArg:Source
Kind\tArg:Source, Value:person|organization|anonymous|group|document|author|none|other
";

/// The brat display configuration: `visual.conf`.
pub const VISUAL_CONF: &str = "\
[labels]
PER | Person
ORG | Organization
LOC | Location
MISC | Miscellaneous

[drawing]
PER\tbgColor:#ffccaa
ORG\tbgColor:#8fb2ff
LOC\tbgColor:#95dfff
MISC\tbgColor:#f1f447
Source\tbgColor:#e07be0
Cue\tbgColor:#ffe000
Content\tbgColor:#b4f0b4
Attribution\tbgColor:#dddddd
";

/// brat keeps a span's text on one line: newlines and tabs become spaces.
fn flat(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

/// The `.ann` file of an annotated document.
pub fn ann(doc: &Document) -> String {
    let mut out = String::new();
    let mut t = 0u32;
    let mut next_t = |out: &mut String, label: &str, spans: &[&TextSpan]| -> u32 {
        t += 1;
        let offsets: Vec<String> = spans
            .iter()
            .map(|s| format!("{} {}", s.start, s.end))
            .collect();
        let text: Vec<String> = spans.iter().map(|s| flat(&s.text)).collect();
        let _ = writeln!(
            out,
            "T{t}\t{label} {}\t{}",
            offsets.join(";"),
            text.join(" ")
        );
        t
    };
    for e in &doc.entities {
        let span = TextSpan {
            start: e.start,
            end: e.end,
            text: e.text.clone(),
        };
        next_t(&mut out, e.label.as_str(), &[&span]);
    }
    // Each source mention once, however many quotes rest on it.
    let mut source_t: HashMap<u32, u32> = HashMap::new();
    let mut attributes = Vec::new();
    let mut events = Vec::new();
    // A quote that continues another is more of its content, as PolNeAR marks it:
    // each chain of quotes is one event, its content every span of the chain.
    let mut chain: Vec<Vec<&TextSpan>> = vec![Vec::new(); doc.quotes.len()];
    for (q, root) in doc.quotes.iter().zip(doc.quote_roots()) {
        chain[root].extend(q.content.iter());
    }
    let sources = doc.quote_sources();
    for (i, q) in doc.quotes.iter().enumerate() {
        let spans = &chain[i];
        if spans.is_empty() {
            continue; // a continuation, written with the quote it continues
        }
        let source = sources[i].map(|s| {
            *source_t.entry(s).or_insert_with(|| {
                let src = &doc.sources[s as usize];
                let id = next_t(&mut out, "Source", &[&src.mention]);
                attributes.push((id, src.kind.as_str(), src.anonymous));
                id
            })
        });
        let cue = q.cue.as_ref().map(|c| next_t(&mut out, "Cue", &[c]));
        let content = next_t(&mut out, "Content", spans);
        let trigger = match &q.cue {
            Some(c) => next_t(&mut out, "Attribution", &[c]),
            None => next_t(&mut out, "Attribution", &spans[..1]),
        };
        let mut event = format!("Attribution:T{trigger} Content:T{content}");
        if let Some(c) = cue {
            let _ = write!(event, " Cue:T{c}");
        }
        if let Some(s) = source {
            let _ = write!(event, " Source:T{s}");
        }
        events.push(event);
    }
    for (k, event) in events.iter().enumerate() {
        let _ = writeln!(out, "E{}\t{event}", k + 1);
    }
    let mut a = 0;
    for (id, kind, anonymous) in attributes {
        a += 1;
        let _ = writeln!(out, "A{a}\tKind T{id} {kind}");
        if anonymous {
            a += 1;
            let _ = writeln!(out, "A{a}\tAnonymous T{id}");
        }
    }
    out
}

/// A file name for a document id: its last path component without `.txt`
/// (`corpus/a.txt` → `a`), with anything but letters, digits, `-`, `_` and `.`
/// replaced by `_`; never empty and never starting with a dot.
pub fn file_stem(id: &str) -> String {
    let last = id.rsplit(['/', '\\']).next().unwrap_or(id);
    let last = last
        .strip_suffix(".txt.gz")
        .or_else(|| last.strip_suffix(".txt"))
        .unwrap_or(last);
    let mut stem: String = last
        .chars()
        .take(120)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() || stem.starts_with('.') {
        stem.insert(0, 'd');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe_names() {
        assert_eq!(file_stem("corpus/a b.txt"), "a_b");
        assert_eq!(file_stem("news.jsonl:12"), "news.jsonl_12");
        assert_eq!(file_stem(""), "d");
        assert_eq!(file_stem("../.."), "d..");
        assert_eq!(file_stem("x/"), "d");
    }

    #[test]
    fn a_split_quote_is_one_event_with_a_discontinuous_content() {
        let doc = crate::Pipeline::default()
            .annotate(Document::new(
                "d",
                "“We will win,” she said, “and we will win big.”",
            ))
            .unwrap();
        let ann = ann(&doc);
        assert!(
            ann.contains("\tContent 0 14;25 47\t“We will win,” “and we will win big.”"),
            "{ann}"
        );
        assert_eq!(
            ann.matches("\nE").count() + usize::from(ann.starts_with('E')),
            1,
            "{ann}"
        );
        assert!(ann.contains("Kind T"), "{ann}");
    }
}
