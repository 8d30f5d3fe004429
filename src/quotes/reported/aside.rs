//! A clause set off by commas between the subject and its cue: "An engineer,
//! speaking on condition of anonymity …, said …", "X, who …, said …". The source opens
//! the sentence; the content follows the cue.

use crate::quotes::found::Range;
use crate::quotes::lexicon::CueClass;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::words;

/// `(content, source)` of a cue at `cue` in `[a, end)` after an aside.
pub fn read(
    t: &Tokens,
    (a, end): Range,
    cue: Range,
    class: CueClass,
) -> Option<(Vec<Range>, Range)> {
    if cue.0 > a + 3 && t.words[cue.0 - 1] == "," && class != CueClass::According {
        if let Some(open) = (a + 1..cue.0 - 1).rev().find(|&k| t.words[k] == ",") {
            let clause = t.words[open + 1];
            if clause.ends_with("ing") || words().aside_relatives.contains(clause) {
                if let Some(source) = t.source_before(a, open).filter(|s| s.0 == a) {
                    let start = cue.1;
                    return Some((vec![(start, end)], source));
                }
            }
        }
    }
    None
}
