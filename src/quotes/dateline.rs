//! A dateline opening a paragraph ("WASHINGTON —", "LOS ANGELES (AP) —"): no part
//! of the content or the subject after it.

use crate::quotes::tokens::Tokens;

/// Where content starts once a dateline opening the paragraph is skipped ("WASHINGTON —").
pub fn dateline_end(t: &Tokens, a: usize, end: usize) -> usize {
    let mut i = a;
    while i < end
        && i - a < 4
        && t.words[i].chars().any(char::is_alphabetic)
        && !t.words[i].chars().any(char::is_lowercase)
    {
        i += 1;
    }
    if i > a && i < end && matches!(t.words[i], "—" | "–" | "-" | "--") {
        return i + 1;
    }
    // "Philadelphia (AFP) –", "LOS ANGELES (AP) —": a place in any case, then the agency.
    let mut i = a;
    while i < end && i - a < 4 && t.is_capitalized(i) {
        i += 1;
    }
    let agency = i > a
        && i + 3 < end
        && t.words[i] == "("
        && t.words[i + 1].chars().all(|c| c.is_ascii_uppercase())
        && t.words[i + 2] == ")"
        && matches!(t.words[i + 3], "—" | "–" | "-" | "--");
    if agency {
        i + 4
    } else {
        a
    }
}
