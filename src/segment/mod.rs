//! Segmentation: paragraphs, then tokens, then sentences.
//!
//! - [`paragraphs`]: a paragraph is a line of text; blank lines and single
//!   newlines both end one, so headlines and datelines stand alone.
//! - [`tokenizer`]: PTB/CoNLL-style tokens (clitics split, abbreviations kept).
//! - [`sentences`]: sentence ends within each paragraph.
//!
//! The [`Segmenter`] is the pipeline stage that runs all three and writes
//! `paragraphs`, `sentences` and `tokens` onto the document.

pub mod lexicon;
pub mod paragraphs;
pub mod sentences;
pub mod tokenizer;

use crate::document::offsets::ByteToChar;
use crate::document::{Document, Paragraph, Sentence, Token};
use crate::stage::{Processor, ProcessorError};
use tokenizer::RawToken;

/// The segmentation stage. Stateless: share one across threads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Segmenter;

impl Segmenter {
    pub fn new() -> Self {
        Segmenter
    }

    /// Replace the document's paragraphs, sentences and tokens with fresh ones.
    pub fn segment(&self, doc: &mut Document) {
        doc.paragraphs.clear();
        doc.sentences.clear();
        doc.tokens.clear();
        let text = doc.text.as_str();
        let mut conv = ByteToChar::new(text);
        let mut raw: Vec<RawToken> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        for (p_start, p_end) in paragraphs::lines(text) {
            raw.clear();
            ends.clear();
            tokenizer::tokenize(text, p_start, p_end, &mut raw);
            if raw.is_empty() {
                continue;
            }
            sentences::split_sentences(text, &mut raw, &mut ends);
            let paragraph = doc.paragraphs.len() as u32;
            let first_sentence = doc.sentences.len() as u32;
            let mut from = 0;
            for &to in &ends {
                if to <= from {
                    continue;
                }
                let first_token = doc.tokens.len() as u32;
                for t in &raw[from..to] {
                    let start = conv.convert(t.start);
                    let end = conv.convert(t.end);
                    doc.tokens.push(Token {
                        start,
                        end,
                        kind: t.kind,
                        bytes: (t.start as u32, t.end as u32),
                    });
                }
                let last = doc.tokens.len();
                doc.sentences.push(Sentence {
                    start: doc.tokens[first_token as usize].start,
                    end: doc.tokens[last - 1].end,
                    tokens: (first_token, last as u32),
                    paragraph,
                });
                from = to;
            }
            let sentences = (first_sentence, doc.sentences.len() as u32);
            doc.paragraphs.push(Paragraph {
                start: doc.sentences[first_sentence as usize].start,
                end: doc.sentences[sentences.1 as usize - 1].end,
                sentences,
            });
        }
    }
}

impl Processor for Segmenter {
    fn name(&self) -> &str {
        "segment"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        self.segment(doc);
        Ok(())
    }
}
