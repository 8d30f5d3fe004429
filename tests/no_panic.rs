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

/// Every input the fuzzer has found under `fuzz/regressions/` (the models target's
/// inputs start `models-`): each model reader gives an error or a model, and none asks
/// for an allocation its bytes do not justify (before the fix, one header asked the NER
/// reader for 4.18 GB).
#[test]
fn fuzz_regressions_for_model_readers() {
    use byline::ner::model::NerModel;
    use byline::quotes::cue_model::CueModel;
    use byline::quotes::span_model::SpanModel;
    use byline::sources::kind_model::KindModel;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("models-") {
            continue;
        }
        let data = std::fs::read(&path).expect("read");
        let with = |magic: &[u8]| [magic, &data].concat();
        // The same calls as fuzz/fuzz_targets/models.rs.
        assert!(NerModel::from_bytes(&data).is_err(), "{name}");
        assert!(CueModel::read(&data).is_err(), "{name}");
        assert!(SpanModel::read(&data).is_err(), "{name}");
        assert!(KindModel::read(&data).is_err(), "{name}");
        let _ = CueModel::read(&with(b"BYLCUE03"));
        let _ = SpanModel::read(&with(b"BYLSPN01"));
        let _ = KindModel::read(&with(b"BYLKIND2"));
        // This one's header asked for 2^26 feature rows in 160 bytes.
        let ner = NerModel::from_bytes(&with(b"BYLNER02"))
            .map(|_| ())
            .unwrap_err();
        assert!(ner.contains("implausible"), "{name}: {ner}");
        seen += 1;
    }
    assert!(seen > 0, "no models- inputs in {}", dir.display());
}

/// A NER model whose header claims more rows, words or phrases than its bytes hold is
/// rejected before anything is allocated for them.
#[test]
fn ner_model_counts_are_checked_against_the_bytes() {
    use byline::ner::model::NerModel;
    let model = NerModel::from_bytes(
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.bin")).unwrap(),
    )
    .unwrap();
    let bytes = model.to_bytes();
    // Cut anywhere: an error, never a panic or a huge allocation.
    for cut in [9, 12, 16, 20, 100, 1000, bytes.len() / 2, bytes.len() - 1] {
        assert!(NerModel::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // The cluster table's word count (bytes 20..24, after magic, features, labels
    // and granularities) set to u32::MAX.
    let mut big = bytes.clone();
    big[20..24].copy_from_slice(&u32::MAX.to_le_bytes());
    let err = NerModel::from_bytes(&big).unwrap_err();
    assert!(err.contains("implausible"), "{err}");
    assert!(NerModel::from_bytes(&bytes).is_ok());
}
