//! CoNLL-2003 files: reading (IOB1, IOB2, IOBES/BILOU tags) and writing
//! conlleval input.
//!
//! A file is a list of documents (`-DOCSTART-` lines start one), each a list of
//! sentences (blank lines end one). The first column is the token, the last the
//! NER tag; the columns between (POS, chunk) are kept only to be written back.

use std::fmt::Write as _;

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    pub words: Vec<String>,
    /// The NER tag of each word, as written in the file.
    pub tags: Vec<String>,
    /// The middle columns of each line (POS, chunk), joined by a space.
    pub middle: Vec<String>,
}

/// One document (the text between two `-DOCSTART-` lines).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDoc {
    pub sentences: Vec<ConllSentence>,
}

impl ConllDoc {
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Parse CoNLL text. Files without `-DOCSTART-` lines are one document.
pub fn parse(text: &str) -> Result<Vec<ConllDoc>, String> {
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut doc = ConllDoc::default();
    let mut sent = ConllSentence::default();
    for (lineno, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !sent.words.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            if !sent.words.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(format!(
                "line {}: expected at least two columns (token … tag), got {:?}",
                lineno + 1,
                line
            ));
        }
        let tag = cols[cols.len() - 1];
        if tag != "O" && !(tag.len() > 2 && tag.as_bytes()[1] == b'-') {
            return Err(format!(
                "line {}: '{tag}' is not an IOB tag (O, B-X, I-X, E-X, S-X, L-X, U-X)",
                lineno + 1
            ));
        }
        sent.words.push(cols[0].to_string());
        sent.tags.push(tag.to_string());
        sent.middle.push(cols[1..cols.len() - 1].join(" "));
    }
    if !sent.words.is_empty() {
        doc.sentences.push(sent);
    }
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Read and parse a CoNLL file.
pub fn read(path: &std::path::Path) -> Result<Vec<ConllDoc>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn split_tag(tag: &str) -> (char, &str) {
    if tag == "O" || tag.len() < 3 {
        return ('O', "");
    }
    let p = match tag.as_bytes()[0] {
        b'B' => 'B',
        b'I' => 'I',
        b'E' | b'L' => 'E',
        b'S' | b'U' => 'S',
        _ => 'O',
    };
    (p, &tag[2..])
}

/// Entity spans `(start, end, type)` (token indices, end exclusive) of a tag
/// sequence, with conlleval's chunk rules, so IOB1, IOB2 and IOBES/BILOU all work.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    let (mut prev_tag, mut prev_type) = ('O', "");
    for (i, t) in tags.iter().enumerate() {
        let (tag, ty) = split_tag(t.as_ref());
        let end = matches!(
            (prev_tag, tag),
            ('B', 'B')
                | ('B', 'O')
                | ('I', 'B')
                | ('I', 'O')
                | ('E', _)
                | ('S', _)
                | ('B', 'S')
                | ('I', 'S')
        ) || (prev_tag != 'O' && prev_type != ty);
        let start = matches!(
            (prev_tag, tag),
            ('B', 'B')
                | ('I', 'B')
                | ('O', 'B')
                | ('O', 'I')
                | ('E', 'E')
                | ('E', 'I')
                | ('O', 'E')
                | ('S', 'E')
                | ('S', 'I')
                | (_, 'S')
                | ('E', 'B')
                | ('S', 'B')
        ) || (tag != 'O' && prev_type != ty);
        if end {
            if let Some((s, ty)) = cur.take() {
                out.push((s, i, ty));
            }
        }
        if start {
            cur = Some((i, ty.to_string()));
        }
        prev_tag = tag;
        prev_type = ty;
    }
    if let Some((s, ty)) = cur {
        out.push((s, tags.len(), ty));
    }
    out
}

/// IOB2 tags (`B-X` starts every entity) for `n` tokens and the given spans.
pub fn iob2(n: usize, spans: &[(usize, usize, String)]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for (s, e, ty) in spans {
        for (k, t) in tags.iter_mut().enumerate().take((*e).min(n)).skip(*s) {
            *t = format!("{}-{ty}", if k == *s { 'B' } else { 'I' });
        }
    }
    tags
}

/// Write conlleval input: `word middle-columns gold predicted`, a blank line
/// after each sentence and a `-DOCSTART-` block before each document.
pub fn write_predictions(docs: &[ConllDoc], predicted: &[Vec<Vec<String>>]) -> String {
    let mut out = String::new();
    for (doc, pdoc) in docs.iter().zip(predicted) {
        out.push_str("-DOCSTART- -X- -X- O O\n\n");
        for (s, ps) in doc.sentences.iter().zip(pdoc) {
            for (i, w) in s.words.iter().enumerate() {
                let mid = &s.middle[i];
                let p = ps.get(i).map(String::as_str).unwrap_or("O");
                if mid.is_empty() {
                    let _ = writeln!(out, "{w} {} {p}", s.tags[i]);
                } else {
                    let _ = writeln!(out, "{w} {mid} {} {p}", s.tags[i]);
                }
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const IOB1: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nIn IN I-PP I-LOC\nSan NNP I-NP B-LOC\nFrancisco NNP I-NP I-LOC\n";

    #[test]
    fn reads_documents_sentences_and_iob1_spans() {
        let docs = parse(IOB1).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].words, ["EU", "rejects", "German"]);
        assert_eq!(docs[0].sentences[0].middle[0], "NNP I-NP");
        assert_eq!(
            spans(&docs[0].sentences[0].tags),
            vec![(0, 1, "ORG".into()), (2, 3, "MISC".into())]
        );
        assert_eq!(
            spans(&docs[0].sentences[1].tags),
            vec![(0, 2, "PER".into())]
        );
        // IOB1: B- only separates two adjacent entities of one type.
        assert_eq!(
            spans(&docs[1].sentences[0].tags),
            vec![(0, 1, "LOC".into()), (1, 3, "LOC".into())]
        );
    }

    #[test]
    fn reads_iob2_and_bilou() {
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "I-ORG"];
        assert_eq!(
            spans(&iob2),
            vec![
                (0, 2, "PER".into()),
                (2, 3, "PER".into()),
                (4, 5, "LOC".into()),
                (5, 6, "ORG".into())
            ]
        );
        let bilou = ["U-PER", "B-LOC", "L-LOC", "U-LOC", "O"];
        assert_eq!(
            spans(&bilou),
            vec![
                (0, 1, "PER".into()),
                (1, 3, "LOC".into()),
                (3, 4, "LOC".into())
            ]
        );
        let text = "a x B-ORG\nb x I-ORG\n\nc x O\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(
            spans(&docs[0].sentences[0].tags),
            vec![(0, 2, "ORG".into())]
        );
    }

    #[test]
    fn iob2_round_trip_and_errors() {
        let s = vec![(0, 2, "PER".to_string()), (2, 3, "PER".to_string())];
        let t = iob2(4, &s);
        assert_eq!(t, ["B-PER", "I-PER", "B-PER", "O"]);
        assert_eq!(spans(&t), s);
        assert!(parse("word\n").is_err());
        assert!(parse("word NN X\n").is_err());
        assert!(parse("").unwrap().is_empty());
    }
}
