//! Finding anonymity statements: "speaking on condition of anonymity because …",
//! "who asked not to be named", "not authorized to speak publicly". A pattern of
//! `data/sources/anonymity-statements.txt` matches; the statement is the clause
//! around the match (from its opener to the next break), and its reason what
//! follows "because", "citing", "for fear" or the anonymity words.

use crate::document::{Document, TokenKind};
use crate::phrase::anonymity::StatementPatterns;
use crate::sources::words::words;

/// A statement found in the text: its token range and the stated reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Tokens `[start, end)` of the whole statement clause.
    pub tokens: (usize, usize),
    /// Tokens of the reason, if the statement gives one.
    pub reason: Option<(usize, usize)>,
    /// Index of the sentence holding it.
    pub sentence: usize,
}

fn lower(doc: &Document, i: usize) -> String {
    doc.tokens
        .get(i)
        .and_then(|t| doc.text.get(t.bytes.0 as usize..t.bytes.1 as usize))
        .unwrap_or("")
        .to_lowercase()
        .replace('’', "'")
}

fn is_break(doc: &Document, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return true;
    };
    if t.kind.is_quote() {
        return true;
    }
    t.kind == TokenKind::Punct
        && matches!(
            lower(doc, i).as_str(),
            "," | "." | ";" | ":" | "—" | "–" | "--" | "(" | ")" | "!" | "?"
        )
}

/// Every anonymity statement in the document, in text order, none overlapping.
pub fn find(doc: &Document, patterns: &StatementPatterns) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (a, b) = (
            s.tokens.0 as usize,
            (s.tokens.1 as usize).min(doc.tokens.len()),
        );
        if a >= b {
            continue;
        }
        let words: Vec<String> = (a..b).map(|i| lower(doc, i)).collect();
        let mut k = 0;
        while k < words.len() {
            let hit = patterns.longest_at(&words, k);
            let Some(e) = hit else {
                k += 1;
                continue;
            };
            let (m0, m1) = (a + k, a + e);
            let start = clause_start(doc, a, m0);
            // "who …", "and who …": a relative clause inside the main one.
            let relative = lower(doc, start) == "who" || lower(doc, start + 1) == "who";
            let end = clause_end(doc, m1, b, relative);
            let reason = reason(doc, &words, a, start, m0, m1, end);
            let st = Statement {
                tokens: (start, end),
                reason,
                sentence: si,
            };
            match out.last_mut() {
                Some(prev) if prev.tokens.1 > start && prev.sentence == si => {
                    prev.tokens.1 = prev.tokens.1.max(end);
                    if prev.reason.is_none() {
                        prev.reason = st.reason;
                    }
                }
                _ => out.push(st),
            }
            k = e.max(end.saturating_sub(a)).max(k + 1);
        }
    }
    out
}

/// Walk back from a match to the start of its clause: a clause opener
/// ("who", "speaking", "because") within eight words, else the match itself.
fn clause_start(doc: &Document, floor: usize, m0: usize) -> usize {
    let wl = words();
    let mut i = m0;
    let mut steps = 0;
    let mut best = m0;
    while i > floor && steps < 8 {
        i -= 1;
        steps += 1;
        if is_break(doc, i) {
            break;
        }
        let w = lower(doc, i);
        if wl.clause_openers.contains(&w) {
            best = i;
            // "who spoke …", "because he was …": take the opener before, too.
            if i > floor && wl.opener_leads.contains(&lower(doc, i - 1)) {
                best = i - 1;
            }
            if wl.clause_heads.contains(&w) {
                break;
            }
        }
    }
    best
}

/// The end of the clause: the next comma, dash or sentence end; for a relative
/// clause ("who …") also the verb of saying that resumes the main clause.
fn clause_end(doc: &Document, m1: usize, ceiling: usize, relative: bool) -> usize {
    let enders = &words().clause_enders;
    let mut i = m1;
    while i < ceiling && !is_break(doc, i) && !(relative && enders.contains(&lower(doc, i))) {
        i += 1;
    }
    i
}

/// The reason: what follows "because", "for fear", "citing", or "to" right after
/// the anonymity words; for a bare "not authorized to …", the words themselves.
fn reason(
    doc: &Document,
    words: &[String],
    base: usize,
    start: usize,
    m0: usize,
    m1: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let w = |i: usize| {
        words
            .get(i.wrapping_sub(base))
            .map(String::as_str)
            .unwrap_or("")
    };
    for i in start..end {
        match w(i) {
            // "because of the sensitivity …": the reason is what follows "of".
            "because" if i + 2 < end && w(i + 1) == "of" => return Some((i + 2, end)),
            "because" if i + 1 < end => return Some((i + 1, end)),
            "fear" if i > start && w(i - 1) == "for" => return Some((i, end)),
            "citing" if i + 1 < end => return Some((i + 1, end)),
            _ => {}
        }
    }
    // "not authorized to speak publicly" is its own reason; "did not want to be
    // named" gives none.
    let wl = crate::sources::words::words();
    let permission = (m0..m1).any(|i| wl.permission_words.contains(w(i)));
    if permission {
        let _ = doc;
        // "wasn't authorized …": the reason takes the verb of the clitic.
        let from = if w(m0) == "n't" && m0 > start {
            m0 - 1
        } else {
            m0
        };
        return Some((from, end));
    }
    if m1 < end && wl.reason_openers.contains(w(m1)) {
        return Some((m1, end));
    }
    None
}
