//! "according to X": "…, according to X.", "According to X, …" and "A, according to
//! X, B". The source runs to the next comma (with a relative clause on it: "officials
//! … who spoke on condition of anonymity,"); the content is the rest of the sentence
//! on both sides.

use crate::quotes::found::Range;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::words;

/// `(content, source)` around the "according to" at `cue` in `[a, end)`.
pub fn read(t: &Tokens, (a, end): Range, cue: Range) -> Option<(Vec<Range>, Range)> {
    let source = t.source_until_comma(cue.1, end)?;
    // "…, according to X." / "According to X, …" / "A, according to X, B".
    let before = (
        a,
        if cue.0 > a && t.words[cue.0 - 1] == "," {
            cue.0 - 1
        } else {
            cue.0
        },
    );
    // A relative clause on the source runs to the next comma ("officials … who spoke on condition of anonymity,").
    let mut after_start = source.1;
    if after_start < end && words().relative_pronouns.contains(t.words[after_start]) {
        if let Some(comma) = (after_start..end).find(|&k| t.words[k] == ",") {
            after_start = comma;
        }
    }
    if after_start < end && t.words[after_start] == "," {
        after_start += 1;
    }
    Some((vec![before, (after_start, end)], source))
}
