//! Reported speech: every cue outside quotation marks, sentence by sentence, read
//! as an indirect or mixed attribution.
//!
//! For each word of a sentence, in order (a cue's words, once taken, are skipped):
//!
//! 1. The cue: one of the lexicon (`data/quotes/cues.txt`) unless [`cue`] reads it as
//!    a noun, a name or an infinitive there, or a proposer vetoes it; else one a
//!    proposer proposes ([`crate::quotes::propose`]: the learned cue model,
//!    [`crate::quotes::learned_cues`], by default).
//! 2. [`opening`]: a participle clause opening the sentence ("After saying …, she").
//! 3. [`shared`]: a cue sharing its clause's source ("and added", ", saying").
//! 4. [`patterns`]: the patterns of reported speech, one file each
//!    ([`according`], [`passive`], [`inverted`], [`aside`], [`content_first`],
//!    [`source_first`]), whose reading [`accept`] checks; else a proposer's (the
//!    learned span model's, [`crate::quotes::learned_spans`]).

pub mod accept;
pub mod according;
pub mod aside;
pub mod content_first;
pub mod cue;
pub mod inverted;
pub mod opening;
pub mod passive;
pub mod patterns;
pub mod shared;
pub mod source_first;

use crate::quotes::clause::after_comma;
use crate::quotes::found::{around, reported_kind, Found, Range};
use crate::quotes::lexicon::{CueClass, QuoteLexicon};
use crate::quotes::propose::Proposed;
use crate::quotes::tokens::{is_title_case, Text};
use patterns::complete;

/// Read the cues of every sentence into `found`, marking the cues taken in `used_cue`.
pub fn find(text: &Text, found: &mut Vec<Found>, used_cue: &mut [bool], proposed: &mut Proposed) {
    let (doc, tokens, in_quote) = (text.doc, text.tokens, text.in_quote);
    let lx = QuoteLexicon::get();
    // The first attribution (in `found` order) whose source starts in each sentence;
    // kept up to date as attributions are found below.
    let mut first_source = SourcesBySentence::new(text, found);
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        // A sentence without closing punctuation, or the first paragraph in title case, is
        // a headline, where capitalised words may be cues.
        let headline = !matches!(
            tokens.words[b - 1],
            "." | "!" | "?" | "”" | "\"" | "''" | ":" | ","
        ) || (sent.paragraph == 0 && is_title_case(tokens, a, b));
        first_source.catch_up(text, found);
        let mut sentence_source: Option<Range> = first_source.of(s).and_then(|k| found[k].source);
        let mut i = a;
        while i < b {
            if in_quote[i] || used_cue[i] {
                i += 1;
                continue;
            }
            let mut proposed_cue = false;
            let (n, class) = match lx.cue_at(&tokens.words[..b], i) {
                Some(c) => c,
                None => {
                    // A cue the lexicon does not know, proposed by a proposer.
                    let Some((cue, class)) = proposed.cue_at((a, b), i) else {
                        i += 1;
                        continue;
                    };
                    if cue::opens_anonymity_statement(tokens, i, b) {
                        i += 1;
                        continue;
                    }
                    // A participle after a comma ("…, fueling worries that …") shares
                    // the clause's subject below, as a lexicon cue does.
                    let shares =
                        cue.0 == i && tokens.words[i].ends_with("ing") && after_comma(tokens, a, i);
                    if shares {
                        proposed_cue = true;
                        (cue.1 - cue.0, class)
                    } else {
                        let w = around(cue, (a, b));
                        if let Some(f) = complete(text, w, cue, class, s, found, proposed) {
                            record(f, found, used_cue, &mut sentence_source);
                            i = cue.1;
                            continue;
                        }
                        i += 1;
                        continue;
                    }
                }
            };
            if !proposed_cue && cue::not_a_cue_here(tokens, a, i, headline)
                || cue::opens_anonymity_statement(tokens, i, b)
            {
                i += 1;
                continue;
            }
            if !proposed_cue && proposed.vetoes((a, b), i) {
                i += 1;
                continue;
            }
            let cue = (i, i + n);
            // The sentence as this cue reads it: all of it, unless it is very long.
            let (a, b) = around(cue, (a, b));
            // "X said A and added B", "X did A, saying B": the cue shares the clause's source.
            let participle = tokens.words[i].ends_with("ing") && class != CueClass::According;
            let after_preposition = shared::after_preposition(text, a, i, participle, found);
            if let Some((content, src)) = opening::read(tokens, in_quote, (a, b), cue, participle) {
                used_cue[i..i + n].iter_mut().for_each(|x| *x = true);
                found.push(Found {
                    content: vec![content],
                    cue: Some(cue),
                    source: Some(src),
                    kind: reported_kind(in_quote, &[content]),
                    continues: None,
                });
                sentence_source.get_or_insert(src);
                i += n;
                continue;
            }
            let sharing = shared::read(
                text,
                (a, b),
                cue,
                participle,
                after_preposition,
                found,
                &mut sentence_source,
            );
            if let Some((content, src)) = sharing {
                used_cue[i..i + n].iter_mut().for_each(|x| *x = true);
                let content = vec![content];
                found.push(Found {
                    kind: reported_kind(in_quote, &content),
                    content,
                    cue: Some(cue),
                    source: Some(src),
                    continues: None,
                });
                i += n;
                continue;
            }
            if let Some(f) = complete(text, (a, b), cue, class, s, found, proposed) {
                record(f, found, used_cue, &mut sentence_source);
            }
            i += n;
        }
    }
}

/// For each sentence, the first attribution whose source starts in it.
struct SourcesBySentence {
    first: Vec<Option<usize>>,
    /// How many attributions of `found` are indexed.
    seen: usize,
}

impl SourcesBySentence {
    fn new(text: &Text, found: &[Found]) -> Self {
        let mut index = SourcesBySentence {
            first: vec![None; text.doc.sentences.len()],
            seen: 0,
        };
        index.catch_up(text, found);
        index
    }

    /// Index the attributions found since the last call.
    fn catch_up(&mut self, text: &Text, found: &[Found]) {
        for (k, f) in found.iter().enumerate().skip(self.seen) {
            if let Some(slot) = f
                .source
                .and_then(|(x, _)| text.sent_of.get(x))
                .and_then(|&s| self.first.get_mut(s))
            {
                slot.get_or_insert(k);
            }
        }
        self.seen = found.len();
    }

    fn of(&self, sentence: usize) -> Option<usize> {
        self.first.get(sentence).copied().flatten()
    }
}

/// Keep an attribution found at a cue: its cue words are taken, and its source is
/// the one later cues of the sentence may share.
fn record(
    f: Found,
    found: &mut Vec<Found>,
    used_cue: &mut [bool],
    sentence_source: &mut Option<Range>,
) {
    if let Some((x, y)) = f.cue {
        used_cue[x..y].iter_mut().for_each(|u| *u = true);
    }
    if f.source.is_some() {
        *sentence_source = f.source;
    }
    found.push(f);
}
