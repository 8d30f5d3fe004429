//! The stage's word lists, read once from `data/speakers/words.txt` (the `[name]`
//! format of [`crate::lexicon::words`]): titles, name suffixes, role nouns,
//! prepositions, organization nouns and the rest that the rules test words
//! against. The lists are data so that a word can be added without touching a
//! rule; each list's comment in the file says what it is for and which form of a
//! word (as written, or lower-cased) it is tested against.

use crate::lexicon::{WordLists, WordSet};
use std::sync::LazyLock;

/// The lists, each a field, so that a rule reaches its list without a lookup by name.
pub(super) struct Words {
    pub(super) titles: WordSet,
    pub(super) name_suffixes: WordSet,
    pub(super) misters: WordSet,
    pub(super) male_honorifics: WordSet,
    pub(super) female_honorifics: WordSet,
    pub(super) not_role_titles: WordSet,
    pub(super) role_qualifiers: WordSet,
    /// `[title-abbreviations]`, each `abbreviation=role` entry split at its `=`.
    pub(super) title_abbreviations: Vec<(&'static str, &'static str)>,
    pub(super) articles: WordSet,
    pub(super) phrase_prepositions: WordSet,
    pub(super) months_and_days: WordSet,
    pub(super) led_bodies: WordSet,
    pub(super) his_her: WordSet,
    pub(super) person_roles: WordSet,
    pub(super) spokesmen: WordSet,
    pub(super) more_person_roles: WordSet,
    pub(super) male_roles: WordSet,
    pub(super) female_roles: WordSet,
    pub(super) subject_pronouns: WordSet,
    pub(super) not_apposition_words: WordSet,
    pub(super) surname_prefixes: WordSet,
    pub(super) prepositions: WordSet,
    pub(super) organization_nouns: WordSet,
}

/// The lists of `data/speakers/words.txt`, read at first use.
pub(super) static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let lists = WordLists::parse(include_str!("../../data/speakers/words.txt"))
        .unwrap_or_else(|e| panic!("data/speakers/words.txt: {e}"));
    read(&lists)
});

/// The lists the stage uses, taken from `lists`.
fn read(lists: &WordLists) -> Words {
    let take = |name: &str| lists.take(name);
    let abbreviations = take("title-abbreviations");
    let mut title_abbreviations: Vec<(&'static str, &'static str)> = abbreviations
        .iter()
        .map(|e| {
            e.split_once('=')
                .unwrap_or_else(|| panic!("[title-abbreviations]: {e} is not abbreviation=role"))
        })
        .collect();
    title_abbreviations.sort_unstable();
    Words {
        titles: take("titles"),
        name_suffixes: take("name-suffixes"),
        misters: take("misters"),
        male_honorifics: take("male-honorifics"),
        female_honorifics: take("female-honorifics"),
        not_role_titles: take("not-role-titles"),
        role_qualifiers: take("role-qualifiers"),
        title_abbreviations,
        articles: take("articles"),
        phrase_prepositions: take("phrase-prepositions"),
        months_and_days: take("months-and-days"),
        led_bodies: take("led-bodies"),
        his_her: take("his-her"),
        person_roles: take("person-roles"),
        spokesmen: take("spokesmen"),
        more_person_roles: take("more-person-roles"),
        male_roles: take("male-roles"),
        female_roles: take("female-roles"),
        subject_pronouns: take("subject-pronouns"),
        not_apposition_words: take("not-apposition-words"),
        surname_prefixes: take("surname-prefixes"),
        prepositions: take("prepositions"),
        organization_nouns: take("organization-nouns"),
    }
}

impl Words {
    /// The role an abbreviated title stands for ("sen" → "senator"), if it is one.
    pub(super) fn title_abbreviation(&self, t: &str) -> Option<&'static str> {
        self.title_abbreviations
            .iter()
            .find(|&&(a, _)| a == t)
            .map(|&(_, role)| role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_in_the_file_is_read_and_every_list_read_is_in_the_file() {
        let lists = WordLists::parse(include_str!("../../data/speakers/words.txt")).unwrap();
        read(&lists);
        assert_eq!(lists.untaken(), Vec::<&str>::new(), "lists no code reads");
    }

    #[test]
    fn the_lists_hold_what_the_rules_spelled_out() {
        let w = &*WORDS;
        assert_eq!(w.titles.len(), 36);
        assert_eq!(w.phrase_prepositions.len(), 8);
        assert_eq!(w.months_and_days.len(), 19);
        assert_eq!(w.person_roles.len(), 24);
        assert_eq!(w.more_person_roles.len(), 15);
        assert_eq!(w.prepositions.len(), 24);
        assert_eq!(w.organization_nouns.len(), 21);
        assert_eq!(w.surname_prefixes.len(), 10);
        assert_eq!(w.title_abbreviation("sen"), Some("senator"));
        assert_eq!(w.title_abbreviation("mayor"), None);
        assert!(w.surname_prefixes.contains("O’") && w.name_suffixes.contains("Jr."));
    }
}
