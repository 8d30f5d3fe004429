//! First names and the gender they usually carry, from `data/speakers/first-names.txt`
//! (hand-written, names in the news) and `data/speakers/census-first-names.txt` (the
//! US Census 1990 lists, written by `scripts/first_names.py`). The phrase reader
//! ([`crate::phrase`]) asks whether a word is a first name; the `speakers` stage asks
//! which gender a name's owner likely has, to match pronouns.

use std::collections::HashMap;

/// A gender a pronoun, title or first name points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Whether `name` is a common first name in the news (`data/speakers/first-names.txt`).
/// The Census lists are left out: they hold words such as "Young" or "Will" that
/// open other phrases.
pub fn is_first_name(name: &str) -> bool {
    static NAMES: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            first_names(include_str!("../../data/speakers/first-names.txt"))
                .map(|(n, _)| n)
                .collect()
        })
        .contains(name)
}

/// Gender of a first name, from `data/speakers/first-names.txt` and the Census lists
/// (`data/speakers/census-first-names.txt`, written by `scripts/first_names.py`).
pub fn first_name_gender(name: &str) -> Option<Gender> {
    static NAMES: std::sync::OnceLock<HashMap<&'static str, Gender>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            // The hand-written list (names in the news the Census lists lack) is read
            // last, so that it wins over the Census lists.
            let census = include_str!("../../data/speakers/census-first-names.txt");
            let mut names: HashMap<&'static str, Gender> = HashMap::new();
            for text in [census, include_str!("../../data/speakers/first-names.txt")] {
                names.extend(first_names(text));
            }
            names
        })
        .get(name)
        .copied()
}

/// `CLASS<TAB>NAME` lines of a first-name list.
fn first_names(text: &'static str) -> impl Iterator<Item = (&'static str, Gender)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(g, n)| match g {
            "female" => Some((n, Gender::Female)),
            "male" => Some((n, Gender::Male)),
            _ => None,
        })
}
