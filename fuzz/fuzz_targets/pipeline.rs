//! The whole default pipeline on arbitrary UTF-8: no internal error (a stage's
//! panic), every span inside the text and in order, and output that parses back.
#![no_main]

use byline::document::{Document, TextSpan};
use byline::pipeline::ErrorKind;
use byline::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fn inside(span: &TextSpan, chars: u32) {
    assert!(
        span.start < span.end && span.end <= chars,
        "empty span or outside the text"
    );
}

fuzz_target!(|text: &str| {
    let doc = match PIPELINE.annotate(Document::new("fuzz", text)) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(
                e.kind != ErrorKind::Internal,
                "internal error: {}",
                e.message
            );
            return;
        }
    };
    let chars = text.chars().count() as u32;
    let mut last = 0;
    for e in &doc.entities {
        assert!(
            e.start >= last && e.start < e.end && e.end <= chars,
            "entities"
        );
        last = e.end;
    }
    for q in &doc.quotes {
        assert!(!q.content.is_empty(), "a quote without content");
        q.content.iter().for_each(|c| inside(c, chars));
        q.cue.iter().for_each(|c| inside(c, chars));
        if let Some(s) = q.source {
            assert!(
                (s as usize) < doc.sources.len(),
                "quote points at no source"
            );
        }
        if let Some(c) = q.continues {
            assert!((c as usize) < doc.quotes.len(), "continues no quote");
        }
    }
    for s in &doc.sources {
        inside(&s.mention, chars);
    }
    let json = serde_json::to_string(&doc).expect("serializes");
    let back: serde_json::Value = serde_json::from_str(&json).expect("parses back");
    assert_eq!(back["text"].as_str(), Some(text));
});
