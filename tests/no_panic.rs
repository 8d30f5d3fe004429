//! Property tests: no input makes segmentation, the pipeline or the record
//! reader panic, and segmentation's invariants hold on whatever comes in.

use byline::corpus::input::parse_json_record;
use byline::{Document, Pipeline, Segmenter};
use proptest::prelude::*;

/// Text biased towards what trips tokenizers: quotes, dots, dashes, clitics, odd spaces.
fn newsy_text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Mr.",
        "U.S.",
        "D.C.",
        "a.m.",
        "M.",
        "No.",
        "Inc.",
        "'s",
        "n't",
        "’",
        "‘",
        "“",
        "”",
        "\"",
        "'",
        "``",
        "''",
        "—",
        "–",
        "--",
        "-",
        "...",
        "…",
        ".",
        "!",
        "?",
        ",",
        ":",
        "(",
        ")",
        "$",
        "€",
        "%",
        "@",
        "#",
        "http://x.y/z",
        "a@b.c",
        "<tag a=\"1\">",
        "</tag>",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "\u{200b}",
        "Trump",
        "said",
        "the",
        "official",
        // Words the speaker rules act on: pronouns and bodies, titles, transcript labels.
        " it ",
        " which ",
        " her campaign ",
        " the campaign ",
        " police ",
        " the union ",
        "Mr. Ban",
        "Ban Ki-moon",
        "Chief Justice",
        "PENCE:",
        " but said ",
        "1,000",
        "3.5",
        "10:30",
        "😀",
        "é",
        "\t",
        "\0",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

fn check_invariants(doc: &Document) {
    let n_chars = doc.text.chars().count() as u32;
    let mut prev_end = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        assert!(t.start < t.end, "empty token {i}");
        assert!(t.start >= prev_end, "tokens overlap or go backwards at {i}");
        assert!(t.end <= n_chars);
        assert!(!doc.token_text(i).is_empty());
        prev_end = t.end;
    }
    let mut next_token = 0;
    for s in &doc.sentences {
        assert_eq!(s.tokens.0, next_token, "sentences must tile the tokens");
        assert!(s.tokens.1 > s.tokens.0);
        next_token = s.tokens.1;
    }
    assert_eq!(next_token as usize, doc.tokens.len());
    for p in &doc.paragraphs {
        assert!(p.start < p.end && p.sentences.0 < p.sentences.1);
    }
}

/// What the later stages write: entities in order and inside the text, every quote
/// with content, every content, cue and source span non-empty and inside the text,
/// every index pointing at something.
fn check_annotations(doc: &Document) {
    let n = doc.text.chars().count() as u32;
    let mut last = 0;
    for e in &doc.entities {
        assert!(
            e.start >= last && e.start < e.end && e.end <= n,
            "entity {e:?}"
        );
        last = e.end;
    }
    let span = |s: &byline::document::TextSpan| {
        assert!(s.start < s.end && s.end <= n, "span {s:?}");
    };
    for q in &doc.quotes {
        assert!(!q.content.is_empty(), "a quote without content");
        q.content.iter().for_each(span);
        q.cue.iter().for_each(span);
        assert!(q.source.is_none_or(|s| (s as usize) < doc.sources.len()));
        assert!(q.continues.is_none_or(|c| (c as usize) < doc.quotes.len()));
    }
    for s in &doc.sources {
        span(&s.mention);
    }
}

#[test]
fn content_trimmed_to_nothing_is_no_quote() {
    // The fuzzer's find: "votes" took content from "and" on, which "expected"
    // sharing its subject trimmed to nothing; it came out as the span (620, 619).
    let doc = Pipeline::default()
        .annotate(Document::new(
            "p",
            "Anhe votes and expected the plan to pass before the end of the month.",
        ))
        .unwrap();
    check_annotations(&doc);
    let cues: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.cue.as_ref().map(|c| c.text.as_str()))
        .collect();
    assert_eq!(cues, vec!["expected"]);
}

/// 2,000 cases unless `PROPTEST_CASES` says otherwise (a longer run:
/// `PROPTEST_CASES=100000 cargo test --release --test no_panic`).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn segmentation_never_panics_on_any_string(text in any::<String>()) {
        let mut doc = Document::new("p", text);
        Segmenter::new().segment(&mut doc);
        check_invariants(&doc);
    }

    #[test]
    fn segmentation_never_panics_on_newsy_text(text in newsy_text()) {
        let mut doc = Document::new("p", text);
        Segmenter::new().segment(&mut doc);
        check_invariants(&doc);
        // Every non-space character is covered by a token.
        let covered: usize = doc.tokens.iter().map(|t| (t.end - t.start) as usize).sum();
        let visible = doc.text.chars().filter(|c| !byline::segment::tokenizer::is_space(*c)).count();
        prop_assert!(covered >= visible, "tokens cover {covered} of {visible} visible characters");
    }

    #[test]
    fn pipeline_and_output_never_panic(text in newsy_text()) {
        let pipeline = Pipeline::default();
        match pipeline.annotate(Document::new("p", text)) {
            Ok(doc) => {
                check_annotations(&doc);
                let json = serde_json::to_string(&doc).unwrap();
                let back: Document = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(back.tokens.len(), doc.tokens.len());
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn json_records_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let r = parse_json_record(&bytes, "x:1".into(), bytes.len() as u64);
        prop_assert!(!r.id.is_empty());
    }
}
