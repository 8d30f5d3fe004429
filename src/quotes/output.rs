//! The last step: found attributions become quotes and sources on the document, in
//! text order, each source with a first classification by the phrase reader
//! ([`crate::phrase::classify_phrase`]).

use crate::document::{Document, Quote, Source, TextSpan};
use crate::quotes::found::{Found, Range};

/// Turn found attributions into quotes and sources on the document.
pub fn write(doc: &mut Document, found: Vec<Found>) {
    doc.quotes.clear();
    doc.sources.clear();
    let names = crate::phrase::Names::of(doc);
    let span = |doc: &Document, (a, b): Range| -> TextSpan {
        let (first, last) = (&doc.tokens[a], &doc.tokens[b - 1]);
        TextSpan {
            start: first.start,
            end: last.end,
            text: doc
                .text
                .get(first.bytes.0 as usize..last.bytes.1 as usize)
                .unwrap_or_default()
                .to_string(),
        }
    };
    // Keep text order: quotes sorted by where their content starts.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].content.first().map_or(0, |c| c.0));
    let mut new_index = vec![0u32; found.len()];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = k as u32;
    }
    for &i in &order {
        let f = &found[i];
        let source = f.source.map(|r| {
            let mention = span(doc, r);
            let kind = crate::phrase::classify_phrase(doc, &names, r.0, r.1);
            doc.sources.push(Source::new(mention, kind));
            (doc.sources.len() - 1) as u32
        });
        let content: Vec<TextSpan> = f.content.iter().map(|&r| span(doc, r)).collect();
        doc.quotes.push(Quote {
            kind: f.kind,
            content,
            cue: f.cue.map(|r| span(doc, r)),
            source,
            speaker: None,
            speaker_name: None,
            continues: f.continues.map(|c| new_index[c]),
        });
    }
}
