//! CONTENT, SOURCE CUE: "A, two officials said." The source follows a comma with the
//! content before it; an adverbial or an adjunct after the cue ("said on Thursday",
//! "said in a video message to the convention") adds nothing, a headline's "…,
//! Official Says" ends it, and content may run on after a parenthetical attribution
//! ("A, two officials said, is B").

use crate::quotes::dateline::dateline_end;
use crate::quotes::found::Range;
use crate::quotes::lexicon::CueClass;
use crate::quotes::tokens::Text;
use crate::quotes::words::{is_adverbial, words};

/// The content before `source` and the cue at `cue` in the sentence `[a, end)`
/// (sentence index `sentence`).
pub fn read(
    text: &Text,
    (a, end): Range,
    cue: Range,
    class: CueClass,
    sentence: usize,
    source: Range,
) -> Option<Vec<Range>> {
    let (doc, t, in_quote) = (text.doc, text.tokens, text.in_quote);
    // CONTENT, SOURCE CUE: the source follows a comma with content before it.
    if source.0 > a + 2 && t.words[source.0 - 1] == "," && class.can_follow_content() {
        let wl = words();
        let is_headline = doc.sentences[sentence].paragraph == 0;
        // What follows the cue: an adverbial up to a comma or the end ("said on Thursday, …").
        let mut k = cue.1;
        // Place names count inside it: "said Tuesday in Paris, noting …".
        let place = |k: usize| {
            k > cue.1
                && t.is_capitalized(k)
                && (wl.place_prepositions.contains(t.words[k - 1]) || t.is_capitalized(k - 1))
        };
        while k < end && k - cue.1 < 6 && (is_adverbial(t.words[k]) || place(k)) {
            k += 1;
        }
        // Or an adjunct running to the end ("said in a video message to the convention",
        // "said as he launched the process"): no reported clause follows the cue.
        let adjunct = cue.1 < end
            && wl.adjunct_openers.contains(t.words[cue.1])
            && !(cue.1..end).any(|i| {
                in_quote[i] || matches!(t.words[i], "that" | ":" | "," | ";" | "“" | "\"")
            });
        // A headline's "…, Official Says" ends it; "Railing Against Trump, Sanders Vows To
        // Eliminate …" goes on to what was said.
        let is_headline = is_headline && end - cue.1 < 3;
        if k >= end || is_headline || adjunct {
            return Some(vec![(dateline_end(t, a, source.0 - 1), source.0 - 1)]);
        }
        if t.words[k] == "," {
            // "A, two officials said, is B": the content runs on after the attribution,
            // unless what follows is a participle clause ("…, intensifying efforts").
            let next = t.words.get(k + 1).copied().unwrap_or("");
            let parenthetical =
                !next.ends_with("ing") && !(k..end).any(|i| in_quote[i] && t.words[i] == "“");
            let content = if parenthetical {
                vec![
                    (dateline_end(t, a, source.0 - 1), source.0 - 1),
                    (k + 1, end),
                ]
            } else {
                vec![(dateline_end(t, a, source.0 - 1), source.0 - 1)]
            };
            return Some(content);
        }
    }
    None
}
