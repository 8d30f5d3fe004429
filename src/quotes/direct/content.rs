//! The content of an attributed quotation, where it is more than the quotation: a
//! paraphrase that runs into it ("X said that “…”", "said the spending was “…”"),
//! with the start of its sentence when the cue is set off by commas inside it ("The
//! weapons it has, he added, are like “…”"); the start of the sentence before a
//! quotation attributed after it ("Belgium failed to act and “should have acted
//! sooner,” he said"); and a paraphrase running on past the quotation. Each makes
//! the quote mixed.

use crate::document::TokenKind;
use crate::quotes::dateline::dateline_end;
use crate::quotes::found::Range;
use crate::quotes::lexicon::QuoteLexicon;
use crate::quotes::marks::Quoted;
use crate::quotes::tokens::Text;

/// Content opened by a "that" (or the words after the cue) at `t`: it starts there,
/// and a cue set off by commas inside the sentence reports the sentence's start too.
pub fn from_that(
    text: &Text,
    q: &Quoted,
    (source, cue): (Option<Range>, Range),
    t: usize,
    before: bool,
    content: &mut Vec<Range>,
) {
    let (doc, tokens, sent_of, in_quote) = (text.doc, text.tokens, text.sent_of, text.in_quote);
    content[0].0 = t;
    // "The weapons it has, he added, are like “…”": a cue set off by commas
    // inside the sentence reports its start too.
    let sent = &doc.sentences[sent_of[q.first()]];
    let lead = dateline_end(tokens, sent.tokens.0 as usize, cue.0);
    let parenthetical = before
        && q.segments.len() == 1
        && tokens.words[cue.1] == ","
        && t == cue.1 + 1
        && source.is_some_and(|(x, _)| {
            x > lead + 2
                && tokens.words[x - 1] == ","
                && !(lead..x - 1).any(|k| in_quote[k] || matches!(tokens.words[k], ":" | ";"))
        });
    if parenthetical {
        let x = source.map_or(0, |(x, _)| x);
        content.insert(0, (lead, x - 1));
    }
}

/// "Belgium failed to act and “should have acted sooner,” he said": a quotation
/// inside its sentence, attributed after it, reports the sentence's start too, when
/// no quotation, colon or cue lies before it. Whether the content was extended.
pub fn sentence_lead(text: &Text, q: &Quoted, content: &mut [Range]) -> bool {
    let (doc, tokens, sent_of, in_quote) = (text.doc, text.tokens, text.sent_of, text.in_quote);
    let lx = QuoteLexicon::get();
    let sent = &doc.sentences[sent_of[q.first()]];
    let a = sent.tokens.0 as usize;
    let lead = dateline_end(tokens, a, q.first());
    let quiet = (lead..q.first()).all(|k| {
        !in_quote[k]
            && !matches!(tokens.words[k], ":" | ";")
            && lx.cue_at(&tokens.words[..q.first()], k).is_none()
    });
    if quiet && q.first() > lead {
        content[0].0 = lead;
        return true;
    }
    false
}

/// "X said that “…” against …": the paraphrase runs on past the quotation to the end
/// of its sentence. Whether the content was extended.
pub fn runs_on(text: &Text, q: &Quoted, content: &mut [Range]) -> bool {
    let doc = text.doc;
    let sent = &doc.sentences[text.sent_of[q.last() - 1]];
    let mut end = sent.tokens.1 as usize;
    while end > q.last() && doc.tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    if end > q.last() + 1 && q.segments.len() == 1 {
        content[0].1 = end;
        return true;
    }
    false
}
