//! The seed article's acceptance checks (`../shared/fixtures/seed-article.expected.json`),
//! shared by the default pipeline's tests and the accurate pipeline's.
#![allow(dead_code)]

use byline::Document;

pub fn content_text(q: &byline::document::Quote) -> String {
    q.content
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// Each expected quote with the quote found for it (the one whose content holds
/// `content_contains`), and a failure line for every expected quote not found.
pub fn expected_quotes<'d>(
    doc: &'d Document,
    expected: &'d serde_json::Value,
    failures: &mut Vec<String>,
) -> Vec<(&'d serde_json::Value, &'d byline::document::Quote)> {
    let mut out = Vec::new();
    for want in expected["quotes"].as_array().unwrap() {
        let needle = want["content_contains"].as_str().unwrap();
        match doc.quotes.iter().find(|q| content_text(q).contains(needle)) {
            Some(q) => out.push((want, q)),
            None => failures.push(format!("no quote contains {needle:?}")),
        }
    }
    out
}

/// Every way the quotes of `doc` fall short of the expectations: content, source,
/// cue, speaker, anonymous flag, and text taken for a quote that is none.
pub fn quote_failures(doc: &Document, expected: &serde_json::Value) -> Vec<String> {
    let mut failures = Vec::new();
    for (want, q) in expected_quotes(doc, expected, &mut failures) {
        let needle = want["content_contains"].as_str().unwrap();
        let source = q.source.map(|s| &doc.sources[s as usize]);
        let got_source = source.map(|s| s.mention.text.as_str());
        if got_source != want["source"].as_str() {
            failures.push(format!(
                "{needle:?}: source {got_source:?}, expected {}",
                want["source"]
            ));
        }
        let got_cue = q.cue.as_ref().map(|c| c.text.as_str());
        if got_cue != want["cue"].as_str() {
            failures.push(format!(
                "{needle:?}: cue {got_cue:?}, expected {}",
                want["cue"]
            ));
        }
        match want["speaker"].as_str() {
            Some(name) if !q.speaker_name.as_deref().is_some_and(|s| s.contains(name)) => failures
                .push(format!(
                    "{needle:?}: speaker {:?}, expected {name:?}",
                    q.speaker_name
                )),
            None if q.speaker_name.is_some() => failures.push(format!(
                "{needle:?}: speaker {:?}, expected none",
                q.speaker_name
            )),
            _ => {}
        }
        let anonymous = source.is_some_and(|s| s.anonymous);
        if Some(anonymous) != want["anonymous"].as_bool() {
            failures.push(format!(
                "{needle:?}: anonymous {anonymous}, expected {}",
                want["anonymous"]
            ));
        }
    }
    for not in expected["not_quotes"].as_array().unwrap() {
        let not = not.as_str().unwrap();
        if doc.quotes.iter().any(|q| content_text(q).contains(not)) {
            failures.push(format!("{not:?} was taken for a quote"));
        }
    }
    failures
}

/// The anonymity expectations: flags, anonymity statements and the descriptor of
/// "a Defense Department official".
pub fn anonymity_failures(doc: &Document, expected: &serde_json::Value) -> Vec<String> {
    let mut failures = Vec::new();
    for (want, q) in expected_quotes(doc, expected, &mut failures) {
        let needle = want["content_contains"].as_str().unwrap();
        let source = q.source.map(|s| &doc.sources[s as usize]);
        let anonymous = source.is_some_and(|s| s.anonymous);
        if Some(anonymous) != want["anonymous"].as_bool() {
            failures.push(format!(
                "{needle:?}: anonymous {anonymous}, expected {}",
                want["anonymous"]
            ));
        }
        let cue = source.is_some_and(|s| s.anonymity_cue.is_some());
        if Some(cue) != want["anonymity_cue"].as_bool() {
            failures.push(format!(
                "{needle:?}: anonymity_cue {:?}, expected {}",
                source.and_then(|s| s.anonymity_cue.as_ref()),
                want["anonymity_cue"]
            ));
        }
    }
    let official = doc
        .sources
        .iter()
        .find(|s| s.mention.text == "a Defense Department official");
    match official.and_then(|s| s.descriptor.as_ref()) {
        Some(d) => {
            if d.affiliation.as_deref() != Some("Defense Department") {
                failures.push(format!("affiliation {:?}", d.affiliation));
            }
            if d.role.as_deref() != Some("official") {
                failures.push(format!("role {:?}", d.role));
            }
        }
        None => failures.push("no descriptor for \"a Defense Department official\"".into()),
    }
    failures
}
