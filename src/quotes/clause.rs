//! Clause boundaries in a sentence, without a parser: where the main clause's
//! subject starts (past a dateline and an opening adverbial), where a clause opening
//! the sentence ends, where reported content ends (before a clause tacked on after a
//! comma, or right after its quotation), and whether a word follows a comma.

use crate::quotes::dateline::dateline_end;
use crate::quotes::found::Range;
use crate::quotes::lexicon::QuoteLexicon;
use crate::quotes::tokens::Tokens;
use crate::quotes::words::{is_weekday, opens_adverbial, words};

/// Where the main clause's subject can start in the sentence `[a, end)`: past a
/// dateline and past an opening adverbial set off by a comma ("After thanking the
/// crowd, he …", "Speaking in Salem, Trump …", "Instead, …"); `None` when an opening
/// adverbial has no comma before `end`.
pub fn subject_start(t: &Tokens, a: usize, end: usize) -> Option<usize> {
    let k = dateline_end(t, a, end);
    let first = t.words.get(k)?;
    let lower = first.to_lowercase();
    let wl = words();
    let opener = opens_adverbial(&lower)
        || wl.openers.contains(&lower)
        || wl.sentence_openers.contains(&lower)
        || (lower.len() > 4 && (lower.ends_with("ing") || lower.ends_with("ly")))
        // A past participle and its preposition: "Chastened by the analyses, Trump …".
        || (lower.len() > 4
            && lower.ends_with("ed")
            && t
                .words
                .get(k + 1)
                .is_some_and(|w| wl.past_participle_prepositions.contains(w)));
    if !opener {
        return Some(k);
    }
    // The adverbial's own list goes on past a comma ("…, as well as complaints over its
    // costs, Trump …"): the subject follows the first comma that does not continue it.
    (k + 1..end)
        .find(|&c| {
            t.words[c] == ","
                && !t
                    .words
                    .get(c + 1)
                    .is_some_and(|w| wl.list_continuers.contains(w))
        })
        .map(|c| c + 1)
}

/// Where a clause opening the sentence ends: `(end, next)`, its content's end and where
/// the main clause starts, at its first comma outside quotation marks or right after a
/// quotation closed by a comma (`After saying her foot was “so swollen,” she …`).
pub fn opening_clause_end(
    t: &Tokens,
    in_quote: &[bool],
    start: usize,
    end: usize,
) -> Option<Range> {
    (start + 1..end).find_map(|k| {
        if in_quote[k] {
            None
        } else if t.words[k] == "," {
            Some((k, k + 1))
        } else if in_quote[k - 1] && k >= 2 && t.words[k - 2] == "," {
            Some((k, k))
        } else {
            None
        }
    })
}

/// Where reported content that follows its cue ends: before a clause tacked on
/// after a comma ("…, contradicting the police", "…, which …", "…, but …"), so the
/// content is the reported proposition and not the rest of the sentence.
pub fn clause_end(t: &Tokens, in_quote: &[bool], start: usize, end: usize) -> usize {
    let lx = QuoteLexicon::get();
    let wl = words();
    (start + 3..end.saturating_sub(1))
        .find(|&k| {
            if in_quote[k] || !matches!(t.words[k], "," | "—" | "--" | ";") {
                return false;
            }
            let next = t.words[k + 1];
            let comma = t.words[k] == ",";
            // A semicolon outside quotation marks closes the reported clause.
            t.words[k] == ";"
                || (comma && wl.clause_end_after_comma.contains(next))
                || (comma
                    && next.ends_with("ing")
                    && next.chars().all(|c| c.is_ascii_lowercase()))
                // "…, and he noted that …": a second attribution coordinated with the
                // first ends the first one's content.
                || (wl.coordinators.contains(next)
                    && (k + 2..(k + 8).min(end)).any(|j| !in_quote[j] && lx.cue_at(&t.words, j).is_some()))
        })
        .unwrap_or(end)
}

/// Where reported content holding a quotation ends: right after the closing mark
/// when what follows starts a clause or an adverbial of its own (`called it a
/// “disgrace” after she …`, `chanted “What curfew?” and kept going`, `was only
/// “partial,” meaning …`), not when it goes on with the quoted words' own
/// sentence (`it would be “improper” for him to speak`).
pub fn quotation_end(t: &Tokens, in_quote: &[bool], start: usize, end: usize) -> usize {
    let wl = words();
    for k in start..end.saturating_sub(1) {
        let closes = in_quote[k] && !in_quote[k + 1] && matches!(t.words[k], "”" | "\"" | "''");
        if !closes {
            continue;
        }
        let next = t.words[k + 1];
        let after = t.words.get(k + 2).copied().unwrap_or("");
        let participle = |w: &str| w.ends_with("ing") && w.chars().all(|c| c.is_ascii_lowercase());
        let cut = wl.quotation_cut_words.contains(next)
            || matches!(next, "—" | "--")
            || is_weekday(next)
            || (wl.quotation_coordinators.contains(next) && !(k + 1..end).any(|i| in_quote[i]))
            || (next == "," && (participle(after) || wl.quotation_cut_after_comma.contains(after)));
        if cut {
            return k + 1;
        }
    }
    end
}

/// Whether the word at `i` (in a sentence starting at `a`) follows a comma, or a comma
/// and an adverb: "…, saying", "…, perhaps recognizing", "…, now arguing".
pub fn after_comma(t: &Tokens, a: usize, i: usize) -> bool {
    let adverb = |k: usize| {
        words().comma_adverbs.contains(t.words[k]) || t.is_adverb(k, QuoteLexicon::get())
    };
    (i > a && t.words[i - 1] == ",") || (i > a + 1 && t.words[i - 2] == "," && adverb(i - 1))
}
