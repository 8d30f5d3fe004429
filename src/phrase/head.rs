//! The core phrase and its head noun. A mention is trimmed of punctuation, its
//! core runs from after "one of" to the first post-modifier (a relative clause, a
//! preposition, a participle: "officials *familiar with the talks*"), and the head
//! is the core's last word, looked up (as a two-word phrase first) in the noun
//! lists of `data/sources/lexicon.txt` for its class, lemma and number.

use super::lexicon::{Noun, PronounClass, SourceLexicon};
use super::reading::Reading;
use super::tokens::{capitalized, entity_index_at, is_word, strip_possessive, tok_text};
use super::words::words;
use crate::document::Document;

/// The trimmed mention and its core phrase.
pub struct Core {
    /// The mention's tokens without punctuation and quotation marks at the ends.
    pub a: usize,
    pub b: usize,
    /// The core phrase: after "one of", before any post-modifier.
    pub start: usize,
    pub end: usize,
    /// The core's words, lowercase.
    pub words: Vec<String>,
    /// The core is followed by a post-modifier that hides a name ("familiar",
    /// "close", "briefed", "with", "who" …).
    pub anonymizing_postmod: bool,
    /// The first comma after the core, if the mention has one.
    pub comma: Option<usize>,
}

/// The head of the core.
pub struct Head<'d> {
    /// The mention's first word, lowercase.
    pub first: String,
    /// The head token and its text as written.
    pub tok: usize,
    pub raw: &'d str,
    /// The head word, lowercase, without a possessive.
    pub word: String,
    /// The noun-list entry of the head (or of the two words ending at it).
    pub noun: Option<Noun>,
}

/// Trim punctuation and quotation marks at both ends of `[a, b)`; `None` when no
/// word is left.
pub fn trim(doc: &Document, a: usize, b: usize) -> Option<(usize, usize)> {
    let (mut a, mut b) = (a, b.min(doc.tokens.len()));
    while a < b && !is_word(doc, a) {
        a += 1;
    }
    while b > a && !is_word(doc, b - 1) {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// The core phrase of the trimmed mention `[a, b)`.
pub fn core(doc: &Document, lx: &SourceLexicon, a: usize, b: usize) -> Core {
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let wl = words();
    // "one of Mr. Obama's advisers": the phrase after "of" is the core.
    let mut core_start = a;
    if b - a > 2 && low(a + 1) == "of" && lx.number(&low(a)).is_some() {
        core_start = a + 2;
    }
    // The core runs to the first post-modifier, or on through a name that spans it.
    let mut core_end = b;
    let mut i = core_start + 1;
    while i < b {
        let w = low(i);
        let in_entity = entity_index_at(doc, i).is_some_and(|k| {
            let e = &doc.entities[k];
            (e.tokens.0 as usize) < i && e.tokens.0 as usize >= core_start
        });
        let prev = low(i - 1);
        let after_noun = is_word(doc, i - 1)
            && lx.number(&prev).is_none()
            && !lx.is_definite(&prev)
            && !lx.is_possessive(&prev)
            && prev != "and";
        let participle = after_noun
            && !capitalized(tok_text(doc, i))
            && w.len() > 4
            && (w.ends_with("ing") || w.ends_with("ed"));
        let pronoun = after_noun
            && matches!(
                lx.pronoun(&w),
                Some(PronounClass::Author | PronounClass::Singular | PronounClass::Plural)
            );
        // "familiar with", "close to", but "a familiar voice", "a close friend".
        let adjective = wl.close_adjectives.contains(&w) && i + 1 < b && {
            let next = low(i + 1);
            !(next == "," || wl.adjective_complements.contains(&next))
        };
        if (lx.is_postmod(&w) || participle || pronoun) && !in_entity && !adjective {
            core_end = i;
            break;
        }
        i += 1;
    }
    let words: Vec<String> = (core_start..core_end).map(low).collect();
    let anonymizing_postmod = core_end < b && wl.anonymizing_postmodifiers.contains(&low(core_end));
    let comma = (core_end..b).find(|&i| tok_text(doc, i) == ",");
    Core {
        a,
        b,
        start: core_start,
        end: core_end,
        words,
        anonymizing_postmod,
        comma,
    }
}

/// Find the head of the core and note its determiner, word, number and lemma.
pub fn head<'d>(doc: &'d Document, lx: &SourceLexicon, core: &Core, r: &mut Reading) -> Head<'d> {
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let (core_start, core_end) = (core.start, core.end);
    let first = low(core.a);
    r.indefinite = lx.number(&first) == Some("a");
    r.definite = lx.is_definite(&first);
    let head_tok = core_end.saturating_sub(1).max(core_start);
    let head_raw = tok_text(doc, head_tok);
    let head = strip_possessive(head_raw).to_lowercase();
    let two = if core_end >= core_start + 2 {
        Some(format!("{} {}", low(core_end - 2), head))
    } else {
        None
    };
    let noun = two
        .as_deref()
        .and_then(|t| lx.noun(t))
        .or_else(|| lx.noun(&head))
        .cloned();
    r.head = Some(head.clone());
    r.plural = noun.as_ref().map_or(
        head.ends_with('s') && !head.ends_with("ss") && head.len() > 3,
        |n| n.plural,
    );
    r.lemma = Some(noun.as_ref().map_or(head.clone(), |n| n.lemma.clone()));
    Head {
        first,
        tok: head_tok,
        raw: head_raw,
        word: head,
        noun,
    }
}
