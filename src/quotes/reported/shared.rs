//! A cue that shares the source of its sentence's clause: "X said A and added B",
//! "X did A, saying B", "… began by saying", "…, despite admitting". The source is
//! the one an earlier attribution of the sentence found, else the subject opening
//! the sentence; the content runs to the sentence's end (an adverbial clause to its
//! comma), and the earlier content with that source stops where this one starts.

use crate::document::TokenKind;
use crate::quotes::clause::{after_comma, clause_end, subject_start};
use crate::quotes::found::{Found, Range};
use crate::quotes::tokens::Text;
use crate::quotes::words::words;

/// "… began by saying", "…, despite admitting": whether the participle cue at `i`
/// (in a sentence starting at `a`) follows a preposition inside the sentence, so
/// that it shares the main clause's subject; not where it lies in content found
/// already ("noted that she was pilloried for acknowledging …").
pub fn after_preposition(
    text: &Text,
    a: usize,
    i: usize,
    participle: bool,
    found: &[Found],
) -> bool {
    i > a + 1
        && participle
        && words()
            .participle_prepositions
            .contains(text.tokens.words[i - 1])
        && !found
            .iter()
            .any(|f| f.content.iter().any(|&(x, y)| x <= i && i < y))
}

/// `(content, source)` of the cue at `cue` in the sentence `[a, b)` where it shares
/// the sentence's source, which `sentence_source` holds (and gets, from the subject
/// opening the sentence, for a participle); the content of the attribution before,
/// if it has that source, is cut back to where this one starts.
pub fn read(
    text: &Text,
    (a, b): Range,
    cue: Range,
    participle: bool,
    after_preposition: bool,
    found: &mut [Found],
    sentence_source: &mut Option<Range>,
) -> Option<(Range, Range)> {
    let (doc, tokens, in_quote) = (text.doc, text.tokens, text.in_quote);
    let (i, n) = (cue.0, cue.1 - cue.0);
    // "X said A but said B" as much as "and said".
    let coordinated = i > a && words().coordinators.contains(tokens.words[i - 1]);
    let shared =
        i > a && (coordinated || (participle && after_comma(tokens, a, i)) || after_preposition);
    if shared && sentence_source.is_none() && participle {
        // "Trump attacked Clinton, saying …": the subject opening the sentence.
        // After a preposition the clause is no afterthought, so any subject will do.
        // Past a dateline and an opening adverbial: "After thanking the crowd,
        // he …", not "After".
        let from = subject_start(tokens, a, i);
        *sentence_source = from
            .and_then(|from| tokens.subject_at(from, i))
            .filter(|&(x, y)| {
                after_preposition
                    || (x..y).any(|k| tokens.is_capitalized(k) && k > x)
                    || y == x + 1
                    // "Obama’s aides were complimentary, perhaps recognizing …"
                    || (tokens.is_capitalized(x)
                        && (x + 1..y).any(|k| matches!(tokens.words[k], "’s" | "'s")))
            });
    }
    if shared {
        if let Some(src) = *sentence_source {
            let mut end = b;
            while end > i + n && doc.tokens[end - 1].kind == TokenKind::Punct {
                end -= 1;
            }
            if after_preposition {
                // The adverbial clause ends at its comma, before the main clause goes on.
                end = clause_end(tokens, in_quote, i + n, end);
            }
            if end > i + n + 2 {
                // The earlier content stops where this attribution starts.
                let prev = found
                    .last_mut()
                    .filter(|f| f.source == Some(src) && !after_preposition);
                if let Some(prev) = prev {
                    if let Some(last) = prev.content.last_mut() {
                        if last.0 < i && last.1 > i - 1 {
                            last.1 = i - 1;
                            while last.1 > last.0 && tokens.words[last.1 - 1] == "," {
                                last.1 -= 1;
                            }
                        }
                    }
                }
                return Some(((i + n, end), src));
            }
        }
    }
    None
}
