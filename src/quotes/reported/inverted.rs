//! Inversion, CONTENT, CUE SOURCE: "…, said the official." A verb of saying after a
//! comma, its source after it, ending the sentence or a clause.

use crate::quotes::found::Range;
use crate::quotes::lexicon::CueClass;
use crate::quotes::tokens::Tokens;

/// `(content, source)` of an inverted cue at `cue` in `[a, end)`.
pub fn read(
    t: &Tokens,
    (a, end): Range,
    cue: Range,
    class: CueClass,
) -> Option<(Vec<Range>, Range)> {
    if class == CueClass::Speech && cue.0 > a + 2 && t.words[cue.0 - 1] == "," {
        if let Some(source) = t.source_after(cue.1, end) {
            if source.1 == end || t.words[source.1] == "," {
                return Some((vec![(a, cue.0 - 1)], source));
            }
        }
    }
    None
}
