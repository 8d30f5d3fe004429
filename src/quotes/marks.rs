//! Quotation marks paired into quoted spans.
//!
//! Only double marks (`“ ”`, `"`, PTB's ``` `` ``` and `''`) delimit quotations;
//! single marks inside them are nested quotes and stay part of the content.
//! News conventions handled here:
//! - a quotation running over several paragraphs opens each paragraph with a
//!   mark and closes only in the last: the paragraphs become segments of one span;
//! - a mark left open at the end of a paragraph that the next does not
//!   continue is closed there, so one stray mark never swallows the article;
//! - a closing mark with nothing open is ignored.

use crate::document::{Document, TokenKind};

/// One quotation: its segments as token ranges `[first, last)`, marks included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub segments: Vec<(usize, usize)>,
    /// Whether the final closing mark was found (false when recovered at a paragraph end).
    pub closed: bool,
}

impl Quoted {
    pub fn first(&self) -> usize {
        self.segments[0].0
    }
    pub fn last(&self) -> usize {
        self.segments[self.segments.len() - 1].1
    }
    /// Number of tokens inside the marks.
    pub fn inner_len(&self) -> usize {
        self.segments
            .iter()
            .map(|&(a, b)| b - a)
            .sum::<usize>()
            .saturating_sub(2 * self.segments.len())
    }
}

fn is_double(text: &str) -> bool {
    matches!(text, "“" | "”" | "\"" | "``" | "''" | "„" | "«" | "»")
}

/// Pair the double quotation marks of a document.
pub fn quoted_spans(doc: &Document) -> Vec<Quoted> {
    let mut out = Vec::new();
    // The open quotation: its finished segments and where the current one began.
    let mut open: Option<(Vec<(usize, usize)>, usize)> = None;
    for (p, para) in doc.paragraphs.iter().enumerate() {
        let (s0, s1) = para.sentences;
        let first_tok = doc.sentences[s0 as usize].tokens.0 as usize;
        let end_tok = doc.sentences[s1 as usize - 1].tokens.1 as usize;
        for i in first_tok..end_tok {
            let t = &doc.tokens[i];
            if !t.kind.is_quote() || !is_double(doc.token_text(i)) {
                continue;
            }
            match (t.kind, &mut open) {
                (TokenKind::OpenQuote, None) => open = Some((Vec::new(), i)),
                (TokenKind::OpenQuote, Some((_, start))) if i == first_tok => {
                    // A continuation paragraph reopening the quotation.
                    *start = i;
                }
                // Reopened without a close: the earlier mark was stray; start afresh here.
                (TokenKind::OpenQuote, Some(_)) => open = Some((Vec::new(), i)),
                (TokenKind::CloseQuote, Some(_)) => {
                    if let Some((mut segs, start)) = open.take() {
                        segs.push((start, i + 1));
                        out.push(Quoted {
                            segments: segs,
                            closed: true,
                        });
                    }
                }
                _ => {}
            }
        }
        // Paragraph end with a quotation open: it continues only if the next
        // paragraph opens with a quotation mark.
        if let Some((segs, start)) = &mut open {
            segs.push((*start, end_tok));
            let continues = doc.paragraphs.get(p + 1).is_some_and(|next| {
                let t = doc.sentences[next.sentences.0 as usize].tokens.0 as usize;
                doc.tokens[t].kind == TokenKind::OpenQuote && is_double(doc.token_text(t))
            });
            if !continues {
                if let Some((segs, _)) = open.take() {
                    out.push(Quoted {
                        segments: segs,
                        closed: false,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn spans(text: &str) -> Vec<(Vec<String>, bool)> {
        let mut doc = Document::new("t", text);
        Segmenter::new().segment(&mut doc);
        quoted_spans(&doc)
            .into_iter()
            .map(|q| {
                let segs = q
                    .segments
                    .iter()
                    .map(|&(a, b)| {
                        let (s, e) = (
                            doc.tokens[a].bytes.0 as usize,
                            doc.tokens[b - 1].bytes.1 as usize,
                        );
                        doc.text[s..e].to_string()
                    })
                    .collect();
                (segs, q.closed)
            })
            .collect()
    }

    #[test]
    fn simple_and_split_quotes() {
        assert_eq!(
            spans("“A,” he said. “B.”"),
            [
                (vec!["“A,”".to_string()], true),
                (vec!["“B.”".to_string()], true)
            ]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            spans("“He said ‘no,’ then left.”")[0].0,
            ["“He said ‘no,’ then left.”"]
        );
    }

    #[test]
    fn multi_paragraph_quotation() {
        let got = spans("“First part.\n\n“Second part,” she said.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ["“First part.", "“Second part,”"]);
        assert!(got[0].1);
    }

    #[test]
    fn unbalanced_mark_closes_at_paragraph_end() {
        let got =
            spans("He said “this never closes.\n\nNext paragraph is plain. “Real,” she said.");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], (vec!["“this never closes.".to_string()], false));
        assert_eq!(got[1].0, ["“Real,”"]);
    }

    #[test]
    fn stray_closing_mark_is_ignored() {
        assert!(spans("A stray ” mark.").is_empty());
    }

    #[test]
    fn straight_and_ptb_marks() {
        assert_eq!(spans("He said \"yes\" and ``no''.").len(), 2);
    }
}
