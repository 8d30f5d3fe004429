//! A cue and a colon closing a paragraph ("The governor added:") introduce the next
//! paragraph, quoted or not, unless an attribution inside that paragraph claims it:
//! an unattributed quotation opening it takes the cue and source, else the whole
//! paragraph becomes their content.

use crate::quotes::found::{reported_kind, Found, Range};
use crate::quotes::lexicon::QuoteLexicon;
use crate::quotes::tokens::Text;
use std::collections::HashMap;

/// Attribute every paragraph introduced by the one before it.
pub fn introduce(text: &Text, found: &mut Vec<Found>) {
    let (doc, tokens, in_quote) = (text.doc, text.tokens, text.in_quote);
    let lx = QuoteLexicon::get();
    // "The governor added:" closing its paragraph introduces the next one, quoted or not,
    // unless an attribution inside that paragraph claims it.
    // The tokens inside content of an attribution with a cue, and the unattributed
    // quotations by their first token, kept up to date as paragraphs are attributed:
    // each check reads its own paragraph, not everything found.
    let n = doc.tokens.len();
    let mark = |in_cued: &mut Vec<bool>, content: &[Range]| {
        for &(u, v) in content {
            in_cued[u.min(n)..v.min(n).max(u.min(n))].fill(true);
        }
    };
    let mut in_cued = vec![false; n];
    let mut uncued = HashMap::new();
    for (k, f) in found.iter().enumerate().rev() {
        if f.cue.is_some() {
            mark(&mut in_cued, &f.content);
        } else if let Some(&(first, _)) = f.content.first() {
            uncued.insert(first, k);
        }
    }
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
        if in_cued[x.min(n)..y.min(n)].contains(&true) {
            continue;
        }
        if let Some(k) = uncued.remove(&x) {
            let f = &mut found[k];
            f.cue = Some(cue);
            f.source = Some(source);
            mark(&mut in_cued, &f.content);
            continue;
        }
        mark(&mut in_cued, &[(x, y)]);
        found.push(Found {
            content: vec![(x, y)],
            cue: Some(cue),
            source: Some(source),
            kind: reported_kind(in_quote, &[(x, y)]),
            continues: None,
        });
    }
}
