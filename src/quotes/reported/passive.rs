//! The passive: "Clinton is supported by most unions", "the issue was first reported
//! by the Post". The source follows "by" (up to a comma, as after "according to"); the
//! content is the subject before the verb.

use crate::quotes::dateline::dateline_end;
use crate::quotes::found::Range;
use crate::quotes::lexicon::{CueClass, QuoteLexicon};
use crate::quotes::tokens::Tokens;
use crate::quotes::words::words;

/// `(content, source)` of a passive cue at `cue` in `[a, end)`.
pub fn read(
    t: &Tokens,
    in_quote: &[bool],
    (a, end): Range,
    cue: Range,
    class: CueClass,
) -> Option<(Range, Range)> {
    let by = if cue.1 < end && t.words[cue.1] == "by" {
        Some(cue.1)
    } else {
        (cue.1 - cue.0 > 1 && t.words[cue.1 - 1] == "by").then_some(cue.1 - 1)
    };
    if let Some(by) = by.filter(|_| class != CueClass::According) {
        let lx = QuoteLexicon::get();
        let wl = words();
        let mut k = cue.0;
        while k > a && (t.is_adverb(k - 1, lx) || wl.passive_adverbs.contains(t.words[k - 1])) {
            k -= 1;
        }
        let be = k > a && wl.passive_be.contains(t.words[k - 1]);
        if be {
            let mut aux = k - 1;
            while aux > a && wl.passive_auxiliaries.contains(t.words[aux - 1]) {
                aux -= 1;
            }
            // The subject runs back to the clause's comma or the sentence start.
            let start = (a..aux)
                .rev()
                .find(|&i| !in_quote[i] && matches!(t.words[i], "," | ";" | ":"))
                .map_or_else(|| dateline_end(t, a, aux), |c| c + 1);
            // What follows "by" up to a comma, as after "according to".
            if let Some(source) = t.source_until_comma(by + 1, end) {
                if start < aux
                    && !(start..aux).any(|i| wl.passive_subject_stops.contains(t.words[i]))
                {
                    return Some(((start, aux), source));
                }
            }
        }
    }
    None
}
