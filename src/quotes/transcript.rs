//! Interview transcripts: a paragraph that opens with a speaker label in capitals and a
//! colon (`WALLACE: If I may, sir, …`, `MR. TRUMP: …`) is that speaker's turn, and the
//! rest of the paragraph is what they said. Taken only where the article has at least
//! two such turns, so a lone `UPDATE:` or `WASHINGTON:` line is left alone. The same
//! shape in a headline, in title case, is a headline attribution: `Pence: Gennifer
//! Flowers Won't Be at Debate`.

use crate::document::{Document, QuoteKind};
use crate::quotes::found::{Found, Range};
use crate::quotes::lexicon::{QuoteLexicon, SourceWord};
use crate::quotes::tokens::Tokens;
use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

const NOT_SPEAKERS: &str = include_str!("../../data/quotes/not-speaker-labels.txt");

/// Longest speaker label, in tokens ("SEN. ELIZABETH WARREN").
const MAX_LABEL: usize = 4;

fn not_speakers() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        NOT_SPEAKERS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_uppercase)
            .collect()
    })
}

/// A token of a speaker label: a word in capitals ("PENCE", "O'ROURKE") or a
/// capitalised title abbreviation ("MR.", "SEN.").
fn label_word(w: &str) -> bool {
    let core = w.strip_suffix('.').unwrap_or(w);
    let mut letters = 0;
    for c in core.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '\'' | '’' | '-') {
            return false;
        }
    }
    letters >= 1 && (letters >= 2 || w.ends_with('.'))
}

/// The colon after a speaker label that opens at `a`: at most `MAX_LABEL` words, each
/// accepted by `word`, and not a label that names no one ("UPDATE:").
fn label_end(t: &Tokens, a: usize, end: usize, word: impl Fn(&str) -> bool) -> Option<usize> {
    let colon = (a + 1..(a + MAX_LABEL + 1).min(end)).find(|&k| t.words[k] == ":")?;
    if !(a..colon).all(|k| word(t.words[k])) {
        return None;
    }
    let label = t.words[a..colon].join(" ").to_uppercase();
    (!not_speakers().contains(&label)).then_some(colon)
}

/// Add the turns of an interview transcript to `found`: each `NAME: …` turn is its
/// speaker's statement. Returns the turns' labels (from a turn's first token to its
/// content's first) and their spans, for [`super::nested`].
pub fn take_turns(
    doc: &Document,
    tokens: &Tokens,
    found: &mut Vec<Found>,
) -> (Vec<RangeInclusive<usize>>, Vec<Range>) {
    // Interview transcripts: each `NAME: …` turn is its speaker's statement. It takes
    // the place of an unattributed quotation that opens on its label (block-quoted
    // transcripts put a quote mark before each turn).
    let mut labels = Vec::new();
    let mut turn_spans: Vec<Range> = Vec::new();
    let turns = turns(doc, tokens);
    if turns.is_empty() {
        return (labels, turn_spans);
    }
    // The attributions with a cue whose content touches each paragraph: a turn,
    // which lies in its paragraph, is checked against those alone.
    let mut paragraph_of = vec![0; doc.tokens.len()];
    for sentence in &doc.sentences {
        let (a, b) = (sentence.tokens.0 as usize, sentence.tokens.1 as usize);
        for p in paragraph_of.get_mut(a..b).into_iter().flatten() {
            *p = sentence.paragraph as usize;
        }
    }
    // The paragraphs `[a, b)` touches, as `first..last + 1` (empty when none).
    let paragraphs = |(a, b): Range| {
        let last = b.min(paragraph_of.len()).saturating_sub(1);
        match (paragraph_of.get(a), paragraph_of.get(last)) {
            (Some(&p), Some(&q)) if a <= last => p..q + 1,
            _ => 0..0,
        }
    };
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); doc.paragraphs.len()];
    for (k, f) in found.iter().enumerate().filter(|(_, f)| f.cue.is_some()) {
        for &span in &f.content {
            for p in paragraphs((span.0, span.1.max(span.0 + 1))) {
                if let Some(list) = touching.get_mut(p) {
                    if list.last() != Some(&k) {
                        list.push(k);
                    }
                }
            }
        }
    }
    for (turn, start) in turns {
        // A turn already read as an attributed quotation ("Said Ellis: “…”") stays so;
        // an attribution inside the turn ("PENCE: … Hillary Clinton wants …") does not
        // take it.
        let (x, y) = (turn.content[0].0, turn.content[turn.content.len() - 1].1);
        let taken = paragraphs((x, y))
            .filter_map(|p| touching.get(p))
            .flatten()
            .any(|&k| {
                let f = &found[k];
                f.cue.is_some_and(|(c, _)| c < x || c >= y)
                    && f.content.iter().any(|&(a, b)| a < y && x < b)
            });
        if taken {
            continue;
        }
        labels.push(start..=turn.content[0].0);
        turn_spans.push((x, y));
        found.push(turn);
    }
    (labels, turn_spans)
}

