//! Checks against the reference material in `../shared`: CoreNLP agreement on
//! PolNeAR dev, and the seed article. Each skips, saying so, when `../shared` is absent.

mod common;

use byline::eval::segmentation;
use byline::{Document, Pipeline};

#[test]
fn corenlp_agreement_on_polnear_dev() {
    let Some(shared) = common::shared_dir("data/polnear/dev/corenlp-tokens") else {
        return;
    };
    let report = segmentation::evaluate_dir(&shared.join("data/polnear/dev")).unwrap();
    let (tok, sent) = (report.tokens.f1(), report.sentence_ends.f1());
    eprintln!(
        "CoreNLP agreement over {} documents: token F1 {tok:.4}, sentence-end F1 {sent:.4}",
        report.documents
    );
    assert!(
        report.documents >= 80,
        "expected the 83 dev tables, read {}",
        report.documents
    );
    assert!(tok >= 0.98, "token F1 {tok:.4} < 0.98");
    assert!(sent >= 0.95, "sentence-end F1 {sent:.4} < 0.95");
}

#[test]
fn seed_article_keeps_names_and_quote_whole() {
    let Some(shared) = common::shared_dir("fixtures/seed-article.txt") else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("fixtures/seed-article.txt")).unwrap();
    let doc = Pipeline::default()
        .annotate(Document::new("seed", text))
        .unwrap();
    let chars: Vec<char> = doc.text.chars().collect();
    let sentences: Vec<String> = doc
        .sentences
        .iter()
        .map(|s| chars[s.start as usize..s.end as usize].iter().collect())
        .collect();
    for needle in [
        "Kirstjen M. Nielsen",
        "Mr. Trump",
        "“I am bringing out the military for this National Emergency,”",
    ] {
        let occurrences = doc.text.matches(needle).count();
        let whole = sentences
            .iter()
            .map(|s| s.matches(needle).count())
            .sum::<usize>();
        assert!(occurrences > 0, "{needle:?} is not in the seed article");
        assert_eq!(
            whole, occurrences,
            "a sentence break falls inside {needle:?}"
        );
    }
    // The headline and the dateline paragraph are sentences of their own.
    assert!(
        sentences[0].ends_with("Official Says"),
        "headline: {:?}",
        sentences[0]
    );
    assert!(
        sentences[1].starts_with("WASHINGTON — President Trump"),
        "{:?}",
        sentences[1]
    );
}
