//! A page to look at: a document as self-contained HTML (inline CSS, no script,
//! no network asset). In the text, entities are coloured by type, each quote is
//! highlighted and followed by a link to its speaker, cues and sources are marked,
//! and an anonymous source carries a flag with its anonymity statement. Below the
//! text: the summary, the quotes, the people and bodies quoted, and the anonymous
//! sources. `byline view` writes these pages.
//!
//! Every element that stands for an annotation carries its index in the JSON
//! record (`data-quote`, `data-entity`, `data-source`, `data-cue`, `data-statement`);
//! an annotation that overlaps another without nesting in it is written as several
//! elements with the same index.

use crate::document::{Document, EntityLabel, SourceKind};
use std::fmt::Write;

/// The page's style sheet, inlined in every page.
pub const STYLE: &str = "
body{font:16px/1.55 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f6f6f3;color:#222}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{font-size:1.35rem;margin:1.2rem 0 .3rem;word-break:break-all}
h2{font-size:1.05rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #ccc}
article.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.2rem 1.4rem 1rem;margin:1.5rem 0}
.text{white-space:pre-wrap;font-family:Georgia,'Times New Roman',serif;font-size:1.05rem;line-height:1.9}
.meta,.muted{color:#666;font-size:.85rem}
.legend{display:flex;flex-wrap:wrap;gap:.15rem .9rem}.legend>span{white-space:nowrap}
.ent{border-radius:3px;padding:0 1px}
.ent.PER{background:#fde68a}.ent.ORG{background:#bfdbfe}.ent.LOC{background:#bbf7d0}.ent.MISC{background:#e9d5ff}
.quote{background:#e0f2fe;box-shadow:inset 0 -2px #0284c7}
.quote.indirect{background:#f1f5f9;box-shadow:inset 0 -2px #64748b}
.quote.mixed{background:#ecfeff;box-shadow:inset 0 -2px #0891b2}
.cue{font-weight:700;color:#b91c1c}
.source{outline:1.5px solid #7c3aed;outline-offset:1px;border-radius:2px}
.source.anonymous{outline:2px dashed #dc2626}
.statement{text-decoration:underline wavy #dc2626;text-underline-offset:3px}
sup.who a,sup.who span{font:600 .7rem system-ui,sans-serif;color:#fff;background:#0369a1;border-radius:8px;padding:0 .4rem;text-decoration:none}
sup.who span{background:#94a3b8}
sup.anon{font:700 .65rem system-ui,sans-serif;color:#fff;background:#dc2626;border-radius:8px;padding:0 .35rem;cursor:help}
table{border-collapse:collapse;width:100%;font-size:.88rem;background:#fff}
th,td{border:1px solid #e2e2e2;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f1f1ee}
td.num{text-align:right;font-variant-numeric:tabular-nums}
:target{animation:flash 1.6s}
@keyframes flash{from{background:#fef08a}}
a{color:#0369a1}
.error{color:#b91c1c}
";

/// A whole page: `body` under the title `title`, with the style sheet.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"byline {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

/// The colours' key, written once per page.
pub fn legend() -> String {
    let mut s = String::from("<p class=\"legend muted\">");
    for label in EntityLabel::ALL {
        let name = match label {
            EntityLabel::PER => "person",
            EntityLabel::ORG => "organization",
            EntityLabel::LOC => "place",
            EntityLabel::MISC => "other name",
        };
        let _ = write!(
            s,
            "<span><span class=\"ent {}\">{}</span> {name}</span>",
            label.as_str(),
            label.as_str()
        );
    }
    s.push_str(
        "<span><span class=\"quote\">direct</span>, <span class=\"quote mixed\">mixed</span>, \
         <span class=\"quote indirect\">indirect</span> quote</span>\
         <span><span class=\"cue\">cue</span></span>\
         <span><span class=\"source\">source</span></span>\
         <span><span class=\"source anonymous\">anonymous source</span></span>\
         <span><span class=\"statement\">anonymity statement</span></span></p>\n",
    );
    s
}

/// HTML-escaped text, for element content and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(&mut s, text);
    s
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs are not text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// An annotation to draw over `[start, end)` of the text (code points).
struct Mark {
    start: usize,
    end: usize,
    /// What opens it the first time (with the element's `id`, if any) and again
    /// after an overlapping mark closed it.
    first: String,
    again: String,
    /// What follows its end (a speaker link, an anonymity flag).
    after: String,
}

/// One document as an `<article>`; `prefix` starts every `id` in it, so that
/// several documents can share a page.
pub fn document(doc: &Document, prefix: &str) -> String {
    let chains = Chains::of(doc);
    let mut s = String::new();
    let _ = write!(
        s,
        "<article class=\"doc\" id=\"{prefix}doc\">\n<h1>{}</h1>\n",
        escape(&doc.id)
    );
    if !doc.meta.is_empty() {
        s.push_str("<p class=\"meta\">");
        for (i, (k, v)) in doc.meta.iter().enumerate() {
            if i > 0 {
                s.push_str(" · ");
            }
            let v = match v {
                serde_json::Value::String(t) => t.clone(),
                other => other.to_string(),
            };
            let _ = write!(s, "{}: {}", escape(k), escape(&truncate(&v, 200)));
        }
        s.push_str("</p>\n");
    }
    s.push_str(&summary(doc));
    if doc.text.is_empty() {
        s.push_str(
            "<p class=\"muted\">This record has no text layer (annotate with --layers all or \
             slim to see the text).</p>\n",
        );
    } else {
        s.push_str("<div class=\"text\">");
        s.push_str(&marked_text(doc, &chains, prefix));
        s.push_str("</div>\n");
    }
    s.push_str(&quotes_table(doc, &chains, prefix));
    s.push_str(&speakers_table(doc, &chains, prefix));
    s.push_str(&anonymous_table(doc, prefix));
    s.push_str("</article>\n");
    s
}

/// Each quote's first quote of its chain and the source it rests on
/// ([`Document::quote_roots`], [`Document::quote_sources`]), found once per document.
struct Chains {
    roots: Vec<usize>,
    sources: Vec<Option<u32>>,
}

impl Chains {
    fn of(doc: &Document) -> Chains {
        Chains {
            roots: doc.quote_roots(),
            sources: doc.quote_sources(),
        }
    }

    /// The source quote `q` rests on, as an index into `Document::sources`.
    fn source(&self, doc: &Document, q: usize) -> Option<usize> {
        self.sources[q]
            .map(|s| s as usize)
            .filter(|&s| s < doc.sources.len())
    }
}

/// The speaker a quote is attributed to, as an element: a link to its row in the
/// table of people and bodies when it is resolved, else the source's text.
fn speaker_tag(doc: &Document, chains: &Chains, q: usize, prefix: &str) -> String {
    let speaker = doc.quotes[chains.roots[q]]
        .speaker
        .or(doc.quotes[q].speaker);
    match speaker.and_then(|c| doc.clusters.get(c as usize).map(|k| (c, k))) {
        Some((c, cluster)) => format!(
            "<a href=\"#{prefix}c{c}\" data-speaker-of=\"{q}\">{}</a>",
            escape(&cluster.canonical)
        ),
        None => {
            let text = chains.sources[q]
                .map(|s| doc.sources[s as usize].mention.text.as_str())
                .unwrap_or("unattributed");
            format!(
                "<span data-speaker-of=\"{q}\">{}</span>",
                escape(&truncate(text, 40))
            )
        }
    }
}

/// The text with every annotation drawn on it.
fn marked_text(doc: &Document, chains: &Chains, prefix: &str) -> String {
    let mut marks: Vec<Mark> = Vec::new();
    for (i, q) in doc.quotes.iter().enumerate() {
        let last = q.content.len().saturating_sub(1);
        let anonymous = chains
            .source(doc, i)
            .is_some_and(|s| doc.sources[s].anonymous);
        let title = format!(
            "quote {i} ({}){}",
            q.kind.as_str(),
            if anonymous { ", anonymous source" } else { "" }
        );
        for (k, c) in q.content.iter().enumerate() {
            let class = format!("quote {}", q.kind.as_str());
            let id = if k == 0 {
                format!(" id=\"{prefix}q{i}\"")
            } else {
                String::new()
            };
            let open = |id: &str| {
                format!("<span class=\"{class}\" data-quote=\"{i}\" title=\"{title}\"{id}>")
            };
            marks.push(Mark {
                start: c.start as usize,
                end: c.end as usize,
                first: open(&id),
                again: open(""),
                after: if k == last {
                    format!(
                        "<sup class=\"who\">{}</sup>",
                        speaker_tag(doc, chains, i, prefix)
                    )
                } else {
                    String::new()
                },
            });
        }
        if let Some(cue) = &q.cue {
            let open = format!("<span class=\"cue\" data-cue=\"{i}\">");
            marks.push(Mark {
                start: cue.start as usize,
                end: cue.end as usize,
                again: open.clone(),
                first: open,
                after: String::new(),
            });
        }
    }
    for (i, src) in doc.sources.iter().enumerate() {
        let class = if src.anonymous {
            "source anonymous"
        } else {
            "source"
        };
        let title = format!("source {i}: {}", src.kind.as_str());
        let open = |id: &str| {
            format!(
                "<span class=\"{class}\" data-source=\"{i}\" title=\"{}\"{id}>",
                escape(&title)
            )
        };
        let after = if src.anonymous {
            let why = match &src.anonymity_cue {
                Some(cue) => format!("anonymous: “{}”", truncate(&cue.text, 160)),
                None => "anonymous (no anonymity statement)".to_string(),
            };
            format!(
                "<sup class=\"anon\" data-anonymous=\"{i}\" title=\"{}\">anon</sup>",
                escape(&why)
            )
        } else {
            String::new()
        };
        marks.push(Mark {
            start: src.mention.start as usize,
            end: src.mention.end as usize,
            first: open(&format!(" id=\"{prefix}s{i}\"")),
            again: open(""),
            after,
        });
        if let Some(cue) = &src.anonymity_cue {
            let open = format!(
                "<span class=\"statement\" data-statement=\"{i}\" title=\"anonymity statement of source {i}\">"
            );
            marks.push(Mark {
                start: cue.start as usize,
                end: cue.end as usize,
                again: open.clone(),
                first: open,
                after: String::new(),
            });
        }
    }
    for (i, e) in doc.entities.iter().enumerate() {
        let name = e
            .cluster
            .and_then(|c| doc.clusters.get(c as usize))
            .map(|c| c.canonical.as_str())
            .unwrap_or(e.text.as_str());
        let open = format!(
            "<span class=\"ent {}\" data-entity=\"{i}\" title=\"{}: {}\">",
            e.label.as_str(),
            e.label.as_str(),
            escape(name)
        );
        marks.push(Mark {
            start: e.start as usize,
            end: e.end as usize,
            again: open.clone(),
            first: open,
            after: String::new(),
        });
    }
    draw(&doc.text, marks)
}

/// `text` with `marks` drawn as elements: properly nested where the marks nest,
/// and cut into pieces where one overlaps another without nesting. Linear in the
/// text, and in the marks times how deeply they nest.
fn draw(text: &str, marks: Vec<Mark>) -> String {
    // Byte offset of each code point (and of the end).
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = bounds.len() - 1;
    let mut marks: Vec<Mark> = marks
        .into_iter()
        .filter_map(|mut m| {
            m.end = m.end.min(chars);
            (m.start < m.end).then_some(m)
        })
        .collect();
    // Outer before inner: by start, the longer first; the order given breaks ties.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].start, std::cmp::Reverse(marks[i].end)));
    let mut ends: Vec<usize> = marks.iter().map(|m| m.end).collect();
    ends.sort_unstable();
    ends.dedup();

    let mut out = String::with_capacity(text.len() * 2);
    let mut open: Vec<usize> = Vec::new();
    let (mut next_start, mut next_end) = (0, 0);
    let mut pos = 0;
    loop {
        // Close what ends here; what was opened inside it and goes on opens again.
        if open.iter().any(|&m| marks[m].end == pos) {
            let first = open
                .iter()
                .position(|&m| marks[m].end == pos)
                .unwrap_or(open.len());
            let tail: Vec<usize> = open.drain(first..).collect();
            let mut after = String::new();
            for &m in tail.iter().rev() {
                out.push_str("</span>");
                if marks[m].end == pos {
                    after.push_str(&marks[m].after);
                }
            }
            out.push_str(&after);
            for m in tail {
                if marks[m].end != pos {
                    out.push_str(&marks[m].again);
                    open.push(m);
                }
            }
        }
        while next_end < ends.len() && ends[next_end] <= pos {
            next_end += 1;
        }
        // Open what starts here.
        while next_start < order.len() && marks[order[next_start]].start == pos {
            let m = order[next_start];
            out.push_str(&std::mem::take(&mut marks[m].first));
            open.push(m);
            next_start += 1;
        }
        if pos >= chars {
            break;
        }
        let stop = [
            order.get(next_start).map(|&m| marks[m].start),
            ends.get(next_end).copied(),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(chars)
        .min(chars);
        escape_into(&mut out, &text[bounds[pos]..bounds[stop]]);
        pos = stop;
    }
    for &m in open.iter().rev() {
        out.push_str("</span>");
        out.push_str(&marks[m].after);
    }
    out
}

fn summary(doc: &Document) -> String {
    let mut s = String::from("<h2>Summary</h2>\n<table class=\"summary\"><tr>");
    let mut cells: Vec<(String, String)> = vec![
        ("entities".into(), doc.entities.len().to_string()),
        (
            "people and bodies".into(),
            doc.clusters
                .iter()
                .filter(|c| c.label != EntityLabel::LOC)
                .count()
                .to_string(),
        ),
        ("quotes".into(), doc.quotes.len().to_string()),
    ];
    if let Some(sum) = &doc.summary {
        cells.push(("anonymous".into(), sum.anonymous.to_string()));
        cells.push((
            "anonymous share".into(),
            format!("{:.0}%", 100.0 * sum.anonymous_share),
        ));
        cells.push((
            "with a statement".into(),
            sum.anonymous_with_statement.to_string(),
        ));
        for (kind, n) in &sum.by_kind {
            if *n > 0 {
                cells.push((format!("by {kind}"), n.to_string()));
            }
        }
    }
    for (k, _) in &cells {
        let _ = write!(s, "<th>{}</th>", escape(k));
    }
    s.push_str("</tr><tr>");
    for (_, v) in &cells {
        let _ = write!(s, "<td class=\"num\">{v}</td>");
    }
    s.push_str("</tr></table>\n");
    s
}

fn quotes_table(doc: &Document, chains: &Chains, prefix: &str) -> String {
    let mut s = String::from("<h2>Quotes</h2>\n");
    if doc.quotes.is_empty() {
        s.push_str("<p class=\"muted\">No quotes.</p>\n");
        return s;
    }
    s.push_str(
        "<table class=\"quotes\"><tr><th>#</th><th>kind</th><th>speaker</th><th>source</th>\
         <th>cue</th><th>content</th></tr>\n",
    );
    for (i, q) in doc.quotes.iter().enumerate() {
        let source = match chains.source(doc, i).map(|k| (k, &doc.sources[k])) {
            Some((k, src)) => format!(
                "<a href=\"#{prefix}s{k}\">{}</a> <span class=\"muted\">{}</span>{}",
                escape(&truncate(&src.mention.text, 60)),
                src.kind.as_str(),
                if src.anonymous {
                    " <sup class=\"anon\">anon</sup>"
                } else {
                    ""
                }
            ),
            None => "<span class=\"muted\">none</span>".into(),
        };
        let content: Vec<&str> = q.content.iter().map(|c| c.text.as_str()).collect();
        let continues = q
            .continues
            .map(|c| {
                format!(
                    " <span class=\"muted\">(continues <a href=\"#{prefix}q{c}\">{c}</a>)</span>"
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "<tr data-quote-row=\"{i}\"><td class=\"num\"><a href=\"#{prefix}q{i}\">{i}</a></td>\
             <td>{}</td><td>{}</td><td>{source}</td><td>{}</td><td>{}{continues}</td></tr>",
            q.kind.as_str(),
            speaker_tag(doc, chains, i, prefix),
            q.cue.as_ref().map(|c| escape(&c.text)).unwrap_or_default(),
            escape(&truncate(&content.join(" … "), 300)),
        );
    }
    s.push_str("</table>\n");
    s
}

fn speakers_table(doc: &Document, chains: &Chains, prefix: &str) -> String {
    let mut s = String::from("<h2>People, organizations and places</h2>\n");
    if doc.clusters.is_empty() {
        s.push_str("<p class=\"muted\">None found.</p>\n");
        return s;
    }
    let mut quoted = vec![0u32; doc.clusters.len()];
    for &root in &chains.roots {
        let q = &doc.quotes[root];
        if let Some(c) = q.speaker.and_then(|c| quoted.get_mut(c as usize)) {
            *c += 1;
        }
    }
    s.push_str(
        "<table class=\"clusters\"><tr><th>name</th><th>type</th><th>mentions</th><th>quotes</th></tr>\n",
    );
    for (c, cluster) in doc.clusters.iter().enumerate() {
        let _ = writeln!(
            s,
            "<tr id=\"{prefix}c{c}\" data-cluster=\"{c}\"><td>{}</td><td><span class=\"ent {}\">{}</span></td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&cluster.canonical),
            cluster.label.as_str(),
            cluster.label.as_str(),
            cluster.mentions.len(),
            quoted[c]
        );
    }
    s.push_str("</table>\n");
    s
}

fn anonymous_table(doc: &Document, prefix: &str) -> String {
    let anonymous: Vec<usize> = (0..doc.sources.len())
        .filter(|&i| doc.sources[i].anonymous || doc.sources[i].kind == SourceKind::Anonymous)
        .collect();
    let mut s = String::from("<h2>Anonymous sources</h2>\n");
    if anonymous.is_empty() {
        s.push_str("<p class=\"muted\">None.</p>\n");
        return s;
    }
    s.push_str(
        "<table class=\"anonymous\"><tr><th>source</th><th>described as</th>\
         <th>anonymity statement</th></tr>\n",
    );
    for i in anonymous {
        let src = &doc.sources[i];
        let described = src
            .descriptor
            .as_ref()
            .map(|d| {
                [
                    ("number", &d.number),
                    ("seniority", &d.seniority),
                    ("role", &d.role),
                    ("affiliation", &d.affiliation),
                    ("reason", &d.reason),
                ]
                .iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {}", escape(v))))
                .collect::<Vec<_>>()
                .join("; ")
            })
            .unwrap_or_default();
        let statement = src
            .anonymity_cue
            .as_ref()
            .map(|c| format!("“{}”", escape(&c.text)))
            .unwrap_or_else(|| "<span class=\"muted\">none given</span>".into());
        let _ = writeln!(
            s,
            "<tr data-anonymous-row=\"{i}\"><td><a href=\"#{prefix}s{i}\">{}</a></td><td>{described}</td>\
             <td>{statement}</td></tr>",
            escape(&src.mention.text)
        );
    }
    s.push_str("</table>\n");
    s
}

/// A line of the table of contents: a document (with the link to it, its quote,
/// anonymous-source and entity counts) or an error record.
pub enum Listed {
    Document {
        id: String,
        href: String,
        quotes: usize,
        anonymous: usize,
        entities: usize,
    },
    Error {
        id: String,
        kind: String,
        message: String,
    },
}

impl Listed {
    /// The line for `doc`, linked to `href`.
    pub fn document(doc: &Document, href: String) -> Listed {
        let sources = doc.quote_sources();
        Listed::Document {
            id: doc.id.clone(),
            href,
            quotes: doc.quotes.len(),
            anonymous: sources
                .iter()
                .flatten()
                .filter(|&&s| doc.sources.get(s as usize).is_some_and(|s| s.anonymous))
                .count(),
            entities: doc.entities.len(),
        }
    }
}

/// The table of contents of a corpus: a row per record, in input order.
pub fn contents(listed: &[Listed]) -> String {
    let documents = listed
        .iter()
        .filter(|l| matches!(l, Listed::Document { .. }))
        .count();
    let errors = listed.len() - documents;
    let mut s = format!(
        "<h2>Contents</h2>\n<p class=\"muted\">{documents} {}, {errors} error {}.</p>\n\
         <table class=\"contents\"><tr><th>document</th><th>quotes</th>\
         <th>of them anonymous</th><th>entities</th></tr>\n",
        if documents == 1 {
            "document"
        } else {
            "documents"
        },
        if errors == 1 { "record" } else { "records" },
    );
    for l in listed {
        match l {
            Listed::Document {
                id,
                href,
                quotes,
                anonymous,
                entities,
            } => {
                let _ = writeln!(
                    s,
                    "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{quotes}</td>\
                     <td class=\"num\">{anonymous}</td><td class=\"num\">{entities}</td></tr>",
                    escape(href),
                    escape(id)
                );
            }
            Listed::Error { id, kind, message } => {
                let _ = writeln!(
                    s,
                    "<tr class=\"error\" data-error=\"{}\"><td>{}</td><td colspan=\"3\">{}: {}</td></tr>",
                    escape(kind),
                    escape(id),
                    escape(kind),
                    escape(&truncate(message, 300))
                );
            }
        }
    }
    s.push_str("</table>\n");
    s
}

/// `text` cut to at most `n` characters, with an ellipsis when cut.
fn truncate(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((b, _)) => format!("{}…", &text[..b]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, name: &str) -> Mark {
        Mark {
            start,
            end,
            first: format!("<span class=\"{name}\" id=\"{name}\">"),
            again: format!("<span class=\"{name}\">"),
            after: format!("[{name}]"),
        }
    }

    #[test]
    fn marks_nest_and_overlapping_ones_are_cut() {
        assert_eq!(
            draw("abcdef", vec![mark(0, 4, "q"), mark(1, 2, "e")]),
            "<span class=\"q\" id=\"q\">a<span class=\"e\" id=\"e\">b</span>[e]cd</span>[q]ef"
        );
        // b overlaps a's end: a closes, b goes on in a second piece without its id.
        assert_eq!(
            draw("abcdef", vec![mark(0, 3, "a"), mark(2, 5, "b")]),
            "<span class=\"a\" id=\"a\">ab<span class=\"b\" id=\"b\">c</span></span>[a]\
             <span class=\"b\">de</span>[b]f"
        );
        // Out of range and empty marks are dropped; text is escaped; offsets are
        // code points.
        assert_eq!(
            draw(
                "é<ü>",
                vec![mark(1, 3, "x"), mark(2, 2, "y"), mark(3, 99, "z")]
            ),
            "é<span class=\"x\" id=\"x\">&lt;ü</span>[x]<span class=\"z\" id=\"z\">&gt;</span>[z]"
        );
        assert_eq!(draw("", vec![mark(0, 3, "x")]), "");
    }

    #[test]
    fn a_page_has_every_annotation_and_no_network_asset() {
        let text = "“We will win,” said Senator Jane Holt of Ohio, “and we will win big.” \
                    A Defense Department official, who spoke on condition of anonymity, \
                    said the talks had stalled.";
        let doc = crate::Pipeline::default()
            .annotate(Document::new("a <b> & c", text))
            .unwrap();
        assert!(!doc.quotes.is_empty() && !doc.entities.is_empty());
        let html = page(&doc.id, &(legend() + &document(&doc, "d0-")));
        assert!(html.contains("<title>a &lt;b&gt; &amp; c</title>"));
        for q in 0..doc.quotes.len() {
            assert!(html.contains(&format!("id=\"d0-q{q}\"")), "quote {q}");
            assert!(html.contains(&format!("data-speaker-of=\"{q}\"")));
        }
        for e in 0..doc.entities.len() {
            assert!(html.contains(&format!("data-entity=\"{e}\"")), "entity {e}");
        }
        let anonymous = doc.sources.iter().filter(|s| s.anonymous).count();
        assert!(anonymous > 0);
        assert_eq!(
            html.matches("<sup class=\"anon\" data-anonymous=").count(),
            anonymous
        );
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains("<script")
        );
        // Elements balance.
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }
}
