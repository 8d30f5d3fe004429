//! A quotation left without attribution that opens the sentence after an attribution
//! of its paragraph continues it (found by either pass: "“A” of the plan, X said.
//! “B”", "X called him a master at deals. “He showed …”").

use crate::document::QuoteKind;
use crate::quotes::found::Found;
use crate::quotes::tokens::Text;

/// Link each such quotation to the attribution it continues.
pub fn link(text: &Text, found: &mut [Found]) {
    let (doc, sent_of) = (text.doc, text.sent_of);
    // A quotation left without attribution that opens the sentence after an attribution
    // of its paragraph (found by either pass: "“A” of the plan, X said. “B”", "X called
    // him a master at deals. “He showed …”") continues it.
    // For each sentence, the latest attribution with cue and source whose content
    // touches it: one lookup per quotation rather than a scan of all found.
    let mut latest: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    for (j, g) in found.iter().enumerate() {
        if g.cue.is_none() || g.source.is_none() {
            continue;
        }
        for &(x, y) in &g.content {
            let touched = if x < y {
                sent_of.get(x).zip(sent_of.get(y - 1))
            } else {
                // An empty range touches its sentence only strictly inside it.
                sent_of
                    .get(x)
                    .filter(|&&s| doc.sentences[s].tokens.0 as usize != x)
                    .map(|s| (s, s))
            };
            if let Some((&s0, &s1)) = touched {
                for slot in &mut latest[s0..=s1] {
                    *slot = Some(slot.map_or(j, |l| l.max(j)));
                }
            }
        }
    }
    for f in found.iter_mut() {
        if f.cue.is_some() || f.continues.is_some() || f.kind != QuoteKind::Direct {
            continue;
        }
        let start = f.content[0].0;
        let s = sent_of[start];
        if s == 0 || doc.sentences[s].tokens.0 as usize != start {
            continue;
        }
        let paragraph = doc.sentences[s].paragraph;
        if doc.sentences[s - 1].paragraph != paragraph {
            continue;
        }
        if let Some(j) = latest[s - 1] {
            f.continues = Some(j);
        }
    }
}
