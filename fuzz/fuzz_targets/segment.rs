//! Segmentation of arbitrary UTF-8: paragraphs, sentences and tokens lie inside
//! the text, in order, their offsets agree with their bytes, and nothing panics.
#![no_main]

use byline::{Document, Segmenter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut doc = Document::new("fuzz", text);
    Segmenter::new().segment(&mut doc);
    let chars = text.chars().count() as u32;
    let mut last_end = 0;
    for t in &doc.tokens {
        assert!(t.start < t.end && t.end <= chars, "token out of the text");
        assert!(t.start >= last_end, "tokens out of order or overlapping");
        last_end = t.end;
        let bytes = text
            .get(t.bytes.0 as usize..t.bytes.1 as usize)
            .expect("token bytes on char boundaries");
        assert_eq!(bytes.chars().count() as u32, t.end - t.start);
    }
    let n = doc.tokens.len() as u32;
    let mut last = 0;
    for s in &doc.sentences {
        assert!(s.tokens.0 >= last && s.tokens.0 <= s.tokens.1 && s.tokens.1 <= n);
        assert!(s.start <= s.end && s.end <= chars);
        last = s.tokens.1;
    }
    for p in &doc.paragraphs {
        assert!(p.start <= p.end && p.end <= chars);
    }
});
