//! Which quotations are statements. A short quotation inside a sentence is a scare
//! quote, a title or a nickname, and a title set in title case inside a sentence
//! (“The Steve Harvey Morning Show”) names something; neither says anything. A
//! quotation opening its sentence is always read as a statement.

use crate::document::Document;
use crate::quotes::marks::Quoted;
use crate::quotes::tokens::{is_title_case, Tokens};

/// Shortest quoted span, in tokens inside the marks, taken as a statement on its own;
/// shorter ones are scare quotes, titles or nicknames unless they open a sentence.
const MIN_STATEMENT: usize = 4;

/// Shortest unattributed quotation inside a sentence kept as a statement of its own.
pub const EMBEDDED_STATEMENT: usize = 6;

/// The words of a quotation (its marks and punctuation left out).
pub fn words(doc: &Document, q: &Quoted) -> usize {
    q.segments
        .iter()
        .flat_map(|&(x, y)| x..y)
        .filter(|&i| doc.tokens[i].kind.is_word())
        .count()
}

/// Whether a quotation of `words` words may be a statement: long enough or opening
/// its sentence, and no title.
pub fn may_be_statement(
    doc: &Document,
    tokens: &Tokens,
    q: &Quoted,
    opens_sentence: bool,
    words: usize,
) -> bool {
    if words < MIN_STATEMENT && !opens_sentence {
        return false;
    }
    // A title inside a sentence ("On Tuesday’s episode of “The Steve Harvey Morning
    // Show,” she said …", "his 2002 book, ''Make Your Kid a Millionaire,''") names
    // something; it says nothing.
    if !opens_sentence && q.segments.len() == 1 {
        let (x, y) = q.segments[0];
        let is_word = |&k: &usize| doc.tokens[k].kind.is_word();
        let shouted = (x..y)
            .filter(is_word)
            .all(|k| !tokens.words[k].chars().any(char::is_lowercase));
        let statement_end = (x..y).any(|k| matches!(tokens.words[k], "." | "!" | "?"));
        if let (Some(first), Some(last)) = ((x..y).find(is_word), (x..y).rev().find(is_word)) {
            if !shouted && !statement_end && is_title_case(tokens, first, last + 1) {
                return false;
            }
        }
    }
    true
}
