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
    for k in 0..found.len() {
        let f = &found[k];
        if f.cue.is_some() || f.continues.is_some() || f.kind != QuoteKind::Direct {
            continue;
        }
        let start = f.content[0].0;
        let s = sent_of[start];
        if s == 0 || doc.sentences[s].tokens.0 as usize != start {
            continue;
        }
        let paragraph = doc.sentences[s].paragraph;
        let prev = &doc.sentences[s - 1];
        if prev.paragraph != paragraph {
            continue;
        }
        let (pa, pb) = (prev.tokens.0 as usize, prev.tokens.1 as usize);
        let target = (0..found.len()).rev().find(|&j| {
            let g = &found[j];
            j != k
                && g.cue.is_some()
                && g.source.is_some()
                && g.content.iter().any(|&(x, y)| x < pb && y > pa)
        });
        if let Some(j) = target {
            found[k].continues = Some(j);
        }
    }
}
