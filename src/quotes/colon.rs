//! A colon as the cue: a quotation left without attribution after a colon that
//! closes a clause with no cue ("The letter continues: “…”", "the board was
//! conclusive in its findings: “…”") is the statement of that clause's subject.

use crate::document::QuoteKind;
use crate::quotes::clause::subject_start;
use crate::quotes::found::Found;
use crate::quotes::lexicon::QuoteLexicon;
use crate::quotes::tokens::Text;
use crate::quotes::words::words;

/// Attribute each such quotation to its clause's subject, the colon as its cue.
pub fn attribute(text: &Text, found: &mut [Found]) {
    let (doc, tokens, sent_of, in_quote) = (text.doc, text.tokens, text.sent_of, text.in_quote);
    let lx = QuoteLexicon::get();
    // "The letter continues: “…”", "the board was conclusive in its findings: “…”": a
    // quotation left without attribution after a colon that closes a clause with no cue
    // is the statement of that clause's subject, and the colon is its cue.
    for f in found.iter_mut() {
        if f.cue.is_some() || f.continues.is_some() || f.kind != QuoteKind::Direct {
            continue;
        }
        let colon = f.content[0].0.wrapping_sub(1);
        if tokens.words.get(colon) != Some(&":") || in_quote[colon] {
            continue;
        }
        let sent = &doc.sentences[sent_of[colon]];
        let Some(a) = subject_start(tokens, sent.tokens.0 as usize, colon) else {
            continue;
        };
        let cue_before =
            (a..colon).any(|k| in_quote[k] || lx.cue_at(&tokens.words[..colon], k).is_some());
        if a + 2 > colon || cue_before {
            continue;
        }
        // A headline in capitals, or a phrase ending in a function word, is no subject.
        let subject = tokens.subject_at(a, colon).filter(|&(x, y)| {
            (x..y).any(|k| tokens.words[k].chars().any(char::is_lowercase))
                && !words().dangling_words.contains(tokens.words[y - 1])
        });
        if let Some(source) = subject {
            f.cue = Some((colon, colon + 1));
            f.source = Some(source);
        }
    }
}
