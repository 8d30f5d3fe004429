//! Long and pathological documents: what each stage reads around a position stays
//! bounded, so time grows with the length of the input and output stays in
//! proportion to it. (How fast is a benchmark's business: `byline bench scaling`;
//! these tests check the bounds themselves.)

use assert_cmd::Command;
use byline::document::Document;
use byline::quotes::REACH;
use byline::{Pipeline, Processor, Segmenter};

fn annotate(text: &str) -> Document {
    Pipeline::default()
        .annotate(Document::new("t", text))
        .unwrap()
}

/// The token index at code point `pos`.
fn token_at(doc: &Document, pos: u32) -> usize {
    doc.tokens.partition_point(|t| t.end <= pos)
}

#[test]
fn a_cue_reads_at_most_its_reach_of_a_sentence_that_never_ends() {
    // 12,000 words and no sentence end: every "said" is a cue.
    let doc = annotate(&"the mayor said that the council ".repeat(2_000));
    assert_eq!(doc.sentences.len(), 1);
    assert!(doc.quotes.len() > 10, "{} quotes", doc.quotes.len());
    for q in &doc.quotes {
        let cue = q.cue.as_ref().expect("a reported quote has a cue");
        let (c0, c1) = (token_at(&doc, cue.start), token_at(&doc, cue.end));
        for span in q
            .content
            .iter()
            .chain(q.source.map(|s| &doc.sources[s as usize].mention))
        {
            let (a, b) = (token_at(&doc, span.start), token_at(&doc, span.end));
            assert!(
                a + REACH >= c0 && b <= c1 + REACH,
                "span {a}..{b} lies beyond the reach of the cue at {c0}..{c1}"
            );
        }
    }
}

#[test]
fn quote_contents_do_not_pile_up_on_each_other() {
    // Emoji, zero-width joiners, curly quotes and "said", mixed: an input that made
    // thousands of quotes whose contents added up to 400 times the text.
    let unit = "😀\u{200d}👍 “He said” said ‘x’ ” “ said, ";
    let doc = annotate(&unit.repeat(1_000));
    let chars = doc.text.chars().count();
    assert!(!doc.quotes.is_empty());
    let content: u32 = doc
        .quotes
        .iter()
        .flat_map(|q| &q.content)
        .map(|c| c.end - c.start)
        .sum();
    assert!(
        (content as usize) <= 2 * chars,
        "quote contents hold {content} characters of a {chars}-character text"
    );
    let json = serde_json::to_string(&doc).unwrap();
    assert!(
        json.len() < 40 * doc.text.len(),
        "{} bytes of JSON",
        json.len()
    );
}

#[test]
fn a_sentence_longer_than_the_tagger_takes_is_tagged_in_pieces() {
    let text = "Angela Merkel met Barack Obama in Berlin , ".repeat(400);
    let doc = annotate(&text);
    assert!(doc.tokens.len() > 3 * byline::ner::tagger::MAX_SENTENCE_TOKENS);
    // Names are found in every piece, the last included, and entities stay in text
    // order without overlapping.
    let last = doc.entities.last().unwrap();
    assert!(last.tokens.0 as usize > doc.tokens.len() - 10);
    assert!(doc.entities.len() >= 3 * 400 - 10, "{}", doc.entities.len());
    for w in doc.entities.windows(2) {
        assert!(w[0].tokens.1 <= w[1].tokens.0);
    }
}

#[test]
fn bench_scaling_prints_seconds_per_megabyte_and_the_ratio() {
    let out = Command::cargo_bin("byline")
        .unwrap()
        .args([
            "bench",
            "scaling",
            "--texts",
            "prose,said",
            "--sizes",
            "2K,4K",
        ])
        .args([
            "--stages",
            "segment,quotes",
            "--seconds",
            "0",
            "--check",
            "1000",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let header = stdout.lines().next().unwrap();
    for column in ["segment", "quotes", "json", "out/in"] {
        assert!(header.contains(column), "{header}");
    }
    assert_eq!(stdout.lines().filter(|l| l.contains("ratio")).count(), 2);
    assert_eq!(stdout.lines().filter(|l| l.starts_with("said ")).count(), 2);

    let bad = Command::cargo_bin("byline")
        .unwrap()
        .args(["bench", "scaling", "--texts", "poetry"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown text 'poetry'"));
}

fn tagged(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    Segmenter::new().process(&mut doc).unwrap();
    byline::ner::NerTagger::load_default()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    doc
}

/// The lookups by position later stages use agree with a scan of the entities.
#[test]
fn lookups_agree_with_a_scan() {
    let doc = tagged(
        "Élodie Martin, a spokeswoman for Acme Corp. in Paris, said Angela Merkel \
         met Barack Obama in Berlin. The European Union said nothing.",
    );
    assert!(doc.entities.len() >= 5);
    let n = doc.text.chars().count() as u32;
    for pos in 0..=n + 1 {
        let scan = doc.entities.iter().find(|e| e.start <= pos && pos < e.end);
        assert_eq!(doc.entity_covering(pos), scan);
        assert_eq!(
            doc.entity_starting_at(pos),
            doc.entities.iter().find(|e| e.start == pos)
        );
        assert_eq!(
            doc.entity_ending_at(pos),
            doc.entities.iter().find(|e| e.end == pos)
        );
        let byte = doc
            .text
            .char_indices()
            .nth(pos as usize)
            .map_or(doc.text.len(), |c| c.0);
        assert_eq!(doc.byte_of(pos), byte, "{pos}");
        for end in pos..=n {
            let scan: Vec<_> = doc
                .entities
                .iter()
                .filter(|e| e.start >= pos && e.end <= end)
                .collect();
            let fast: Vec<_> = doc.entities_within(pos, end).iter().collect();
            assert_eq!(fast, scan);
        }
    }
    for t in 0..doc.tokens.len() + 2 {
        for u in t..doc.tokens.len() + 2 {
            let scan: Vec<_> = doc
                .entities
                .iter()
                .filter(|e| e.tokens.0 as usize >= t && e.tokens.1 as usize <= u)
                .collect();
            let fast: Vec<_> = doc.entities_within_tokens(t, u).iter().collect();
            assert_eq!(fast, scan);
        }
        assert_eq!(
            doc.entity_ending_at_token(t),
            doc.entities.iter().find(|e| e.tokens.1 as usize == t)
        );
    }
}

#[test]
fn a_paragraph_of_unattributed_quotations_keeps_every_one_of_them() {
    // Thousands of quotations no one is said to speak, in one paragraph (what made
    // the continuation and mixed-quote checks scan every quote for every quote),
    // then one that continues an attribution.
    let mut text = "“We will win this.” ".repeat(3_000);
    text.push_str("\n\nThe mayor said the plan would pass. “We will win this.”");
    let doc = annotate(&text);
    assert_eq!(doc.quotes.len(), 3_002);
    assert!(doc.quotes[..3_000]
        .iter()
        .all(|q| q.cue.is_none() && q.continues.is_none()));
    assert_eq!(doc.quotes[3_001].continues, Some(3_000));
}

#[test]
fn every_turn_of_a_long_transcript_is_its_speakers() {
    // Turns with an attribution inside each: the attribution is part of the turn.
    let doc = annotate(&"SMITH: He said the plan would pass.\n\n".repeat(3_000));
    assert_eq!(doc.quotes.len(), 3_000);
    for q in &doc.quotes {
        let source = &doc.sources[q.source.expect("a turn has its speaker") as usize];
        assert_eq!(source.mention.text, "SMITH");
    }
}
