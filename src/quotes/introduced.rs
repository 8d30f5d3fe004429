//! A cue and a colon closing a paragraph ("The governor added:") introduce the next
//! paragraph, quoted or not, unless an attribution inside that paragraph claims it:
//! an unattributed quotation opening it takes the cue and source, else the whole
//! paragraph becomes their content.

use crate::quotes::found::{reported_kind, Found};
use crate::quotes::lexicon::QuoteLexicon;
use crate::quotes::tokens::Text;

/// Attribute every paragraph introduced by the one before it.
pub fn introduce(text: &Text, found: &mut Vec<Found>) {
    let (doc, tokens, in_quote) = (text.doc, text.tokens, text.in_quote);
    let lx = QuoteLexicon::get();
    // "The governor added:" closing its paragraph introduces the next one, quoted or not,
    // unless an attribution inside that paragraph claims it.
    for (p, para) in doc.paragraphs.iter().enumerate() {
        let Some(next) = doc.paragraphs.get(p + 1) else {
            break;
        };
        let last_sentence = &doc.sentences[para.sentences.1 as usize - 1];
        let (a, b) = (
            last_sentence.tokens.0 as usize,
            last_sentence.tokens.1 as usize,
        );
        if b < a + 3 || tokens.words[b - 1] != ":" || in_quote[b - 1] {
            continue;
        }
        // The cue ends right before the colon.
        let Some(cue) = (a..b - 1).rev().take(4).find_map(|i| {
            lx.cue_at(&tokens.words, i)
                .filter(|&(n, _)| i + n == b - 1)
                .map(|(n, _)| (i, i + n))
        }) else {
            continue;
        };
        let Some(source) = tokens.source_before(a, cue.0) else {
            continue;
        };
        let (x, y) = (
            doc.sentences[next.sentences.0 as usize].tokens.0 as usize,
            doc.sentences[next.sentences.1 as usize - 1].tokens.1 as usize,
        );
        if found
            .iter()
            .any(|f| f.cue.is_some() && f.content.iter().any(|&(u, v)| u < y && x < v))
        {
            continue;
        }
        if let Some(f) = found
            .iter_mut()
            .find(|f| f.cue.is_none() && f.content[0].0 == x)
        {
            f.cue = Some(cue);
            f.source = Some(source);
            continue;
        }
        found.push(Found {
            content: vec![(x, y)],
            cue: Some(cue),
            source: Some(source),
            kind: reported_kind(in_quote, &[(x, y)]),
            continues: None,
        });
    }
}
