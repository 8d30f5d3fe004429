//! Whether what a pattern read at a cue is content: a clause of three words or more,
//! or, for a speech act, an object ("backed Clinton", "attacked him"), not an
//! adverbial ("ruled on Thursday").

use crate::quotes::found::{reported_kind, Found, Range};
use crate::quotes::lexicon::CueClass;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::{is_weekday, opens_adverbial, words};

/// The attribution at `cue` with `content` (empty ranges dropped) and `source`, if
/// the content passes.
pub fn accept(
    t: &Tokens,
    in_quote: &[bool],
    cue: Range,
    class: CueClass,
    content: Vec<Range>,
    source: Option<Range>,
) -> Option<Found> {
    let content: Vec<Range> = content.into_iter().filter(|(x, y)| y > x).collect();
    let len: usize = content.iter().map(|(x, y)| y - x).sum();
    // A speech act's object may be a short noun phrase ("backed Clinton", "attacked
    // him", "opposed the pipeline"), not an adverbial ("ruled on Thursday"); what a
    // verb of saying or thinking reports is a clause.
    let object = || {
        content.first().is_some_and(|&(x, _)| {
            let w = t.words[x];
            !is_weekday(w)
                && !opens_adverbial(w)
                && !words().not_object_openers.contains(w)
                && !matches!(w, "," | ".")
        })
    };
    (len >= 3 || (len >= 1 && class == CueClass::Act && object())).then(|| Found {
        kind: reported_kind(in_quote, &content),
        content,
        cue: Some(cue),
        source,
        continues: None,
    })
}
