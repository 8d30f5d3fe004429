//! Sentence boundaries over the tokens of one paragraph.
//!
//! Abbreviations were settled by the tokenizer (a period it left attached is
//! not a full stop), so a sentence ends at every `.`, `!`, `?` token, taking
//! along closing quotes and brackets, with three refinements news needs:
//! - `“Stop!” he said` stays one sentence: a quote ending in `!`/`?` followed
//!   by a lowercase word is part of the sentence around it;
//! - an ellipsis ends a sentence only before a capital or an opening quote;
//! - an abbreviation that may end a sentence ("U.S.", "Inc.", an initial)
//!   does so before a common sentence starter ("The", "He", …), an opening
//!   quote; its period then becomes a token of its own, as CoreNLP does
//!   ("p.m" + "."). At the end of a paragraph the abbreviation stays whole.

use super::lexicon::{AbbrevClass, Lexicon};
use super::tokenizer::RawToken;
use crate::document::TokenKind;

/// Split `tokens` (one paragraph) into sentences. Returns the sentence ends as
/// exclusive token indices; tokens may be split (an abbreviation's final period).
pub fn split_sentences(text: &str, tokens: &mut Vec<RawToken>, ends: &mut Vec<usize>) {
    let lexicon = Lexicon::get();
    let mut k = 0;
    while k < tokens.len() {
        let t = tokens[k];
        let mark = &text[t.start..t.end];
        if t.kind == TokenKind::Punct && is_terminal(mark) {
            let j = absorb_followers(text, tokens, k + 1);
            let split = match tokens.get(j) {
                None => true,
                Some(next) => {
                    let next_text = &text[next.start..next.end];
                    let quoted_exclamation =
                        j > k + 1 && mark != "." && tokens[j - 1].kind == TokenKind::CloseQuote;
                    if quoted_exclamation && starts_lowercase(next_text) {
                        false
                    } else if is_ellipsis(mark) {
                        starts_uppercase(next_text) || next.kind == TokenKind::OpenQuote
                    } else {
                        true
                    }
                }
            };
            if split && j < tokens.len() {
                ends.push(j);
            }
            k = j;
            continue;
        }
        if let Some(class) = t.abbrev {
            if class.may_end_sentence() {
                let j = absorb_followers(text, tokens, k + 1);
                let split = match tokens.get(j) {
                    None => true,
                    Some(next) => {
                        let next_text = &text[next.start..next.end];
                        next.kind == TokenKind::OpenQuote
                            || (next.kind == TokenKind::Word && lexicon.is_starter(next_text))
                            || (j > k + 1
                                && class != AbbrevClass::Initial
                                && starts_uppercase(next_text))
                    }
                };
                if split && j < tokens.len() {
                    // The abbreviation's period doubles as the full stop: make it a token.
                    tokens[k].end -= 1;
                    tokens[k].abbrev = None;
                    tokens.insert(
                        k + 1,
                        RawToken {
                            start: t.end - 1,
                            end: t.end,
                            kind: TokenKind::Punct,
                            abbrev: None,
                        },
                    );
                    ends.push(j + 1);
                    k = j + 1;
                    continue;
                }
            }
        }
        k += 1;
    }
    ends.push(tokens.len());
}

fn is_terminal(mark: &str) -> bool {
    matches!(mark, "." | "!" | "?" | "…") || (mark.len() >= 2 && mark.bytes().all(|b| b == b'.'))
}

fn is_ellipsis(mark: &str) -> bool {
    mark == "…" || mark.len() >= 2
}

/// Index after the tokens that belong to the sentence ending at `j - 1`:
/// more terminal marks, closing quotes, closing brackets.
fn absorb_followers(text: &str, tokens: &[RawToken], mut j: usize) -> usize {
    while let Some(t) = tokens.get(j) {
        let mark = &text[t.start..t.end];
        let follows = match t.kind {
            TokenKind::CloseQuote => true,
            TokenKind::Punct => {
                matches!(mark, ")" | "]" | "}" | "!" | "?") || mark.bytes().all(|b| b == b'.')
            }
            // A possessive-looking apostrophe right after a full stop closes a single quote.
            TokenKind::Clitic => mark == "'" || mark == "’",
            _ => false,
        };
        if !follows {
            break;
        }
        j += 1;
    }
    j
}

fn starts_uppercase(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}
