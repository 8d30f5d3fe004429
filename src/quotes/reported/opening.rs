//! A participle clause opening the sentence reports what the subject after it said:
//! "After saying her foot was swollen, she …", and bare, "Claiming the criticism is
//! designed to pressure moderators, Trump told Fox …". The content is the clause, up
//! to its comma; the source is the main clause's subject.

use crate::quotes::clause::opening_clause_end;
use crate::quotes::found::Range;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::words;

/// `(content, source)` of the participle cue at `cue` opening the sentence `[a, b)`.
pub fn read(
    t: &Tokens,
    in_quote: &[bool],
    (a, b): Range,
    cue: Range,
    participle: bool,
) -> Option<(Range, Range)> {
    let (i, n) = (cue.0, cue.1 - cue.0);
    // "After saying her foot was swollen, she …": a participle clause opening the
    // sentence reports what the subject after it said.
    // So does one that opens it bare: "Claiming the criticism is designed to
    // pressure moderators, Trump told Fox …".
    let bare_opening = i == a && participle && n == 1 && t.is_capitalized(i);
    let opens_sentence = bare_opening
        || (i == a + 1 && participle && words().opening_prepositions.contains(t.words[a]));
    let opening = opens_sentence
        .then(|| opening_clause_end(t, in_quote, i + n, b))
        .flatten();
    if let Some((end, from)) = opening {
        let src = t
            .subject_at(from, b)
            .filter(|&(x, y)| (x..y).any(|k| t.is_capitalized(k)) || y == x + 1);
        if let Some(src) = src.filter(|_| end > i + n + 1) {
            return Some(((i + n, end), src));
        }
    }
    None
}