/// The turns of a transcript: `(label, colon, rest of the paragraph)` per paragraph,
/// each with the paragraph's first token (an opening quote mark may come before the
/// label, as in block-quoted transcripts).
fn turns(doc: &Document, t: &Tokens) -> Vec<(Found, usize)> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let (s0, s1) = (p.sentences.0 as usize, p.sentences.1 as usize);
        let (Some(first), Some(last)) = (
            doc.sentences.get(s0),
            s1.checked_sub(1).and_then(|s| doc.sentences.get(s)),
        ) else {
            continue;
        };
        let (start, end) = (first.tokens.0 as usize, last.tokens.1 as usize);
        let a = if start < end && matches!(t.words[start], "\"" | "“" | "``" | "'") {
            start + 1
        } else {
            start
        };
        if a >= end {
            continue;
        }
        let Some(colon) = label_end(t, a, end, label_word) else {
            continue;
        };
        // The content: the rest of the paragraph, without a closing quote mark or a
        // final full stop.
        let mut e = end;
        while e > colon + 1 && matches!(t.words[e - 1], "." | "," | ";" | "\"" | "”" | "''") {
            e -= 1;
        }
        if e <= colon + 1 {
            continue;
        }
        out.push((labelled(a, colon, e, QuoteKind::Direct), start));
    }
    if out.len() < 2 {
        out.clear();
    }
    if let Some(h) = headline(doc, t) {
        if out
            .first()
            .is_none_or(|(f, _)| f.content[0].0 > h.0.content[0].0)
        {
            out.insert(0, h);
        }
    }
    out
}

/// `Name: statement` as the first paragraph of the article (its headline): a label of
/// capitalised words, a colon, then at least three words.
fn headline(doc: &Document, t: &Tokens) -> Option<(Found, usize)> {
    let p = doc.paragraphs.first()?;
    if p.sentences.1 - p.sentences.0 != 1 {
        return None;
    }
    let s = doc.sentences.get(p.sentences.0 as usize)?;
    let (mut a, end) = (s.tokens.0 as usize, s.tokens.1 as usize);
    // "EXCLUSIVE – Roger Stone: …": a tag in capitals and a dash before the label.
    let dash = (a + 1..(a + 3).min(end)).find(|&k| matches!(t.words[k], "—" | "–" | "-" | "--"));
    if let Some(dash) = dash.filter(|&d| (a..d).all(|k| label_word(t.words[k]))) {
        a = dash + 1;
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let colon = label_end(t, a, end, capitalised)?;
    // The label must name someone: an entity that ends it ("Dr. Ben Carson", "NY Daily
    // News", "OK Gov Fallin"), or a source noun ("Poll", "Insiders"); "Wow:", "Revealed:"
    // or "The Latest:" are headline styling.
    let named = doc.entities.iter().any(|e| {
        let (x, y) = (e.tokens.0 as usize, e.tokens.1 as usize);
        x >= a && y == colon
    });
    let source_noun = QuoteLexicon::get()
        .source_word(t.words[colon - 1])
        .is_some_and(|w| w == SourceWord::Noun);
    if !named && !source_noun {
        return None;
    }
    let words = (colon + 1..end)
        .filter(|&k| doc.tokens[k].kind.is_word())
        .count();
    if words < 3 {
        return None;
    }
    Some((labelled(a, colon, end, QuoteKind::Indirect), a))
}

/// `LABEL: statement` as an attribution: the label `[a, colon)` is the source, the
/// colon the cue, `(colon, end)` the content.
fn labelled(a: usize, colon: usize, end: usize, kind: QuoteKind) -> Found {
    Found {
        content: vec![(colon + 1, end)],
        cue: Some((colon, colon + 1)),
        source: Some((a, colon)),
        kind,
        continues: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_words() {
        for w in ["PENCE", "MR.", "O'ROURKE", "SEN.", "JEAN-PIERRE"] {
            assert!(label_word(w), "{w}");
        }
        for w in ["Pence", "I", "2016", ":", "", "A-"] {
            assert!(!label_word(w), "{w}");
        }
    }
}
