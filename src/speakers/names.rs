//! What a name is made of: its words without possessives or titles, its surname
//! (the last word before a "Jr.", the first of a Korean name), honorifics and
//! titles ("Mr.", "Sen."), acronyms ("IMF" of "International Monetary Fund"), and
//! the words that look like names but are not the speaker's ("R-Ky.") or are a
//! name even where capitalisation says nothing ("PolitiFact"). Pure tests on words
//! (and the token before an entity), shared by clustering, roles and resolution.

use super::words::WORDS;
use crate::document::Document;

/// A word without its possessive ending ("Trump's", "Trump’s").
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Words of an entity mention without possessive endings or titles.
pub(super) fn name_words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text
        .split_whitespace()
        .map(strip_possessive)
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && is_honorific(words[0]) {
        words.remove(0);
    }
    words
}

/// Whether `short` is the initials of `long`: "IMF" of "International Monetary
/// Fund", "S.E.C." of "Securities and Exchange Commission" (lowercase words skipped).
pub(super) fn is_acronym_of(short: &str, long: &str) -> bool {
    let short = strip_possessive(short);
    let mut initials = long
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase());
    let mut n = 0;
    for c in short.chars().filter(|c| *c != '.') {
        if !c.is_ascii_uppercase() || initials.next() != Some(c) {
            return false;
        }
        n += 1;
    }
    n >= 2 && initials.next().is_none()
}

/// `short` as an acronym: without a possessive and full stops, when what is left is
/// two or more ASCII capitals ("S.E.C." → "SEC"). [`is_acronym_of`]`(short, long)`
/// holds exactly when this equals [`initials`]`(long)`.
pub(super) fn acronym_form(short: &str) -> Option<String> {
    let letters: String = strip_possessive(short)
        .chars()
        .filter(|c| *c != '.')
        .collect();
    (letters.chars().count() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase()))
        .then_some(letters)
}

/// The capital initials of `long`'s words, in order ("International Monetary Fund"
/// → "IMF"; lowercase words are skipped).
pub(super) fn initials(long: &str) -> String {
    long.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The last word of a name that is not a generational suffix; the first of a Korean
/// name, whose family name comes first ("Ban Ki-moon" is Mr. Ban).
pub(super) fn surname<'a>(words: &[&'a str]) -> Option<&'a str> {
    if let [family, given] = words {
        if is_korean_given_name(given) {
            return Some(family);
        }
    }
    words.iter().rev().find(|w| !is_name_suffix(w)).copied()
}

/// "Ki-moon", "Jong-un", "Jae-in": a capitalised syllable, a hyphen, a lower-case one.
fn is_korean_given_name(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else {
        return false;
    };
    let syllable =
        |s: &str| (2..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    syllable(a)
        && syllable(b)
        && a.starts_with(|c: char| c.is_ascii_uppercase())
        && b.chars().all(|c| c.is_ascii_lowercase())
}

/// A generational suffix after a surname: "Jr.", "Sr.", "II".
pub(super) fn is_name_suffix(w: &str) -> bool {
    WORDS.name_suffixes.contains(w)
}

/// A title or honorific before a name ("Mr.", "Sen.", "Chief Justice"), in any case,
/// with or without its period (`[titles]`).
pub(super) fn is_honorific(w: &str) -> bool {
    WORDS
        .titles
        .contains(&w.trim_end_matches('.').to_ascii_lowercase())
}

/// The token just before entity `e`, when it is a title or honorific ("Mr.", "President").
pub(super) fn entity_title(doc: &Document, e: usize) -> Option<&str> {
    let first = doc.entities[e].tokens.0 as usize;
    let prev = first.checked_sub(1)?;
    let w = doc.token_text(prev);
    w.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(w)
}

/// A party-and-state label ("R-Ky.", "D-N.Y.", "I-Vt."), which the tagger may read
/// as a name: it follows a legislator's name and is never the speaker.
pub(super) fn is_party_state(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('R' | 'D' | 'I'), Some('-'), Some(c)) if c.is_uppercase()
    )
}

/// "PolitiFact", "YouTube": a capital inside a word marks a name even where it opens
/// the phrase; "McCain", "MacArthur", "O'Neill", "DeSantis" are surnames.
pub(super) fn is_camel_case_brand(word: &str) -> bool {
    let surname_prefix = WORDS.surname_prefixes.iter().any(|p| word.starts_with(p));
    word.starts_with(char::is_uppercase)
        && !surname_prefix
        && word.chars().any(char::is_lowercase)
        // A capital from the third letter on: "PolitiFact", "YouTube".
        && word.chars().skip(2).any(char::is_uppercase)
}

pub(super) fn name_words_of<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = words.to_vec();
    while out.len() > 1 && is_honorific(out[0]) {
        out.remove(0);
    }
    if out.len() == 1 && is_honorific(out[0]) {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_form_and_initials_decide_as_is_acronym_of_does() {
        let names = [
            "IMF",
            "I.M.F.",
            "International Monetary Fund",
            "S.E.C.",
            "SEC's",
            "Securities and Exchange Commission",
            "UN",
            "United Nations",
            "U.N.",
            "Un",
            "E",
            "Élan Vital",
            "EV",
            "the Post",
            "TP",
            "",
            "NATO",
            "North Atlantic Treaty Organization",
        ];
        for short in names {
            for long in names {
                assert_eq!(
                    is_acronym_of(short, long),
                    acronym_form(short).is_some_and(|a| a == initials(long)),
                    "{short:?} of {long:?}"
                );
            }
        }
    }
}
