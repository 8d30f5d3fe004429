//! CoNLL: one token per line with its IOB2 entity tag, a blank line after each
//! sentence, and `-DOCSTART- O` before each document (CoNLL-2003's marker, which
//! `byline eval ner` reads as a document boundary).
//!
//! ```text
//! -DOCSTART- O
//!
//! Maria B-PER
//! Lopez I-PER
//! spoke O
//! . O
//! ```

use crate::document::Document;
use std::fmt::Write;

/// The IOB2 tag of every token: `B-`/`I-` plus the entity label, else `O`.
pub fn tags(doc: &Document) -> Vec<String> {
    let mut tags = vec!["O".to_string(); doc.tokens.len()];
    for e in &doc.entities {
        let (a, b) = (e.tokens.0 as usize, (e.tokens.1 as usize).min(tags.len()));
        for (k, tag) in tags.iter_mut().enumerate().take(b).skip(a) {
            let prefix = if k == a { "B" } else { "I" };
            *tag = format!("{prefix}-{}", e.label.as_str());
        }
    }
    tags
}

/// A document in CoNLL form, its `-DOCSTART-` line first. A token whose text holds
/// white space (none does after segmentation, but stay total) has it replaced by `_`.
pub fn document(doc: &Document) -> String {
    let tags = tags(doc);
    let mut out = String::from("-DOCSTART- O\n\n");
    for s in &doc.sentences {
        let (a, b) = (
            s.tokens.0 as usize,
            (s.tokens.1 as usize).min(doc.tokens.len()),
        );
        if a >= b {
            continue;
        }
        for (i, tag) in tags.iter().enumerate().take(b).skip(a) {
            let t = &doc.tokens[i];
            let text: String = doc
                .text
                .get(t.bytes.0 as usize..t.bytes.1 as usize)
                .unwrap_or_default()
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c })
                .collect();
            let text = if text.is_empty() {
                "_".to_string()
            } else {
                text
            };
            let _ = writeln!(out, "{text} {tag}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_become_iob2_tags_by_sentence() {
        let doc = crate::Pipeline::default()
            .annotate(Document::new("d", "Maria Lopez spoke in Paris. She left."))
            .unwrap();
        let text = document(&doc);
        assert!(
            text.starts_with("-DOCSTART- O\n\nMaria B-PER\nLopez I-PER\nspoke O\n"),
            "{text}"
        );
        assert!(text.contains("Paris B-LOC\n. O\n\nShe O\n"), "{text}");
        assert!(text.ends_with(". O\n\n"), "{text}");
    }
}
